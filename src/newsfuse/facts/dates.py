"""Dates: spaCy's DATE spans and stated ranges around them (see ``date_context.py``), resolved
to ``{"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"}`` against the article's reference date (see ``reference.py``) and, for "a year earlier", "the
quarter" or "that year", against the period the text last named (see ``date_periods.py``).

Common written dates ("Jan. 5", "5 January 2024", "July") are read by a
fast path; other absolute dates are parsed with dateparser (``RELATIVE_BASE``
= the reference, ``PREFER_DATES_FROM`` left at its default); ranges, weekdays
and relative periods are read here, since dateparser mangles ranges. A weekday is the most
recent such day on or before the reference ("Friday" under a Friday dateline
is that Friday), except where the text looks forward ("from Wednesday", "will
reopen on Monday", "plans to leave Thursday"), where it is the next such day from the
reference on (a bare weekday that is the reference's own is that day: news names the day, not
"today"; "next Friday" is a week on). A date stated without a year takes the year that puts it closest to the reference,
past preferred (a future date counts ``date_calendar.FUTURE_PENALTY`` times as far), on or before it in a
past-tense sentence and not before it in a forward-looking one; named again in a sentence with no
tense of its own ("the summit in April" after "expected to join in April"), it keeps the reading it
had. "early", "mid", "late" (and
"the end of") cut a period; "earlier"/"later" ("earlier this month") state the period itself, as
its granularity says (a month is a whole month). Durations and ages ("six-day", "11-month-old")
are not dates, nor are numbers joined by a hyphen or slash without a year (a record "10-5", a score
"20-13", a fraction "4-1/2"). "the 1980's" is the decade where it owns no noun after it ("the 1990's budget" is a year).

A vague reference ("now", "currently", "recently", "in recent weeks", "weeks ago", "the future")
states no time a reader can check: it is recognised (so that its words are not read as a date in
parts) and is no date fact.

``FactMention.context`` keys:
  granularity: "day" | "week" | "month" | "quarter" | "year" | "decade" (a season is a quarter-year)
  relative: bool, read against the reference or the discourse (weekday, "last month", no year)
  reference: ``Reference.to_dict()`` ({"date", "source", "note"?}) or None
  expression: the text parsed
  range: bool, a stated range ("May 3-4", "between March 2 and April 9")
  part: "early" | "mid" | "late" | "" (part of a period: "early September")
  weekday: bool, a weekday name resolved against the reference ("said Friday")
  about: lemma of the noun the date modifies ("vote" in "the June 5 vote"), or ""
  verb: lemma of the verb the date attaches to ("say" in "said Friday"), or ""
  forward: bool, the context looks ahead ("from Wednesday", "will ... on Monday")
  dateline: bool, the date is the article's own dateline ("PARIS, March 4 (AFP) --")
  season: "spring" | "summer" | "fall" | "winter" | "" (a meteorological season)
"""
from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsfuse.facts.date_calendar import (
    MONTH_NAME, MONTH_NUMBERS, Resolved, cut_part, expand, month_bounds, month_shift, nearest_year,
    shift_years,
)
from newsfuse.facts.date_context import DAY_DATE, date_entities, leading_cuts, parts, tense
from newsfuse.facts.date_periods import Discourse, resolve_in_discourse, resolve_named, spelled_years
from newsfuse.facts.nlp import sentence_of
from newsfuse.facts.reference import DATELINE_SCAN_PARAGRAPHS, LEAD_DATELINE, Reference
from newsfuse.model import FactMention, Mention

RANGE_PARTS = re.compile(
    rf"^(?:between|from)?\s*(?P<first>{DAY_DATE})\s+(?:and|to|through|until|till|-|–)\s+(?P<second>{DAY_DATE})$", re.I)
DAY_RANGE = re.compile(rf"^(?P<month>{MONTH_NAME})\s+(?P<a>\d{{1,2}})\s*[-–]\s*(?P<b>\d{{1,2}})(?:,?\s+(?P<year>\d{{4}}))?$")
YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAY = re.compile(rf"^(?:(?P<which>last|this|next|past|this coming|coming|previous)\s+)?(?P<day>{'|'.join(WEEKDAYS)})$", re.I)
WEEKEND = re.compile(r"^(?:(?P<which>this|last|past|next|coming)\s+)?weekend$", re.I)
DAY_WORDS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
             "yesterday": -1, "tomorrow": 1}
PERIOD = re.compile(r"^(?P<which>last|past|previous|this|next|coming|current)\s+(?P<unit>week|month|year|decade)$", re.I)
RECENT = re.compile(r"^(?:recent|past|last|coming|next|upcoming)\s+(?:few\s+|several\s+)?"
                    r"(?:days|weeks|months|quarters|years)(?:\s+and\s+(?:days|weeks|months|years))?$|"
                    r"^(?:days|weeks|months|years)\s+ago$", re.I)
VAGUE = frozenset({"now", "right now", "just now", "currently", "current", "nowadays", "these days", "presently",
                   "recently", "more recently", "most recently", "recent", "lately", "past", "future",
                   "near future", "distant future", "near term", "short term", "long term", "later date"})
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "few": 3}
NUMBER_WORD = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|many|\d+)"
DURATION = re.compile(
    rf"^(?:(?:about|nearly|almost|more than|less than|over|under|some|at least|up to)\s+)?(?:the\s+)?"
    rf"(?:{NUMBER_WORD}|{NUMBER_WORD}-{NUMBER_WORD})[\s-]+(?:full\s+)?(?:day|week|month|year|decade|hour|night)s?"
    r"(?:[\s-]+(?:long|old))?$|-old$|^\d{1,3}$", re.I)
AGO = re.compile(rf"^(?:(?:about|nearly|almost|just|some|more than|less than|over)\s+)?"
                 rf"(?P<count>{NUMBER_WORD})\s+(?P<unit>day|week|month|year|decade)s?\s+(?:or so\s+)?ago$", re.I)
DECADE = re.compile(r"^(?:(?P<decade>1[5-9]\d0|20\d0)|['’](?P<short>\d)0)['’]?s$")
APOSTROPHE_DECADE = re.compile(r"\b(1[5-9]\d0|20\d0)['’]s$")
YEAR_RANGE = re.compile(r"^(?P<first>1[5-9]\d\d|20\d\d)\s*[-–/]\s*(?P<last>\d{2}|1[5-9]\d\d|20\d\d)$")
WEEK_OF = re.compile(r"^week of\s+(?P<day>\S.*)$", re.I)
YEAR_TO_DATE = re.compile(r"^(?:the|its)\s+(?:(?:first|latest)\s+)?(?:six|nine)\s+months$")
YEAR_END = re.compile(r"\byear(?:[-\s]|['’]s\s)end\b", re.I)
SEASON = re.compile(r"\s+season$", re.I)
WEEKDAY_PREFIX = re.compile(r"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+(?=\S+\s+\d)", re.I)
LEADING = re.compile(r"^(?:the|an|on|in|at|by|during|since|of|as of|for|its|their|until|till|from)\s+", re.I)
FISCAL = re.compile(r"\bfiscal[-\s]+(?=\S)", re.I)
POSSESSIVE = re.compile(r"['’]s$")
MODIFIER = re.compile(
    r"^(?P<modifier>early|earlier|late|later|mid|the end of|end of|the beginning of|beginning of|the start of|"
    r"the middle of|middle of|around|sometime|as early as|as late as|by)[-\s]+(?P<rest>\S.*)$", re.I)
MODIFIER_PARTS = {"early": "early", "the beginning of": "early", "beginning of": "early", "the start of": "early",
                  "mid": "mid", "the middle of": "mid", "middle of": "mid",
                  "late": "late", "the end of": "late", "end of": "late"}
DATEPARSER_HINT = re.compile(  # a numeric date only with its year: "7-9" is a record, "4-1/2" a fraction
    rf"{MONTH_NAME}|\b(?:1[5-9]|20)\d\d\b|\b\d{{1,2}}([/.-])\d{{1,2}}\1(?:\d\d|\d{{4}})\b", re.I)
ORDINAL = r"(?:st|nd|rd|th)?"
YEARLESS = re.compile(rf"^{MONTH_NAME}(?:\s+\d{{1,2}}{ORDINAL})?$|^\d{{1,2}}{ORDINAL}\s+(?:of\s+)?{MONTH_NAME}$")
SIMPLE_DATES = [
    re.compile(rf"^(?P<month>{MONTH_NAME})\s+(?P<day>\d{{1,2}}){ORDINAL}(?:,?\s+(?P<year>\d{{4}}))?$"),
    re.compile(rf"^(?P<day>\d{{1,2}}){ORDINAL}\s+(?:of\s+)?(?P<month>{MONTH_NAME})(?:,?\s+(?P<year>\d{{4}}))?$"),
    re.compile(rf"^(?P<month>{MONTH_NAME})(?:,?\s+(?P<year>\d{{4}}))?$"),
    re.compile(r"^(?P<year>1[5-9]\d\d|20\d\d)$"),
]
DURATION_INSIDE = re.compile(rf"\b{NUMBER_WORD}\s+(?:days|weeks|months|years)\b(?!\s+ago)", re.I)
UNIT_WORDS = frozenset({"day", "week", "month", "quarter", "year", "decade"})
PLACING_WORDS = frozenset({"this", "last", "next", "that", "current", "coming", "past", "previous"})
ERA_NOUNS = frozenset({"world", "society", "youth", "generation", "economy", "market", "climate", "environment",
                       "age", "culture", "life", "technology", "standard", "reality", "business", "politics"})
LEAP_YEAR = 2000
LOOKING_AHEAD = ("future", "ahead")  # tenses that look forward (see ``date_context.tense``)
MODIFIED_DEPS = {"compound", "poss", "nmod", "amod", "npadvmod", "nummod"}


def clean(text: str) -> str:
    text = " ".join(text.split())
    while (stripped := LEADING.sub("", text)) != text:
        text = stripped
    return POSSESSIVE.sub("", text).strip(" ,.;:")


def normalised(text: str) -> str:
    """The expression to parse: words around the date removed, spelled years as digits, "year-end"
    as the year's last day."""
    expression = SEASON.sub("", WEEKDAY_PREFIX.sub("", clean(FISCAL.sub("", YEAR_END.sub("Dec. 31", text)))))
    return spelled_years(expression) if expression else expression


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


@lru_cache(maxsize=4096)
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


def resolve_absolute(text: str, reference: date | None, tense: str = "") -> Resolved | None:
    """A date named by month, day or year; a missing year from the reference (and tense)."""
    has_year = YEAR.search(text) is not None
    if not DATEPARSER_HINT.search(text) or (reference is None and not has_year):
        return None
    if re.fullmatch(r"\d{4}", text) and not has_year or DURATION_INSIDE.search(text):
        return None
    parsed = parsed_date(text, reference, has_year)
    if parsed is None or not plausible_year(parsed[0].year, text, reference):
        return None
    start, end = expand(*parsed)
    granularity = parsed[1]
    if not has_year and reference is not None:
        start, end = nearest_year(start, end, reference, tense)
    return Resolved(start, end, granularity, relative=not has_year)


def plausible_year(year: int, text: str, reference: date | None) -> bool:
    """A parsed year the text states, or (none stated) within a year of the reference."""
    stated = {int(y) for y in YEAR.findall(text)}
    return year in stated if stated else reference is not None and abs(year - reference.year) <= 1


def resolve_weekday(match: re.Match, reference: date, tense: str = "") -> Resolved:
    """The most recent such day on or before the reference; the next one after it for
    "next Wednesday", and from the reference on where the text looks forward ("from Wednesday",
    "will ... on Wednesday")."""
    target = WEEKDAYS.index(match["day"].lower())
    back = (reference.weekday() - target) % 7
    which = (match["which"] or "").lower()
    if which in ("next", "coming", "this coming") or (tense in LOOKING_AHEAD and which in ("", "this")):
        day = reference + timedelta(days=(target - reference.weekday()) % 7 or (7 if which else 0))
    elif which in ("last", "past", "previous") and back == 0:
        day = reference - timedelta(days=7)
    else:
        day = reference - timedelta(days=back)
    return Resolved(day, day, "day", relative=True, weekday=True)


def resolve_weekend(match: re.Match, reference: date, tense: str) -> Resolved:
    """The weekend (the late part of a week: Saturday and Sunday): the latest one begun by the
    reference, the next one for "next weekend" or where the text looks forward."""
    which = (match["which"] or "").lower()
    saturday = reference - timedelta(days=(reference.weekday() - 5) % 7)
    if which in ("next", "coming") or tense in LOOKING_AHEAD and which in ("", "this"):
        saturday += timedelta(days=7 if saturday <= reference else 0)
    return Resolved(saturday, saturday + timedelta(days=1), "week", relative=True, part="late")


def resolve_period(match: re.Match, reference: date) -> Resolved:
    unit, which = match["unit"].lower(), match["which"].lower()
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}[which]
    if unit == "week":
        start, end = expand(reference + timedelta(weeks=step), "week")
    elif unit == "month":
        start, end = month_bounds(*month_shift(reference, step))
    elif unit == "decade":
        start, end = expand(date(reference.year + 10 * step, 1, 1), "decade")
    else:
        start, end = date(reference.year + step, 1, 1), date(reference.year + step, 12, 31)
    return Resolved(start, end, unit, relative=True)


def vague_reading(reference: date) -> Resolved:
    """A vague reference ("now", "in recent weeks", "weeks ago", "the coming months"): no date
    fact (see the module docstring)."""
    return Resolved(reference, reference, "day", relative=True, vague=True)


def resolve_ago(match: re.Match, reference: date) -> Resolved | None:
    """"three days ago", "40 years ago"; None for a count ``int`` cannot read (thousands of digits)
    or a day before the calendar's year 1."""
    count, unit = match["count"].lower(), match["unit"].lower()
    try:
        amount = int(count) if count.isdecimal() else NUMBER_WORDS.get(count)
        if amount is None:
            return None
        if unit in ("year", "decade"):
            day = shift_years(reference, -amount * (10 if unit == "decade" else 1))
        elif unit == "month":
            day = date(*month_shift(reference, -amount), 1)
        else:
            day = reference - timedelta(days=amount * (7 if unit == "week" else 1))
    except (ValueError, OverflowError):
        return None
    start, end = expand(day, "year" if unit == "decade" else unit)
    return Resolved(start, end, "year" if unit == "decade" else unit, relative=True)


def resolve_modified(match: re.Match, reference: date | None, tense: str, discourse: Discourse | None) -> Resolved | None:
    """"early September", "the end of 1990", "earlier this month", "later that year", "late yesterday"."""
    whole = resolve_plain(match["rest"], reference, tense, discourse)
    if whole is None or whole.vague:
        return whole
    modifier = match["modifier"].lower()
    if part := MODIFIER_PARTS.get(modifier):
        return replace(whole, part=part) if whole.granularity in ("day", "week") else cut_part(whole, part)
    return whole


def resolve_decade(match: re.Match, reference: date | None) -> Resolved | None:
    """"the 1990s"; "the '80s": the latest such decade that starts within ten years of the reference."""
    if match["decade"]:
        first = int(match["decade"])
    elif reference is None:
        return None
    else:
        first = reference.year // 100 * 100 + 10 * int(match["short"])
        first -= 100 if first > reference.year + 10 else 0
    return Resolved(date(first, 1, 1), date(first + 9, 12, 31), "decade", relative=match["short"] is not None)


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


def resolve_week_of(match: re.Match, reference: date | None, tense: str) -> Resolved | None:
    """"the week of March 6": the (Monday to Sunday) week holding that day."""
    day = resolve_absolute(match["day"], reference, tense)
    if day is None or day.granularity != "day":
        return None
    monday, sunday = expand(day.start, "week")
    return replace(day, start=monday, end=sunday, granularity="week")


def resolve(text: str, reference: date | None, tense: str = "", discourse: Discourse | None = None) -> Resolved | None:
    """Resolve a date expression against ``reference`` (None where it is not a date); ``tense``
    "future", "ahead" or "past" where its sentence looks that way (``date_context.tense``);
    ``discourse``: the periods named before."""
    expression = normalised(text)
    if not expression:
        return None
    if match := MODIFIER.match(expression):
        return resolve_modified(match, reference, tense, discourse)
    return resolve_plain(expression, reference, tense, discourse)


def resolve_plain(expression: str, reference: date | None, tense: str, discourse: Discourse | None) -> Resolved | None:
    """``resolve`` of an expression without a leading modifier."""
    expression = clean(expression)
    if match := YEAR_RANGE.match(expression):
        return resolve_year_range(match)
    lowered = expression.lower()
    if not expression or (DURATION.search(expression) and not AGO.match(expression)):
        return None
    if match := RANGE_PARTS.match(expression):
        return resolve_range(match["first"], match["second"], reference)
    if match := DAY_RANGE.match(expression):
        return resolve_day_range(match, reference)
    if match := WEEK_OF.match(expression):
        return resolve_week_of(match, reference, tense)
    if reference is not None:
        if relative := resolve_relative(expression, reference, tense, discourse or Discourse(reference)):
            return relative
    if named := resolve_named(expression, reference, tense):
        return named
    if match := DECADE.match(expression):
        return resolve_decade(match, reference)
    return resolve_absolute(expression, reference, tense) if lowered not in VAGUE else None


def resolve_relative(expression: str, reference: date, tense: str, discourse: Discourse) -> Resolved | None:
    """Expressions read against the reference date or the discourse alone."""
    lowered = expression.lower()
    if lowered in VAGUE or RECENT.match(expression):
        return vague_reading(reference)
    if match := WEEKDAY.match(expression):
        return resolve_weekday(match, reference, tense)
    if lowered in DAY_WORDS:
        day = reference + timedelta(days=DAY_WORDS[lowered])
        return Resolved(day, day, "day", relative=True)
    if match := PERIOD.match(expression):
        return resolve_period(match, reference)
    if match := WEEKEND.match(expression):
        return resolve_weekend(match, reference, tense)
    if anchored := resolve_in_discourse(expression, reference, discourse):
        return anchored
    if match := AGO.match(expression):
        return resolve_ago(match, reference)
    return None


def bare_unit(span: Span) -> bool:
    """A lone "year" or "quarter" ("a 6-year-old", "a quarter of the market"): no date."""
    return len(span) == 1 and span[0].lemma_.lower() in UNIT_WORDS


def span_readings(span: Span, reference: date | None, discourse: Discourse) -> list[tuple[Span, Resolved]]:
    """The dates one span states: the whole span, else each of its parts (see ``date_context``),
    where a weekday beside a date names that date's day; a lone unit word counts with the word
    placing it before it ("this [year]")."""
    doc = span.doc
    if bare_unit(span):
        if not span.start or doc[span.start - 1].lower_ not in PLACING_WORDS:
            return []
        span = doc[span.start - 1:span.end]
    if span.root.dep_ == "poss" and span.text.lower().startswith("today") and of_the_era(span.root.head):
        return []
    when = tense(span)
    whole = resolve(written(span), reference, when, discourse)
    if whole is not None:
        return [(span, whole)]
    found = []
    for piece in parts(span):
        for cut in leading_cuts(piece):
            if not bare_unit(cut) and (resolved := resolve(written(cut), reference, when, discourse)) is not None:
                found.append((cut, resolved))
                break
    return [(cut, resolved) for index, (cut, resolved) in enumerate(found)
            if not (resolved.weekday and names_next_day(cut, found[index + 1:]))]


def names_next_day(weekday: Span, following: list[tuple[Span, Resolved]]) -> bool:
    """Whether a weekday stands just before a date, only a comma between ("Sunday, March 2, 2014")."""
    if not following or following[0][1].granularity != "day" or following[0][1].weekday:
        return False
    gap = weekday.doc[weekday.end:following[0][0].start]
    return all(token.text == "," for token in gap)


def written(span: Span) -> str:
    """The span's text, a decade with an apostrophe as a decade ("the 1980's" -> "the 1980s") where
    it owns no noun after it (not "1990's budget")."""
    following = span.doc[span.end] if span.end < len(span.doc) else None
    if following is not None and following.pos_ in ("NOUN", "PROPN"):
        return span.text
    return APOSTROPHE_DECADE.sub(r"\1s", span.text)


def of_the_era(owned: Token) -> bool:
    """Whether "today's" owns what belongs to the present age, not to the day: a plural or an age
    word ("today's computers", "today's world"); "today's vote", "today's move" are the day's."""
    return owned.tag_ in ("NNS", "NNPS") or owned.lemma_.lower() in ERA_NOUNS


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


def date_mention(article_id: str, span: Span, resolved: Resolved, reference: Reference | None,
                 datelines: list[tuple[int, int]]) -> FactMention:
    about, verb = attachment(span)
    value = {"start": resolved.start.isoformat(), "end": resolved.end.isoformat()}
    context = {
        "granularity": resolved.granularity, "relative": resolved.relative,
        "reference": reference.to_dict() if reference and resolved.relative else None,
        "expression": clean(span.text), "range": resolved.range, "part": resolved.part,
        "weekday": resolved.weekday, "about": about, "verb": verb,
        "forward": tense(span) in LOOKING_AHEAD,
        "dateline": any(start <= span.start_char < end for start, end in datelines),
        "season": resolved.season,
    }
    return FactMention(kind="date", value=value, key=f"date:{value['start']}/{value['end']}", context=context,
                       mention=Mention(article_id, span.text, sentence_of(span), span.start_char))


def find_dates(article_id: str, doc: Doc, reference: Reference | None) -> list[FactMention]:
    """Date mentions of one article, resolved against its reference and what it said before
    (vague references are no date mentions)."""
    ref_day = reference.date if reference else None
    text = doc.text  # built anew on each access
    datelines = dateline_ranges(text)
    discourse = Discourse(ref_day or date.max)
    found, placed = [], {}
    for entity in date_entities(doc, text):
        if ref_day and YEAR_TO_DATE.match(" ".join(entity.text.lower().split())):
            discourse.note_year_to_date()
        for span, resolved in span_readings(entity, ref_day, discourse):
            if resolved.vague:
                continue
            if YEARLESS.match(expression := clean(span.text)):
                if tense(span) or expression.lower() not in placed:
                    placed[expression.lower()] = resolved
                resolved = placed[expression.lower()]
            discourse.note(resolved)
            found.append(date_mention(article_id, span, resolved, reference, datelines))
    return found
