"""Stage 1, extract: ``RawDocument -> Article``.

Reads ``RawDocument``; sets every ``Article`` field. HTML goes through
trafilatura (``html.py``), flat text dumps through our line classifier
(``textdump.py``), both then dropping the page chrome ``chrome.py`` knows;
titles, bylines, datelines and dates come from ``metadata.py`` and the
language from ``language.py``; the page lines left out of the article are kept,
capped, in ``Article.chrome`` (``dropped.py``). Each page runs under the time and memory
limits of ``limits.py``; a page past them is a ``PageLimitError`` (a
``NoArticleError``), so it is skipped with one line like a page with no article.
"""
from __future__ import annotations

import re
from functools import cache

from newsfuse.config import ExtractConfig
from newsfuse.extract.errors import NoArticleError, PageLimitError
from newsfuse.extract.html import extract_html
from newsfuse.extract.limits import bound_body, page_limits
from newsfuse.extract.linefeatures import CJK_RANGES
from newsfuse.extract.textdump import extract_text
from newsfuse.model import Article, RawDocument

__all__ = ["extract_document", "NoArticleError", "PageLimitError"]

MIN_ARTICLE_WORDS = 10  # fewer body words than this is a menu or a stub, not an article
# Chinese and Japanese run their words together without spaces: each ideograph or kana counts as one.
UNSPACED_SCRIPT_CHAR = re.compile("[" + "".join(f"{chr(low)}-{chr(high - 1)}" for low, high in CJK_RANGES) + "]")


WARM_UP_TEXT = "Harbour reopens\nThe harbour reopened on Monday after a storm, the port authority said.\n"


@cache
def _warm_up() -> None:
    """Load the models and compile the kernels once, outside the per-page limits,
    so that a page's limits count only its own work."""
    config = ExtractConfig()
    extract_text(RawDocument(id="warm-up", source="", kind="text", content=WARM_UP_TEXT), config)
    html = "<html><body><p>" + WARM_UP_TEXT.replace("\n", "</p><p>") + "</p></body></html>"
    extract_html(RawDocument(id="warm-up", source="", kind="html", content=html), config)


def extract_document(document: RawDocument, config: ExtractConfig | None = None) -> Article:
    """The article in ``document``; raises ``NoArticleError`` if it holds none."""
    config = config or ExtractConfig()
    _warm_up()
    with page_limits(config):
        article = extract_html(document, config) if document.kind == "html" else extract_text(document, config)
    bound_body(article, config)
    article.outlet = document.outlet
    words = 0
    for paragraph in article.body:  # counted only until there are enough
        words += len(paragraph.split()) + len(UNSPACED_SCRIPT_CHAR.findall(paragraph))
        if words >= MIN_ARTICLE_WORDS:
            break
    if words < MIN_ARTICLE_WORDS:
        raise NoArticleError(f"no article text found ({words} body words)")
    return article
