"""``newsfuse run --engine spark``: the run as one Spark job, ending in the contract's files.

Stages and where they run: extraction, shingles/MinHash, banding, verification, connected
components, story features (with the stream's document frequencies counted per term), the
story clustering per time window, facts and reconciliation in Spark tasks; translations (only
for batches that mix languages) and stitching the windows' stories on the driver. The outputs
are the local engine's files (``report.write_outputs``) plus Parquet tables in ``DIR/parquet/``,
and with ``--db`` the store filled (``spark.store``).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.config import Config
from newsfuse.model import Article, InputError, Relation, Story
from newsfuse.spark.components import component_labels
from newsfuse.spark.copies import copy_relations, translations
from newsfuse.spark.facts import derive_stories
from newsfuse.spark.inputs import extract_articles
from newsfuse.spark.session import spark_session
from newsfuse.spark.stories import cluster_stories, set_provenance
from newsfuse.spark.store import fill_store
from newsfuse.store import BaseStore
from newsfuse.spark.tables import write_tables

EDGES_PER_PARTITION = 50_000  # connected components: shuffle partitions by the number of relations
Progress = Callable[[str, int, "int | None"], None]


def _no_progress(stage: str, done: int, total: int | None) -> None:
    pass


@dataclass
class SparkResult:
    articles: list[Article] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)


def in_order(articles) -> list[Article]:
    """The articles of an RDD of (index, Article), collected in input order."""
    return [article for _, article in sorted(articles.collect(), key=lambda pair: pair[0])]


def copies_and_stories(spark, articles, config: Config, progress: Progress = _no_progress
                       ) -> tuple[list[Relation], list[Story]]:
    """Relations (in the local order) and stories with provenance, from an RDD of (index, Article)."""
    from pyspark import StorageLevel

    count = articles.count()
    progress("copies", 0, count)
    verified = copy_relations(spark, articles, config.copies).persist(StorageLevel.MEMORY_AND_DISK)
    relations = [relation for _, relation in sorted(verified.collect(), key=lambda pair: pair[0])]
    if config.copies.translation and articles.map(lambda pair: pair[1].language).distinct().count() > 1:
        relations += translations(in_order(articles), relations, config.copies)
    progress("copies", count, count)
    progress("stories", 0, count)
    stories = cluster_stories(articles, relations, config.stories)
    edges = verified.values().map(lambda r: (r.source, r.target)).union(
        spark.sparkContext.parallelize([(r.source, r.target) for r in relations if r.relation == "translation"], 1))
    partitions = max(1, min(spark.sparkContext.defaultParallelism * 4, len(relations) // EDGES_PER_PARTITION))
    labels = dict(component_labels(edges, partitions).collect()) if relations else {}
    set_provenance(stories, relations, labels)
    verified.unpersist()
    progress("stories", count, count)
    return relations, stories


def run_spark(paths: Iterable[str | Path], out_dir: Path, config: Config | None = None, master: str | None = None,
              progress: Progress | None = None, on_error: Callable[[InputError], None] | None = None,
              store: BaseStore | None = None) -> SparkResult:
    """Inputs to ``articles.jsonl``, ``stories.json``, ``report.html`` and ``parquet/`` in ``out_dir``,
    and into ``store`` if given (``spark.store.fill_store``)."""
    from newsfuse.pipeline import interrupts_deferred, prepare_out_dir
    from newsfuse.report import OUTPUT_FILES, write_outputs

    config = config or Config()
    progress = progress or _no_progress
    result = SparkResult()

    def report_error(error: InputError) -> None:
        result.errors.append(error)
        if on_error:
            on_error(error)

    prepare_out_dir(out_dir)
    with spark_session(master) as spark:
        progress("extract", 0, None)
        articles = extract_articles(spark, paths, config, report_error, exclude=[out_dir])
        count = articles.count()
        progress("extract", count, None)
        if not count:
            return result
        result.relations, stories = copies_and_stories(spark, articles, config, progress)
        progress("facts", 0, len(stories))
        derived = derive_stories(spark, articles, stories, config).persist()
        position = {story.id: number for number, story in enumerate(stories)}
        done = sorted(derived.collect(), key=lambda pair: position[pair[0].id])
        for _, errors in done:
            for error in errors:
                report_error(error)
        result.stories = [story for story, _ in done]
        progress("facts", len(stories), len(stories))
        progress("reconcile", len(stories), len(stories))
        result.articles = in_order(articles)
        progress("report", 0, len(OUTPUT_FILES) + 1)
        tables = write_tables(spark, out_dir, articles, result.relations, derived.keys())
        with interrupts_deferred():
            result.outputs = write_outputs(out_dir, result.articles, result.stories) + tables
        if store is not None:
            fill_store(store, result.articles, result.relations, result.stories)
        progress("report", len(OUTPUT_FILES) + 1, len(OUTPUT_FILES) + 1)
    return result
