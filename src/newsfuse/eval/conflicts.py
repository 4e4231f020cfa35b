"""Score a story's conflicts against a conflict gold (CONFLICTS-GUIDE.md): precision, recall, type accuracy, traps.

Usage: newsfuse eval conflicts --gold tests/data/conflicts/dev-gold.jsonl
         --data ../shared/data/ecbplus/train.jsonl --data ../shared/data/ecbplus/dev.jsonl
         --data ../shared/data/stories-bench/basil-pac.jsonl

Each gold story's articles run as one batch through copies, facts and reconcile, as
``pipeline.build_stories`` runs them, with the story fixed to exactly those articles (story
clustering does not decide membership here). A row's ``text`` is a clean article, one paragraph a
line. Figures print per data file (its part: ``train``, ``dev``, ``basil-pac``) and over all.
"""
from __future__ import annotations

import argparse
import pickle
from pathlib import Path

from newsfuse.eval._conflict_gold import GoldStory, Totals, load_gold, score_story

MAX_SIDE_CHARS = 60


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", type=Path, required=True, help="conflict gold, one story a line (JSONL)")
    parser.add_argument("--data", type=Path, action="append", required=True,
                        help="JSONL rows of the stories' articles (ECB+ doc_id/date or id/published); repeatable")
    parser.add_argument("--only", action="append", help="score only this subtopic (repeatable)")
    parser.add_argument("--facts-cache", type=Path,
                        help="pickle of the stories after the fact stage: read when it exists, else written "
                             "(for tuning reconciliation; delete it when facts change)")
    parser.add_argument("--details", action="store_true",
                        help="also list the true reports and the gold conflicts no report matched")


def stories_with_facts(gold_stories: list[GoldStory], cache: Path | None):
    """(story, articles by id) for each gold story, after copies and facts (or from the cache)."""
    if cache is not None and cache.exists():
        return pickle.loads(cache.read_bytes())
    from dataclasses import replace

    from newsfuse.config import Config
    from newsfuse.copies import provenance_for, trace_copies
    from newsfuse.facts import extract_facts
    from newsfuse.model import Story

    config = Config()
    prepared = []
    for gold in gold_stories:
        relations = trace_copies(gold.articles, config.copies)
        ids = [a.id for a in gold.articles]
        story = Story(id=gold.id, articles=ids, headline=gold.articles[0].title or gold.id,
                      provenance=provenance_for(ids, relations))
        prepared.append((story, {a.id: a for a in gold.articles}))
    articles = {a_id: a for _, by_id in prepared for a_id, a in by_id.items()}
    extract_facts([s for s, _ in prepared], articles, replace(config.facts, n_process=1))
    if cache is not None:
        cache.write_bytes(pickle.dumps(prepared))
    return prepared


def _side(side: dict) -> str:
    value = side["value"] if len(side["value"]) <= MAX_SIDE_CHARS else side["value"][:MAX_SIDE_CHARS] + "\u2026"
    return f"{value!r} [{', '.join(side['articles'])}]"


def _line(gold: GoldStory, conflict: dict) -> str:
    status = f"{conflict.get('status', '')} {conflict.get('confidence', '')}".strip()
    return f"{gold.id} {conflict['type']} [{status}]: " + " | ".join(_side(s) for s in conflict["sides"])


def main(args: argparse.Namespace) -> int:
    from newsfuse.config import ReconcileConfig
    from newsfuse.reconcile import reconcile_story

    gold_stories, missing = load_gold(args.gold, args.data)
    if args.only:
        gold_stories = [g for g in gold_stories if g.id in args.only]
    if missing:
        print(f"skipped (articles not in the data): {', '.join(missing)}")
    prepared = stories_with_facts(gold_stories, args.facts_cache)
    config = ReconcileConfig()
    by_part: dict[str, Totals] = {}
    overall = Totals()
    for gold, (story, articles) in zip(gold_stories, prepared):
        reconcile_story(story, articles, config)
        score = score_story(gold, [c.to_dict() for c in story.conflicts])
        for conflict, why in score.false_alarms:
            print(f"false alarm {_line(gold, conflict)}  ({why})")
        if args.details:
            for conflict in score.true_reports:
                print(f"true {_line(gold, conflict)}")
            for item in gold.conflicts:
                if item["id"] not in score.found:
                    print(f"missed {item['id']} {'/'.join(item.get('types', []))}: {item['a_re']!r} | {item['b_re']!r}")
        by_part.setdefault(gold.part, Totals()).add(gold, score)
        overall.add(gold, score)
    for part in sorted(by_part):
        print(f"{part}: {by_part[part].line()}")
    print(f"all: {overall.line()}")
    return 0
