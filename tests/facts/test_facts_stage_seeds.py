"""The fact stage on the founding pages, through the real extraction, copies and stories stages."""
from __future__ import annotations

import copy

import pytest

from newsfuse.config import Config
from newsfuse.copies import trace_copies
from newsfuse.facts import extract_facts
from newsfuse.facts.people import fold
from newsfuse.model import Story
from newsfuse.stories import cluster_articles

# page-chrome dates that a less careful extraction could leave in ``published``
CHROME_DATES = {"000": "2023-12-12", "002": "2023-12-04", "003": "2024-09-20"}


def run_facts(articles: list) -> list:
    config = Config()
    stories = cluster_articles(articles, trace_copies(articles, config.copies), config.stories)
    extract_facts(stories, {a.id: a for a in articles}, config.facts)
    return stories


@pytest.fixture(scope="module")
def seed_stories(seed_articles: list) -> list:
    return run_facts(copy.deepcopy(seed_articles))


@pytest.fixture(scope="module")
def chrome_dated_stories(seed_articles: list) -> list:
    """The five pages as one story (as the gold has it), with chrome dates left in ``published``."""
    articles = copy.deepcopy(seed_articles)
    for article in articles:
        article.published = CHROME_DATES.get(article.id[:3], article.published)
    stories = [Story(id="seeds", articles=[a.id for a in articles])]
    extract_facts(stories, {a.id: a for a in articles}, Config().facts)
    return stories


def briefing_dates(stories: list) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for story in stories:
        for mention in story.fact_mentions:
            if mention.kind == "date" and mention.context["weekday"]:
                found.setdefault(mention.mention.article[:3], set()).add(mention.value["start"])
    return found


@pytest.mark.parametrize("which", ["seed_stories", "chrome_dated_stories"])
def test_briefing_date_is_the_event_date_in_all_five(which: str, request, seeds_gold: dict) -> None:
    stories = request.getfixturevalue(which)
    event = seeds_gold["story"]["event_date"]
    assert briefing_dates(stories) == {doc: {event} for doc in seeds_gold["documents"]}
    assert {s.event_date for s in stories} == {event}


def test_shipping_window_and_month_granularity(seed_stories: list, seeds_gold: dict) -> None:
    window = next(f for f in seeds_gold["facts"] if f["id"] == "K2")
    dates = [m for s in seed_stories for m in s.fact_mentions if m.kind == "date"]
    for doc, surface in window["mentions"].items():
        match = [m for m in dates if m.mention.article[:3] == doc and m.mention.text == surface]
        assert match and match[0].value == {"start": window["normalized"]["start"], "end": window["normalized"]["end"]}
    months = [m for m in dates if m.context["granularity"] == "month" and "month" in m.mention.text]
    assert months and months[0].value == {"start": "2023-09-01", "end": "2023-09-30"}


def test_quote_speakers_match_the_gold(seed_stories: list, seeds_gold: dict) -> None:
    quotes = [q for s in seed_stories for q in s.quote_mentions]
    for gold in seeds_gold["quotes"]:
        opening = fold(" ".join(gold["text"].split()[:4]))
        for doc in gold["docs"]:
            found = [q for q in quotes if q.mention.article[:3] == doc and opening in fold(q.text)]
            if found:
                assert {q.speaker for q in found} == {gold["speaker"]}, (gold["id"], doc)
    for quote_id, doc in (("Q5", "003"), ("Q6", "003"), ("Q1", "000"), ("Q4", "001")):
        gold = next(q for q in seeds_gold["quotes"] if q["id"] == quote_id)
        found = [q for q in quotes if q.mention.article[:3] == doc and fold(gold["text"]) in fold(q.text)]
        assert found and found[0].speaker == gold["speaker"], quote_id


def test_the_disclosing_person_is_one_person_across_articles(seed_stories: list, seeds_gold: dict) -> None:
    name = next(f for f in seeds_gold["facts"] if f["id"] == "K12")["normalized"]["person"]
    people = [m for s in seed_stories for m in s.fact_mentions if m.kind == "person" and fold(name) in fold(m.mention.text)]
    assert {m.mention.article[:3] for m in people} == set(seeds_gold["documents"])
    assert {m.key for m in people} == {f"person:{fold(name)}"}
