"""A document that fails in a Spark task is one error naming it, and the rest goes on (no Spark needed:
these are the functions the tasks run)."""
from __future__ import annotations

import newsfuse.facts
import newsfuse.reconcile
from newsfuse.config import Config
from newsfuse.model import Article, InputError, RawDocument, Story
from newsfuse.spark.facts import derive_story
from newsfuse.spark.inputs import extract_one


def test_failing_article_in_facts_is_one_error_and_the_story_keeps_the_others(monkeypatch):
    derived_from: list[list[str]] = []

    def story_facts(story, members, parsed):
        if any(member.id == "broken" for member in members):
            raise ValueError("parser choked")
        derived_from.append([member.id for member in members])

    monkeypatch.setattr(newsfuse.facts, "parse_articles", lambda stories, by_id, config: {})
    monkeypatch.setattr(newsfuse.facts, "story_facts", story_facts)
    monkeypatch.setattr(newsfuse.reconcile, "reconcile_story", lambda story, by_id, config: None)
    members = [Article(id=name, source=f"feed.jsonl:{n + 1}", body=["Text."]) for n, name in enumerate(["a", "broken", "c"])]
    story, errors = derive_story(Story(id="story-1", articles=["a", "broken", "c"]), reversed(members), Config())
    assert [(e.source, "'broken'" in e.message, "parser choked" in e.message) for e in errors] == [("feed.jsonl:2", True, True)]
    assert derived_from[-1] == ["a", "c"]  # the story is derived from the others, in story order
    assert story.articles == ["a", "broken", "c"]


def test_extraction_failure_is_an_error_naming_the_document(monkeypatch):
    import newsfuse.spark.inputs as inputs

    def explode(document, config):
        raise RuntimeError("boom")

    monkeypatch.setattr(inputs, "extract_document", explode)
    found = extract_one(RawDocument(id="odd", source="pages/odd.html", kind="html", content="<p>x</p>"), Config().extract)
    assert isinstance(found, InputError)
    assert found.source == "pages/odd.html" and "boom" in found.message
