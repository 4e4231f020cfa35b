"""Copy relations in Spark: the local candidate index and verification, spread over tasks.

1. Per partition, ``index_chunk`` (the local code: shingles, rensa MinHash, band keys, sampled
   shingles) gives each chunk of documents' bucket entries, (band, key, document) per band and
   (``SAMPLE_BAND``, hash, document) per sampled shingle, handed to Spark as Arrow data (one IPC
   stream per chunk, unpacked by ``mapInArrow``): no Python object, no pickling per entry.
2. The JVM shuffles the entries by (band, key), so that each bucket lies whole in one partition;
   per partition the local ``pairs_in_runs`` pairs the runs of equal keys with the local rules (a
   bucket larger than ``max_bucket`` gives star pairs with its first document for LSH, nothing for
   sampled shingles) and counts the sampled pairs; the JVM sums the counts per pair. A pair is a
   candidate if it shares a bucket of any band, or at least ``min_shared_samples`` sampled shingles.
3. Only the candidate pairs come back to the driver; the articles they name (picked by a
   broadcast of their positions, so that the other articles are not shuffled) are joined to them,
   and each pair is verified by ``copies.verify`` (``compare``, ``is_linked``, ``build_relation``),
   left being the earlier input, as locally.

Translations (articles in different languages, a multilingual encoder) are found on the driver
by the local ``translation_relations``, only where the batch mixes languages.
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator

import numpy as np

from newsfuse.config import CopiesConfig
from newsfuse.copies.candidates import CHUNK_DOCUMENTS, EMPTY_PAIRS, count_pairs, distinct_pairs, index_chunk, pairs_in_runs
from newsfuse.copies.verify import Profile, build_relation, compare, is_linked, profile, shared_credits
from newsfuse.model import Article, Relation
from newsfuse.spark.session import SHUFFLE_PARTITIONS_PER_CORE

SAMPLE_BAND = -1  # the band of sampled shingles' entries
PROFILE_CACHE = 256  # verification profiles kept per task (pairs arrive grouped by one side)
ENTRY_SCHEMA = "band int, key long, document long"
PAIR_SCHEMA = "left long, right long, lsh boolean, shared int"
INPUT_PARTITIONS_PER_BUCKET_PARTITION = 4  # bucket partitions grow with the input (memory of one task)


def _entries_stream(chunk: list[tuple[int, Article]], config: CopiesConfig) -> bytes:
    """The bucket entries of a chunk of documents as one Arrow IPC stream of (band, key, document)."""
    import pyarrow as pa

    documents = np.array([index for index, _ in chunk], dtype=np.int64)
    found = index_chunk(["\n".join(article.body) for _, article in chunk], config)
    bands = found.keys.shape[1]
    band = np.concatenate((np.tile(np.arange(bands, dtype=np.int32), found.size),
                           np.full(found.samples.size, SAMPLE_BAND, dtype=np.int32)))
    key = np.concatenate((found.keys.ravel(), found.samples)).view(np.int64)
    document = np.concatenate((np.repeat(documents, bands), documents[found.sample_documents]))
    batch = pa.RecordBatch.from_arrays([pa.array(band), pa.array(key), pa.array(document)],
                                       names=["band", "key", "document"])
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, batch.schema) as writer:
        writer.write_batch(batch)
    return sink.getvalue().to_pybytes()


def bucket_entries(rows: Iterable[tuple[int, Article]], config: CopiesConfig) -> Iterator[tuple[bytes]]:
    """Per chunk of documents, one row holding its bucket entries as an Arrow IPC stream: a row
    (band, key, document) per band of every document and (``SAMPLE_BAND``, hash, document) per
    sampled shingle, as the local index makes them."""
    chunk: list[tuple[int, Article]] = []
    for item in rows:
        chunk.append(item)
        if len(chunk) == CHUNK_DOCUMENTS:
            yield (_entries_stream(chunk, config),)
            chunk = []
    if chunk:
        yield (_entries_stream(chunk, config),)


def unpacked_entries(batches: Iterable) -> Iterator:
    """The Arrow batches inside the IPC streams of a column ``entries``."""
    import pyarrow as pa

    for batch in batches:
        for stream in batch.column("entries"):
            yield from pa.ipc.open_stream(stream.as_buffer()).read_all().to_batches()


def partition_pairs(batches: Iterable, config: CopiesConfig) -> Iterator:
    """Arrow batches of (left, right, lsh, shared) from one partition of bucket entries that holds
    whole buckets: runs of equal keys paired by the local ``pairs_in_runs`` (LSH per band, stars on
    large buckets; sampled shingles, large buckets dropped), sampled pairs counted here."""
    import pyarrow as pa

    batches = [batch for batch in batches if batch.num_rows]
    if not batches:
        return
    table = pa.Table.from_batches(batches)
    band, key, document = (table.column(name).to_numpy() for name in ("band", "key", "document"))
    order = np.argsort(document, kind="stable")  # a run's first member is its earliest document, as locally
    band, key, document = band[order], key[order], document[order]
    found = [pairs_in_runs(key[band == number], document[band == number], config.max_bucket, True)
             for number in np.unique(band[band != SAMPLE_BAND])]
    lsh = count_pairs(np.concatenate(found), 1) if found else EMPTY_PAIRS
    sampled = band == SAMPLE_BAND
    shared, counts = distinct_pairs(pairs_in_runs(key[sampled], document[sampled], config.max_bucket, False))
    left = np.concatenate((lsh[:, 0], shared[:, 0]))
    right = np.concatenate((lsh[:, 1], shared[:, 1]))
    flags = np.concatenate((np.ones(len(lsh), dtype=bool), np.zeros(len(shared), dtype=bool)))
    numbers = np.concatenate((np.zeros(len(lsh), dtype=np.int32), counts.astype(np.int32)))
    yield pa.RecordBatch.from_arrays([pa.array(left, pa.int64()), pa.array(right, pa.int64()), pa.array(flags),
                                      pa.array(numbers)], names=["left", "right", "lsh", "shared"])


def candidate_pairs(spark, articles, config: CopiesConfig) -> np.ndarray:
    """Candidate pairs (n x 2, input positions, left < right, sorted) of an RDD of (index, Article),
    as the local ``candidate_pairs`` finds them."""
    from pyspark.sql import functions as F

    streams = spark.createDataFrame(articles.mapPartitions(lambda rows: bucket_entries(rows, config)), "entries binary")
    entries = streams.mapInArrow(unpacked_entries, ENTRY_SCHEMA)
    partitions = max(spark.sparkContext.defaultParallelism * SHUFFLE_PARTITIONS_PER_CORE,
                     articles.getNumPartitions() // INPUT_PARTITIONS_PER_BUCKET_PARTITION)
    pairs = (entries.repartition(partitions, "band", "key")  # whole buckets in one partition
             .mapInArrow(lambda batches: partition_pairs(batches, config), PAIR_SCHEMA))
    found = (pairs.groupBy("left", "right")
             .agg(F.max("lsh").alias("lsh"), F.sum("shared").alias("shared"))
             .where(F.col("lsh") | (F.col("shared") >= config.min_shared_samples))
             .select("left", "right").toArrow())
    if found.num_rows == 0:
        return EMPTY_PAIRS
    candidates = np.stack((found.column("left").to_numpy(), found.column("right").to_numpy()), axis=1)
    return candidates[np.lexsort((candidates[:, 1], candidates[:, 0]))]


def _verify_partition(rows: Iterable[tuple[int, tuple[tuple[int, Article], Article]]], size: int
                      ) -> Iterator[tuple[tuple[int, int], Relation]]:
    profiles: OrderedDict[int, Profile] = OrderedDict()

    def profile_of(index: int, article: Article) -> Profile:
        if index in profiles:
            profiles.move_to_end(index)
        else:
            profiles[index] = profile(article, size)
            if len(profiles) > PROFILE_CACHE:
                profiles.popitem(last=False)
        return profiles[index]

    for right_index, ((left_index, left), right) in rows:
        evidence = compare(profile_of(left_index, left), profile_of(right_index, right), size,
                           shared_credits(left, right))
        if is_linked(evidence):
            yield (left_index, right_index), build_relation(left, right, evidence)


def _named(rows: Iterable[tuple[int, Article]], wanted: np.ndarray) -> Iterator[tuple[int, Article]]:
    """The rows whose position is in ``wanted`` (sorted)."""
    for index, article in rows:
        at = np.searchsorted(wanted, index)
        if at < wanted.size and wanted[at] == index:
            yield index, article


def verified_relations(spark, articles, pairs: np.ndarray, config: CopiesConfig):
    """An RDD of ((i, j), Relation) for the candidate pairs that verification links."""
    size, context = config.shingle_words, spark.sparkContext
    partitions = context.defaultParallelism * SHUFFLE_PARTITIONS_PER_CORE
    wanted = context.broadcast(np.unique(pairs))
    named = articles.mapPartitions(lambda rows: _named(rows, wanted.value))
    pair_rows = context.parallelize([(int(i), int(j)) for i, j in pairs], partitions)
    by_left = pair_rows.join(named, partitions)  # (i, (j, article i))
    by_right = by_left.map(lambda row: (row[1][0], (row[0], row[1][1]))).join(named, partitions)  # (j, ((i, a_i), a_j))
    return by_right.mapPartitions(lambda rows: _verify_partition(rows, size))


def copy_relations(spark, articles, config: CopiesConfig):
    """An RDD of ((i, j), Relation): the verified copy relations of an RDD of (index, Article)."""
    return verified_relations(spark, articles, candidate_pairs(spark, articles, config), config)


def translations(articles: list[Article], relations: list[Relation], config: CopiesConfig) -> list[Relation]:
    """The local translation step over ``articles`` (in input order), pairs already related left out."""
    if not config.translation or len({a.language for a in articles}) < 2:
        return []
    from newsfuse.copies.translation import translation_relations

    related = {frozenset((r.source, r.target)) for r in relations}
    return [r for r in translation_relations(articles) if frozenset((r.source, r.target)) not in related]
