"""Named periods the general date parser does not read: months, seasons and holidays placed by
"last", "this" or "next" ("last May", "June last year", "this summer", "last Thanksgiving"), quarters ("the third quarter",
"fiscal 1990's first quarter", "third-quarter"), years spelled out ("nineteen ninety-six"), and
what TimeML reads against the discourse rather than the reference date: "a year earlier",
"the quarter", "the year-ago period", "that year", "the following month" take the period the
text last named (``Discourse``). Where a results report last spoke of the year to date ("For the
nine months, net rose ... from a year earlier"), "a year earlier" and "the 1988 period" are that
year's same months: the contract has no nine-month period, so they are stated as that year.

Where "last" names a month or season, it is the most recent one before the reference's own
("last May" under a February dateline is the previous year's May); "this" is the reference's year.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from newsfuse.facts.date_calendar import (
    HOLIDAY_NAME, MONTH_NAME, MONTH_NUMBERS, Resolved, expand, holiday, month_bounds, month_shift, nearest_year, quarter_bounds,
    quarter_of, season_bounds, season_of, shifted,
)

LAST_WORDS = r"last|past|this past|previous"
NEXT_WORDS = r"next|coming|this coming"
PLACED_MONTH = re.compile(
    rf"^(?:(?P<which>{LAST_WORDS}|{NEXT_WORDS}|this)\s+)?(?P<month>{MONTH_NAME})(?:\s+(?P<day>\d{{1,2}}))?"
    rf"(?:,?\s+(?P<year_which>last|this|next)\s+year)?$", re.I)
SEASON_WORDS = r"spring|summer|fall|autumn|winter"
PLACED_SEASON = re.compile(
    rf"^(?:(?P<which>{LAST_WORDS}|{NEXT_WORDS}|this)\s+)?(?P<season>{SEASON_WORDS})"
    rf"(?:\s+(?:of\s+)?(?P<year>1[5-9]\d\d|20\d\d))?$", re.I)
PLACED_HOLIDAY = re.compile(
    rf"^(?:(?P<which>{LAST_WORDS}|{NEXT_WORDS}|this)\s+)?(?P<name>{HOLIDAY_NAME})(?:,?\s+(?P<year>1[5-9]\d\d|20\d\d))?$",
    re.I)
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
QUARTER = re.compile(
    rf"^(?P<before>.*?)\b(?P<ordinal>{'|'.join(ORDINALS)})[-\s]+quarter(?:\s+of\s+(?P<after>.+))?$", re.I)
YEAR_IN = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
YEAR_BEFORE = re.compile(r"\b(?:a year (?:ago|earlier|before)|year-(?:ago|earlier)|last year(?:['’]s)?|prior-year)\b", re.I)
YEAR_AFTER = re.compile(r"\bnext year(?:['’]s)?\b", re.I)
YEAR_THIS = re.compile(r"\b(?:this|current) year(?:['’]s)?\b", re.I)
YEAR_AGO_SAME = re.compile(
    r"^(?:(?:a|one) year (?:ago|earlier|before)|year-(?:ago|earlier)(?: (?:period|quarter|results|(?:six|nine) months))?|"
    r"(?:comparable |corresponding |same )?(?:year-(?:ago|earlier)|prior-year|year earlier) (?:period|quarter)|"
    r"(?:corresponding|comparable|same) (?:period|quarter)(?: of)? (?:a year (?:ago|earlier)|last year)|"
    r"(?:period|quarter) a year (?:ago|earlier)|last year['’]s (?:period|quarter))$", re.I)
THE_QUARTER = re.compile(
    r"^(?:(?P<which>latest|current|this|that|same|comparable|fiscal|latest fiscal|its)\s+)?"
    r"(?:(?P<year>1[5-9]\d\d|20\d\d)\s+)?(?P<unit>quarter|period)$", re.I)
RELATIVE_UNIT = re.compile(
    r"^(?P<which>that|same|that same|following|next|previous|prior|later that|earlier that)\s+"
    r"(?P<unit>day|month|year)$", re.I)
UNIT_STEPS = {"following": 1, "next": 1, "previous": -1, "prior": -1}
THE_YEAR = re.compile(r"^(?:full |fiscal |current fiscal |latest fiscal )?year$", re.I)
UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
         "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SPELLED_YEAR = re.compile(
    rf"\b(?P<century>{'|'.join(TEENS)})[-\s]+(?:(?P<teen>{'|'.join(TEENS)})|(?P<tens>{'|'.join(TENS)})"
    rf"(?:[-\s]+(?P<unit>{'|'.join(UNITS)}))?)\b|\btwo thousand(?:\s+and)?(?:[-\s]+(?P<millennium_unit>{'|'.join(UNITS)}))?\b",
    re.I)


DECADE_NAMES = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8, "nineties": 9}
DECADE_WORDS = re.compile(rf"\b(?:{'|'.join(DECADE_NAMES)})\b", re.I)


def spelled_years(text: str) -> str:
    """Years written in words as digits ("nineteen ninety-six" -> "1996", "two thousand" -> "2000",
    "the nineties" -> "the '90s")."""
    text = DECADE_WORDS.sub(lambda match: f"'{DECADE_NAMES[match[0].lower()]}0s", text)
    def digits(match: re.Match) -> str:
        if match["century"] is None:
            return str(2000 + UNITS.get((match["millennium_unit"] or "zero").lower(), 0))
        low = TEENS[match["teen"].lower()] if match["teen"] else TENS[match["tens"].lower()] + UNITS.get(
            (match["unit"] or "zero").lower(), 0)
        return str(TEENS[match["century"].lower()] * 100 + low)
    return SPELLED_YEAR.sub(digits, text) if "thousand" in text.lower() or "teen" in text.lower() else text


def resolve_placed_month(match: re.Match, reference: date) -> Resolved | None:
    """"last May", "this September", "next April", "June last year", "last Oct. 23"."""
    which, year_which = (match["which"] or "").lower(), (match["year_which"] or "").lower()
    if not which and not year_which:
        return None
    month = MONTH_NUMBERS[match["month"][:3].lower()]
    if year_which:
        year = reference.year + {"last": -1, "this": 0, "next": 1}[year_which]
    elif re.fullmatch(LAST_WORDS, which):
        year = reference.year if month < reference.month else reference.year - 1
    elif which == "this":
        year = reference.year
    else:
        year = reference.year if month > reference.month else reference.year + 1
    start, end = month_bounds(year, month)
    if match["day"]:
        try:
            start = end = date(year, month, int(match["day"]))
        except ValueError:
            return None
    return Resolved(start, end, "day" if match["day"] else "month", relative=True)


def resolve_season(match: re.Match, reference: date, tense: str) -> Resolved:
    """A season (a quarter-year): of the stated year, else placed by "last"/"this"/"next" or tense."""
    season = "fall" if match["season"].lower() == "autumn" else match["season"].lower()
    which = (match["which"] or "").lower()
    current_year, current = season_of(reference)
    if match["year"]:
        year = int(match["year"])
    elif re.fullmatch(LAST_WORDS, which):
        year = current_year if season_bounds(current_year, season)[1] < reference else current_year - 1
    elif re.fullmatch(NEXT_WORDS, which):
        year = current_year if season_bounds(current_year, season)[0] > reference else current_year + 1
    elif season == current and which in ("", "this"):
        year = current_year
    elif which == "this":
        year = reference.year
    else:
        start, _ = nearest_year(*season_bounds(reference.year, season), reference, tense)
        year = start.year
    start, end = season_bounds(year, season)
    return Resolved(start, end, "quarter", relative=not match["year"], season=season)


def resolve_holiday(match: re.Match, reference: date, tense: str) -> Resolved:
    """"Thanksgiving Day", "last Christmas", "Easter 1998": of the stated year, else the latest one
    before the reference for "last", the next for "next", the reference's year's for "this",
    else the nearest (as a date without a year)."""
    name, which = match["name"], (match["which"] or "").lower()
    this_year = holiday(name, reference.year)
    if match["year"]:
        year = int(match["year"])
    elif re.fullmatch(LAST_WORDS, which):
        year = reference.year if this_year < reference else reference.year - 1
    elif re.fullmatch(NEXT_WORDS, which):
        year = reference.year if this_year > reference else reference.year + 1
    else:
        year = reference.year if which == "this" else nearest_year(this_year, this_year, reference, tense)[0].year
    day = holiday(name, year)
    return Resolved(day, day, "day", relative=not match["year"])


def resolve_quarter(match: re.Match, reference: date | None) -> Resolved | None:
    """"the third quarter", "fiscal 1990's first quarter", "the year-ago third quarter"."""
    quarter = ORDINALS[match["ordinal"].lower()]
    words = f"{match['before']} {match['after'] or ''}"
    stated = YEAR_IN.search(words)
    if stated:
        return Resolved(*quarter_bounds(int(stated[1]), quarter), "quarter", relative=False)
    if reference is None:
        return None
    if YEAR_THIS.search(words):
        year = reference.year
    elif YEAR_AFTER.search(words):
        year = reference.year + 1
    else:
        start, _ = nearest_year(*quarter_bounds(reference.year, quarter), reference, "past")
        year = start.year - bool(YEAR_BEFORE.search(words))
    return Resolved(*quarter_bounds(year, quarter), "quarter", relative=True)


@dataclass
class Discourse:
    """The periods the text named last: any (for "that year"), a quarter (one already ended by the
    reference) and the period results are reported for (that quarter, or the year to date)."""

    reference: date
    last: Resolved | None = None
    quarter: Resolved | None = None
    reported: Resolved | None = None

    def note(self, resolved: Resolved) -> None:
        if resolved.anchored and resolved.granularity == "quarter" and resolved.start == self.latest_quarter().start:
            self.reported = resolved  # "the latest quarter": the report is back on its quarter
        if resolved.range or resolved.anchored:
            return
        self.last = resolved
        if resolved.granularity == "quarter" and not resolved.season and resolved.end < self.reference:
            self.quarter = self.reported = resolved

    def latest_quarter(self) -> Resolved:
        return self.quarter or last_quarter(self.reference)

    def note_year_to_date(self) -> None:
        """"the nine months": results for the year to date, in the year of the quarter last named."""
        year = self.latest_quarter().start.year
        self.reported = Resolved(date(year, 1, 1), date(year, 12, 31), "year", relative=True)


def last_quarter(reference: date) -> Resolved:
    """The latest quarter ended before the reference (the one a results report speaks of)."""
    year, month = month_shift(reference, -3)
    return Resolved(*quarter_bounds(year, quarter_of(date(year, month, 1))), "quarter", relative=True)


def resolve_the_quarter(match: re.Match, reference: date, discourse: Discourse) -> Resolved | None:
    """"the quarter", "the latest period", "the 1988 period": the quarter last named (for "period":
    the period last reported for), else the latest one ended ("the current quarter": the
    reference's own)."""
    which = (match["which"] or "").lower()
    unit = match["unit"].lower()
    if unit == "period" and not (which or match["year"]):
        return None
    if which == "current":
        base = Resolved(*quarter_bounds(reference.year, quarter_of(reference)), "quarter", relative=True)
    else:
        base = (discourse.reported if unit == "period" else discourse.quarter) or last_quarter(reference)
    if match["year"]:
        base = shifted(base, int(match["year"]) - base.start.year)
    return replace(base, anchored=True)


def resolve_year_ago(reference: date, discourse: Discourse, says_quarter: bool, says_period: bool) -> Resolved:
    """"a year earlier", "the year-ago quarter": the period last named, a year before; in a results
    report, the period last reported for (a quarter, or the year to date)."""
    base = discourse.reported or discourse.last
    wants_quarter = says_quarter or says_period and discourse.reported is None
    if base is None or wants_quarter and base.granularity != "quarter":
        base = (discourse.quarter or last_quarter(reference) if wants_quarter
                else Resolved(*expand(reference, "year"), "year", True))
    return replace(shifted(base, -1), part="", range=False, anchored=True)


def resolve_relative_unit(match: re.Match, anchor: Resolved | None) -> Resolved | None:
    """"that year", "the following month", "the same day": the period last named, as a unit."""
    unit = match["unit"].lower()
    order = ["day", "week", "month", "quarter", "year", "decade"]
    if anchor is None or order.index(anchor.granularity) > order.index(unit):
        return None
    step = UNIT_STEPS.get(match["which"].lower(), 0)
    day = anchor.start
    if unit == "year":
        day = day.replace(year=day.year + step, day=min(day.day, 28))
    elif unit == "month":
        day = date(*month_shift(day, step), 1)
    else:
        day = date.fromordinal(day.toordinal() + step)
    return Resolved(*expand(day, unit), unit, relative=True, anchored=True)


def resolve_in_discourse(expression: str, reference: date, discourse: Discourse) -> Resolved | None:
    """Expressions read against the period the text last named (see the module docstring)."""
    lowered = expression.lower().removeprefix("the ").removeprefix("its ")
    if YEAR_AGO_SAME.match(lowered):
        return resolve_year_ago(reference, discourse, "quarter" in lowered, "period" in lowered)
    if match := THE_QUARTER.match(lowered):
        return resolve_the_quarter(match, reference, discourse)
    if match := RELATIVE_UNIT.match(lowered):
        return resolve_relative_unit(match, discourse.last)
    if THE_YEAR.match(lowered):
        return Resolved(*expand(reference, "year"), "year", relative=True)
    return None


def resolve_named(expression: str, reference: date | None, tense: str) -> Resolved | None:
    """Months, seasons and holidays placed by "last"/"this"/"next", and quarters."""
    if match := QUARTER.match(expression):
        return resolve_quarter(match, reference)
    if reference is None:
        return None
    if match := PLACED_MONTH.match(expression):
        return resolve_placed_month(match, reference)
    if match := PLACED_SEASON.match(expression):
        return resolve_season(match, reference, tense)
    if match := PLACED_HOLIDAY.match(expression):
        return resolve_holiday(match, reference, tense)
    return None
