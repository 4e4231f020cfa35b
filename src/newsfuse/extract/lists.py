"""Where an article's text ends: lists of other articles and comment sections after the body.

Shared by the text-dump and HTML paths. ``lines`` are the page's cleaned lines (or an
extractor's paragraphs) and ``kept`` the indexes taken for the body so far, in order; each
rule returns ``kept`` less what it finds: lists announced by a heading ("More like this",
"Lesen Sie auch") that no long prose follows, a comment section's heading when more of the
prose is above it than below, what follows a closing line (an author's bio, "About the author",
a newsletter prompt) with nearly all the prose above it, lists whose items each carry a date
at a steady pace, and the short non-prose lines left at the body's edges.
"""
from __future__ import annotations

import re
import statistics

from newsfuse.extract.chrome import COMMENTS_HEADING, LIST_HEADING, SENTENCE_END, is_closing_marker, word_count
from newsfuse.extract.dates import find_dates
from newsfuse.extract.linefeatures import TIMESTAMP

LIST_HEADING_MAX_CHARS = 60
COMMENTS_HEADING_MAX_CHARS = 40
COMMENTS_MIN_PROSE_BEFORE = 3  # body paragraphs above a comment section's heading
PROSE_MIN_WORDS = 8  # a line of at least this many words ending a sentence reads as prose
LONG_LINE_WORDS = 20  # and so does any line this long
ELLIPSIS = ("...", "…")
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
CLOSING_SHARE = 0.9  # a closing marker ends the text once this share of its prose words is above it


def is_prose(line: str) -> bool:
    """Reads as a paragraph: long, or a sentence, and not a teaser cut off with an ellipsis."""
    words = word_count(line)
    return ((words >= LONG_LINE_WORDS or (words >= PROSE_MIN_WORDS and line.endswith(SENTENCE_END)))
            and not line.endswith(ELLIPSIS))


def _is_long_prose(line: str) -> bool:
    """A full paragraph: long, ending a sentence, not cut off with an ellipsis."""
    return word_count(line) >= LONG_LINE_WORDS and line.endswith(SENTENCE_END) and is_prose(line)


def _last_long_prose(lines: list[str]) -> int:
    """Index of the last full paragraph (-1 if none)."""
    return next((i for i in range(len(lines) - 1, -1, -1) if _is_long_prose(lines[i])), -1)


def _opens_comments(lines: list[str], kept: list[int], index: int) -> bool:
    """``lines[index]`` heads a comment section: it follows a body of at least a few paragraphs,
    and more of the kept prose is above it than below it."""
    if len(lines[index]) > COMMENTS_HEADING_MAX_CHARS or not COMMENTS_HEADING.match(lines[index]):
        return False
    prose = [i for i in kept if is_prose(lines[i])]
    before = sum(1 for i in prose if i < index)
    return before >= COMMENTS_MIN_PROSE_BEFORE and before >= len(prose) - before


def end_at_list_heading(lines: list[str], kept: list[int]) -> list[int]:
    """``kept`` up to the first list-announcing heading after the body starts that no
    long prose follows ("More like this", "Latest articles", "Read also"...), or up to the
    heading of the comment section."""
    if not kept:
        return kept
    last_prose = None
    for index in range(kept[0] + 1, kept[-1] + 1):  # a heading below the last kept line cuts nothing
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


def end_at_closing_marker(lines: list[str], kept: list[int]) -> list[int]:
    """``kept`` up to the first line that closes an article ("About the author", an author's bio,
    a newsletter prompt: ``chrome.is_closing_marker``) once nearly all of its prose is above it."""
    words = [word_count(lines[i]) if is_prose(lines[i]) else 0 for i in kept]
    total, above = sum(words), 0
    for position, index in enumerate(kept):
        if position and total and above >= CLOSING_SHARE * total and is_closing_marker(lines[index]):
            return kept[:position]
        above += words[position]
    return kept


def end_of_text(lines: list[str], kept: list[int]) -> list[int]:
    """``kept`` up to where the text ends: a heading of other articles, then a closing line."""
    return end_at_closing_marker(lines, end_at_list_heading(lines, kept))


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
    """Indexes in ``start:stop`` of the lines that are a date and little else: only short lines
    holding a year or clock time are read."""
    return [index for index in range(start, min(stop, len(lines)))
            if len(lines[index]) <= DATE_LINE_MAX_CHARS and DATE_HINT.search(lines[index]) and _is_date_only(lines[index])]


def _dated_list_span(lines: list[str], dates: list[int]) -> range:
    """The lines of a list whose items each carry one of ``dates``: from the first item's head
    (the short lines just above its date, never prose) to the last item's end."""
    period = int(statistics.median(b - a for a, b in zip(dates, dates[1:])))
    start = dates[0]
    while start > dates[0] - period + 1 and start > 0 and not is_prose(lines[start - 1]):
        start -= 1
    return range(start, dates[-1] + period)


def drop_dated_lists(lines: list[str], kept: list[int]) -> list[int]:
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
        prose_before = sum(1 for i in kept if i < run[0] and is_prose(lines[i]))
        if len(run) >= DATED_LIST_MIN_ITEMS and prose_before >= DATED_LIST_MIN_PROSE:
            dropped.update(_dated_list_span(lines, run))
    return trim_edges(lines, [i for i in kept if i not in dropped]) if dropped else kept


def trim_edges(lines: list[str], kept: list[int]) -> list[int]:
    """Drop the short non-sentence lines (titles, bylines, labels) before the body's first
    prose line and after its last."""
    prose = [i for i in kept if is_prose(lines[i])]
    if not prose:
        return kept
    return [i for i in kept if prose[0] <= i <= prose[-1]]
