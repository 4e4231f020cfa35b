"""The brief: cited sentences, support by independent groups, single-source claims, temporal order."""
from __future__ import annotations

from newsfuse.config import ReconcileConfig
from newsfuse.reconcile import reconcile_story

CONFIG = ReconcileConfig()


def crate_story(builder):
    b = builder([["a1", "a2"], ["b"], ["c"]])
    for article in ("a1", "a2", "b", "c"):
        s = b.sentence(article, "More than 400 crates of timber were shipped from Karvik to Telmar on Monday.")
        b.fact(article, s, "More than 400 crates", "quantity", {"amount": 400, "unit": "crate", "bound": "lower"},
               "count:crate")
        b.fact(article, s, "Monday", "date", {"start": "2031-05-05", "end": "2031-05-05"},
               context={"granularity": "day"})
    s = b.sentence("c", "The freighter Morning Gull, owned by harbour magnate Oren Vask, carried the crates.")
    b.fact("c", s, "Oren Vask", "person", {"name": "Oren Vask"}, "person:oren vask")
    b.sentence("b", "Dock workers complained about the weather.")
    return b


def test_brief_sentences_cite_articles_and_count_independent_groups(builder):
    b = crate_story(builder)
    reconcile_story(b.story, b.articles, CONFIG)
    main = [s for s in b.story.brief if s.section == "brief"]
    assert main and all(s.citations for s in b.story.brief)
    top = main[0]
    assert top.status == "corroborated" and top.independent_support == 3  # four articles, three sources
    assert set(top.citations) == {"a1", "a2", "b", "c"}
    assert all(s.text in b.articles[s.citations[0]].text for s in b.story.brief)


def test_single_source_lists_what_one_group_alone_reports(builder):
    b = crate_story(builder)
    reconcile_story(b.story, b.articles, CONFIG)
    single = [(s.article, s.text) for s in b.story.single_source]
    assert ("c", "The freighter Morning Gull, owned by harbour magnate Oren Vask, carried the crates.") in single
    assert all(not text.startswith("More than 400") for _, text in single)


def test_opposite_order_around_one_event_is_a_temporal_order_conflict(builder):
    b = builder([["a"], ["b"]])
    b.sentence("a", "The first crates left the harbour before the ministers' meeting in Telmar.")
    b.sentence("b", "The crates left the harbour after the ministers' meeting, officials said.")
    reconcile_story(b.story, b.articles, CONFIG)
    order = [c for c in b.story.conflicts if c.type == "temporal_order"]
    assert len(order) == 1 and "stretch" in order[0].explanation
    assert [s.articles for s in order[0].sides] == [["a"], ["b"]]


def test_story_without_mentions_or_groups_still_reconciles(builder):
    b = builder([["a"]])
    b.story.provenance.independent_groups = []  # provenance missing: each article counts alone
    b.sentence("a", "Dock workers complained about the weather on the quay all week long.")
    b.story.fact_mentions = []
    reconcile_story(b.story, b.articles, CONFIG)
    assert b.story.conflicts == [] and b.story.facts == []
    assert all(s.citations == ["a"] for s in b.story.brief)


def test_mentions_with_missing_values_and_context_are_tolerated(builder):
    b = builder([["a"], ["b"]])
    for article in ("a", "b"):
        s = b.sentence(article, "Some crates were shipped to somewhere on some day last spring.")
        b.fact(article, s, "Some crates", "quantity", {}, "")
        b.fact(article, s, "somewhere", "place", {"name": None}, "")
        b.fact(article, s, "some day", "date", {"start": None}, "")
    reconcile_story(b.story, b.articles, CONFIG)
    assert b.story.conflicts == []
