"""Spark's candidate pairs follow the local index's rules: stars on large LSH buckets, large sampled
buckets dropped, pairs by shared sampled shingles; the relations equal the local engine's."""
from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace

import numpy as np
import pytest

pytest.importorskip("pyarrow")

from newsfuse.config import CopiesConfig  # noqa: E402
from newsfuse.copies import trace_copies  # noqa: E402
from newsfuse.copies.candidates import candidate_pairs as local_candidate_pairs  # noqa: E402
from newsfuse.model import Article  # noqa: E402
from newsfuse.spark import unavailable_reason  # noqa: E402
from newsfuse.spark.copies import bucket_entries, partition_pairs, unpacked_entries  # noqa: E402

CONFIG = replace(CopiesConfig(), max_bucket=3, translation=False)
IDENTICAL = range(10, 16)  # copies of document 0: one LSH bucket of 7 per band (a star), sampled buckets dropped


def _articles() -> list[Article]:
    rng = random.Random(3)
    vocabulary = [f"w{n}" for n in range(3000)]
    text = lambda count: " ".join(rng.choice(vocabulary) for _ in range(count))  # noqa: E731
    bodies = [text(200) for _ in range(10)]
    boilerplate = text(40)
    bodies[2] = " ".join(bodies[1].split()[:50])  # an excerpt: too little alike for LSH, found by sampled shingles
    bodies[3] = " ".join("newer" if rng.random() < 0.05 else word for word in bodies[4].split())  # a light edit
    for number in (5, 6, 7, 8):
        bodies[number] += " " + boilerplate  # shared by four documents: more than max_bucket
    bodies += [bodies[0]] * len(IDENTICAL)
    return [Article(id=f"a{n}", source="test", body=[body], published="2025-01-01") for n, body in enumerate(bodies)]


def _pairs_in_one_partition(articles: list[Article], config: CopiesConfig) -> np.ndarray:
    """Every entry in one partition, in a shuffled order; per pair, as the JVM sums them: LSH or at
    least ``min_shared_samples`` sampled shingles."""
    import pyarrow as pa

    streams = pa.RecordBatch.from_arrays([pa.array([s for (s,) in bucket_entries(enumerate(articles), config)],
                                                   pa.binary())], names=["entries"])
    entries = pa.Table.from_batches(list(unpacked_entries([streams])))
    shuffled = entries.take(np.random.default_rng(1).permutation(entries.num_rows)).to_batches(max_chunksize=50)
    found = pa.Table.from_batches(list(partition_pairs(shuffled, config))).to_pydict()
    lsh, shared = set(), Counter()
    for left, right, in_lsh, count in zip(found["left"], found["right"], found["lsh"], found["shared"]):
        if in_lsh:
            lsh.add((left, right))
        shared[left, right] += count
    kept = lsh | {pair for pair, count in shared.items() if count >= config.min_shared_samples}
    return np.array(sorted(kept)).reshape(-1, 2)


def test_partition_pairs_follow_the_local_rules():
    articles = _articles()
    local = np.array(local_candidate_pairs(["\n".join(a.body) for a in articles], CONFIG)).reshape(-1, 2)
    found = _pairs_in_one_partition(articles, CONFIG)
    assert np.array_equal(found, local)
    pairs = {tuple(p) for p in found.tolist()}
    assert {(0, n) for n in IDENTICAL} <= pairs  # the star on the first document
    assert (IDENTICAL[0], IDENTICAL[1]) not in pairs  # not every pair of a large bucket
    assert (1, 2) in pairs and (3, 4) in pairs
    assert (5, 6) not in pairs  # boilerplate alone does not pair
    assert [1, 2] not in _pairs_in_one_partition(articles, replace(CONFIG, min_shared_samples=10**6)).tolist()


@pytest.mark.skipif(unavailable_reason() is not None, reason=unavailable_reason() or "")
def test_spark_candidates_and_relations_equal_local():
    from newsfuse.spark.copies import candidate_pairs, copy_relations
    from newsfuse.spark.session import spark_session

    articles = _articles()
    local = np.array(local_candidate_pairs(["\n".join(a.body) for a in articles], CONFIG)).reshape(-1, 2)
    expected = sorted((r.source, r.target, r.relation) for r in trace_copies(articles, CONFIG))
    with spark_session("local[2]") as spark:
        rows = spark.sparkContext.parallelize(list(enumerate(articles)), 4)  # buckets span input partitions
        assert np.array_equal(candidate_pairs(spark, rows, CONFIG), local)
        found = sorted((r.source, r.target, r.relation) for _, r in copy_relations(spark, rows, CONFIG).collect())
    assert found == expected
    assert ("a1", "a2", "excerpt") in found or ("a2", "a1", "excerpt") in found
