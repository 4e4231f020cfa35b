"""Parquet tables of a run in ``DIR/parquet/``: articles, relations, stories and facts.

Written by Spark from where the data lives (the articles and derived stories stay in their
RDDs), so on a cluster ``DIR`` should be storage the executors share (HDFS, S3, NFS).
Nested values that vary by kind (a fact's value) are JSON strings.
"""
from __future__ import annotations

import json
from pathlib import Path

from newsfuse.model import Article, Relation, Story

TABLES = ("articles", "relations", "stories", "facts")


def _schemas():
    from pyspark.sql.types import ArrayType, BooleanType, DoubleType, IntegerType, LongType, StringType, StructField, StructType

    text, texts = StringType(), ArrayType(StringType())
    mention = StructType([StructField("article", text), StructField("text", text)])
    return {
        "articles": StructType([StructField(name, kind) for name, kind in (
            ("position", LongType()), ("id", text), ("source", text), ("url", text), ("outlet", text), ("site", text), ("title", text),
            ("title_derived", BooleanType()), ("byline", texts), ("dateline_place", text), ("dateline_date", text),
            ("dateline_agency", text), ("published", text), ("reference_date", text), ("language", text),
            ("body", texts))]),
        "relations": StructType([StructField(name, kind) for name, kind in (
            ("source", text), ("target", text), ("relation", text), ("directed", BooleanType()),
            ("score", DoubleType()), ("evidence", texts))]),
        "stories": StructType([StructField(name, kind) for name, kind in (
            ("id", text), ("headline", text), ("event_date", text), ("articles", texts),
            ("independent_groups", ArrayType(texts)), ("independent_sources", IntegerType()),
            ("facts", IntegerType()), ("quotes", IntegerType()), ("conflicts", IntegerType()))]),
        "facts": StructType([StructField(name, kind) for name, kind in (
            ("story", text), ("id", text), ("kind", text), ("value", text), ("about", text),
            ("independent_support", IntegerType()), ("mentions", ArrayType(mention)))]),
    }


def article_row(position: int, article: Article) -> tuple:
    dateline = article.dateline
    return (position, article.id, article.source, article.url, article.outlet, article.site, article.title, article.title_derived,
            list(article.byline), dateline.place if dateline else None, dateline.date if dateline else None,
            dateline.agency if dateline else None, article.published, article.reference_date, article.language,
            list(article.body))


def relation_row(relation: Relation) -> tuple:
    return (relation.source, relation.target, relation.relation, relation.directed, float(relation.score),
            list(relation.evidence))


def story_row(story: Story) -> tuple:
    groups = story.provenance.independent_groups
    return (story.id, story.headline, story.event_date, list(story.articles), [list(g) for g in groups], len(groups),
            len(story.facts), len(story.quotes), len(story.conflicts))


def fact_rows(story: Story) -> list[tuple]:
    return [(story.id, fact.id, fact.kind, json.dumps(fact.value, ensure_ascii=False, sort_keys=True), fact.about,
             fact.independent_support, [(m.article, m.text) for m in fact.mentions]) for fact in story.facts]


def write_tables(spark, out_dir: Path, articles, relations: list[Relation], stories) -> list[Path]:
    """Write the four tables; ``articles`` an RDD of (index, Article) (``position`` in the table:
    the input order), ``stories`` an RDD of Story."""
    schemas = _schemas()
    frames = {
        "articles": spark.createDataFrame(articles.map(lambda pair: article_row(*pair)), schemas["articles"]),
        "relations": spark.createDataFrame([relation_row(r) for r in relations], schemas["relations"]),
        "stories": spark.createDataFrame(stories.map(story_row), schemas["stories"]),
        "facts": spark.createDataFrame(stories.flatMap(fact_rows), schemas["facts"]),
    }
    written = []
    for name, frame in frames.items():
        path = out_dir / "parquet" / name
        frame.write.mode("overwrite").parquet(str(path.resolve()))
        written.append(path)
    return written
