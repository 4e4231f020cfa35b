"""Inputs to articles in Spark tasks: the same readers, the same ``extract_document``.

Files and folders are read on the driver by ``read_inputs`` (they are on the driver's disk);
a ``.parquet`` input (a file or a folder of part files, with the JSONL fields ``id``, ``url``,
``outlet``, ``html``/``text``, ``title``, ``published``, ``fetched_at``) is read by Spark, so a
large corpus never passes through the driver. Each document keeps its input position
(``index``): later stages order pairs and stories by it, as the local engine orders by its list.
Extraction runs per partition; a document that fails is an ``InputError`` naming it, the job
goes on. Of documents sharing an id, the first extracted one is kept, as locally.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from newsfuse.config import Config, ExtractConfig
from newsfuse.extract import NoArticleError, extract_document
from newsfuse.model import Article, InputError, RawDocument, error_text
from newsfuse.read import read_inputs
from newsfuse.read.jsonl import row_document

PARQUET_SUFFIX = ".parquet"
DOCUMENTS_PER_SLICE = 200  # documents read on the driver are sent out in slices of about this many


def is_parquet(path: str | Path) -> bool:
    return str(path).rstrip("/").lower().endswith(PARQUET_SUFFIX)


def extract_one(document: RawDocument, config: ExtractConfig) -> Article | InputError:
    """``extract_document``, with a failure as one ``InputError`` naming the input (as the local run does)."""
    try:
        return extract_document(document, config)
    except NoArticleError as error:
        return InputError(document.source, str(error))
    except Exception as error:  # a bug in extraction must not end the job
        return InputError(document.source, f"extraction failed, a bug to report: {error_text(error)}")


def _extract_partition(rows: Iterable[tuple[int, RawDocument | InputError]], config: ExtractConfig
                       ) -> Iterator[tuple[int, Article | InputError]]:
    for index, item in rows:
        yield index, item if isinstance(item, InputError) else extract_one(item, config)


def _parquet_documents(spark, path: str, offset: int):
    """(index, RawDocument | InputError) of each row of a Parquet input, read by Spark."""
    frame = spark.read.parquet(path)
    name = str(path)

    def to_document(pair):
        row, number = pair
        return offset + number, row_document(row.asDict(), f"{name}:{number + 1}")

    return frame.rdd.zipWithIndex().map(to_document), frame.count()


def read_documents(spark, paths: Iterable[str | Path], config: Config, on_error: Callable[[InputError], None],
                   exclude: Iterable[Path] = ()):
    """An RDD of (index, RawDocument | InputError) in input order; errors of reading on the
    driver go to ``on_error`` at once."""
    context = spark.sparkContext
    parts, local, offset = [], [], 0

    def flush() -> None:
        nonlocal local
        if local:
            parts.append(context.parallelize(local, max(1, len(local) // DOCUMENTS_PER_SLICE)))
            local = []

    for path in paths:
        if is_parquet(path):
            flush()
            rdd, count = _parquet_documents(spark, str(path), offset)
            parts.append(rdd)
            offset += count
            continue
        for item in read_inputs([path], config.read, exclude):
            if isinstance(item, InputError):
                on_error(item)
            else:
                local.append((offset, item))
                offset += 1
    flush()
    if not parts:
        return context.emptyRDD()
    return context.union(parts) if len(parts) > 1 else parts[0]


def extract_articles(spark, paths: Iterable[str | Path], config: Config, on_error: Callable[[InputError], None],
                     exclude: Iterable[Path] = ()):
    """An RDD of (index, Article), persisted, with every problem reported to ``on_error``."""
    from pyspark import StorageLevel

    documents = read_documents(spark, paths, config, on_error, exclude)
    extract_config = config.extract
    extracted = documents.mapPartitions(lambda rows: _extract_partition(rows, extract_config))
    extracted.persist(StorageLevel.MEMORY_AND_DISK)
    problems = extracted.filter(lambda pair: isinstance(pair[1], InputError)).collect()
    articles = extracted.filter(lambda pair: isinstance(pair[1], Article))
    repeated = (articles.map(lambda pair: (pair[1].id, pair[0])).groupByKey()
                .filter(lambda group: len(group[1]) > 1).flatMap(lambda group: sorted(group[1])[1:]).collect())
    if repeated:  # the first extracted document of an id is kept, as locally
        later = spark.sparkContext.broadcast(set(repeated))
        problems += [(index, InputError(article.source, f"duplicate id {article.id!r}, skipped"))
                     for index, article in articles.filter(lambda pair: pair[0] in later.value).collect()]
        articles = articles.filter(lambda pair: pair[0] not in later.value)
    articles = articles.persist(StorageLevel.MEMORY_AND_DISK)
    articles.count()
    extracted.unpersist()
    for _, error in sorted(problems, key=lambda pair: pair[0]):
        on_error(error)
    return articles


def articles_rdd(spark, articles: list[Article], slices: int | None = None):
    """An RDD of (index, Article) from articles in memory (benchmarks, tests)."""
    return spark.sparkContext.parallelize(list(enumerate(articles)), slices)
