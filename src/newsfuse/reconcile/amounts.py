"""Quantities of one slot: compatible before conflicting.

Two amounts are compatible when the intervals they allow overlap: an exact figure within the
rounding of its last stated digit and at most ``value_tolerance`` (31 and 32 years differ; 20,000
and 20,400 may be one rounded figure), an approximate one within ``approx_tolerance``, a range its low to high, "at
least N" everything above N, "at most N" everything below; an amount converted from another unit
also within the rounding of its last stated digit ("30 miles" is 25-35 miles, so 48 km fits).
A figure equal to the sum of the other side's figure and one or two others of its sentence is its
parts added up ("12 X and 11 Y" against 23), and a count of some more or other ones ("two other
victims", "another 20,000 people") is a part of a total, not the total. Whatever is left is a conflict: ``bound`` where the
amounts agree but the bounds exclude each other, else ``value``.
"""
from __future__ import annotations

import math
import re
from datetime import date
from itertools import combinations
from typing import Any

from newsfuse.config import ReconcileConfig
from newsfuse.reconcile.slots import Entity, Item, Slot, amounts_close, si_amount

BOUND_NAMES = {"lower": "lower bound", "upper": "upper bound", "approx": "approximate", "exact": "exact"}
BOUND_WORDS = {"lower": "more than", "upper": "at most", "approx": "about", "exact": ""}
MAX_PARTS = 2  # other figures of a sentence that may add up with a side's own to the other side
SUM_TOLERANCE = 1e-6
EXACT_SHARE = 0.99  # of half a last digit: exact 31 and 32 do not meet at 31.5

Interval = tuple[float, float, bool, bool]  # low, high, low open, high open


def rounding_spread(amount: float) -> float:
    """Half a unit of the last stated digit: 30 may be 25 to 35, 48 may be 47.5 to 48.5, 2.6 is 2.55 to 2.65."""
    if not float(amount).is_integer():
        decimals = len(f"{amount}".split(".")[1].rstrip("0")) or 1
        return 0.5 * 10 ** -decimals
    whole, step = int(abs(amount)), 1
    while whole and whole % 10 == 0:
        whole, step = whole // 10, step * 10
    return step / 2


def _scale(value: dict[str, Any]) -> float:
    """SI units per stated unit (1 where the amount was not converted)."""
    amount, si = value.get("amount"), si_amount(value)
    try:
        return si / float(amount) if amount and si is not None else 1.0
    except (TypeError, ValueError):
        return 1.0


def quantity_interval(value: dict[str, Any], config: ReconcileConfig, converted: bool = False) -> Interval | None:
    """The SI amounts a quantity statement allows; ``converted``: the slot mixes units, so the
    rounding of the stated figure counts too."""
    amount = si_amount(value)
    if amount is None:
        return None
    bound, scale = value.get("bound", "exact"), _scale(value)
    if bound == "lower":
        return amount, math.inf, True, True
    if bound == "upper":
        return -math.inf, amount, True, False
    numbers = value.get("range") or {}
    if "low" in numbers and "high" in numbers:
        return float(numbers["low"]) * scale, float(numbers["high"]) * scale, False, False
    if bound == "approx" and value.get("below"):
        return amount - config.approx_tolerance * abs(amount), amount, False, True
    if bound == "approx":
        spread = config.approx_tolerance * abs(amount)
    else:  # an exact figure allows the rounding of its last stated digit, at most the value tolerance
        stated = float(value.get("amount") or 0)
        spread = min(config.value_tolerance * abs(amount), EXACT_SHARE * rounding_spread(stated) * abs(scale))
    if converted:
        spread = max(spread, rounding_spread(float(value.get("amount") or 0)) * abs(scale))
    return amount - spread, amount + spread, False, False


def intervals_overlap(a: Interval, b: Interval) -> bool:
    low = max((a[0], a[2]), (b[0], b[2]))
    high = min((a[1], not a[3]), (b[1], not b[3]))
    if low[0] < high[0]:
        return True
    return low[0] == high[0] and not low[1] and high[1]


def quantity_label(value: dict[str, Any]) -> str:
    amount = value.get("amount")
    shown = f"{amount:,.0f}" if isinstance(amount, (int, float)) and float(amount).is_integer() else str(amount)
    words = [BOUND_WORDS.get(value.get("bound", "exact"), ""), shown, str(value.get("unit") or "")]
    return " ".join(w for w in words if w)


# Approximations from below: "nearly 300" is a little under 300, never more than it.
FROM_BELOW = ("nearly", "almost", "just under", "just shy of")


def _with_range(item: Item) -> dict[str, Any]:
    rng = item.context.get("range")
    value = {**item.value, "range": rng} if rng else item.value
    words = str(item.context.get("bound_words") or "").lower().strip()
    if value.get("bound") == "approx" and not rng and words.startswith(FROM_BELOW):
        value = {**value, "below": True}
    return value


# Words that make a count a part of a larger one: "two other victims", "another 20,000", "five more".
PART_AFTER = re.compile(r"\b(?:other|more(?!\s+than)|additional|further|extra|remaining)\b", re.IGNORECASE)
PART_BEFORE = re.compile(r"\b(?:another|other|additional|further|the remaining)\s*$", re.IGNORECASE)


def is_part(item: Item) -> bool:
    """Whether a count speaks of some more or other ones than those counted elsewhere."""
    sentence, surface = item.mention.sentence or "", item.surface
    position = sentence.find(surface) if surface else -1
    before = sentence[max(0, position - 20):position] if position > 0 else ""
    return bool(PART_AFTER.search(surface) or PART_BEFORE.search(before))


BIRTHDAY_SLACK = 0.75  # reports 3 months or more past a whole year apart may straddle one more birthday


def _aged_between(a: Entity, b: Entity) -> bool:
    """Whether two ages of one person differ by no more than the years between the reports (38 at
    the shooting, 39 at the trial a year later)."""
    days = sorted(str(i.published)[:10] for i in a.items + b.items if i.published)
    x, y = a.value.get("amount"), b.value.get("amount")
    if len(days) < 2 or not isinstance(x, (int, float)) or not isinstance(y, (int, float)):
        return False
    try:
        years = (date.fromisoformat(days[-1]) - date.fromisoformat(days[0])).days / 365.25
    except ValueError:
        return False
    return abs(x - y) <= int(years + BIRTHDAY_SLACK)


def sum_of_parts(whole: Item, part: Item) -> bool:
    """Whether ``whole`` is ``part`` plus one or two other figures of ``part``'s sentence."""
    total, first = si_amount(whole.value), si_amount(part.value)
    if total is None or first is None or total <= first:
        return False
    for size in range(1, MAX_PARTS + 1):
        for others in combinations(part.neighbours, size):
            if abs(first + sum(others) - total) <= SUM_TOLERANCE * max(total, 1.0):
                return True
    return False


def _parts_add_up(whole: Entity, parts: Entity) -> bool:
    """Whether some sentence stating ``parts`` adds up to ``whole`` (each distinct sentence tried once)."""
    tried = {i.neighbours: i for i in parts.items}
    return any(sum_of_parts(whole.items[0], part) for part in tried.values())


def clash(a: Entity, b: Entity, config: ReconcileConfig, converted: bool) -> bool:
    """Whether two values of one slot, stated by different sources, cannot both be true."""
    if len(a.groups | b.groups) < 2:
        return False
    ia = quantity_interval(_with_range(a.items[0]), config, converted)
    ib = quantity_interval(_with_range(b.items[0]), config, converted)
    if ia is None or ib is None or intervals_overlap(ia, ib):
        return False
    if is_part(a.items[0]) != is_part(b.items[0]):
        return False  # some other ones against a total: a part, not the same count
    if a.items[0].key == "age" and _aged_between(a, b):
        return False
    return not (_parts_add_up(a, b) or _parts_add_up(b, a))


def quantity_clashes(slot: Slot, config: ReconcileConfig) -> tuple[list[tuple[Entity, Entity]], list[str]]:
    """Pairs of the slot's values that clash, and the slot's units (values, not mentions, are
    compared: a story repeating a figure costs no more pairs)."""
    units = sorted({str(i.value.get("unit")) for i in slot.items if i.value.get("unit")})
    converted = len(units) > 1 and any(i.value.get("si") for i in slot.items)
    return [(a, b) for a, b in combinations(slot.entities, 2) if clash(a, b, config, converted)], units


def bounds_differ_only(a: dict[str, Any], b: dict[str, Any], config: ReconcileConfig) -> bool:
    """Whether two clashing amounts are the same size with bounds that exclude each other ("more than
    1,000" / "as many as 1,000"); two exact figures that clash differ in value (5.9 and 6.1)."""
    return a.get("bound", "exact") != b.get("bound", "exact") and amounts_close(a, b, config)


def same_amount(clashes: list[tuple[Entity, Entity]], config: ReconcileConfig) -> bool:
    """Whether every clash is one of bounds on the same amount ("more than 1,000" / "as many as 1,000")."""
    return all(bounds_differ_only(a.value, b.value, config) for a, b in clashes)


def agreement_note(slot: Slot, units: list[str]) -> tuple[str, str]:
    """(agree or compatible, why) for a slot without clashes."""
    bounds = {i.value.get("bound", "exact") for i in slot.items}
    notes = []
    if len(units) > 1:
        sis = {f"{si_amount(i.value):,.6g} {(i.value.get('si') or {}).get('unit', '')}".strip() for i in slot.items
               if i.value.get("si")}
        notes.append(f"stated in {', '.join(units)}; the same after unit conversion and rounding ({'; '.join(sorted(sis))})")
    if len(bounds) > 1:
        notes.append("bounds differ but overlap: " + ", ".join(sorted({quantity_label(i.value) for i in slot.items})))
    if len(slot.entities) > 1:
        notes.append("amounts differ but are compatible (tolerance, a range, or parts that add up)")
    status = "compatible" if len(bounds) > 1 or len(slot.entities) > 1 else "agree"
    return status, "; ".join(notes)
