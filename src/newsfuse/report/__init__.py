"""Stage 6, report: the contract's outputs, written atomically.

Reads finished ``Article`` and ``Story`` objects; writes ``articles.jsonl``,
``stories.json`` and ``report.html``.
"""
from __future__ import annotations

from pathlib import Path

from newsfuse.model import Article, Story
from newsfuse.report.html import render_report
from newsfuse.report.output import atomic_write, articles_jsonl, stories_json

__all__ = ["write_outputs", "render_report", "atomic_write"]


def write_outputs(out_dir: Path, articles: list[Article], stories: list[Story]) -> list[Path]:
    """Write the three output files into ``out_dir``; returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    by_id = {a.id: a for a in articles}
    files = {
        "articles.jsonl": articles_jsonl(articles),
        "stories.json": stories_json(stories),
        "report.html": render_report(stories, by_id),
    }
    paths = []
    for name, text in files.items():
        paths.append(atomic_write(out_dir / name, text))
    return paths
