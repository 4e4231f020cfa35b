"""A text dump's article needs ``MIN_ARTICLE_WORDS`` body words, counted over all its paragraphs."""
from __future__ import annotations

import pytest

from newsfuse.extract import MIN_ARTICLE_WORDS, NoArticleError, extract_document
from newsfuse.model import Article, RawDocument


def _document_with_body(monkeypatch, body: list[str]) -> RawDocument:
    monkeypatch.setattr("newsfuse.extract.extract_text",
                        lambda document, config: Article(id="d", source="s", url=None, title=None, published=None,
                                                         body=list(body), body_lines=[]))
    return RawDocument(id="d", source="s", kind="text", content="x")


@pytest.mark.parametrize("sizes, enough", [([MIN_ARTICLE_WORDS - 1], False), ([3, 3, MIN_ARTICLE_WORDS - 7], False),
                                           ([MIN_ARTICLE_WORDS], True), ([4, 4, 2], True), ([1] * 10 + [50], True),
                                           ([], False)])
def test_body_words_are_counted_across_paragraphs(monkeypatch, sizes: list[int], enough: bool) -> None:
    document = _document_with_body(monkeypatch, [" ".join(["word"] * size) for size in sizes])
    if enough:
        assert extract_document(document).body
    else:
        with pytest.raises(NoArticleError, match=f"\\({sum(sizes)} body words\\)"):
            extract_document(document)
