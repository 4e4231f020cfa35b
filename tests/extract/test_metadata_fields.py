"""Metadata: datelines, bylines, titles, publication dates and the founding pages' gold."""
from __future__ import annotations

import pytest

from newsfuse.config import ExtractConfig
from newsfuse.extract import extract_document
from newsfuse.extract.bylines import parse_byline
from newsfuse.extract.dates import find_dates
from newsfuse.extract.datelines import parse_dateline
from newsfuse.extract.metadata import finish_article
from newsfuse.extract.titles import clean_title
from newsfuse.model import Article
from newsfuse.read import read_path


@pytest.mark.parametrize("text, place, date, agency", [
    ("WASHINGTON, Oct. 13 (Yonhap) -- North Korea has", "WASHINGTON", "10-13", "Yonhap"),
    ("Washington, Oct 13 (EFE).- The United States said", "Washington", "10-13", "EFE"),
    ("WASHINGTON -- North Korea has delivered", "WASHINGTON", None, None),
    ("LONDON (Reuters) - Britain said on Monday", "LONDON", None, "Reuters"),
    ("PARIS, March 3 (AFP) - France said", "PARIS", "03-03", "AFP"),
    ("SEOUL, Sept. 7, 2023 (Kyodo) -- The talks", "SEOUL", "2023-09-07", "Kyodo"),
    ("KYIV, Ukraine (AP) — Russian forces", "KYIV, Ukraine", None, "AP"),
])
def test_dateline_forms(text, place, date, agency):
    dateline = parse_dateline(text)
    assert (dateline.place, dateline.date, dateline.agency) == (place, date, agency)


@pytest.mark.parametrize("text", [
    "In a press briefing, John Kirby said", "The White House - said something",
    "UPDATE -- the figures changed", "North Korea provided Russia with weapons, White House says",
])
def test_not_datelines(text):
    assert parse_dateline(text) is None


@pytest.mark.parametrize("line, names", [
    ("By Song Sang-ho", ["Song Sang-ho"]),
    ("송상호 / 2023-10-14 03:17:00", ["송상호"]),
    ("By JANE ROE and JOHN DOE, Associated Press", ["Jane Roe", "John Doe"]),
    ("by Ana Lima, Senior Editor, Weekly Digest", ["Ana Lima"]),
    ("Written by Mara Quillfeather | March 7, 2024", ["Mara Quillfeather"]),
    ("By the Associated Press", []),
    ("Byron Bay floods again", []),
])
def test_bylines(line, names):
    assert parse_byline(line) == names


@pytest.mark.parametrize("raw, site, title", [
    ("Harbour town opens library | The Coastal Ledger", "The Coastal Ledger", "Harbour town opens library"),
    ("Harbour town opens library - Ledger", None, "Harbour town opens library"),
    ("Home > News > Harbour town opens library", None, "Harbour town opens library"),
    ("您的当前位置:首页 > 뉴스 > Harbour town opens its first floating library 正文", None,
     "Harbour town opens its first floating library"),
    ("Kim Jong-un meets Putin: what we know", None, "Kim Jong-un meets Putin: what we know"),
])
def test_title_cleaning(raw, site, title):
    assert clean_title(raw, site) == title


def test_dates_glued_and_numeric():
    values = [d.value.isoformat() for d in find_dates("July 30, 2019Updated on: 2023-01-18 10:00")]
    assert values == ["2019-07-30", "2023-01-18"]
    assert find_dates("Friday, September 20, 2024")[0].has_weekday


def _dump_article(lines: list[str], body_numbers: list[int]) -> Article:
    article = Article(id="p", source="p.txt", body=[lines[n - 1] for n in body_numbers], body_lines=body_numbers)
    return finish_article(article, ExtractConfig(), lines=lines)


BODY = [
    "The council voted on Tuesday to close the old bridge to traffic after engineers found cracks in two of its piers.",
    "Repairs are expected to take most of the summer, and a ferry will carry pedestrians across the river meanwhile.",
]


def test_today_header_is_not_a_publication_date():
    lines = ["Friday, September 20, 2024", "HomeLocal NewsCouncil closes the old bridge", "",
             "Council closes the old bridge", "", *BODY, "Latest articles"]
    article = _dump_article(lines, [6, 7])
    assert article.published is None
    assert article.title == "Council closes the old bridge"


def test_byline_date_is_a_publication_date():
    lines = ["Menu", "Council closes the old bridge", "Mara Quillfeather / 2024-03-07 10:15:00", *BODY]
    article = _dump_article(lines, [4, 5])
    assert article.published == "2024-03-07"
    assert article.byline == ["Mara Quillfeather"]


def test_missing_title_stays_null_with_derived_display_title():
    lines = ["Washington, Oct 13 (EFE).- " + BODY[0], BODY[1]]
    article = _dump_article(lines, [1, 2])
    assert article.title is None and not article.title_derived
    assert article.derived_title.startswith("Washington, Oct 13")


def test_founding_pages_metadata_within_gold(seeds_dir, seeds_gold):
    for path in sorted(seeds_dir.glob("*.txt")):
        gold = seeds_gold["documents"][path.name[:3]]
        article = extract_document(next(iter(read_path(path))))
        assert article.title in gold["title"]["accept"], path.name
        assert article.byline in gold["byline"]["accept"], path.name
        assert article.published in gold["published"]["accept"], path.name
        dateline = article.dateline.__dict__ if article.dateline else None
        assert dateline == gold["dateline"], path.name
        assert article.language == gold["language"]


def test_language_is_read_from_the_body():
    from newsfuse.extract.language import identify_language

    assert identify_language(["Corea del Norte ha enviado a Rusia más de mil contenedores de equipo militar."]) == "es"
    assert identify_language(["북한이 러시아에 컨테이너 1000개 이상을 보냈다고 백악관이 밝혔다."]) == "ko"


def test_feed_title_and_date_are_kept():
    lines = ["Menu", "Council closes the old bridge", "Mara Quillfeather / 2024-03-07 10:15:00", *BODY]
    article = Article(id="p", source="p.jsonl", title="Feed headline", published="2024-03-09",
                      body=BODY, body_lines=[4, 5])
    finish_article(article, ExtractConfig(), lines=lines)
    assert (article.title, article.published) == ("Feed headline", "2024-03-09")
