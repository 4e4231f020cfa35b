"""Calendar dates written in page text: ISO, numeric, English month names, CJK.

``find_dates`` returns every date it can read in a string, with where it
stands, so callers can judge its context (a byline, a "today" header, a
related-headline timestamp).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun")
MIN_YEAR, MAX_YEAR = 1990, 2100

_MONTH = r"(?P<month>(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME = r"(?:,?\s*(?:at\s+)?(?P<time>\d{1,2}:\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?))?"
_WEEKDAY = r"(?P<weekday>(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"

PATTERNS = [
    re.compile(rf"(?<!\d){_YEAR}[-/.](?P<month>[01]?\d)[-/.](?P<day>[0-3]?\d)(?!\d)"
               rf"(?:[T ]\s*(?P<time>\d{{1,2}}:\d\d(?::\d\d)?))?", re.I),
    re.compile(rf"{_YEAR}\s*年\s*(?P<month>[01]?\d)\s*月\s*(?P<day>[0-3]?\d)\s*日"),
    re.compile(rf"{_YEAR}\s*년\s*(?P<month>[01]?\d)\s*월\s*(?P<day>[0-3]?\d)\s*일"),
    re.compile(rf"(?<![A-Za-z]){_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d){_TIME}", re.I),
    re.compile(rf"(?<![\w]){_WEEKDAY}{_DAY}\.?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}(?!\d){_TIME}", re.I),
    re.compile(rf"(?<![\d.])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)[/.]{_YEAR}(?!\d){_TIME}"),
]
# What each of ``PATTERNS`` needs in a text to match: one of these strings, looked for in the text
# itself or (month names, matched ignoring case) in its case-folded form.
MONTH_STARTS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
PATTERN_NEEDS = ((("-", "/", "."), False), (("年",), False), (("년",), False), (MONTH_STARTS, True),
                 (MONTH_STARTS, True), (("/", "."), False))
# Each of ``PATTERNS`` behind a lookahead for the characters its matches can start with: the same
# matches, but the regex engine turns most positions down at once (the patterns that begin with a
# plain year need none).
MATCH_STARTS = ("(?=[12])", "", "", "(?=[adfjmnostw])", r"(?=[\dmtwfs])", r"(?=\d)")
SEARCH_PATTERNS = [re.compile(start + pattern.pattern, pattern.flags) for start, pattern in zip(MATCH_STARTS, PATTERNS)]
HAS_YEAR = re.compile(r"(?:19|20)\d\d")  # every full date has one: a cheap first test
CACHED_TEXTS = 1024


@dataclass(frozen=True)
class FoundDate:
    """A date read from text: its value, span and how it was written."""

    value: date
    start: int
    end: int
    has_weekday: bool = False
    has_time: bool = False


def month_number(word: str) -> int | None:
    """1-12 for an English month name or abbreviation (``Sept.``, ``oct``), else None."""
    return MONTHS.get(word.lower().rstrip("."))


def _make_date(year: int, month: int, day: int) -> date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _from_match(match: re.Match) -> date | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("a"):  # numeric: M/D/Y with slashes, D.M.Y with dots, unless only one reading fits
        first, second = int(groups["a"]), int(groups["b"])
        if first > 12 or (groups["sep"] == "." and second <= 12):
            return _make_date(year, second, first)
        return _make_date(year, first, second)
    month = groups["month"]
    number = int(month) if month.isdigit() else month_number(month)
    if number is None:
        return None
    return _make_date(year, number, int(groups["day"]))


def find_dates(text: str) -> list[FoundDate]:
    """Every full date (with a year) in ``text``, in order of position, spans not overlapping.

    The stages read the same few lines several times (titles, bylines, dates), so the
    answers for recent lines are kept."""
    if not HAS_YEAR.search(text):
        return []
    return list(_dates_with_year(text))


@lru_cache(maxsize=CACHED_TEXTS)
def _dates_with_year(text: str) -> tuple[FoundDate, ...]:
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    folded = text.casefold()  # what a month name matched ignoring case becomes
    for pattern, (needles, in_folded) in zip(SEARCH_PATTERNS, PATTERN_NEEDS):
        if not any(needle in (folded if in_folded else text) for needle in needles):
            continue  # the pattern cannot match
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            value = _from_match(match)
            if value is None:
                continue
            groups = match.groupdict()
            taken.append(match.span())
            found.append(FoundDate(value, match.start(), match.end(),
                                   has_weekday=bool(groups.get("weekday")), has_time=bool(groups.get("time"))))
    return tuple(sorted(found, key=lambda d: d.start))
