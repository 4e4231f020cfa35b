"""The metadata search shortcuts (lazy line keys, bounded title search, one-pass year search)
give exactly what the plain searches give, on real text dumps."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from newsfuse.extract.dates import find_dates
from newsfuse.extract.published import _lines_with_year
from newsfuse.extract.textdump import split_lines
from newsfuse.extract.titles import (LOOKBACK_LINES, MIN_REPEAT_CHARS, TOP_LINES, LineIndex, _is_candidate,
                                     _title_score, find_title_line, normalise)

DUMPS_PER_SET = 15


def _dumps(shared_dir: Path) -> list[list[str]]:
    folders = [shared_dir / "seeds", shared_dir / "data" / "textdumps" / "wcxb-dev"]
    paths = [p for folder in folders for p in sorted(folder.glob("*.txt"))[:DUMPS_PER_SET]]
    if not paths:
        pytest.skip("no text dumps found")
    return [split_lines(p.read_text(encoding="utf-8", errors="replace")) for p in paths]


def _plain_repeats(lines: list[str], index: int) -> tuple[int, bool, bool]:
    """Line ``index``'s repeats counted over every line's ``normalise`` form."""
    keys = [normalise(line) for line in lines]
    key = keys[index]
    if len(key) < MIN_REPEAT_CHARS:
        return 0, False, False
    top = "\n".join(keys[:TOP_LINES])
    return "\n".join(keys).count(key) - 1, Counter(keys)[key] > 1, top.count(key) > (index < TOP_LINES)


def _plain_title_line(lines: list[str], first_body: int) -> int | None:
    """The first line with the highest positive score, every candidate scored."""
    index_of = LineIndex(lines)
    best, best_score = None, 0.0
    for index in range(max(0, first_body - LOOKBACK_LINES), min(first_body, len(lines))):
        if _is_candidate(lines[index].strip()):
            score = _title_score(index_of, index, first_body)
            if score > best_score:
                best, best_score = index, score
    return best


def test_repeats_match_counting_over_every_line(shared_dir: Path) -> None:
    checked = 0
    for lines in _dumps(shared_dir):
        index_of = LineIndex(lines)
        for index in range(0, len(lines), 3):
            assert index_of.repeats(index) == _plain_repeats(lines, index)
            checked += 1
    assert checked > 100


def test_bounded_title_search_picks_the_exhaustive_best(shared_dir: Path) -> None:
    for lines in _dumps(shared_dir):
        for first_body in range(5, len(lines), 17):
            assert find_title_line(LineIndex(lines), first_body) == _plain_title_line(lines, first_body)


def test_repeated_headline_line_is_counted() -> None:
    lines = ["Rivers rise across the northern valley | Daily", "menu", "Rivers rise across the northern valley", "x"]
    repeats, identical, at_top = LineIndex(lines).repeats(2)
    assert (repeats, identical, at_top) == (1, False, True)


def test_year_search_keeps_exactly_the_lines_with_dates(shared_dir: Path) -> None:
    for lines in _dumps(shared_dir):
        zone = list(range(len(lines)))
        with_year = set(_lines_with_year(lines, zone))
        assert {i for i in zone if find_dates(lines[i])} <= with_year


def test_top_lines_alone_give_the_at_top_term(shared_dir: Path) -> None:
    for lines in _dumps(shared_dir):
        index_of = LineIndex(lines)
        for index in range(0, min(len(lines), LOOKBACK_LINES)):
            assert index_of.at_top(index) == index_of.repeats(index)[2]
