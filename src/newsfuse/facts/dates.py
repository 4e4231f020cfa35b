"""Dates: spaCy's DATE spans, and stated ranges around them, resolved to
``{"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"}`` against the article's
reference date (see ``reference.py``).

Common written dates ("Jan. 5", "5 January 2024", "July") are read by a
fast path; other absolute dates are parsed with dateparser (``RELATIVE_BASE``
= the reference, ``PREFER_DATES_FROM`` left at its default); ranges, weekdays
and relative periods are read here, since dateparser mangles ranges. A weekday is the most
recent such day on or before the reference ("Friday" under a Friday dateline
is that Friday), except in a forward-looking context ("from Wednesday", "will
reopen on Monday"), where it is the next such day after the reference. A date stated without a year takes the year that puts it
closest to the reference, past preferred (a future date counts
``FUTURE_PENALTY`` times as far). Durations and ages ("six-day", "11-month-old")
are not dates.

``FactMention.context`` keys:
  granularity: "day" | "week" | "month" | "year"
  relative: bool, read against the reference (weekday, "last month", no year)
  reference: ``Reference.to_dict()`` ({"date", "source", "note"?}) or None
  expression: the text parsed
  range: bool, a stated range ("May 3-4", "between March 2 and April 9")
  part: "early" | "mid" | "late" | "" (part of a month or year: "early September")
  weekday: bool, a weekday name resolved against the reference ("said Friday")
  about: lemma of the noun the date modifies ("vote" in "the June 5 vote"), or ""
  verb: lemma of the verb the date attaches to ("say" in "said Friday"), or ""
  forward: bool, the context looks ahead ("from Wednesday", "will ... on Monday")
  dateline: bool, the date is the article's own dateline ("PARIS, March 4 (AFP) --")
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from spacy.tokens import Doc, Span

from newsfuse.facts.reference import DATELINE_SCAN_PARAGRAPHS, LEAD_DATELINE, Reference
from newsfuse.model import FactMention, Mention

FUTURE_PENALTY = 3
MONTH_NAME = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
              r"Aug(?:ust|\.)?|Sep(?:tember|t\.|\.|t)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
DAY_DATE = rf"{MONTH_NAME}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{MONTH_NAME}(?:\s+\d{{4}})?"
STATED_RANGE = re.compile(
    rf"\b(?:between|from)\s+(?P<first>{DAY_DATE})\s+(?:and|to|through|until|till|-|–)\s+(?P<second>{DAY_DATE})\b")
RANGE_PARTS = re.compile(
    rf"^(?:between|from)?\s*(?P<first>{DAY_DATE})\s+(?:and|to|through|until|till|-|–)\s+(?P<second>{DAY_DATE})$", re.I)
DAY_RANGE = re.compile(rf"^(?P<month>{MONTH_NAME})\s+(?P<a>\d{{1,2}})\s*[-–]\s*(?P<b>\d{{1,2}})(?:,?\s+(?P<year>\d{{4}}))?$")
YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
FUTURE_PREPOSITIONS = frozenset({"from", "starting", "beginning", "until", "till"})
FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "’ll", "wo"})
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAY = re.compile(rf"^(?:(?P<which>last|this|next|past)\s+)?(?P<day>{'|'.join(WEEKDAYS)})$", re.I)
DAY_WORDS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
             "yesterday": -1, "tomorrow": 1}
PERIOD = re.compile(r"^(?P<which>last|past|previous|this|next|coming)\s+(?P<unit>week|month|year)$", re.I)
RECENT = re.compile(r"^(?:(?:the\s+)?(?:recent|past|last)\s+(?:few\s+|several\s+)?)(?P<unit>days|weeks|months|years)$|"
                    r"^(?P<ago>days|weeks|months|years)\s+ago$", re.I)
RECENT_SPAN_DAYS = {"days": (7, 0), "weeks": (28, 0), "months": (92, 0), "years": (730, 0)}
AGO_SPAN_DAYS = {"days": (7, 2), "weeks": (56, 14), "months": (365, 60), "years": (3650, 730)}
AGO = re.compile(rf"^(?P<count>{{NUMBER_WORD}})\s+(?P<unit>day|week|month|year)s?\s+ago$", re.I)
DECADE = re.compile(r"^(?P<decade>1[5-9]\d0|20\d0)['’]?s$")
PART = re.compile(rf"^(?P<part>early|mid|late)[-\s]+(?P<rest>{MONTH_NAME}(?:\s+\d{{4}})?|\d{{4}})$", re.I)
PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
PART_MONTHS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "few": 3}
NUMBER_WORD = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|many|\d+)"
DURATION = re.compile(
    rf"^(?:(?:about|nearly|almost|more than|less than|over|under|some|at least|up to)\s+)?(?:the\s+)?"
    rf"(?:{NUMBER_WORD}|{NUMBER_WORD}-{NUMBER_WORD})[\s-]+(?:full\s+)?(?:day|week|month|year|decade|hour|night)s?"
    r"(?:[\s-]+(?:long|old))?$|-old$|^\d{1,3}$", re.I)
AGO = re.compile(rf"^(?P<count>{NUMBER_WORD})\s+(?P<unit>day|week|month|year)s?\s+ago$", re.I)
DECADE = re.compile(r"^(?P<decade>1[5-9]\d0|20\d0)['’]?s$")
YEAR_RANGE = re.compile(r"^(?P<first>1[5-9]\d\d|20\d\d)\s*[-–/]\s*(?P<last>\d{2}|1[5-9]\d\d|20\d\d)$")
SEASON = re.compile(r"\s+season$", re.I)
WEEKDAY_PREFIX = re.compile(r"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s+(?=\S+\s+\d)", re.I)
LEADING = re.compile(r"^(?:the|on|in|at|by|during|since|of|as of)\s+", re.I)
POSSESSIVE = re.compile(r"['’]s$")
DATEPARSER_HINT = re.compile(rf"\d|{MONTH_NAME}", re.I)
ORDINAL = r"(?:st|nd|rd|th)?"
SIMPLE_DATES = [
    re.compile(rf"^(?P<month>{MONTH_NAME})\s+(?P<day>\d{{1,2}}){ORDINAL}(?:,?\s+(?P<year>\d{{4}}))?$"),
    re.compile(rf"^(?P<day>\d{{1,2}}){ORDINAL}\s+(?:of\s+)?(?P<month>{MONTH_NAME})(?:,?\s+(?P<year>\d{{4}}))?$"),
    re.compile(rf"^(?P<month>{MONTH_NAME})(?:,?\s+(?P<year>\d{{4}}))?$"),
    re.compile(r"^(?P<year>1[5-9]\d\d|20\d\d)$"),
]
MONTH_NUMBERS = {name: index for index, name in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
LEAP_YEAR = 2000
MODIFIED_DEPS = {"compound", "poss", "nmod", "amod", "npadvmod", "nummod"}


@dataclass(frozen=True)
class Resolved:
    """A resolved date expression."""

    start: date
    end: date
    granularity: str
    relative: bool
    part: str = ""
    weekday: bool = False
    range: bool = False


def clean(text: str) -> str:
    text = " ".join(text.split())
    while (stripped := LEADING.sub("", text)) != text:
        text = stripped
    return POSSESSIVE.sub("", text).strip(" ,.;:")


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def expand(day: date, granularity: str) -> tuple[date, date]:
    """The period of the given granularity that holds ``day``."""
    if granularity == "month":
        return month_bounds(day.year, day.month)
    if granularity == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if granularity == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    return day, day


def nearest_year(start: date, end: date, reference: date) -> tuple[date, date]:
    """Shift a year-less period by whole years to sit closest to the reference, past preferred."""
    def cost(shift: int) -> float:
        shifted_start, shifted_end = shift_years(start, shift), shift_years(end, shift)
        if shifted_start > reference:
            return (shifted_start - reference).days * FUTURE_PENALTY
        return max(0, (reference - shifted_end).days)
    best = min((-1, 0, 1), key=cost)
    return shift_years(start, best), shift_years(end, best)


def shift_years(day: date, years: int) -> date:
    year = day.year + years
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


@lru_cache(maxsize=64)
def date_parser(reference: date):
    from dateparser.date import DateDataParser
    base = datetime(reference.year, reference.month, reference.day)
    return DateDataParser(languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DAY_OF_MONTH": "first"})


def simple_date(text: str) -> tuple[date, str] | None:
    """Common written dates ("Jan. 5", "5 January 2024", "July 2024", "1999") without dateparser;
    a missing year is filled with 2000 (a leap year) for the caller to place."""
    match = next((m for pattern in SIMPLE_DATES if (m := pattern.match(text))), None)
    if match is None:
        return None
    found = match.groupdict()
    year = int(found["year"]) if found.get("year") else LEAP_YEAR
    if not found.get("month"):
        return date(year, 1, 1), "year"
    month = MONTH_NUMBERS[found["month"][:3].lower()]
    if not found.get("day"):
        return date(year, month, 1), "month"
    day = int(found["day"])
    return (date(year, month, day), "day") if 1 <= day <= calendar.monthrange(year, month)[1] else None


def parsed_date(text: str, reference: date | None, has_year: bool) -> tuple[date, str] | None:
    """(a day in the period, granularity): the fast path, else dateparser against the reference."""
    simple = simple_date(text)
    if simple is not None:
        day, granularity = simple
        if not has_year and reference is not None:
            year = reference.year if (day.month, day.day) != (2, 29) or calendar.isleap(reference.year) else LEAP_YEAR
            day = day.replace(year=year)
        return day, granularity
    data = date_parser(reference or date(int(YEAR.search(text)[0]), 1, 1)).get_date_data(text)
    if data.date_obj is None:
        return None
    return data.date_obj.date(), (data.period if data.period in ("day", "week", "month", "year") else "day")


def resolve_absolute(text: str, reference: date | None) -> Resolved | None:
    """A date named by month, day or year; a missing year from the reference."""
    has_year = YEAR.search(text) is not None
    if not DATEPARSER_HINT.search(text) or (reference is None and not has_year):
        return None
    if re.fullmatch(r"\d{4}", text) and not has_year:
        return None
    parsed = parsed_date(text, reference, has_year)
    if parsed is None:
        return None
    start, end = expand(*parsed)
    granularity = parsed[1]
    if not has_year and reference is not None:
        start, end = nearest_year(start, end, reference)
    return Resolved(start, end, granularity, relative=not has_year)


def resolve_weekday(match: re.Match, reference: date, future: bool = False) -> Resolved:
    """The most recent such day on or before the reference; the next one after it for
    "next Wednesday" and for a future-oriented context ("from Wednesday", "will ... on Wednesday")."""
    target = WEEKDAYS.index(match["day"].lower())
    back = (reference.weekday() - target) % 7
    which = (match["which"] or "").lower()
    if which == "next" or (future and not which):
        day = reference + timedelta(days=(target - reference.weekday()) % 7 or 7)
    elif which in ("last", "past") and back == 0:
        day = reference - timedelta(days=7)
    else:
        day = reference - timedelta(days=back)
    return Resolved(day, day, "day", relative=True, weekday=True)


def resolve_period(match: re.Match, reference: date) -> Resolved:
    unit, which = match["unit"].lower(), match["which"].lower()
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[which]
    if unit == "week":
        start, end = expand(reference + timedelta(weeks=step), "week")
    elif unit == "month":
        month_index = reference.year * 12 + reference.month - 1 + step
        start, end = month_bounds(month_index // 12, month_index % 12 + 1)
    else:
        start, end = date(reference.year + step, 1, 1), date(reference.year + step, 12, 31)
    return Resolved(start, end, unit, relative=True)


def resolve_recent(match: re.Match, reference: date) -> Resolved:
    unit = (match["unit"] or match["ago"]).lower()
    table = RECENT_SPAN_DAYS if match["unit"] else AGO_SPAN_DAYS
    far, near = table[unit]
    granularity = unit.rstrip("s")
    return Resolved(reference - timedelta(days=far), reference - timedelta(days=near), granularity, relative=True)


def resolve_ago(match: re.Match, reference: date) -> Resolved | None:
    count, unit = match["count"].lower(), match["unit"].lower()
    amount = int(count) if count.isdigit() else NUMBER_WORDS.get(count)
    if amount is None:
        return None
    if unit == "year":
        day = shift_years(reference, -amount)
    elif unit == "month":
        month_index = reference.year * 12 + reference.month - 1 - amount
        day = date(month_index // 12, month_index % 12 + 1, 1)
    else:
        day = reference - timedelta(days=amount * (7 if unit == "week" else 1))
    start, end = expand(day, unit)
    return Resolved(start, end, unit, relative=True)


def resolve_part(match: re.Match, reference: date | None) -> Resolved | None:
    whole = resolve_absolute(match["rest"], reference)
    if whole is None:
        return None
    part = match["part"].lower()
    if whole.granularity == "year":
        first, last = PART_MONTHS[part]
        start, end = date(whole.start.year, first, 1), month_bounds(whole.start.year, last)[1]
    else:
        first, last = PART_DAYS[part]
        start = whole.start.replace(day=first)
        end = whole.start.replace(day=min(last, whole.end.day))
    return Resolved(start, end, whole.granularity, whole.relative, part=part)


def resolve_range(first: str, second: str, reference: date | None) -> Resolved | None:
    end_part = resolve_absolute(second, reference)
    if end_part is None:
        return None
    start_part = resolve_absolute(first, end_part.end)
    if start_part is None or start_part.start > end_part.end:
        return None
    return Resolved(start_part.start, end_part.end, "day", start_part.relative or end_part.relative, range=True)


def resolve_day_range(match: re.Match, reference: date | None) -> Resolved | None:
    year = f" {match['year']}" if match["year"] else ""
    return resolve_range(f"{match['month']} {match['a']}{year}", f"{match['month']} {match['b']}{year}", reference)


def resolve_year_range(match: re.Match) -> Resolved | None:
    first, last = int(match["first"]), match["last"]
    end_year = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
    if end_year <= first:
        return None
    return Resolved(date(first, 1, 1), date(end_year, 12, 31), "year", relative=False, range=True)


def resolve(text: str, reference: date | None, future: bool = False) -> Resolved | None:
    """Resolve a date expression against ``reference`` (None where it is not a date);
    ``future`` where its context looks forward (a bare weekday is then the next one)."""
    expression = SEASON.sub("", WEEKDAY_PREFIX.sub("", clean(text)))
    if match := YEAR_RANGE.match(expression):
        return resolve_year_range(match)
    lowered = expression.lower()
    if not expression or (DURATION.search(expression) and not AGO.match(expression)):
        return None
    if match := RANGE_PARTS.match(expression):
        return resolve_range(match["first"], match["second"], reference)
    if match := DAY_RANGE.match(expression):
        return resolve_day_range(match, reference)
    if match := PART.match(expression):
        return resolve_part(match, reference)
    if reference is not None:
        if match := WEEKDAY.match(expression):
            return resolve_weekday(match, reference, future)
        if lowered in DAY_WORDS:
            day = reference + timedelta(days=DAY_WORDS[lowered])
            return Resolved(day, day, "day", relative=True)
        if match := PERIOD.match(expression):
            return resolve_period(match, reference)
        if match := RECENT.match(expression):
            return resolve_recent(match, reference)
        if match := AGO.match(expression):
            return resolve_ago(match, reference)
    if match := DECADE.match(expression):
        first = int(match["decade"])
        return Resolved(date(first, 1, 1), date(first + 9, 12, 31), "year", relative=False)
    return resolve_absolute(expression, reference)


def date_spans(doc: Doc, text: str) -> list[Span]:
    """spaCy's DATE entities, with stated ranges ("between X and Y") taken whole."""
    spans = []
    for match in STATED_RANGE.finditer(text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None:
            spans.append(span)
    taken = {token.i for span in spans for token in span}
    spans.extend(ent for ent in doc.ents if ent.label_ == "DATE" and not taken & set(range(ent.start, ent.end)))
    return sorted(spans, key=lambda span: span.start)


def looks_forward(span: Span) -> bool:
    """A date the text puts ahead: "from Wednesday", "starting Monday", "will meet on Friday"."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in FUTURE_PREPOSITIONS:
        return True
    verb = next((t for t in span.root.ancestors if t.pos_ in ("VERB", "AUX")), None)
    return verb is not None and any(c.dep_ == "aux" and c.lower_ in FUTURE_AUXILIARIES for c in verb.children)


def attachment(span: Span) -> tuple[str, str]:
    """Lemmas of the noun the date modifies and of the verb it attaches to."""
    root = span.root
    about = ""
    if root.dep_ in MODIFIED_DEPS and root.head.pos_ in ("NOUN", "PROPN") and root.head not in span:
        about = root.head.lemma_.lower()
    verb = next((t.lemma_.lower() for t in root.ancestors if t.pos_ in ("VERB", "AUX")), "")
    return about, verb


def dateline_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of datelines opening the first paragraphs."""
    ranges, offset = [], 0
    for paragraph in text.split("\n\n")[:DATELINE_SCAN_PARAGRAPHS]:
        if match := LEAD_DATELINE.match(paragraph):
            ranges.append((offset, offset + match.end()))
        offset += len(paragraph) + 2
    return ranges


def find_dates(article_id: str, doc: Doc, reference: Reference | None) -> list[FactMention]:
    """Date mentions of one article, resolved against its reference."""
    found = []
    ref_day = reference.date if reference else None
    text = doc.text  # built anew on each access
    datelines = dateline_ranges(text)
    for span in date_spans(doc, text):
        forward = looks_forward(span)
        resolved = cached_resolve(span.text, ref_day, forward)
        if resolved is None:
            continue
        about, verb = attachment(span)
        value = {"start": resolved.start.isoformat(), "end": resolved.end.isoformat()}
        context = {
            "granularity": resolved.granularity, "relative": resolved.relative,
            "reference": reference.to_dict() if reference and resolved.relative else None,
            "expression": clean(span.text), "range": resolved.range, "part": resolved.part,
            "weekday": resolved.weekday, "about": about, "verb": verb, "forward": forward,
            "dateline": any(start <= span.start_char < end for start, end in datelines),
        }
        found.append(FactMention(kind="date", value=value, key=f"date:{value['start']}/{value['end']}",
                                 context=context, mention=Mention(article_id, span.text, span.sent.text, span.start_char)))
    return found


@lru_cache(maxsize=4096)
def cached_resolve(text: str, reference: date | None, future: bool = False) -> Resolved | None:
    return resolve(text, reference, future)
