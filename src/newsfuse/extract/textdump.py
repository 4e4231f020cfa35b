"""Flat text dumps: keep the lines that belong to the article body."""
from __future__ import annotations

import re

from newsfuse.config import ExtractConfig
from newsfuse.extract.metadata import finish_article
from newsfuse.model import Article, RawDocument

WORD = re.compile(r"\w+")
MIN_BODY_WORDS = 12


def _is_body_line(line: str) -> bool:
    words = WORD.findall(line)
    return len(words) >= MIN_BODY_WORDS and line.rstrip()[-1:] in ".!?\"”'’)"


def extract_text(document: RawDocument, config: ExtractConfig) -> Article:
    lines = document.content.splitlines()
    kept = [(n, line.strip()) for n, line in enumerate(lines, start=1) if _is_body_line(line)]
    article = Article(
        id=document.id, source=document.source, url=document.url, title=document.title,
        published=document.published, body=[line for _, line in kept],
        body_lines=[n for n, _ in kept],
    )
    return finish_article(article, config, lines=lines)
