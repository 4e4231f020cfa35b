"""Publication dates in dumps judged by where the date line stands against the kept lines."""
from __future__ import annotations

from newsfuse.extract.published import find_published

PROSE = "The council voted on Tuesday to close the old bridge to lorries while engineers inspect it."


def _page(date_line: str, at: int, length: int = 30) -> list[str]:
    lines = [PROSE] * length
    lines[at] = date_line
    return lines


def test_unkept_date_line_under_the_headline_inside_the_span_is_taken():
    lines = ["Menu", "Bridge to close to lorries after inspection", "Jane Doe", "Local news", "",
             "March 4, 2024", *[PROSE] * 20]
    kept = {1, *range(6, len(lines))}  # the headline and the prose; the date line is not kept
    assert find_published(lines, 1, len(lines) - 1, title_index=1, kept=kept) == "2024-03-04"


def test_kept_date_line_inside_the_span_reads_as_body_text():
    lines = ["Menu", "Bridge to close to lorries after inspection", "Jane Doe", "Local news", "",
             "March 4, 2024", *[PROSE] * 20]
    kept = {1, *range(5, len(lines))}
    assert find_published(lines, 1, len(lines) - 1, title_index=1, kept=kept) is None


def test_lone_date_line_closing_the_body_is_taken():
    lines = _page("August 30, 2024", at=22)
    assert find_published(lines, 2, 20, title_index=None, kept=set(range(2, 21))) == "2024-08-30"


def test_dated_list_below_the_body_is_not_taken():
    lines = _page("August 30, 2024", at=22)
    lines[25], lines[28] = "July 2, 2024", "June 11, 2024"  # teasers of older stories, each with its date
    assert find_published(lines, 2, 20, title_index=None, kept=set(range(2, 21))) is None
