"""Copy relations in Spark: the local candidate index and verification, spread over tasks.

1. Per partition, ``index_chunk`` (the local code: shingles, rensa MinHash, band keys, sampled
   shingles) gives each document's band keys and sampled shingle hashes.
2. One group-by on (band, key) finds LSH buckets, and on (sample) the containment buckets, with
   the local rules: a bucket larger than ``max_bucket`` gives star pairs with its first
   document (LSH) or nothing (samples); a pair is a candidate if it shares a bucket of any band,
   or at least ``min_shared_samples`` sampled shingles.
3. Each candidate pair is joined with its two articles and verified by ``copies.verify``
   (``compare``, ``is_linked``, ``build_relation``), left being the earlier input, as locally.

Translations (articles in different languages, a multilingual encoder) are found on the driver
by the local ``translation_relations``, only where the batch mixes languages.
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator

import numpy as np

from newsfuse.config import CopiesConfig
from newsfuse.copies.candidates import CHUNK_DOCUMENTS, index_chunk
from newsfuse.copies.verify import Profile, build_relation, compare, is_linked, profile, shared_credits
from newsfuse.model import Article, Relation

SAMPLE_BAND = -1  # the group key's band for sampled shingles
PROFILE_CACHE = 256  # verification profiles kept per task (pairs arrive grouped by one side)


def _signed(values: np.ndarray) -> list[int]:
    """uint64 hashes as Python ints of the signed 64-bit range (Spark's long)."""
    return values.view(np.int64).tolist()


def bucket_entries(rows: Iterable[tuple[int, Article]], config: CopiesConfig) -> Iterator[tuple[tuple[int, int], int]]:
    """((band, key), index) for every band of every document, and ((SAMPLE_BAND, hash), index)
    for every sampled shingle, chunk by chunk as the local index makes them."""
    chunk: list[tuple[int, Article]] = []

    def flush() -> Iterator[tuple[tuple[int, int], int]]:
        found = index_chunk(["\n".join(article.body) for _, article in chunk], config)
        indices = [index for index, _ in chunk]
        for row, keys in enumerate(found.keys):
            for band, key in enumerate(_signed(keys)):
                yield (band, key), indices[row]
        for sample, document in zip(_signed(found.samples), found.sample_documents.tolist()):
            yield (SAMPLE_BAND, sample), indices[document]

    for item in rows:
        chunk.append(item)
        if len(chunk) == CHUNK_DOCUMENTS:
            yield from flush()
            chunk = []
    if chunk:
        yield from flush()


def bucket_pairs(bucket: tuple[tuple[int, int], Iterable[int]], config: CopiesConfig) -> Iterator[tuple[tuple[int, int], tuple[bool, int]]]:
    """((i, j), (lsh, shared samples)) for the pairs of one bucket, i < j by input position."""
    (band, _), members = bucket
    members = sorted(members)
    if len(members) < 2:
        return
    if len(members) > config.max_bucket:
        if band != SAMPLE_BAND:  # a large LSH bucket: a star on its first document
            for other in members[1:]:
                yield (members[0], other), (True, 0)
        return
    lsh = band != SAMPLE_BAND
    for x, left in enumerate(members):
        for right in members[x + 1:]:
            yield (left, right), (lsh, 0 if lsh else 1)


def candidate_pairs(articles, config: CopiesConfig):
    """An RDD of candidate pairs (i, j), i < j, as the local ``candidate_pairs`` finds them."""
    minimum = config.min_shared_samples
    return (articles.mapPartitions(lambda rows: bucket_entries(rows, config))
            .groupByKey()
            .flatMap(lambda bucket: bucket_pairs(bucket, config))
            .reduceByKey(lambda a, b: (a[0] or b[0], a[1] + b[1]))
            .filter(lambda pair: pair[1][0] or pair[1][1] >= minimum)
            .keys())


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


def verified_relations(articles, pairs, config: CopiesConfig):
    """An RDD of ((i, j), Relation) for the candidate pairs that verification links."""
    size = config.shingle_words
    by_left = pairs.join(articles)  # (i, (j, article i))
    by_right = by_left.map(lambda row: (row[1][0], (row[0], row[1][1]))).join(articles)  # (j, ((i, a_i), a_j))
    return by_right.mapPartitions(lambda rows: _verify_partition(rows, size))


def copy_relations(articles, config: CopiesConfig):
    """An RDD of ((i, j), Relation): the verified copy relations of an RDD of (index, Article)."""
    return verified_relations(articles, candidate_pairs(articles, config), config)


def translations(articles: list[Article], relations: list[Relation], config: CopiesConfig) -> list[Relation]:
    """The local translation step over ``articles`` (in input order), pairs already related left out."""
    if not config.translation or len({a.language for a in articles}) < 2:
        return []
    from newsfuse.copies.translation import translation_relations

    related = {frozenset((r.source, r.target)) for r in relations}
    return [r for r in translation_relations(articles) if frozenset((r.source, r.target)) not in related]
