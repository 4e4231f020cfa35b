"""Stage 6, report: the contract's outputs, written atomically.

Reads finished ``Article`` and ``Story`` objects, from memory or from the store (``sources``);
writes ``articles.jsonl``, ``stories.json`` and ``report.html`` as one set: all three are written
aside first and renamed into place only when every one is whole. Each file is written as it is
read, so a report of the store holds a page of it at a time, however large the store.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from newsfuse.model import Article, Story
from newsfuse.report.html import render_report, write_report
from newsfuse.report.output import atomic_write, remove_leftovers, write_aside, write_articles_jsonl, write_stories_json
from newsfuse.report.sources import StoredArticles, StoredStories, as_articles, as_stories

__all__ = ["write_outputs", "render_report", "atomic_write", "OUTPUT_FILES", "StoredArticles", "StoredStories"]

OUTPUT_FILES = ("articles.jsonl", "stories.json", "report.html")


def write_outputs(out_dir: Path, articles: Iterable[Article] | StoredArticles,
                  stories: Iterable[Story] | StoredStories) -> list[Path]:
    """Write the three output files into ``out_dir`` as one set; returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    articles, stories = as_articles(articles), as_stories(stories)
    writers = [lambda stream: write_articles_jsonl(stream, articles), lambda stream: write_stories_json(stream, stories),
               lambda stream: write_report(stream, stories, articles)]
    paths = [out_dir / name for name in OUTPUT_FILES]
    written: list[Path] = []
    try:
        for path, writer in zip(paths, writers):
            remove_leftovers(path)
            written.append(write_aside(path, writer))
    except BaseException:
        for temporary in written:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, path in zip(written, paths):
        os.replace(temporary, path)
    return paths
