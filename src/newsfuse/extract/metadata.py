"""Article metadata: title, byline, dateline, publication date, language."""
from __future__ import annotations

import re

from newsfuse.config import ExtractConfig
from newsfuse.model import Article, Dateline

DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z .'-]{1,40}?),?\s*(?:(?P<date>[A-Z][a-z]{2,4}\.? \d{1,2}))?\s*"
    r"(?:\((?P<agency>[A-Za-z .]+)\))?\s*(?:--|—|–|\.-)"
)
DERIVED_TITLE_WORDS = 12


def parse_dateline(paragraph: str) -> Dateline | None:
    match = DATELINE.match(paragraph)
    if not match:
        return None
    return Dateline(place=match["place"].strip(), date=None, agency=match["agency"])


def finish_article(article: Article, config: ExtractConfig, lines: list[str] | None = None) -> Article:
    """Fill the metadata the extractor could not: dateline, derived title."""
    if article.body and article.dateline is None:
        article.dateline = parse_dateline(article.body[0])
    if not article.title and article.body and config.derive_missing_title:
        words = article.body[0].split()
        article.title = " ".join(words[:DERIVED_TITLE_WORDS])
        article.title_derived = True
    return article
