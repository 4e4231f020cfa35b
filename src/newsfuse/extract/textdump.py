"""Flat text dumps: keep the lines that belong to the article body.

Each non-empty line is cleaned as benchmark dumps are (stripped, no list
bullet, single spaces) and scored by the shipped two-pass line classifier
(``lineclassifier.py``, features in ``linefeatures.py``). Lines scored above
the model's threshold are the body, one paragraph each, less page chrome
(``drop_chrome``): lines that are chrome from the line alone (patterns shared with
the HTML path in ``chrome.py``), lists of other articles (after a heading that
announces them, or stamped with dates at a steady pace), a comment section, non-prose lines at the
body's edges and a lone inserted headline inside it. ``body_lines`` are their
1-based numbers in the input, blank lines counted.
"""
from __future__ import annotations

import re
import statistics

from newsfuse.config import ExtractConfig
from newsfuse.extract.chrome import (
    CHROME_OPENING, COMMENTS_HEADING, LIST_HEADING, is_inserted_chrome, kept_after_edge_chrome, word_count,
)
from newsfuse.extract.dates import find_dates
from newsfuse.extract.lineclassifier import load_classifier
from newsfuse.extract.linefeatures import TIMESTAMP, clean_lines, teaser_lines
from newsfuse.extract.metadata import finish_article
from newsfuse.model import Article, RawDocument

# A line ending in a date or clock time next to others like it is a list of linked headlines.
TIMESTAMP_AT_END = re.compile(r"(?:" + TIMESTAMP.pattern + r")\W{0,2}$", re.IGNORECASE)
HEADLINE_LIST_REACH = 2
TIMESTAMP_TAIL_CHARS = 40  # a timestamp ending a line fits in its last characters
LIST_HEADING_MAX_CHARS = 60
COMMENTS_HEADING_MAX_CHARS = 40
COMMENTS_MIN_PROSE_BEFORE = 3  # body paragraphs above a comment section's heading
BREADCRUMB = re.compile(r"\s[>›»|]\s.*?\s[>›»|]\s")  # "Home > News > Title"
BYLINE = re.compile(r"(?:by|from|von|par|por|di|door)\s+\w[\w.'’-]*(?:\s+\w[\w.'’-]*){0,4}\s*$", re.IGNORECASE)
PROSE_MIN_WORDS = 8  # a line of at least this many words ending a sentence reads as prose
LONG_LINE_WORDS = 20  # and so does any line this long
ELLIPSIS = ("...", "…")
# A lone headline-shaped line inside the body: short, no sentence or clause end, no label marks.
LONE_HEADLINE_WORDS = range(4, 15)
SHORT_LINE_WORDS = 15  # non-prose lines shorter than this inside the body are headings, links or labels
HEADLINE_MARKS = re.compile(r"[:|•/@#=]")
CLAUSE_END = (",", ";")
SENTENCE_END = (".", "!", "?", "。", "！", "？", "\"", "”", "’", "'", "»", ")")
# A list of other articles, each item stamped with a date line ("Tuesday November 19, 2019",
# "11/20/2019 01:14 PM"): at least this many date lines, each this close to the last, after
# this many body paragraphs.
DATE_HINT = re.compile(r"\d(?:\d\d\d|:\d\d)")  # a year or a clock time (a leading digit keeps the scan fast)
DATE_LINE_MAX_CHARS = 40
CLOCK_WORDS = re.compile(r"\b(?:[ap]\.?m\.?|utc|gmt|[ecmp][sd]t|bst|cet|cest|ist|jst|kst)\b", re.IGNORECASE)
LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
DATE_LINE_MAX_WORDS = 3  # words left once the date is taken out ("Updated", "Published on")
DATED_LIST_MIN_ITEMS = 3
DATED_LIST_MAX_PERIOD = 6
DATED_LIST_MIN_PROSE = 3


def split_lines(content: str) -> list[str]:
    """Lines as a text editor numbers them (``\\n``, ``\\r\\n`` or ``\\r`` ends a line)."""
    return content.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _ends_in_timestamp(line: str) -> bool:
    return TIMESTAMP_AT_END.search(line[-TIMESTAMP_TAIL_CHARS:]) is not None


def _in_headline_list(lines: list[str], index: int) -> bool:
    if not _ends_in_timestamp(lines[index]):
        return False
    reach = range(max(index - HEADLINE_LIST_REACH, 0), min(index + HEADLINE_LIST_REACH + 1, len(lines)))
    return any(other != index and _ends_in_timestamp(lines[other]) for other in reach)


def _is_prose(line: str) -> bool:
    """Reads as a paragraph: long, or a sentence, and not a teaser cut off with an ellipsis."""
    words = word_count(line)
    return ((words >= LONG_LINE_WORDS or (words >= PROSE_MIN_WORDS and line.endswith(SENTENCE_END)))
            and not line.endswith(ELLIPSIS))


def _is_long_prose(line: str) -> bool:
    """A full paragraph: long, ending a sentence, not cut off with an ellipsis."""
    return word_count(line) >= LONG_LINE_WORDS and line.endswith(SENTENCE_END) and _is_prose(line)


def _last_long_prose(lines: list[str]) -> int:
    """Index of the last full paragraph (-1 if none)."""
    return next((i for i in range(len(lines) - 1, -1, -1) if _is_long_prose(lines[i])), -1)


def _opens_comments(lines: list[str], kept: list[int], index: int) -> bool:
    """``lines[index]`` heads a comment section: it follows a body of at least a few paragraphs,
    and more of the kept prose is above it than below it."""
    if len(lines[index]) > COMMENTS_HEADING_MAX_CHARS or not COMMENTS_HEADING.match(lines[index]):
        return False
    prose = [i for i in kept if _is_prose(lines[i])]
    before = sum(1 for i in prose if i < index)
    return before >= COMMENTS_MIN_PROSE_BEFORE and before >= len(prose) - before


def _end_at_list_heading(lines: list[str], kept: list[int]) -> list[int]:
    """``kept`` up to the first list-announcing heading after the body starts that no
    long prose follows ("More like this", "Latest articles", "Read also"...), or up to the
    heading of the comment section."""
    if not kept:
        return kept
    last_prose = None
    for index in range(kept[0] + 1, len(lines)):
        line = lines[index]
        if len(line) > LIST_HEADING_MAX_CHARS:
            continue
        if LIST_HEADING.match(line):
            last_prose = _last_long_prose(lines) if last_prose is None else last_prose
            if index > last_prose:
                return [i for i in kept if i < index]
        elif _opens_comments(lines, kept, index):
            return [i for i in kept if i < index]
    return kept


def _is_date_only(line: str) -> bool:
    """The line holds a date or clock time and at most a few words, no other numbers."""
    rest = line
    for found in find_dates(line):
        rest = rest.replace(line[found.start:found.end], " ")
    rest = TIMESTAMP.sub(" ", rest)
    if rest == line:
        return False
    rest = CLOCK_WORDS.sub(" ", rest)
    return len(LETTER_WORD.findall(rest)) <= DATE_LINE_MAX_WORDS and not any(c.isdigit() for c in rest)


def _date_only_lines(lines: list[str], start: int, stop: int) -> list[int]:
    """Indexes in ``start:stop`` of the lines that are a date and little else: one regex pass over
    the text finds the lines holding a year or clock time, and only those short ones are read."""
    text = "\n".join(lines[start:stop])
    found, index, position = [], start, 0
    for match in DATE_HINT.finditer(text):
        index += text.count("\n", position, match.start())
        position = match.start()
        line = lines[index]
        if len(line) <= DATE_LINE_MAX_CHARS and (not found or found[-1] != index) and _is_date_only(line):
            found.append(index)
    return found


def _dated_list_span(lines: list[str], dates: list[int]) -> range:
    """The lines of a list whose items each carry one of ``dates``: from the first item's head
    (the short lines just above its date, never prose) to the last item's end."""
    period = int(statistics.median(b - a for a, b in zip(dates, dates[1:])))
    start = dates[0]
    while start > dates[0] - period + 1 and start > 0 and not _is_prose(lines[start - 1]):
        start -= 1
    return range(start, dates[-1] + period)


def _drop_dated_lists(lines: list[str], kept: list[int]) -> list[int]:
    """``kept`` without lists of other articles stamped with dates at a steady pace, after the body."""
    if not kept:
        return kept
    runs: list[list[int]] = []
    for index in _date_only_lines(lines, kept[0], kept[-1] + DATED_LIST_MAX_PERIOD):
        if runs and index - runs[-1][-1] <= DATED_LIST_MAX_PERIOD:
            runs[-1].append(index)
        else:
            runs.append([index])
    dropped: set[int] = set()
    for run in runs:
        prose_before = sum(1 for i in kept if i < run[0] and _is_prose(lines[i]))
        if len(run) >= DATED_LIST_MIN_ITEMS and prose_before >= DATED_LIST_MIN_PROSE:
            dropped.update(_dated_list_span(lines, run))
    return _trim_edges(lines, [i for i in kept if i not in dropped]) if dropped else kept


def _trim_edges(lines: list[str], kept: list[int]) -> list[int]:
    """Drop the short non-sentence lines (titles, bylines, labels) before the body's first
    prose line and after its last."""
    prose = [i for i in kept if _is_prose(lines[i])]
    if not prose:
        return kept
    return [i for i in kept if prose[0] <= i <= prose[-1]]


def _is_lone_headline_candidate(lines: list[str], kept: list[int], position: int) -> bool:
    """``kept[position]`` is headline-shaped and sits right between two prose paragraphs."""
    index, line = kept[position], lines[kept[position]]
    return (word_count(line) in LONE_HEADLINE_WORDS and not line.endswith(SENTENCE_END + CLAUSE_END)
            and not HEADLINE_MARKS.search(line)
            and kept[position - 1] == index - 1 and kept[position + 1] == index + 1
            and _is_prose(lines[index - 1]) and _is_prose(lines[index + 1]))


def _drop_lone_headline(lines: list[str], kept: list[int]) -> list[int]:
    """``kept`` without the one short non-prose line inside the body when it is the only one and
    reads like a headline between two paragraphs: articles with subheadings have several, so a
    lone one is an inserted link to another article (or a stray teaser)."""
    inner = range(1, len(kept) - 1)
    short = [p for p in inner if word_count(lines[kept[p]]) < SHORT_LINE_WORDS and not _is_prose(lines[kept[p]])]
    if len(short) != 1 or not _is_lone_headline_candidate(lines, kept, short[0]):
        return kept
    return kept[:short[0]] + kept[short[0] + 1:]


def drop_chrome(lines: list[str], kept: list[int]) -> list[int]:
    """``kept`` without chrome openings, bylines, breadcrumbs, headline lists glued to timestamps,
    cut-off teasers, lists announced by a heading or stamped with dates after the body, non-prose
    lines at the body's edges, a lone inserted headline inside the body, and the chrome lines
    ``chrome.py`` knows (credits, prompts, contributor lines, bios) inside and at the end."""
    teasers = teaser_lines(lines)
    kept = [i for i in kept if not CHROME_OPENING.match(lines[i]) and not BYLINE.match(lines[i])
            and not BREADCRUMB.search(lines[i])
            and lines[i] not in teasers and not _in_headline_list(lines, i)]
    kept = _drop_dated_lists(lines, _trim_edges(lines, _end_at_list_heading(lines, kept)))
    kept = [i for i in _drop_lone_headline(lines, kept) if not is_inserted_chrome(lines[i])]
    return [kept[p] for p in kept_after_edge_chrome([lines[i] for i in kept])]


def body_line_indexes(lines: list[str]) -> list[int]:
    """Indexes into ``lines`` (cleaned, non-empty) of the body lines."""
    classifier = load_classifier()
    probability = classifier.probabilities(lines)
    return drop_chrome(lines, [int(i) for i in (probability > classifier.threshold).nonzero()[0]])


def extract_text(document: RawDocument, config: ExtractConfig) -> Article:
    """The article in a flat text dump (or a clean article text)."""
    raw_lines = split_lines(document.content)
    lines, numbers = clean_lines(raw_lines)
    kept = body_line_indexes(lines)
    article = Article(
        id=document.id, source=document.source, url=document.url, title=document.title,
        published=document.published, body=[lines[i] for i in kept],
        body_lines=[numbers[i] for i in kept],
    )
    return finish_article(article, config, lines=raw_lines)
