"""HTML pages: trafilatura's ``bare_extraction`` with metadata, then our clean-up.

trafilatura finds the main text and the page metadata. We favour recall (it
measured better on WCXB dev and is faster, since trafilatura then rarely runs
its fallback extractors); we drop byline and date lines opening
the text, paragraphs before a dateline, a deck (standfirst) under the headline,
inserted related-link, promotion and credit lines, lists of other articles and a
comment section after the body (``lists.py``, as in text dumps), and at the end
contributor lines, copyright/tag lines,
author bios, comment prompts and bare labels (patterns in ``chrome.py``); the
visible ``h1`` is the title where trafilatura kept one, else the page title
cleaned of its site name. The page is parsed once: trafilatura reads a copy, and the
page's own text lines outside the article are kept as its chrome (``dropped.py``).
"""
from __future__ import annotations

import re

from lxml.html import HtmlElement

from newsfuse.config import ExtractConfig
from newsfuse.extract.bylines import clean_author_field, parse_byline
from newsfuse.extract.chrome import SENTENCE_END, is_inserted_chrome, kept_after_edge_chrome
from newsfuse.extract.dates import find_dates
from newsfuse.extract.dropped import dropped_page_lines, page_lines
from newsfuse.extract.datelines import parse_dateline
from newsfuse.extract.errors import NoArticleError
from newsfuse.extract.lists import drop_dated_lists, end_of_text
from newsfuse.extract.metadata import finish_article
from newsfuse.extract.titles import clean_title
from newsfuse.model import Article, RawDocument

READING_TIME = re.compile(r"\b\d+\s*(?:min(?:ute)?s?)\.?\s*read\b", re.I)
LEAD_CUE = re.compile(r"^(?:updated|published|posted|last updated)\b", re.I)
LEAD_PARAGRAPHS = 4
MAX_LEAD_CHROME_WORDS = 8
MIN_HEADLINE_WORDS = 2
DECK_WORDS = range(5, 41)
MAX_HEADLINE_WORDS = 25
PROSE_MIN_WORDS = 8


def _is_lead_chrome(paragraph: str) -> bool:
    """A byline, a date line or a reading-time line heading the text."""
    words = re.findall(r"[^\W\d_]{2,}", paragraph)
    if len(words) > MAX_LEAD_CHROME_WORDS:
        return False
    return bool(find_dates(paragraph) or READING_TIME.search(paragraph) or LEAD_CUE.match(paragraph)
                or parse_byline(paragraph))


def _drop_lead(paragraphs: list[str]) -> list[str]:
    """Paragraphs before a dateline, and byline or date lines opening the text, are not body."""
    for index, paragraph in enumerate(paragraphs[:LEAD_PARAGRAPHS]):
        if index and parse_dateline(paragraph):
            return paragraphs[index:]
    start = 0
    while start < min(LEAD_PARAGRAPHS, len(paragraphs) - 1) and _is_lead_chrome(paragraphs[start]):
        start += 1
    return paragraphs[start:]


def _is_deck(paragraph: str) -> bool:
    """A standfirst: a sentence-long summary without a closing full stop."""
    return len(paragraph.split()) in DECK_WORDS and not paragraph.endswith(SENTENCE_END + (":",))


def _drop_deck(paragraphs: list[str]) -> list[str]:
    """The deck between a headline (short, no full stop) and the first prose paragraph."""
    if (len(paragraphs) >= 3 and len(paragraphs[0].split()) <= MAX_HEADLINE_WORDS
            and not paragraphs[0].endswith(".") and _is_deck(paragraphs[1])
            and len(paragraphs[2].split()) >= PROSE_MIN_WORDS and paragraphs[2].endswith(SENTENCE_END)):
        return [paragraphs[0], *paragraphs[2:]]
    return paragraphs


def clean_paragraphs(paragraphs: list[str]) -> list[str]:
    """Body paragraphs without lead chrome, a deck, inserted chrome lines, lists of other articles,
    a comment section and what follows a closing line after the body (``lists.py``), and trailing chrome."""
    paragraphs = _drop_deck(_drop_lead(paragraphs))
    ended = drop_dated_lists(paragraphs, end_of_text(paragraphs, list(range(len(paragraphs)))))
    kept = [paragraphs[i] for i in ended if not is_inserted_chrome(paragraphs[i])]
    return [kept[i] for i in kept_after_edge_chrome(kept)]


def _date_params(config: ExtractConfig) -> dict:
    return {"original_date": True, "extensive_search": config.html_extensive_date_search}


def run_trafilatura(page: HtmlElement, url: str | None, config: ExtractConfig) -> dict | None:
    """trafilatura's fields for one parsed page (``text``, ``title``, ``author``, ``date``...), or None.
    trafilatura works on a copy: ``page`` is left as parsed."""
    import trafilatura

    result = trafilatura.bare_extraction(
        page, url=url, with_metadata=True, include_comments=False, include_tables=True,
        favor_recall=config.html_favor_recall, date_extraction_params=_date_params(config),
    )
    if result is None:
        return None
    data = result.as_dict()
    data["headline"] = _visible_headline(result.body, data.get("sitename"))
    return data


def _visible_headline(body, site: str | None) -> str | None:
    """The first ``h1`` heading trafilatura kept in the main text: the headline as shown."""
    if body is None:
        return None
    for heading in body.iterfind(".//head[@rend='h1']"):
        text = " ".join("".join(heading.itertext()).split())
        if len(text.split()) >= MIN_HEADLINE_WORDS and text.casefold() != (site or "").casefold():
            return text
    return None


def _paragraphs(text: str | None) -> list[str]:
    return [p for p in (" ".join(line.split()) for line in (text or "").split("\n")) if p]


def extract_html(document: RawDocument, config: ExtractConfig) -> Article:
    """The article in an HTML page; raises ``NoArticleError`` if trafilatura finds none."""
    from trafilatura.utils import load_html

    page = load_html(document.content)
    data = run_trafilatura(page, document.url, config) if page is not None else None
    if data is None:
        raise NoArticleError("no article text found")
    body = clean_paragraphs(_paragraphs(data.get("text")))
    site = data.get("sitename") or data.get("hostname")
    article = Article(
        id=document.id, source=document.source, url=document.url or data.get("url"),
        title=document.title or clean_title(data.get("headline") or data.get("title"), site),
        byline=clean_author_field(data.get("author")),
        published=document.published or data.get("date"),
        body=body, site=site,
    )
    finish_article(article, config)
    article.chrome = dropped_page_lines(list(page_lines(page)), article.body, article.title)
    return article
