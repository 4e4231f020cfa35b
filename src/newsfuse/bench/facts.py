"""Fact stage throughput: words per second and peak memory on real news text (ECB+).

Feeds ECB+ documents (one story per topic) through the whole fact stage
(parsing, finders, dates, quotes and the story-level passes). The baseline,
in the same process, is spaCy's ``nlp.pipe`` alone on the same texts. One-off loads
(model, gazetteer, unit registry, date parser) happen before timing. CPU time counts
this process and its spaCy worker processes.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import time
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "ecbplus" / "dev.jsonl"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ECB+ JSONL (doc_id, topic, text)")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N documents (0: all)")
    parser.add_argument("--n-process", type=int, default=2,
                        help="worker processes (the fact stage shares stories out to them; start-up is timed)")


def load(path: Path, limit: int):
    from newsfuse.model import Article, Story
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    rows = rows[:limit] if limit else rows
    articles = {r["doc_id"]: Article(id=r["doc_id"], source=str(path), title=r.get("title"),
                                     body=[p for p in r["text"].split("\n") if p.strip()]) for r in rows}
    topics: dict[str, list[str]] = {}
    for row in rows:
        topics.setdefault(row["topic"], []).append(row["doc_id"])
    stories = [Story(id=f"topic-{topic}", articles=ids) for topic, ids in topics.items()]
    return articles, stories


def warm_up(articles, stories) -> None:
    """Run the fact stage once on one document, so that one-off loads (gazetteer, unit
    registry, date parser locales) are paid before timing, as the spaCy model load is."""
    from dataclasses import replace

    from newsfuse.facts import extract_facts
    first = stories[0].articles[0]
    extract_facts([replace(stories[0], articles=[first])], {first: articles[first]})


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (spaCy's worker processes)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(args: argparse.Namespace) -> int:
    from newsfuse.config import FactsConfig
    from newsfuse.facts import extract_facts
    from newsfuse.facts.nlp import load_nlp, parse_texts
    articles, stories = load(args.data, args.limit)
    words = sum(len(a.text.split()) for a in articles.values())
    load_nlp()
    warm_up(articles, stories)
    print(f"{len(articles)} documents, {len(stories)} stories, {words} words; model and fact-stage data loaded "
          f"(one-document warm-up), peak {peak_mb():.0f} MB")
    config = FactsConfig(n_process=args.n_process, min_docs_per_process=0)
    started, cpu = time.perf_counter(), cpu_seconds()
    parse_texts((a.text for a in articles.values()), batch_size=config.batch_size, n_process=args.n_process)
    baseline, baseline_cpu = time.perf_counter() - started, cpu_seconds() - cpu
    print(f"baseline spaCy nlp.pipe alone (same components, same process): {words / baseline:,.0f} words/s wall, "
          f"{words / baseline_cpu:,.0f} words per CPU-second ({baseline:.2f} s)")
    started, cpu = time.perf_counter(), cpu_seconds()
    extract_facts(stories, articles, config)
    elapsed, elapsed_cpu = time.perf_counter() - started, cpu_seconds() - cpu
    mentions = sum(len(s.fact_mentions) for s in stories)
    quotes = sum(len(s.quote_mentions) for s in stories)
    print(f"fact stage: {mentions} fact mentions, {quotes} quotes in {elapsed:.2f} s")
    print(f"peak memory {peak_mb():.0f} MB (ru_maxrss, this process); load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores")
    print(f"words per CPU-second {words / elapsed_cpu:,.0f} (this process and its spaCy workers); "
          f"on an idle machine with {args.n_process} core(s) that is about {args.n_process * words / elapsed_cpu:,.0f} "
          "words/s at best")
    print(f"words/s {words / elapsed:,.0f} wall  (n_process={args.n_process})")
    return 0
