"""Flat text dumps: keep the lines that belong to the article body.

Each non-empty line is cleaned as benchmark dumps are (stripped, no list
bullet, single spaces) and scored by the shipped two-pass line classifier
(``lineclassifier.py``, features in ``linefeatures.py``). Lines scored above
the model's threshold are the body, one paragraph each, less a few kinds of
page chrome that are certain from the line alone or that follow a heading announcing
a list of other articles (``drop_chrome``);
``body_lines`` are their 1-based numbers in the input, blank lines counted.
"""
from __future__ import annotations

import re

from newsfuse.config import ExtractConfig
from newsfuse.extract.lineclassifier import load_classifier
from newsfuse.extract.linefeatures import TIMESTAMP, clean_lines, teaser_lines
from newsfuse.extract.metadata import finish_article
from newsfuse.model import Article, RawDocument

# Lines that open like this are inserted links, credits or page furniture, in any article.
CHROME_OPENING = re.compile(
    r"(?:see also|read more|read also|also read|more from|source link|more articles|more like this"
    r"|related(?: articles| stories| posts| content| news)?\s*(?::|$)|latest articles?\s*(?::|$)"
    r"|(?:advertisement|sponsored(?: content)?)\s*(?::|-|$)|click here|share this|follow us|sign up\b"
    r"|(?:photo|image|video|credit|graphic)s?\s*:|copyright\s*(?:©|\(c\)|\d{4})|©|all rights reserved"
    r"|tags?\s*:|filed under)",
    re.IGNORECASE,
)
# A line ending in a date or clock time next to others like it is a list of linked headlines.
TIMESTAMP_AT_END = re.compile(r"(?:" + TIMESTAMP.pattern + r")\W{0,2}$", re.IGNORECASE)
HEADLINE_LIST_REACH = 2
# Headings that announce a list of other articles; once one appears, the body has ended unless
# long prose follows. A general multilingual list, matched against the whole (short) line.
LIST_HEADING = re.compile(
    r"(?:more like this|latest(?: articles?| news| stories| posts)?|related(?: articles?| stories| posts"
    r"| content| news| coverage| links| reading)?|read (?:more|also|next)|also read|see also|source link"
    r"|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|most (?:read|popular|viewed|shared)"
    r"|recommended(?: for you| stories| articles| reading)?|more (?:stories|news|articles|from \w.*|on \w.*)"
    r"|trending(?: now| stories)?|popular (?:stories|posts|articles)|top stories|further reading|editor'?s picks"
    r"|lesen sie auch|mehr zum thema|weitere artikel|das könnte sie auch interessieren"
    r"|(?:à )?lire aussi|sur le même sujet|articles similaires|dans la même rubrique"
    r"|te puede interesar|noticias relacionadas|más noticias|lee también|leia também|notícias relacionadas"
    r"|leggi anche|articoli correlati|читайте также|похожие новости|новости по теме"
    r"|相关新闻|相关文章|推荐阅读|热门文章|热门新闻|관련\s?기사|많이 본 뉴스|추천 기사)\s*[:：.»›>]?\s*$",
    re.IGNORECASE,
)
LIST_HEADING_MAX_CHARS = 60
BREADCRUMB = re.compile(r"(?:\s[>›»|]\s.*){2}")  # "Home > News > Title"
BYLINE = re.compile(r"(?:by|from|von|par|por|di|door)\s+\w[\w.'’-]*(?:\s+\w[\w.'’-]*){0,4}\s*$", re.IGNORECASE)
PROSE_MIN_WORDS = 8  # a line of at least this many words ending a sentence reads as prose
LONG_LINE_WORDS = 20  # and so does any line this long
ELLIPSIS = ("...", "…")
SENTENCE_END = (".", "!", "?", "。", "！", "？", "\"", "”", "’", "'", "»", ")")


def split_lines(content: str) -> list[str]:
    """Lines as a text editor numbers them (``\\n``, ``\\r\\n`` or ``\\r`` ends a line)."""
    return content.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _in_headline_list(lines: list[str], index: int) -> bool:
    if not TIMESTAMP_AT_END.search(lines[index]):
        return False
    reach = range(max(index - HEADLINE_LIST_REACH, 0), min(index + HEADLINE_LIST_REACH + 1, len(lines)))
    return any(other != index and TIMESTAMP_AT_END.search(lines[other]) for other in reach)


def _is_prose(line: str) -> bool:
    """Reads as a paragraph: long, or a sentence, and not a teaser cut off with an ellipsis."""
    words = len(line.split())
    return ((words >= LONG_LINE_WORDS or (words >= PROSE_MIN_WORDS and line.endswith(SENTENCE_END)))
            and not line.endswith(ELLIPSIS))


def _is_long_prose(line: str) -> bool:
    """A full paragraph: long, ending a sentence, not cut off with an ellipsis."""
    return len(line.split()) >= LONG_LINE_WORDS and line.endswith(SENTENCE_END) and _is_prose(line)


def _last_long_prose(lines: list[str]) -> int:
    """Index of the last full paragraph (-1 if none)."""
    return next((i for i in range(len(lines) - 1, -1, -1) if _is_long_prose(lines[i])), -1)


def _end_at_list_heading(lines: list[str], kept: list[int]) -> list[int]:
    """``kept`` up to the first list-announcing heading after the body starts that no
    long prose follows ("More like this", "Latest articles", "Read also"...)."""
    if not kept:
        return kept
    last_prose = None
    for index in range(kept[0] + 1, len(lines)):
        line = lines[index]
        if len(line) <= LIST_HEADING_MAX_CHARS and LIST_HEADING.match(line):
            last_prose = _last_long_prose(lines) if last_prose is None else last_prose
            if index > last_prose:
                return [i for i in kept if i < index]
    return kept


def _trim_edges(lines: list[str], kept: list[int]) -> list[int]:
    """Drop the short non-sentence lines (titles, bylines, labels) before the body's first
    prose line and after its last."""
    prose = [i for i in kept if _is_prose(lines[i])]
    if not prose:
        return kept
    return [i for i in kept if prose[0] <= i <= prose[-1]]


def drop_chrome(lines: list[str], kept: list[int]) -> list[int]:
    """``kept`` without chrome openings, bylines, breadcrumbs, headline lists glued to timestamps,
    cut-off teasers, lists announced by a heading after the body, and non-prose lines at the
    body's edges."""
    teasers = teaser_lines(lines)
    kept = [i for i in kept if not CHROME_OPENING.match(lines[i]) and not BYLINE.match(lines[i])
            and not BREADCRUMB.search(lines[i])
            and lines[i] not in teasers and not _in_headline_list(lines, i)]
    return _trim_edges(lines, _end_at_list_heading(lines, kept))


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
