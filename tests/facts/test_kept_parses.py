"""Kept parses (issue 22): an article's spaCy parse, kept and read back, gives the facts a fresh
parse gives; only texts with no kept parse are parsed; a changed text is parsed again; the
worker-pool path reads kept parses and hands the new ones back too."""
from __future__ import annotations

import copy
import json

import pytest

from newsfuse.config import FactsConfig
from newsfuse.facts import extract_facts, story_facts
from newsfuse.facts.nlp import doc_bytes, doc_from_bytes, parse_key, parse_texts
from newsfuse.model import Article, Story

CORPORA = ("ecbplus/dev.jsonl", "facts-bench/dates/tempeval3-tbaq.jsonl", "facts-bench/places/lgl.jsonl",
           "facts-bench/quotes/polnear-traindev.jsonl")


class DictParses:
    """A ``ParseStore`` in memory."""

    def __init__(self, kept: dict[str, bytes] | None = None):
        self.kept = dict(kept or {})
        self.finds: dict[str, bytes] = {}

    def stored_parses(self, keys):
        return {key: self.kept[key] for key in keys if key in self.kept}

    def keep_parses(self, parses, model):
        assert model
        self.kept.update(parses)

    def stored_finds(self, keys):
        return {key: self.finds[key] for key in keys if key in self.finds}

    def keep_finds(self, finds):
        self.finds.update(finds)


def _articles(shared_dir, corpus: str, count: int) -> list[Article]:
    rows = [json.loads(line) for line in (shared_dir / "data" / corpus).read_text().splitlines()[:count]]
    return [Article(id=str(row.get("doc_id") or row["id"]), source=corpus, title=row.get("title"),
                    body=[p for p in row["text"].split("\n") if p.strip()], published="2024-03-05") for row in rows]


def _mentions(story: Story) -> tuple:
    return story.event_date, repr(story.fact_mentions), repr(story.quote_mentions)


@pytest.mark.parametrize("corpus", CORPORA)
def test_facts_from_a_kept_parse_equal_facts_from_a_fresh_parse(shared_dir, corpus):
    members = _articles(shared_dir, corpus, 3)
    fresh = dict(zip((a.id for a in members), parse_texts(a.text for a in members)))
    kept = {key: doc_from_bytes(doc_bytes(doc)) for key, doc in fresh.items()}
    story = Story(id="s", articles=[a.id for a in members])
    from_fresh, from_kept = copy.deepcopy(story), copy.deepcopy(story)
    story_facts(from_fresh, members, fresh)
    story_facts(from_kept, members, kept)
    assert from_fresh.fact_mentions or from_fresh.quote_mentions
    assert _mentions(from_kept) == _mentions(from_fresh)
    for doc in fresh.values():
        back = doc_from_bytes(doc_bytes(doc))
        assert [(t.text, t.dep_, t.head.i, t.ent_type_, t.lemma_, t.tag_, t.is_sent_start) for t in back] == \
               [(t.text, t.dep_, t.head.i, t.ent_type_, t.lemma_, t.tag_, t.is_sent_start) for t in doc]


def test_kept_parses_are_read_back_and_only_new_or_changed_texts_parsed(shared_dir, parsed):
    members = _articles(shared_dir, "ecbplus/dev.jsonl", 3)
    by_id = {a.id: a for a in members}
    parses = DictParses()
    first = Story(id="s", articles=list(by_id))
    extract_facts([first], by_id, FactsConfig(n_process=1), parses)
    assert sorted(parses.kept) == sorted(parse_key(a.text) for a in members)
    assert len(parsed) == 3
    again = Story(id="s", articles=list(by_id))
    extract_facts([again], by_id, FactsConfig(n_process=1), parses)
    assert len(parsed) == 3  # nothing parsed again
    assert _mentions(again) == _mentions(first)
    changed = copy.deepcopy(members[1])
    changed.body = changed.body + ["A paragraph added later, on Friday."]
    by_id[changed.id] = changed
    extract_facts([Story(id="s", articles=list(by_id))], by_id, FactsConfig(n_process=1), parses)
    assert parsed[3:] == [changed.text]  # the changed text is parsed again, not read stale
    assert parse_key(changed.text) in parses.kept and parse_key(members[1].text) != parse_key(changed.text)


def test_the_worker_pool_reads_kept_parses_and_hands_new_ones_back(shared_dir):
    members = _articles(shared_dir, "facts-bench/places/lgl.jsonl", 4)
    by_id = {a.id: a for a in members}
    stories = [Story(id="a", articles=[members[0].id, members[1].id]),
               Story(id="b", articles=[members[2].id, members[3].id])]
    # a kept parse that is not the parse of its text: the workers must read it rather than parse
    planted = parse_texts(["Kristin Maurer spoke in Reykjavik, Iceland, on Monday."])[0]
    parses = DictParses({parse_key(members[0].text): doc_bytes(planted)})
    extract_facts(stories, by_id, FactsConfig(n_process=2, min_docs_per_process=0), parses)
    first_article = [m.mention.text for m in stories[0].fact_mentions if m.mention.article == members[0].id]
    assert any("Reykjavik" in text or "Maurer" in text for text in first_article)
    assert set(parses.kept) == {parse_key(a.text) for a in members}
    alone = [Story(id="b", articles=[members[2].id, members[3].id])]
    extract_facts(alone, by_id, FactsConfig(n_process=1))
    assert _mentions(alone[0]) == _mentions(stories[1])
