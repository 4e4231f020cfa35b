"""The report of the store is written as the store is read, a page at a time, and is the same report as
the one written from the whole store in memory: the same three files, byte for byte."""
from __future__ import annotations

import json

import pytest

from newsfuse.model import Article, Conflict, ConflictSide, Fact, Mention, Provenance, Quote, QuoteVariant, Story
from newsfuse.pipeline import report
from newsfuse.report import OUTPUT_FILES, write_outputs
from newsfuse.report.output import write_stories_json
from newsfuse.store import Store
from newsfuse.store.base import BaseStore
from newsfuse.stories import story_id

STORIES, PER_STORY = 12, 3


def _batch() -> tuple[list[Article], list[Story]]:
    """Stories of one to three articles: dated and undated, with places, quotes and a conflict now and
    then, tied covers (same sources, articles and date) so that the order falls back on ids."""
    articles, stories = [], []
    for number in range(STORIES):
        day = None if number % 5 == 4 else f"2031-0{1 + number % 3}-1{number % 4}"
        ids = [f"n{number:02d}-{k}" for k in range(1 + number % PER_STORY)]
        for k, article_id in enumerate(ids):
            articles.append(Article(id=article_id, source=f"{article_id}.html", title=f"Harbour works, part {number} ({k}) «ü»",
                                    body=[f"Crews in Varnholm moved {number + k} cranes.", "\"We keep going,\" said Ola Brek."],
                                    published=day, outlet=f"Outlet {k}", url=f"https://o{k}.example/{article_id}"))
        story = Story(id=story_id(ids), articles=ids, headline=f"Harbour works, part {number}", event_date=day,
                      provenance=Provenance(independent_groups=[[a] for a in ids]))
        story.facts = [Fact("F1", "place", {"name": "Varnholm", "country": "NO", "lat": 60.1 + number / 100, "lon": 5.3,
                                            "gazetteer_id": "g:1"}, [Mention(a, "Varnholm") for a in ids], len(ids))]
        story.quotes = [Quote("Q1", "Ola Brek", "We keep going", [Mention(ids[0], "We keep going")], 1,
                              [QuoteVariant(ids[0], "We keep going")])]
        if number % 4 == 1 and len(ids) > 1:
            story.conflicts = [Conflict("C1", "number", "cranes moved", [ConflictSide(str(number), ids[:1], 1),
                                                                          ConflictSide(str(number + 1), ids[1:2], 1)])]
        stories.append(story)
    return articles, stories


@pytest.fixture
def store(store_url):
    articles, stories = _batch()
    with Store(store_url) as opened:
        opened.save_batch(articles, stories)
        yield opened


def _files(folder) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in OUTPUT_FILES}


def test_the_report_of_the_store_reads_pages_and_writes_the_same_files_as_from_memory(store, tmp_path, monkeypatch):
    write_outputs(tmp_path / "memory", store.articles(), store.stories())  # the whole store in memory
    sizes: list[int] = []
    rows = BaseStore._rows
    monkeypatch.setattr(BaseStore, "_rows", lambda self, sql, params=(): sizes.append(len(found := rows(self, sql, params))) or found)
    monkeypatch.setattr(BaseStore, "articles", lambda self: pytest.fail("every article loaded at once"))
    monkeypatch.setattr(BaseStore, "stories", lambda self: pytest.fail("every story loaded at once"))
    monkeypatch.setattr("newsfuse.store.pages.PAGE", 4)
    paths, result = report(store, tmp_path / "paged")
    assert [p.name for p in paths] == list(OUTPUT_FILES)
    assert _files(tmp_path / "paged") == _files(tmp_path / "memory")
    assert (len(result.articles), len(result.stories)) == (sum(1 + n % PER_STORY for n in range(STORIES)), STORIES)
    assert max(sizes) <= 4 * PER_STORY  # a page of stories' articles at most, never the store's
    report_html = (tmp_path / "paged" / "report.html").read_text()
    assert report_html.count('<details class="story"') == STORIES


def test_the_counts_outlive_the_store(tmp_path):
    articles, stories = _batch()
    with Store(tmp_path / "store.sqlite") as store:
        store.save_batch(articles, stories)
        _, result = report(store, tmp_path / "out")
    assert (len(result.articles), len(result.stories)) == (len(articles), len(stories))


@pytest.mark.parametrize("count", [0, 1, 3])
def test_stories_json_is_written_story_by_story_as_one_indented_list(count, tmp_path):
    import io

    _, stories = _batch()
    stories[0].headline = "line\nbreak \"quoted\" \u2028 tab\t and [] {}"
    stream = io.StringIO()
    write_stories_json(stream, stories[:count])
    assert stream.getvalue() == json.dumps([s.to_dict() for s in stories[:count]], ensure_ascii=False, indent=2) + "\n"
