"""One shared check holding every stage's output to the contract (CONTRACT.md),
run on the example story and on the founding pages."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsfuse.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
RELATIONS = {"duplicate", "version", "copy", "excerpt", "translation"}
FACT_KINDS = {"quantity", "place", "date", "person", "organization", "event", "claim"}
CONFLICT_TYPES = {"bound", "value", "place", "place_name", "date", "quote_wording", "attribution",
                  "temporal_order", "other"}
BOUNDS = {"exact", "lower", "upper", "approx"}


@pytest.fixture(scope="module", params=["examples", "seeds"])
def outputs(request, tmp_path_factory, shared_dir):
    source = EXAMPLES if request.param == "examples" else shared_dir / "seeds"
    out = tmp_path_factory.mktemp(request.param)
    assert main(["run", str(source), "--out", str(out)]) == 0
    articles = [json.loads(line) for line in (out / "articles.jsonl").read_text().splitlines()]
    return articles, json.loads((out / "stories.json").read_text())


def check_article(article: dict) -> None:
    assert isinstance(article["id"], str) and article["id"]
    assert article["title"] is None or isinstance(article["title"], str)
    assert isinstance(article["title_derived"], bool)
    assert all(isinstance(name, str) and not name.lower().startswith("by ") for name in article["byline"])
    if article["dateline"] is not None:
        assert set(article["dateline"]) >= {"place", "date", "agency"}
        date = article["dateline"]["date"]
        assert date is None or re.match(r"^(\d{4}-)?\d{2}-\d{2}$", date)
    assert article["published"] is None or DAY.match(article["published"])
    assert re.match(r"^[a-z]{2}$", article["language"])
    assert article["body"] and all(isinstance(p, str) and p.strip() for p in article["body"])
    lines = article["body_lines"]
    assert lines is None or (lines == sorted(set(lines)) and all(n >= 1 for n in lines))


def check_value(kind: str, value: dict) -> None:
    if kind == "quantity":
        assert isinstance(value["amount"], (int, float)) and isinstance(value["unit"], str)
        assert value["bound"] in BOUNDS
        if "si" in value:
            assert set(value["si"]) >= {"amount", "unit"}
    elif kind == "place":
        assert set(value) >= {"name", "country", "lat", "lon", "gazetteer_id"}
    elif kind == "date":
        assert DAY.match(value["start"]) and DAY.match(value["end"]) and value["start"] <= value["end"]
    elif kind == "person":
        assert value["name"]


def check_story(story: dict, article_ids: set[str]) -> None:
    members = set(story["articles"])
    assert members <= article_ids and story["headline"]
    assert story["event_date"] is None or DAY.match(story["event_date"])
    groups = story["provenance"]["independent_groups"]
    assert sorted(a for g in groups for a in g) == sorted(members)  # a partition of the story
    n_groups = len(groups)
    for relation in story["provenance"]["relations"]:
        assert relation["relation"] in RELATIONS and {relation["from"], relation["to"]} <= members
    for fact in story["facts"]:
        assert fact["kind"] in FACT_KINDS
        check_value(fact["kind"], fact["value"])
        assert fact["mentions"] and {m["article"] for m in fact["mentions"]} <= members
        assert 1 <= fact["independent_support"] <= n_groups
    for quote in story["quotes"]:
        assert quote["text"] and {m["article"] for m in quote["mentions"]} <= members
        assert 1 <= quote["independent_support"] <= n_groups
    for conflict in story["conflicts"]:
        assert conflict["type"] in CONFLICT_TYPES and len(conflict["sides"]) >= 2
        for side in conflict["sides"]:
            assert set(side["articles"]) <= members and side["independent_support"] >= 1
    for claim in story["single_source"]:
        assert claim["article"] in members and claim["text"]
    assert story["brief"]
    for sentence in story["brief"]:
        assert sentence["citations"] and set(sentence["citations"]) <= members
        assert sentence["status"] in {"corroborated", "single_source", "disputed"}
        assert 1 <= sentence["independent_support"] <= n_groups


def test_articles_follow_the_contract(outputs):
    articles, _ = outputs
    for article in articles:
        check_article(article)


def test_stories_follow_the_contract(outputs):
    articles, stories = outputs
    ids = {a["id"] for a in articles}
    assert sorted(a for s in stories for a in s["articles"]) == sorted(ids)  # each article in one story
    for story in stories:
        check_story(story, ids)
