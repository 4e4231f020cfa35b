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


@pytest.mark.parametrize("body, enough", [(["港口新码头将于明年春天正式开放，工程历时两年。"], True), (["首页"], False),
                                          (["新しい橋は来月開通する予定です。"], True)])
def test_chinese_and_japanese_count_each_character_as_a_word(monkeypatch, body: list[str], enough: bool) -> None:
    document = _document_with_body(monkeypatch, body)
    if enough:
        assert extract_document(document).body == body
    else:
        with pytest.raises(NoArticleError):
            extract_document(document)


CHINESE_DUMP = "\n".join([
    "首页 | 新闻 | 体育 | 财经",
    "2025年3月4日 星期二",
    "海港新渡轮码头明年春天开放",
    "市政府周一表示，经过两年的建设和一场关于费用的长期争论，海港新渡轮码头将于明年春天正式开放。",
    "负责该项目的官员在新闻发布会上说，码头每天可以接待四十班渡轮，比旧码头多出一倍。",
    "一些居民担心施工期间的噪音和交通问题，但市政府承诺将在夜间停止施工。",
    "当地商会表示，新码头将为附近的餐馆和商店带来更多游客。",
    "相关新闻",
    "版权所有 © 2025 海港日报",
])


def test_a_chinese_dump_keeps_its_body() -> None:
    article = extract_document(RawDocument(id="zh", source="zh.txt", kind="text", content=CHINESE_DUMP))
    assert article.language == "zh"
    assert any("渡轮码头将于明年春天" in paragraph for paragraph in article.body)
    assert not any("版权所有" in paragraph or "首页" in paragraph for paragraph in article.body)
