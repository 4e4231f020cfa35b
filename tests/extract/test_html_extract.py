"""HTML extraction: body, metadata and refusal of pages without an article."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse.extract import NoArticleError, extract_document
from newsfuse.extract.html import clean_paragraphs
from newsfuse.model import RawDocument

SAMPLE = Path(__file__).with_name("sample_article.html")


def _html(content: str) -> RawDocument:
    return RawDocument(id="page", source="page.html", kind="html", content=content)


@pytest.fixture(scope="module")
def sample_article():
    return extract_document(_html(SAMPLE.read_text(encoding="utf-8")))


def test_sample_page_title_without_site_suffix(sample_article):
    assert sample_article.title == "Harbour town opens floating library"
    assert sample_article.site == "The Coastal Ledger"


def test_sample_page_byline_and_own_date_not_the_today_header(sample_article):
    assert sample_article.byline == ["Mara Quillfeather"]
    assert sample_article.published == "2024-03-07"


def test_sample_page_dateline_and_language(sample_article):
    dateline = sample_article.dateline
    assert (dateline.place, dateline.date, dateline.agency) == ("PORTVALE", "03-07", "Coastal Wire")
    assert sample_article.language == "en"


def test_sample_page_body_keeps_story_and_drops_chrome(sample_article):
    text = sample_article.text
    assert sample_article.body[0].startswith("PORTVALE, March 7")
    assert "floating library" in text and "landing stage" in text
    for chrome in ("Read more", "Storm closes coast road", "All rights reserved", "Most read"):
        assert chrome not in text


def test_page_without_article_raises():
    page = "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a> <a href='/b'>Blog</a></nav></body></html>"
    with pytest.raises(NoArticleError):
        extract_document(_html(page))


def test_inserted_links_and_trailing_copyright_dropped():
    paragraphs = ["First paragraph of the story with enough words.", "Related: Another headline elsewhere",
                  "Second paragraph goes on.", "Copyright 2024 Example Media. All rights reserved."]
    assert clean_paragraphs(paragraphs) == ["First paragraph of the story with enough words.", "Second paragraph goes on."]
