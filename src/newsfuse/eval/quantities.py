"""Quantities on NewsQuant (dev half, facts-bench): value+unit F1 and bounds by the reference
scorer newsquant.py.

newsfuse's quantity facts go to the scorer as printed by ``newsfuse facts`` (system "newsfuse"),
with each unit written in the words of the scorer's canonical unit table (``scorer_unit``: ISO
currency codes as currency names, pint's names with the gold's spellings, "X / Y" as "X per Y", a
count as its counted words, an age as "year of age");
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
CURRENCY_NAMES = {
    "USD": "dollar", "EUR": "euro", "GBP": "pound sterling", "JPY": "japanese yen", "CNY": "chinese yuan",
    "INR": "indian rupee", "RUB": "russian ruble", "KRW": "south korean won", "UAH": "ukrainian hryvnia",
    "AUD": "australian dollar", "CAD": "canadian dollar", "HKD": "hong kong dollar", "SGD": "singaporean dollar",
    "NZD": "new zealand dollar", "TWD": "new taiwan dollar", "MYR": "malaysian ringgit", "ILS": "shekel",
    "DKK": "danish krone", "SEK": "swedish krona", "NOK": "norwegian krone", "CHF": "swiss franc",
    "BRL": "brazilian real", "MXN": "mexican peso", "PHP": "philippine peso", "ZAR": "south african rand",
    "TRY": "turkish lira", "THB": "thai baht", "IDR": "indonesian rupiah", "NGN": "nigerian naira",
    "AED": "united arab emirates dirham", "SAR": "saudi riyal", "PKR": "pakistani rupee",
}
UNIT_NAMES = {
    "meter": "metre", "kilometer": "kilometre", "centimeter": "centimetre", "millimeter": "millimetre",
    "micrometer": "micrometre", "liter": "litre", "milliliter": "millilitre", "oil_barrel": "barrel",
    "metric_ton": "tonne", "short_ton": "ton", "degree_Celsius": "celsius", "degree_Fahrenheit": "fahrenheit",
    "kilowatt_hour": "kilowatt hour", "milliampere * hour": "milliampere-hour", "meter²": "square metre",
    "ksi": "kilopound per square inch", "psi": "pound per square inch", "kilometer²": "square kilometre", "foot²": "square foot", "mile²": "square mile", "nautical_mile": "nautical mile",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_common_arguments(parser, DEFAULT_DATA, "NewsQuant rows (gold: NAME.gold.jsonl next to it)")


def scorer_unit(fact: dict) -> str:
    """A quantity's unit in the words of the scorer's canonical table: "USD / share" -> "dollar per
    share", "kilometer / hour" -> "kilometre per hour", a count -> its counted words."""
    context = fact.get("context") or {}
    unit = str(fact["value"].get("unit") or "")
    if context.get("age"):
        return f"{unit} of age"
    numerator, _, per = unit.partition(" / ")
    if str(fact.get("key", "")).startswith("count:") and context.get("counted"):
        numerator = context["counted"]
    name = CURRENCY_NAMES.get(numerator) or UNIT_NAMES.get(numerator, numerator)
    return f"{name} per {UNIT_NAMES.get(per, per)}" if per else name


def scorer_rows(rows: list[dict]) -> list[dict]:
    """``newsfuse facts`` rows with each quantity's unit as ``scorer_unit`` writes it."""
    return [dict(row, facts=[dict(f, value=dict(f["value"], unit=scorer_unit(f))) if f["kind"] == "quantity" else f
                             for f in row["facts"]]) for row in rows]


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
    scored = {"newsfuse": run_scorer(args.scorers, "newsquant", ["score", gold, "nf", "newsfuse", *options],
                                       {"nf": scorer_rows(found)})}
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
