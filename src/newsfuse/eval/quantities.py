"""Quantities on NewsQuant (dev half, facts-bench): value+unit F1 and bounds by the reference
scorer newsquant.py.

newsfuse's quantity facts go to the scorer as printed by ``newsfuse facts`` (system "newsfuse");
quantulum3 parses each sentence in the same run (system "quantulum": value, unit name, surface).
Its shipped unit classifier is a pickle that no longer loads under scikit-learn 1.9, so it runs
with its rule-based disambiguation (``classifier.USE_CLF = False``), as it does where scikit-learn
is absent. Its output varies slightly from run to run (set order), so it is kept in the cache
folder like the parses. The summary prints last.
"""
from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import sys

from newsfuse.eval._factsbench import DATA, add_common_arguments

DEFAULT_DATA = DATA / "quantities" / "newsquant-dev.jsonl"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_common_arguments(parser, DEFAULT_DATA, "NewsQuant rows (gold: NAME.gold.jsonl next to it)")


def quantulum_row(row_id: str, quantities) -> dict:
    """quantulum3's quantities of one sentence in the scorer's "quantulum" form."""
    return {"id": row_id, "preds": [{"value": q.value, "unit": q.unit.name, "surface": q.surface,
                                     "uncertainty": q.uncertainty} for q in quantities]}


def quantulum_rows(rows: list[dict]) -> list[dict]:
    from quantulum3 import classifier, parser
    classifier.USE_CLF = False
    found = []
    for row in rows:
        try:
            quantities = parser.parse(row["text"])
        except Exception as error:  # noqa: BLE001 - a crash on one sentence counts as no output
            print(f"quantulum3: {row['id']}: {error!r}", file=sys.stderr)
            quantities = []
        found.append(quantulum_row(row["id"], quantities))
    return found


def summary(system: str, result: dict) -> str:
    value_unit = result["value+unit"]
    return (f"{system}: value+unit F1 {value_unit['F1']:.4f} (P {value_unit['P']:.4f}, R {value_unit['R']:.4f}); "
            f"value F1 {result['value']['F1']:.4f}; bounds right {result['bound_acc_on_value_matches']}")


def main(args: argparse.Namespace) -> int:
    from newsfuse.eval._factsbench import (Timer, cached_json, digest, gold_path, load_jsonl, newsfuse_rows, peer_missing,
                                           print_scored, run_scorer)
    rows, gold = load_jsonl(args.data), str(gold_path(args.data))
    timer = Timer()
    found, _ = newsfuse_rows(rows, frozenset({"quantity"}), not args.no_cache)
    print(f"NewsQuant {args.data.name}: {len(rows)} sentences; newsfuse {timer}")
    options = ["--examples", str(args.examples)]
    scored = {"newsfuse": run_scorer(args.scorers, "newsquant", ["score", gold, "nf", "newsfuse", *options], {"nf": found})}
    if not args.no_peer and importlib.util.find_spec("quantulum3") is None:
        peer_missing("quantulum3", "quantulum3")
    elif not args.no_peer:
        timer = Timer()
        key = digest(importlib.metadata.version("quantulum3"), [(row["id"], row["text"]) for row in rows])
        predicted = cached_json("quantulum3", key, lambda: quantulum_rows(rows), not args.no_cache)
        print(f"quantulum3: {timer}")
        scored["quantulum3"] = run_scorer(args.scorers, "newsquant", ["score", gold, "q3", "quantulum", *options], {"q3": predicted})
    for system, (result, examples) in scored.items():
        print_scored(system, result, examples)
    for system, (result, _) in scored.items():
        print(summary(system, result))
    return 0
