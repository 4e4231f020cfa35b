"""Calendar periods for the date finder: months, quarters, seasons, ISO weeks, holidays, the year
nearest a reference, and ``Resolved``, the period a date expression names."""
from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta

FUTURE_PENALTY = 3  # a year-less date in the future counts this many times as far as one in the past
MONTH_NAME = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
              r"Aug(?:ust|\.)?|Sep(?:tember|t\.|\.|t)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
MONTH_NUMBERS = {name: index for index, name in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
SEASON_MONTHS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}  # meteorological seasons
PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
PART_MONTHS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
PART_QUARTER_MONTHS = {"early": 0, "mid": 1, "late": 2}
FIXED_HOLIDAYS = {"new year's day": (1, 1), "new year's eve": (12, 31), "christmas": (12, 25), "christmas day": (12, 25),
                  "christmas eve": (12, 24), "independence day": (7, 4), "halloween": (10, 31),
                  "valentine's day": (2, 14), "veterans day": (11, 11)}
# (month, weekday, n): the n-th such weekday of the month (-1: the last), plus days after it
WEEKDAY_HOLIDAYS = {"thanksgiving": (11, 3, 4, 0), "thanksgiving day": (11, 3, 4, 0), "labor day": (9, 0, 1, 0),
                    "memorial day": (5, 0, -1, 0), "election day": (11, 0, 1, 1)}
EASTER_HOLIDAYS = {"easter": 0, "easter sunday": 0, "easter monday": 1, "good friday": -2}
HOLIDAY_NAME = "|".join(sorted((*FIXED_HOLIDAYS, *WEEKDAY_HOLIDAYS, *EASTER_HOLIDAYS), key=len, reverse=True))


@dataclass(frozen=True)
class Resolved:
    """A resolved date expression. ``vague`` marks a vague reference ("now", "recently", "the
    future"): recognised, but no date; ``season`` names the season a three-month period stands
    for; ``anchored``: read against the period the text named before ("a year earlier"), which it
    does not replace as the anchor."""

    start: date
    end: date
    granularity: str
    relative: bool
    part: str = ""
    weekday: bool = False
    range: bool = False
    vague: bool = False
    season: str = ""
    anchored: bool = False


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def month_shift(day: date, months: int) -> tuple[int, int]:
    """(year, month) ``months`` after the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    return date(year, 3 * quarter - 2, 1), month_bounds(year, 3 * quarter)[1]


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def season_bounds(year: int, season: str) -> tuple[date, date]:
    """The meteorological season of ``year`` (winter runs from its December into the next year)."""
    first = SEASON_MONTHS[season]
    end_year, end_month = month_shift(date(year, first, 1), 2)
    return date(year, first, 1), month_bounds(end_year, end_month)[1]


def season_of(day: date) -> tuple[int, str]:
    """(year, season) holding ``day``; January and February belong to the previous year's winter."""
    if day.month <= 2:
        return day.year - 1, "winter"
    return day.year, next(s for s, m in sorted(SEASON_MONTHS.items(), key=lambda i: -i[1]) if day.month >= m)


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l) // 433
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holiday(name: str, year: int) -> date:
    """The day of a holiday (a key of ``FIXED_HOLIDAYS``, ``WEEKDAY_HOLIDAYS`` or ``EASTER_HOLIDAYS``)."""
    name = name.lower().replace("’", "'")
    if name in FIXED_HOLIDAYS:
        return date(year, *FIXED_HOLIDAYS[name])
    if name in EASTER_HOLIDAYS:
        return easter(year) + timedelta(days=EASTER_HOLIDAYS[name])
    month, weekday, nth, after = WEEKDAY_HOLIDAYS[name]
    if nth > 0:
        first = date(year, month, 1)
        day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    else:
        last = month_bounds(year, month)[1]
        day = last - timedelta(days=(last.weekday() - weekday) % 7)
    return day + timedelta(days=after)


def expand(day: date, granularity: str) -> tuple[date, date]:
    """The period of the given granularity that holds ``day``."""
    if granularity == "month":
        return month_bounds(day.year, day.month)
    if granularity == "quarter":
        return quarter_bounds(day.year, quarter_of(day))
    if granularity == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if granularity == "decade":
        return date(day.year // 10 * 10, 1, 1), date(day.year // 10 * 10 + 9, 12, 31)
    if granularity == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    return day, day


def shift_years(day: date, years: int) -> date:
    year = day.year + years
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def shifted(resolved: Resolved, years: int) -> Resolved:
    """The same period ``years`` later (earlier where negative)."""
    if resolved.season:
        start, end = season_bounds(resolved.start.year + years, resolved.season)
    elif resolved.granularity in ("week", "day") or resolved.part:
        start, end = shift_years(resolved.start, years), shift_years(resolved.end, years)
    else:
        start, end = expand(shift_years(resolved.start, years), resolved.granularity)
    return replace(resolved, start=start, end=end, relative=True, weekday=False)


def nearest_year(start: date, end: date, reference: date, tense: str = "") -> tuple[date, date]:
    """Shift a year-less period by whole years to sit closest to the reference: past preferred,
    on or before it for a past ``tense``, not over before it for a future one ("will ... in
    December"); where the text only looks "ahead", the future counts no farther."""
    def cost(shift: int) -> float:
        shifted_start, shifted_end = shift_years(start, shift), shift_years(end, shift)
        if tense == "past" and shifted_start > reference or tense == "future" and shifted_end < reference:
            return float("inf")
        if shifted_start > reference:
            return (shifted_start - reference).days * (1 if tense in ("future", "ahead") else FUTURE_PENALTY)
        return max(0, (reference - shifted_end).days)
    best = min((-1, 0, 1), key=cost)
    return shift_years(start, best), shift_years(end, best)


def cut_part(resolved: Resolved, part: str) -> Resolved:
    """The early, mid or late stretch of a period (its granularity kept)."""
    start, end, granularity = resolved.start, resolved.end, resolved.granularity
    if granularity == "year":
        first, last = PART_MONTHS[part]
        start, end = date(start.year, first, 1), month_bounds(start.year, last)[1]
    elif granularity == "month":
        first, last = PART_DAYS[part]
        start, end = start.replace(day=first), start.replace(day=min(last, end.day))
    elif granularity == "quarter" and not resolved.season:
        month = start.month + PART_QUARTER_MONTHS[part]
        start, end = month_bounds(start.year, month)
    return replace(resolved, start=start, end=end, part=part)
