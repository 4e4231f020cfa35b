"""Reference dates: the date each article's relative dates are read against,
and the story's agreed event date (a story-level pass).

Rule, in order of strength:

1. The dateline date (``Article.dateline.date``; where extraction found no
   dated dateline, a dateline opening one of the first paragraphs, such as
   ``PARIS, March 4 (AFP) --``). A dateline without a year takes the
   year that puts it closest on or before the article's ``published`` date;
   without one, the year closest to the story's other dated articles.
   Where no article of the story has a year, the latest year up to today in
   which the dateline falls on the weekday its lead names ("PARIS,
   March 4 -- ... said Tuesday").
2. The article's own ``published`` date.
3. The story's event date.

The story's event date is the most common dateline date of its articles
(ties: the earliest); without datelines, the earliest ``published`` date
(the first report; reposts and scrapes come later, never earlier).

Extraction may leave a repost or scrape date in ``published``. An article
whose only date is a ``published`` more than ``REPOST_GAP_DAYS`` after the
story's event date (set by other articles), and whose text speaks of a
weekday ("said Friday"), reads its dates against the story's event date: a
writer names a weekday only for the last few days, so the text was written
within a week of the event and the page date is a later copy's.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from newsfuse.model import Article

REPOST_GAP_DAYS = 6  # a weekday named in text points at most this far back
DATELINE_SLACK_DAYS = 2  # a dateline may be a day or two after the page date (time zones)
DATELINE_SCAN_PARAGRAPHS = 3
MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTH_WORD = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
LEAD_DATELINE = re.compile(
    rf"^[A-Z][A-Za-z .'’-]{{1,40}}?(?:,\s*[A-Z][A-Za-z .'’-]{{1,30}}?)?,\s*(?P<month>{MONTH_WORD})\s+(?P<day>\d{{1,2}})"
    r"(?:,?\s+(?P<year>\d{4}))?\s*(?:\([^)]{1,40}\))?\s*(?:--|—|–|\.-|-|:)"
)
WEEKDAY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
WEEKDAY_INDEX = {name: i for i, name in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
WEEKDAY_YEARS_BACK = 7  # a weekday recurs on a given date every 5-11 years


@dataclass(frozen=True)
class Reference:
    """The date an article's relative dates are resolved against, and why."""

    date: date
    source: str  # "dateline", "published" or "story"
    note: str = ""

    def to_dict(self) -> dict[str, str]:
        found = {"date": self.date.isoformat(), "source": self.source}
        return found | ({"note": self.note} if self.note else {})


def parse_iso(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def month_number(word: str) -> int | None:
    return MONTHS.get(word.lower()[:3])


def dateline_month_day(article: Article) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of the article's dateline, if it has a date."""
    stated = article.dateline.date if article.dateline else None
    if stated:
        parts = [int(p) for p in stated.split("-") if p.isdigit()]
        if len(parts) == 3:
            return parts[0], parts[1], parts[2]
        if len(parts) == 2:
            return None, parts[0], parts[1]
    for paragraph in article.body[:DATELINE_SCAN_PARAGRAPHS]:
        match = LEAD_DATELINE.match(paragraph)
        month = month_number(match["month"]) if match else None
        if match and month:
            return (int(match["year"]) if match["year"] else None), month, int(match["day"])
    return None


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def year_before(month: int, day: int, anchor: date) -> date | None:
    """The date with this month and day closest on or before ``anchor`` (small slack)."""
    limit = anchor + timedelta(days=DATELINE_SLACK_DAYS)
    candidates = [d for y in (anchor.year + 1, anchor.year, anchor.year - 1)
                  if (d := safe_date(y, month, day)) and d <= limit]
    return max(candidates) if candidates else None


def year_nearest(month: int, day: int, anchors: list[date]) -> date | None:
    """The date with this month and day closest to the median anchor."""
    anchor = sorted(anchors)[len(anchors) // 2]
    candidates = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := safe_date(y, month, day))]
    return min(candidates, key=lambda d: abs((d - anchor).days)) if candidates else None


def dateline_dates(members: list[Article]) -> dict[str, date]:
    """Each article's full dateline date, years supplied where the dateline has none."""
    found: dict[str, date] = {}
    yearless: dict[str, tuple[int, int]] = {}
    for article in members:
        parts = dateline_month_day(article)
        if parts is None:
            continue
        year, month, day = parts
        published = parse_iso(article.published)
        if year is not None:
            resolved = safe_date(year, month, day)
        elif published is not None:
            resolved = year_before(month, day, published)
        else:
            yearless[article.id] = (month, day)
            continue
        if resolved:
            found[article.id] = resolved
    anchors = list(found.values()) or [d for a in members if (d := parse_iso(a.published))]
    by_id = {a.id: a for a in members}
    for article_id, (month, day) in yearless.items():
        resolved = year_nearest(month, day, anchors) if anchors else year_from_weekday(by_id[article_id], month, day)
        if resolved:
            found[article_id] = resolved
    return found


def year_from_weekday(article: Article, month: int, day: int) -> date | None:
    """Last resort for a year-less dateline in a story with no dated article: the latest
    year, up to today, in which the dateline falls on the weekday its lead names
    ("PARIS, March 4 -- ... said Tuesday")."""
    lead = next((p for p in article.body[:DATELINE_SCAN_PARAGRAPHS] if WEEKDAY.search(p)), None)
    if lead is None:
        return None
    target = WEEKDAY_INDEX[WEEKDAY.search(lead)[0].lower()]
    today = date.today()
    for year in range(today.year, today.year - WEEKDAY_YEARS_BACK, -1):
        candidate = safe_date(year, month, day)
        if candidate and candidate <= today and candidate.weekday() == target:
            return candidate
    return None


def most_common_earliest(dates: Iterable[date]) -> date | None:
    counts = Counter(dates)
    if not counts:
        return None
    return min(counts, key=lambda d: (-counts[d], d))


def story_references(members: list[Article]) -> tuple[dict[str, Reference | None], date | None]:
    """Each article's reference date and the story's event date."""
    datelines = dateline_dates(members)
    published = {a.id: d for a in members if (d := parse_iso(a.published))}
    event = most_common_earliest(datelines.values()) or min(published.values(), default=None)
    references: dict[str, Reference | None] = {}
    for article in members:
        if article.id in datelines:
            references[article.id] = Reference(datelines[article.id], "dateline")
        elif article.id in published:
            references[article.id] = published_reference(article, published[article.id], event)
        else:
            references[article.id] = Reference(event, "story") if event else None
    return references, event


def published_reference(article: Article, published: date, event: date | None) -> Reference:
    """The published date, unless it looks like a later copy's date (see module docstring)."""
    late = event is not None and (published - event).days > REPOST_GAP_DAYS
    if late and WEEKDAY.search(article.text):
        note = f"published {published.isoformat()} is {(published - event).days} days after the story's date"
        return Reference(event, "story", note)
    return Reference(published, "published")
