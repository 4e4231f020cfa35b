"""Spark engine against the local engine on generated documents, in the same run.

Corpora (``--corpus``): ``zipf``, the copies benchmark's generator (``bench.copies.synthetic_chunk``:
~300 words from a Zipf-like vocabulary, 2 % lightly edited copies of an earlier document), cut into
sentences and paragraphs, dated over 90 days, made in Spark tasks; ``ecbplus``, the ingest
benchmark's real-ish articles (ECB+ sentences, invented names and numbers, about five articles a
story over 12 months), made in the driver and sent out. Stages (``--stages``): ``copies``
(relations and independent groups), ``stories`` (also stories), ``facts`` (also facts, quotes and
conflicts per story, compared story by story). For each size, the local engine (``trace_copies``,
``cluster_articles``, provenance, ``derive_stories``) and the Spark engine
(``spark.job.copies_and_stories``, ``spark.facts.derive_stories``) each run in a fresh child
process; generating the documents is not timed. Peak memory: the local child's ``ru_maxrss``; for
Spark, the driver's Python process, the JVM (driver and, in local mode, the executors' threads)
and the Python workers, sampled from /proc. Agreement of Spark with local: pair F1 of independent
groups (pairs of articles that share a group), BCubed F1 of stories, and the stories whose facts,
quotes and conflicts are identical. The machine may be shared: wall-clock.
"""
from __future__ import annotations

import argparse
import os
import time

from newsfuse.bench._processes import Sampler, own_tree_cpu_seconds

SENTENCE_WORDS = 15
PARAGRAPH_SENTENCES = 4
DAYS = 90
CHUNK = 2_000  # documents per generated chunk (a Spark partition)
STAGES = ("copies", "stories", "facts")
CORPORA = ("zipf", "ecbplus")
ECBPLUS_MONTHS = 12


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sizes", default="2000,10000", help="comma-separated document counts (e.g. 10000,100000)")
    parser.add_argument("--master", default="local[2]", help="Spark master")
    parser.add_argument("--driver-memory", default="2g", help="Spark driver memory (local mode: also the executors')")
    parser.add_argument("--stages", choices=STAGES, default="stories",
                        help="copies: copy relations and independent groups only; stories: also stories (default); "
                             "facts: also facts and reconciliation, compared story by story")
    parser.add_argument("--corpus", choices=CORPORA, default="zipf",
                        help="zipf: the copies benchmark's random words over 90 days; ecbplus: ECB+ sentences with "
                             "invented names and numbers, about five articles a story over 12 months (bench ingest's)")


def synthetic_articles(start: int, count: int) -> list:
    """``count`` articles from position ``start``: the copies benchmark's texts with sentences,
    paragraphs, a title and a date."""
    from datetime import date, timedelta

    from newsfuse.bench.copies import _cached_vocabulary, synthetic_chunk
    from newsfuse.model import Article

    articles = []
    for offset, text in enumerate(synthetic_chunk(_cached_vocabulary(), start, count)):
        words = text.split()
        sentences = [" ".join(words[i:i + SENTENCE_WORDS]).capitalize() + "."
                     for i in range(0, len(words), SENTENCE_WORDS)]
        body = [" ".join(sentences[i:i + PARAGRAPH_SENTENCES]) for i in range(0, len(sentences), PARAGRAPH_SENTENCES)]
        number = start + offset
        day = date(2024, 1, 1) + timedelta(days=number * 7919 % DAYS)
        articles.append(Article(id=f"doc-{number:07d}", source="bench", title=" ".join(words[:8]).capitalize(),
                                body=body, published=day.isoformat()))
    return articles


def ecbplus_articles(size: int) -> list:
    """``size`` real-ish articles: the ingest benchmark's generator (ECB+ sentences, stories of
    about five articles, invented names and numbers, 2 % copies), over ``ECBPLUS_MONTHS``."""
    from newsfuse.bench.ingest import DEFAULT_ECBPLUS, Synthetic

    return Synthetic(DEFAULT_ECBPLUS, 7, ECBPLUS_MONTHS * 30).stored(size)


def corpus_articles(corpus: str, size: int) -> list:
    if corpus == "ecbplus":
        return ecbplus_articles(size)
    return [a for start, count in _chunks(size) for a in synthetic_articles(start, count)]


def _derived(stories) -> dict[str, str]:
    """Each story's facts, quotes and conflicts as JSON, by story id."""
    import json

    return {s.id: json.dumps({"facts": [f.to_dict() for f in s.facts], "quotes": [q.to_dict() for q in s.quotes],
                              "conflicts": [c.to_dict() for c in s.conflicts]}, sort_keys=True) for s in stories}


def _chunks(size: int) -> list[tuple[int, int]]:
    return [(start, min(CHUNK, size - start)) for start in range(0, size, CHUNK)]


def _groups(stories) -> tuple[list[list[str]], list[list[str]]]:
    return ([list(s.articles) for s in stories],
            [list(g) for s in stories for g in s.provenance.independent_groups])


def _copy_groups(ids: list[str], relations) -> list[list[str]]:
    """Independent groups of more than one article: components of the copy relations."""
    from newsfuse.copies.groups import connected_components

    return [g for g in connected_components(ids, ((r.source, r.target) for r in relations)) if len(g) > 1]


def run_local(size: int, stages: str = "stories", corpus: str = "zipf") -> dict:
    """The local engine's copies (stories, facts) on ``size`` documents (in a fresh process)."""
    import resource

    from newsfuse.config import Config
    from newsfuse.copies import set_provenance, trace_copies
    from newsfuse.pipeline import derive_stories
    from newsfuse.stories import cluster_articles

    articles = corpus_articles(corpus, size)
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    config = Config()
    began, cpu = time.perf_counter(), own_tree_cpu_seconds()
    relations = trace_copies(articles, config.copies)
    copies = time.perf_counter() - began
    if stages == "copies":
        groups = _copy_groups([a.id for a in articles], relations)
        return {"seconds": copies, "copies": copies, "cpu": own_tree_cpu_seconds() - cpu, "relations": len(relations),
                "stories": [], "groups": groups,
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "baseline_mb": baseline}
    stories = cluster_articles(articles, relations, config.stories)
    set_provenance(stories, relations)
    if stages == "facts":
        derive_stories(stories, {a.id: a for a in articles}, config)
    seconds = time.perf_counter() - began
    stories_groups, groups = _groups(stories)
    return {"seconds": seconds, "copies": copies, "cpu": own_tree_cpu_seconds() - cpu, "relations": len(relations),
            "stories": stories_groups,
            "groups": groups, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "baseline_mb": baseline, "derived": _derived(stories) if stages == "facts" else {}}


class TreeMemory(Sampler):
    """Peak resident memory of this process, its JVM and its Python workers, sampled from /proc."""

    def __init__(self, every: float = 0.25):
        super().__init__(every)
        self.peaks = {"driver": 0.0, "jvm": 0.0, "workers": 0.0}

    def sample(self) -> None:
        me, parents, rss, names = os.getpid(), {}, {}, {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
                with open(f"/proc/{entry}/comm", encoding="utf-8") as handle:
                    names[int(entry)] = handle.read().strip()
            except OSError:
                continue
            parents[int(entry)] = int(fields[1])
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") / 2**20
        totals = {"driver": rss.get(me, 0.0), "jvm": 0.0, "workers": 0.0}
        for pid in rss:
            ancestor = parents.get(pid)
            while ancestor and ancestor != me and ancestor in parents:
                ancestor = parents[ancestor]
            if pid != me and ancestor == me:
                totals["jvm" if names.get(pid) == "java" else "workers"] += rss[pid]
        for key, value in totals.items():
            self.peaks[key] = max(self.peaks[key], value)


def _spark_copy_groups(spark, articles, config) -> tuple[int, list[list[str]]]:
    """Relations and independent groups (of more than one article) by the Spark engine's steps."""
    from collections import defaultdict

    from newsfuse.spark.components import component_labels
    from newsfuse.spark.copies import copy_relations

    edges = copy_relations(spark, articles, config.copies).values().map(lambda r: (r.source, r.target)).persist()
    relations = edges.count()
    groups: dict[str, list[str]] = defaultdict(list)
    for node, label in component_labels(edges, spark.sparkContext.defaultParallelism * 4).collect():
        groups[label].append(node)
    edges.unpersist()
    return relations, [sorted(g) for g in groups.values()]


def run_spark(size: int, master: str, driver_memory: str, stages: str = "stories", corpus: str = "zipf") -> dict:
    """The Spark engine's copies (stories, facts) on ``size`` documents (in a fresh process)."""
    from pyspark import StorageLevel

    from newsfuse.config import Config
    from newsfuse.spark.facts import derive_stories
    from newsfuse.spark.inputs import articles_rdd
    from newsfuse.spark.job import copies_and_stories
    from newsfuse.spark.session import spark_session

    with TreeMemory() as memory:
        began = time.perf_counter()
        with spark_session(master, "newsfuse-bench", {"spark.driver.memory": driver_memory}) as spark:
            session = time.perf_counter() - began
            chunks = _chunks(size)
            if corpus == "ecbplus":  # one random stream: made here, sent out
                articles = articles_rdd(spark, ecbplus_articles(size), len(chunks)).persist(StorageLevel.MEMORY_AND_DISK)
            else:
                articles = (spark.sparkContext.parallelize(chunks, len(chunks))
                            .flatMap(lambda chunk: enumerate(synthetic_articles(*chunk), start=chunk[0]))
                            .persist(StorageLevel.MEMORY_AND_DISK))
            articles.count()
            timings: dict[str, float] = {}
            last = [time.perf_counter()]

            def progress(stage: str, done: int, total: int | None) -> None:
                now = time.perf_counter()
                if done and done == total:
                    timings[stage] = now - last[0]
                last[0] = now

            began, cpu = time.perf_counter(), own_tree_cpu_seconds()
            if stages == "copies":
                relations, groups = _spark_copy_groups(spark, articles, Config())
                seconds = time.perf_counter() - began
                return {"seconds": seconds, "session": session, "copies": seconds, "cpu": own_tree_cpu_seconds() - cpu,
                        "relations": relations,
                        "stories": [], "groups": groups, "memory": memory.peaks}
            found, stories = copies_and_stories(spark, articles, Config(), progress)
            errors = []
            if stages == "facts":
                done = derive_stories(spark, articles, stories, Config()).collect()
                stories, errors = [story for story, _ in done], [e for _, found_errors in done for e in found_errors]
            seconds, cpu = time.perf_counter() - began, own_tree_cpu_seconds() - cpu
    stories_groups, groups = _groups(stories)
    return {"seconds": seconds, "session": session, "cpu": cpu, "copies": timings.get("copies", 0.0),
            "relations": len(found), "stories": stories_groups, "groups": groups, "memory": memory.peaks, "errors": len(errors),
            "derived": _derived(stories) if stages == "facts" else {}}


def spark_child(*args) -> dict:
    """``run_spark`` in a child process; its failure comes back as one line (a Py4J error does not
    pickle)."""
    try:
        return run_spark(*args)
    except Exception as error:
        lines = str(error).strip().splitlines() or [""]
        raise RuntimeError(f"{type(error).__name__}: {lines[0]}") from None


def pair_f1(predicted: list[list[str]], reference: list[list[str]]) -> float:
    """F1 of the pairs of items that share a group (1.0 when neither side has a pair)."""
    def pairs(groups):
        return {(a, b) for g in groups for i, a in enumerate(sorted(g)) for b in sorted(g)[i + 1:]}

    left, right = pairs(predicted), pairs(reference)
    if not left and not right:
        return 1.0
    both = len(left & right)
    return 2 * both / (len(left) + len(right))


def _same_groups(left: list[list[str]], right: list[list[str]]) -> str:
    """How many groups of ``right`` are groups of ``left`` too."""
    found = {frozenset(group) for group in left}
    return f"{sum(frozenset(group) in found for group in right):,} of {len(right):,}"


def story_bcubed(predicted: list[list[str]], reference: list[list[str]]) -> float:
    from newsfuse.eval._clustering import bcubed

    labels = lambda groups: {item: str(n) for n, group in enumerate(groups) for item in group}  # noqa: E731
    return bcubed(labels(predicted), labels(reference))[2]


def facts_agreement(spark: dict[str, str], local: dict[str, str]) -> str:
    """How many of the stories both engines made have identical facts, quotes and conflicts."""
    import json

    shared = spark.keys() & local.keys()
    same = sum(spark[story] == local[story] for story in shared)
    facts = sum(len(json.loads(local[story])["facts"]) for story in shared)
    return (f"identical in {same:,} of {len(shared):,} stories both engines made ({len(local):,} local, "
            f"{len(spark):,} Spark; {facts:,} facts in the shared stories locally)")


def main(args: argparse.Namespace) -> int:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from newsfuse.spark import unavailable_reason

    reason = unavailable_reason()
    if reason:
        print(f"newsfuse: {reason}")
        return 2
    context = multiprocessing.get_context("spawn")
    sizes = [int(s) for s in args.sizes.split(",") if s]
    print(f"cores {os.cpu_count()}, load average {os.getloadavg()[0]:.1f} before the run (the machine may be shared); "
          f"Spark master {args.master}; stages: {args.stages}; corpus: {args.corpus}", flush=True)
    rows = []
    for size in sizes:
        with ProcessPoolExecutor(1, mp_context=context) as pool:
            local = pool.submit(run_local, size, args.stages, args.corpus).result()
        print(f"{size:>9,} docs: local {local['seconds']:.1f} s ({size / local['seconds']:,.0f} docs/s; copies "
              f"{local['copies']:.1f} s; CPU {local['cpu']:.0f} s), peak {local['peak_mb']:.0f} MB; load average "
              f"{os.getloadavg()[0]:.1f}", flush=True)
        with ProcessPoolExecutor(1, mp_context=context) as pool:
            try:
                spark = pool.submit(spark_child, size, args.master, args.driver_memory, args.stages,
                                    args.corpus).result()
            except RuntimeError as error:
                print(f"newsfuse: the Spark run on {size:,} documents failed ({error}); where Spark's log above "
                      "says Java heap space, a larger --driver-memory", flush=True)
                return 1
        rows.append((size, local, spark))
        memory = spark["memory"]
        print(f"{size:>9,} docs: Spark {spark['seconds']:.1f} s ({size / spark['seconds']:,.0f} docs/s; copies "
              f"{spark['copies']:.1f} s; CPU {spark['cpu']:.0f} s, driver, JVM and workers; session start "
              f"{spark['session']:.1f} s not counted), peak driver "
              f"{memory['driver']:.0f} MB, JVM (driver + executors) {memory['jvm']:.0f} MB, Python workers "
              f"{memory['workers']:.0f} MB; local / Spark time {local['seconds'] / spark['seconds']:.2f} | relations "
              f"{local['relations']} / {spark['relations']}; agreement: independent-groups pair F1 "
              f"{pair_f1(spark['groups'], local['groups']):.4f}"
              + (f", story BCubed F1 {story_bcubed(spark['stories'], local['stories']):.4f}, stories identical "
                 f"{_same_groups(spark['stories'], local['stories'])}" if args.stages != "copies" else " (copies only)")
              + f"; load average {os.getloadavg()[0]:.1f}",
              flush=True)
        if args.stages == "facts":
            print(f"{'':>15}facts per story: {facts_agreement(spark['derived'], local['derived'])}; "
                  f"errors in Spark tasks: {spark['errors']}", flush=True)
    if len(rows) > 1:
        (small, first_local, first_spark), (large, last_local, last_spark) = rows[0], rows[-1]
        print(f"from {small:,} to {large:,} docs (x{large / small:.0f}): local time x"
              f"{last_local['seconds'] / first_local['seconds']:.1f}, Spark time x"
              f"{last_spark['seconds'] / first_spark['seconds']:.1f}; CPU time: local x"
              f"{last_local['cpu'] / first_local['cpu']:.1f}, Spark x{last_spark['cpu'] / first_spark['cpu']:.1f}",
              flush=True)
    return 0
