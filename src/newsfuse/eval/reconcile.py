"""Score reconciliation (conflicts, not-conflicts, single-source claims, brief) against a gold file.

Usage: newsfuse eval reconcile --stories OUT/stories.json --gold ../shared/eval/seeds.gold.json
Gold article ids may be prefixes of the run's ids (``007`` for ``007_5f3a``).
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

SINGLE_SOURCE_OVERLAP = 0.5  # share of a gold claim's words a reported sentence must contain


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--stories", required=True, help="stories.json written by newsfuse run")
    parser.add_argument("--gold", required=True, help="gold file with conflicts, not_conflicts, single_source")


def _gold_id(article: str, gold_ids: set[str]) -> str:
    return next((g for g in gold_ids if article == g or article.startswith(f"{g}_")), article)


def _words(text: str) -> set[str]:
    return {w.rstrip("s") for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2 or w.isdigit()}


def _side_sets(conflict: dict, gold_ids: set[str]) -> list[set[str]]:
    return [{_gold_id(a, gold_ids) for a in side["articles"]} for side in conflict["sides"]]


def match_conflict(gold: dict, predicted: list[dict], gold_ids: set[str]) -> dict | None:
    """The predicted conflict of the gold's type whose sides hold the gold's sides."""
    wanted = [set(side) for side in gold["sides"].values()]
    for conflict in predicted:
        if conflict["type"] != gold["type"]:
            continue
        sides = _side_sets(conflict, gold_ids)
        if all(any(want <= side for side in sides) for want in wanted):
            return conflict
    return None


def violated_not_conflicts(gold: dict, predicted: list[dict]) -> list[str]:
    """Gold not-conflicts that a reported conflict contradicts: two of its sides name the fact's mentions."""
    facts = {f["id"]: f for f in gold.get("facts", [])}
    violated = []
    for item in gold.get("not_conflicts", []):
        mentions = {m.lower() for m in facts.get(item["about"], {}).get("mentions", {}).values()}
        for conflict in predicted:
            hits = [side for side in conflict["sides"]
                    if any(m in side["value"].lower() or side["value"].lower() in m for m in mentions)]
            if len(hits) >= 2:
                violated.append(f"{item['about']} ({item['why']}) by {conflict['id']} {conflict['type']}")
    return violated


def found_single_source(gold: dict, story: dict, gold_ids: set[str]) -> list[bool]:
    found = []
    for item in gold.get("single_source", []):
        want = _words(item["fact"])
        found.append(any(_gold_id(claim["article"], gold_ids) == item["doc"]
                         and len(want & _words(claim["text"])) >= SINGLE_SOURCE_OVERLAP * len(want)
                         for claim in story.get("single_source", [])))
    return found


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main(args: argparse.Namespace) -> int:
    gold = json.loads(Path(args.gold).read_text(encoding="utf-8"))
    stories = json.loads(Path(args.stories).read_text(encoding="utf-8"))
    gold_ids = set(gold.get("documents", {}))
    story = max(stories, key=lambda s: len(s["articles"]))
    predicted = story["conflicts"]
    matched = {}
    for item in gold.get("conflicts", []):
        hit = match_conflict(item, predicted, gold_ids)
        matched[item["id"]] = hit
        status = f"found as {hit['id']}" if hit else ("missing (marked a stretch)" if item.get("stretch") else "missing")
        print(f"conflict {item['id']} {item['type']}: {status}")
    for problem in violated_not_conflicts(gold, predicted):
        print(f"not_conflict violated: {problem}")
    singles = found_single_source(gold, story, gold_ids)
    for item, hit in zip(gold.get("single_source", []), singles):
        print(f"single_source {item['doc']} {item['fact']!r}: {'found' if hit else 'missing'}")
    uncited = [b["text"][:60] for b in story["brief"] if not b["citations"]]
    groups = len(story["provenance"]["independent_groups"])
    print(f"brief sentences {len(story['brief'])}, uncited {len(uncited)}; independent groups {groups}; "
          f"max support {max((b['independent_support'] for b in story['brief']), default=0)}")
    print(f"single_source recall {sum(singles)}/{len(singles)}; reported single_source {len(story['single_source'])}")
    true_positive = len({id(c) for c in matched.values() if c})
    precision = true_positive / len(predicted) if predicted else 0.0
    recall = sum(1 for c in matched.values() if c) / len(matched) if matched else 0.0
    print(f"conflicts: precision {precision:.3f} recall {recall:.3f} F1 {_f1(precision, recall):.3f}")
    return 0
