"""Stage 6, report: the contract's outputs, written atomically.

Reads finished ``Article`` and ``Story`` objects; writes ``articles.jsonl``,
``stories.json`` and ``report.html`` as one set: all three are written aside
first and renamed into place only when every one is whole.
"""
from __future__ import annotations

import os
from pathlib import Path

from newsfuse.model import Article, Story
from newsfuse.report.html import render_report
from newsfuse.report.output import articles_jsonl, atomic_write, remove_leftovers, stories_json, write_aside

__all__ = ["write_outputs", "render_report", "atomic_write", "OUTPUT_FILES"]

OUTPUT_FILES = ("articles.jsonl", "stories.json", "report.html")


def write_outputs(out_dir: Path, articles: list[Article], stories: list[Story]) -> list[Path]:
    """Write the three output files into ``out_dir`` as one set; returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    by_id = {a.id: a for a in articles}
    texts = [articles_jsonl(articles), stories_json(stories), render_report(stories, by_id)]
    paths = [out_dir / name for name in OUTPUT_FILES]
    written: list[Path] = []
    try:
        for path, text in zip(paths, texts):
            remove_leftovers(path)
            written.append(write_aside(path, text))
    except BaseException:
        for temporary in written:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, path in zip(written, paths):
        os.replace(temporary, path)
    return paths
