"""Language of an article body: ISO 639-1, offline, with py3langid's shipped model."""
from __future__ import annotations

from functools import lru_cache

SAMPLE_CHARS = 400  # the body's start is enough; identification time grows with the text
MIN_LETTERS = 20
FALLBACK = "en"


@lru_cache(maxsize=1)
def _classify():
    """py3langid's classifier, its model loaded once (about a second)."""
    import py3langid

    return py3langid.classify


def _sample(paragraphs: list[str]) -> str:
    """The first ``SAMPLE_CHARS`` characters of the paragraphs joined by spaces."""
    parts, size = [], 0
    for paragraph in paragraphs:
        parts.append(paragraph)
        size += len(paragraph) + 1
        if size >= SAMPLE_CHARS:
            break
    return " ".join(parts)[:SAMPLE_CHARS]


def identify_language(paragraphs: list[str], fallback: str = FALLBACK) -> str:
    """The ISO 639-1 code of ``paragraphs`` (the body, not the page chrome)."""
    sample = _sample(paragraphs)
    if sum(map(str.isalpha, sample)) < MIN_LETTERS:
        return fallback
    code, _ = _classify()(sample)
    return code
