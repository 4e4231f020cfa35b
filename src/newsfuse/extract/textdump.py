"""Flat text dumps: keep the lines that belong to the article body.

Each non-empty line is cleaned as benchmark dumps are (stripped, no list
bullet, single spaces) and scored by the shipped two-pass line classifier
(``lineclassifier.py``, features in ``linefeatures.py``). Lines scored above
the model's threshold are the body, one paragraph each, less page chrome
(``drop_chrome``): lines that are chrome from the line alone (patterns shared with
the HTML path in ``chrome.py``), lists of other articles (after a heading that
announces them, or stamped with dates at a steady pace), a comment section, non-prose lines at the
body's edges (``lists.py``, also shared) and a lone inserted headline inside it. ``body_lines`` are their
1-based numbers in the input, blank lines counted; the other non-empty lines are the article's
``chrome`` (``dropped.py``).
"""
from __future__ import annotations

import re

import numpy as np

from newsfuse.config import ExtractConfig
from newsfuse.extract.chrome import (
    CHROME_OPENING, SENTENCE_END, is_inserted_chrome, kept_after_edge_chrome, word_count,
)
from newsfuse.extract.dropped import dropped_dump_lines
from newsfuse.extract.lineclassifier import load_classifier
from newsfuse.extract.linefeatures import TIMESTAMP, clean_lines, teaser_lines
from newsfuse.extract.lists import drop_dated_lists, end_of_text, is_prose, trim_edges
from newsfuse.extract.metadata import finish_article
from newsfuse.model import Article, RawDocument

# A line ending in a date or clock time next to others like it is a list of linked headlines.
TIMESTAMP_AT_END = re.compile(r"(?:" + TIMESTAMP.pattern + r")\W{0,2}$", re.IGNORECASE)
HEADLINE_LIST_REACH = 2
TIMESTAMP_TAIL_CHARS = 40  # a timestamp ending a line fits in its last characters
BREADCRUMB = re.compile(r"\s[>›»|]\s.*?\s[>›»|]\s")  # "Home > News > Title"
BREADCRUMB_MARKS = (">", "›", "»", "|")
BYLINE = re.compile(r"(?:by|from|von|par|por|di|door)\s+\w[\w.'’-]*(?:\s+\w[\w.'’-]*){0,4}\s*$", re.IGNORECASE)
CHROME_OR_BYLINE = re.compile(f"(?:{CHROME_OPENING.pattern})|(?:{BYLINE.pattern})", re.IGNORECASE)  # one match
# A lone headline-shaped line inside the body: short, no sentence or clause end, no label marks.
LONE_HEADLINE_WORDS = range(4, 15)
SHORT_LINE_WORDS = 15  # non-prose lines shorter than this inside the body are headings, links or labels
HEADLINE_MARKS = re.compile(r"[:|•/@#=]")
CLAUSE_END = (",", ";")


def split_lines(content: str) -> list[str]:
    """Lines as a text editor numbers them (``\\n``, ``\\r\\n`` or ``\\r`` ends a line)."""
    return content.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _is_breadcrumb(line: str) -> bool:
    """A path of section names ("Home > News > Title"); the cheap mark test spares most lines the regex."""
    return any(map(line.__contains__, BREADCRUMB_MARKS)) and BREADCRUMB.search(line) is not None


def _ends_in_timestamp(line: str) -> bool:
    return TIMESTAMP_AT_END.search(line[-TIMESTAMP_TAIL_CHARS:]) is not None


def _in_headline_list(lines: list[str], index: int) -> bool:
    if not _ends_in_timestamp(lines[index]):
        return False
    reach = range(max(index - HEADLINE_LIST_REACH, 0), min(index + HEADLINE_LIST_REACH + 1, len(lines)))
    return any(other != index and _ends_in_timestamp(lines[other]) for other in reach)


def _is_lone_headline_candidate(lines: list[str], kept: list[int], position: int) -> bool:
    """``kept[position]`` is headline-shaped and sits right between two prose paragraphs."""
    index, line = kept[position], lines[kept[position]]
    return (word_count(line) in LONE_HEADLINE_WORDS and not line.endswith(SENTENCE_END + CLAUSE_END)
            and not HEADLINE_MARKS.search(line)
            and kept[position - 1] == index - 1 and kept[position + 1] == index + 1
            and is_prose(lines[index - 1]) and is_prose(lines[index + 1]))


def _drop_lone_headline(lines: list[str], kept: list[int]) -> list[int]:
    """``kept`` without the one short non-prose line inside the body when it is the only one and
    reads like a headline between two paragraphs: articles with subheadings have several, so a
    lone one is an inserted link to another article (or a stray teaser)."""
    inner = range(1, len(kept) - 1)
    short = [p for p in inner if word_count(lines[kept[p]]) < SHORT_LINE_WORDS and not is_prose(lines[kept[p]])]
    if len(short) != 1 or not _is_lone_headline_candidate(lines, kept, short[0]):
        return kept
    return kept[:short[0]] + kept[short[0] + 1:]


def drop_chrome(lines: list[str], kept: list[int]) -> list[int]:
    """``kept`` without chrome openings, bylines, breadcrumbs, headline lists glued to timestamps,
    cut-off teasers, lists announced by a heading or stamped with dates after the body, what follows
    a closing line (an author's bio, "About the author", a newsletter prompt), non-prose
    lines at the body's edges, a lone inserted headline inside the body, and the chrome lines
    ``chrome.py`` knows (credits, prompts, contributor lines, bios) inside and at the end."""
    teasers = teaser_lines(lines)
    kept = [i for i, line in zip(kept, map(lines.__getitem__, kept))
            if not CHROME_OR_BYLINE.match(line) and not _is_breadcrumb(line)
            and line not in teasers and not _in_headline_list(lines, i)]
    kept = drop_dated_lists(lines, trim_edges(lines, end_of_text(lines, kept)))
    kept = [i for i in _drop_lone_headline(lines, kept) if not is_inserted_chrome(lines[i])]
    return [kept[p] for p in kept_after_edge_chrome([lines[i] for i in kept])]


def body_line_indexes(lines: list[str]) -> list[int]:
    """Indexes into ``lines`` (cleaned, non-empty) of the body lines."""
    classifier = load_classifier()
    probability = classifier.probabilities(lines)
    return drop_chrome(lines, np.flatnonzero(probability > classifier.threshold).tolist())


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
    finish_article(article, config, lines=raw_lines)
    article.chrome = dropped_dump_lines(lines, numbers, article.body_lines, article.title)
    return article
