"""The article's own publication date in a text dump, judged by where each date stands.

Good evidence: a date next to the byline, "Published on <date>", a date line
just above the body or just below the headline (also a line among the kept span's
first lines that the classifier did not keep: the span often opens with the
headline, the date line below it), a lone date line closing the body. Refused:
a site's "today" header at the very top of the page, timestamps glued to related
headlines, dates inside the body text, copyright years. When the evidence is
weak the answer is None: a missing date is better than a chrome date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from newsfuse.extract.bylines import parse_byline
from newsfuse.extract.dates import HAS_YEAR, FoundDate, find_dates

PUBLISHED_CUE = re.compile(r"(?:publi|posted|released|\bdated?\b|时间|發布|发布|发表|입력|등록|作成|公開)", re.I)
UPDATED_CUE = re.compile(r"(?:updated|modified|수정|更新)", re.I)
COPYRIGHT_CUE = re.compile(r"(?:©|copyright|all rights reserved)", re.I)
TOP_LINES = 3  # a weekday date in the page's first lines is the site's "today" header
BODY_LOOKAHEAD = 3  # dates in the first body lines may be the article's own (a dateline with a year)
SPAN_OPENING_LINES = 12  # a line this near the kept span's start that is not kept is no body text
AFTER_BODY_LINES = 5
NEAR_BODY_LINES = 12
NEAR_TITLE_LINES = 6
MAX_DATE_LINE_WORDS = 8  # more words than this beside a date: a headline glued to its timestamp
MIN_SCORE = 2.0
CUE_AFTER_CHARS = 12

SCORE_PUBLISHED_CUE, SCORE_UPDATED_CUE, SCORE_BYLINE = 4.0, -1.0, 3.0
SCORE_NEAR_BODY, SCORE_NEAR_TITLE, SCORE_DATE_ONLY = 2.0, 2.0, 1.0
SCORE_TODAY_HEADER, SCORE_GLUED_HEADLINE, SCORE_IN_BODY = -8.0, -4.0, -3.0
SCORE_AFTER_BODY, SCORE_REPEATED_FORM = -1.0, -2.0
SCORE_CLOSING_DATE = 1.0
CLOSING_QUIET_LINES = 10  # no other dated line this far below a date line closing the body
MANY_DATES = 3  # this many distinct dates above the body looks like a dated list


@dataclass(frozen=True)
class DatedLine:
    index: int
    found: FoundDate


def _words_beside(line: str, found: FoundDate) -> int:
    rest = line[:found.start] + " " + line[found.end:]
    rest = PUBLISHED_CUE.sub(" ", UPDATED_CUE.sub(" ", rest))
    return len(re.findall(r"[^\W\d_]{2,}", rest))


def _near_byline(lines: list[str], index: int) -> bool:
    return any(parse_byline(lines[j]) for j in range(max(0, index - 2), min(len(lines), index + 3)))


def _in_body_text(index: int, first_body: int, last_body: int, kept: set[int]) -> bool:
    """Whether line ``index`` reads as body text: inside the kept span, unless it is one of the
    span's opening lines that the classifier did not keep (``kept``: 0-based kept lines)."""
    if not first_body <= index <= last_body:
        return False
    return index in kept or index - first_body >= SPAN_OPENING_LINES


def _closing_date_line(lines: list[str], index: int, beside: int) -> bool:
    """A date line (at most two words beside the date) just below the body (the search looks
    ``AFTER_BODY_LINES`` down), with no other dated line below it for a while: the article's date
    at its foot, not a dated list or a comment."""
    if beside > 2:
        return False
    below = lines[index + 1:index + 1 + CLOSING_QUIET_LINES]
    return not any(find_dates(line) for line in below if HAS_YEAR.search(line))


def _score(lines: list[str], dated: DatedLine, first_body: int, last_body: int,
           title_index: int | None, distinct_above: int, kept: set[int]) -> float:
    index, found = dated.index, dated.found
    line = lines[index]
    before = line[:found.start]
    score = 0.0
    if UPDATED_CUE.search(before):
        score += SCORE_UPDATED_CUE
    elif PUBLISHED_CUE.search(before) or PUBLISHED_CUE.search(line[found.end:found.end + CUE_AFTER_CHARS]):
        score += SCORE_PUBLISHED_CUE
    if _near_byline(lines, index):
        score += SCORE_BYLINE
    if 0 < first_body - index <= NEAR_BODY_LINES:
        score += SCORE_NEAR_BODY
    if title_index is not None and 0 < index - title_index <= NEAR_TITLE_LINES:
        score += SCORE_NEAR_TITLE
    beside = _words_beside(line, found)
    score += SCORE_DATE_ONLY if beside <= 2 else 0.0
    if beside > MAX_DATE_LINE_WORDS:
        score += SCORE_GLUED_HEADLINE
    if index < TOP_LINES and found.has_weekday and (title_index is None or index < title_index):
        score += SCORE_TODAY_HEADER
    if _in_body_text(index, first_body, last_body, kept):
        score += SCORE_IN_BODY
    elif index > last_body:
        score += SCORE_CLOSING_DATE if _closing_date_line(lines, index, beside) else SCORE_AFTER_BODY
    if distinct_above >= MANY_DATES:
        score += SCORE_REPEATED_FORM
    return score


def _lines_with_year(lines: list[str], zone: list[int]) -> list[int]:
    """The indexes in ``zone`` whose line holds a year: one search over the zone's joined text,
    counting the line breaks passed since the last year found."""
    text = "\n".join([lines[i] for i in zone])
    found: list[int] = []
    position = line = 0
    for match in HAS_YEAR.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        if not found or found[-1] != line:
            found.append(line)
    return [zone[position] for position in found]


def find_published(lines: list[str], first_body: int, last_body: int, title_index: int | None,
                   kept: set[int]) -> str | None:
    """``YYYY-MM-DD`` of the article's own date in ``lines`` (0-based body span and ``kept``
    lines), or None."""
    zone = list(range(0, min(len(lines), first_body + BODY_LOOKAHEAD)))
    zone += (index for index in range(first_body + BODY_LOOKAHEAD, min(last_body, first_body + SPAN_OPENING_LINES))
             if index not in kept)
    zone += range(last_body + 1, min(len(lines), last_body + 1 + AFTER_BODY_LINES))
    dated = [DatedLine(i, found) for i in _lines_with_year(lines, zone) if not COPYRIGHT_CUE.search(lines[i])
             for found in find_dates(lines[i])]
    if not dated:
        return None
    distinct_above = len({d.found.value for d in dated if d.index < first_body})
    scored = [(_score(lines, d, first_body, last_body, title_index, distinct_above, kept), -d.index, d) for d in dated]
    score, _, best = max(scored, key=lambda item: (item[0], item[1]))
    return best.found.value.isoformat() if score >= MIN_SCORE else None
