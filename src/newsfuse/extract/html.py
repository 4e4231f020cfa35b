"""HTML pages: trafilatura's ``bare_extraction`` with metadata."""
from __future__ import annotations

import trafilatura

from newsfuse.config import ExtractConfig
from newsfuse.extract.errors import NoArticleError
from newsfuse.extract.metadata import finish_article
from newsfuse.model import Article, RawDocument


def extract_html(document: RawDocument, config: ExtractConfig) -> Article:
    result = trafilatura.bare_extraction(
        document.content, url=document.url, with_metadata=True,
        include_comments=False, include_tables=False,
    )
    if result is None:
        raise NoArticleError("no article text found")
    data = result.as_dict()
    body = [p.strip() for p in (data.get("text") or "").split("\n") if p.strip()]
    article = Article(
        id=document.id, source=document.source, url=document.url or data.get("url"),
        title=document.title or data.get("title"),
        byline=[a.strip() for a in (data.get("author") or "").split(";") if a.strip()],
        published=document.published or data.get("date"),
        body=body, site=data.get("sitename") or data.get("hostname"),
    )
    return finish_article(article, config)
