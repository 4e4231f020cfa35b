"""Stage 1, extract: ``RawDocument -> Article``.

Reads ``RawDocument``; sets every ``Article`` field. HTML goes through
trafilatura (``html.py``), flat text dumps through our line classifier
(``textdump.py``), both then dropping the page chrome ``chrome.py`` knows;
titles, bylines, datelines and dates come from ``metadata.py`` and the
language from ``language.py``.
"""
from __future__ import annotations

import re

from newsfuse.config import ExtractConfig
from newsfuse.extract.errors import NoArticleError
from newsfuse.extract.html import extract_html
from newsfuse.extract.linefeatures import CJK_RANGES
from newsfuse.extract.textdump import extract_text
from newsfuse.model import Article, RawDocument

__all__ = ["extract_document", "NoArticleError"]

MIN_ARTICLE_WORDS = 10  # fewer body words than this is a menu or a stub, not an article
# Chinese and Japanese run their words together without spaces: each ideograph or kana counts as one.
UNSPACED_SCRIPT_CHAR = re.compile("[" + "".join(f"{chr(low)}-{chr(high - 1)}" for low, high in CJK_RANGES) + "]")


def extract_document(document: RawDocument, config: ExtractConfig | None = None) -> Article:
    """The article in ``document``; raises ``NoArticleError`` if it holds none."""
    config = config or ExtractConfig()
    if document.kind == "html":
        article = extract_html(document, config)
    else:
        article = extract_text(document, config)
    words = 0
    for paragraph in article.body:  # counted only until there are enough
        words += len(paragraph.split()) + len(UNSPACED_SCRIPT_CHAR.findall(paragraph))
        if words >= MIN_ARTICLE_WORDS:
            break
    if words < MIN_ARTICLE_WORDS:
        raise NoArticleError(f"no article text found ({words} body words)")
    return article
