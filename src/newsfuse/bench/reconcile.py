"""Reconciliation cost by story size: seconds per article on stories of 10, 100 and 1,000 articles.

The fact stage runs once on real ECB+ articles of one topic (``--data``, ``--topic``); stories of
each size are then made of those articles repeated under new ids, each copy its own independent
source, with the copies' fact and quote mentions. Only ``reconcile_story`` is timed (after one
untimed run for one-off loads), so the figure is reconciliation's own cost. Time per article should grow at most 2 times from 100 to
1,000 articles (near-linear cost).
"""
from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "ecbplus" / "dev.jsonl"
MAX_GROWTH = 2.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ECB+ JSONL (doc_id, topic, text)")
    parser.add_argument("--topic", default="", help="the topic whose articles are repeated (default: the largest)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000], help="story sizes in articles")


def base_story(path: Path, topic: str):
    """A story of one topic's articles with its fact and quote mentions."""
    from newsfuse.config import FactsConfig
    from newsfuse.eval._conflict_gold import row_article
    from newsfuse.facts import extract_facts
    from newsfuse.model import Story

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["topic"]] = counts.get(row["topic"], 0) + 1
    topic = topic or max(counts, key=counts.get)
    articles = {a.id: a for a in (row_article(r, str(path)) for r in rows if r["topic"] == topic)}
    story = Story(id=f"topic-{topic}", articles=list(articles))
    extract_facts([story], articles, FactsConfig(n_process=1))
    return story, articles


def scaled_story(story, articles: dict, size: int):
    """A story of ``size`` articles: the base articles repeated under new ids, each its own source."""
    from newsfuse.model import Provenance, Story

    base = list(story.articles)
    copies = {}
    for n in range(size):
        original = base[n % len(base)]
        copies[original] = copies.get(original, []) + [f"{original}~{n}"]
    scaled_articles = {new: replace(articles[old], id=new) for old, news in copies.items() for new in news}
    facts = [replace(m, mention=replace(m.mention, article=new)) for m in story.fact_mentions
             for new in copies.get(m.mention.article, [])]
    quotes = [replace(q, mention=replace(q.mention, article=new)) for q in story.quote_mentions
              for new in copies.get(q.mention.article, [])]
    ids = list(scaled_articles)
    scaled = Story(id=f"{story.id}-{size}", articles=ids, event_date=story.event_date,
                   provenance=Provenance(independent_groups=[[a] for a in ids]),
                   fact_mentions=facts, quote_mentions=quotes)
    return scaled, scaled_articles


def main(args: argparse.Namespace) -> int:
    from newsfuse.config import ReconcileConfig
    from newsfuse.reconcile import reconcile_story

    story, articles = base_story(args.data, args.topic)
    print(f"base story {story.id}: {len(story.articles)} articles, {len(story.fact_mentions)} fact mentions, "
          f"{len(story.quote_mentions)} quotes")
    reconcile_story(*scaled_story(story, articles, min(args.sizes)), ReconcileConfig())  # one-off loads, untimed
    per_article = {}
    for size in args.sizes:
        scaled, scaled_articles = scaled_story(story, articles, size)
        started = time.perf_counter()
        reconcile_story(scaled, scaled_articles, ReconcileConfig())
        elapsed = time.perf_counter() - started
        per_article[size] = elapsed / size
        print(f"{size} articles: {elapsed:.2f} s, {1000 * per_article[size]:.2f} ms per article, "
              f"{len(scaled.conflicts)} conflicts, {len(scaled.facts)} facts")
    sizes = sorted(per_article)
    for small, large in zip(sizes, sizes[1:]):
        growth = per_article[large] / per_article[small]
        print(f"time per article {small} -> {large}: x{growth:.2f} "
              + ("(near-linear)" if growth <= MAX_GROWTH else f"(more than x{MAX_GROWTH:g})"))
    return 0
