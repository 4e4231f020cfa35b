"""The arrival order of a batch: dated articles by date, undated ones spread among them.

Rule: dated items are sorted by (date, natural id order). Undated items, in natural id
order, are interleaved evenly: the i-th of U undated items (0-based) goes right after
the first ``floor((i + 1) * D / (U + 1))`` dated items, D being the number of dated
items. The same batch always gives the same order, whatever order it came in.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import cycle
from typing import TypeVar

Item = TypeVar("Item")
DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple:
    """``"1_10ecb"`` after ``"1_9ecb"``: digit runs (every other part of the split) compare as
    numbers, by their length without leading zeros and then their digits, so that a run of any
    length is never converted to an integer."""
    return tuple((len(part.lstrip("0")), part.lstrip("0")) if odd else part
                 for odd, part in zip(cycle((False, True)), DIGITS.split(text)))


def arrival_order(items: Sequence[Item], date_of: Callable[[Item], str | None],
                  id_of: Callable[[Item], str]) -> list[Item]:
    dated = sorted((i for i in items if date_of(i)), key=lambda i: (date_of(i), natural_key(id_of(i))))
    undated = sorted((i for i in items if not date_of(i)), key=lambda i: natural_key(id_of(i)))
    slots: list[list[Item]] = [[] for _ in range(len(dated) + 1)]
    for index, item in enumerate(undated):
        slots[(index + 1) * len(dated) // (len(undated) + 1)].append(item)
    ordered: list[Item] = list(slots[0])
    for position, item in enumerate(dated, start=1):
        ordered.append(item)
        ordered.extend(slots[position])
    return ordered
