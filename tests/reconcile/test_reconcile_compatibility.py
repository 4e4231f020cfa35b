"""Compatibility before conflict, revisions, alignment limits and what makes the brief say "disputed"."""
from __future__ import annotations

from newsfuse.config import ReconcileConfig
from newsfuse.reconcile import credible_mentions, reconcile_story
from newsfuse.reconcile.amounts import bounds_differ_only, rounding_spread
from newsfuse.reconcile.compare import plain_name

CONFIG = ReconcileConfig()


def count(amount, noun, bound="exact"):
    return {"amount": amount, "unit": noun, "bound": bound}


def add_count(b, article, sentence, surface, amount, noun, verb="kill", bound="exact", published=None):
    s = b.sentence(article, sentence)
    b.fact(article, s, surface, "quantity", count(amount, noun, bound), f"count:{noun}", {"verb": verb})
    if published:
        b.articles[article].published = published


def test_rounding_spread_is_half_the_last_stated_digit():
    assert rounding_spread(30) == 5 and rounding_spread(48) == 0.5 and abs(rounding_spread(2.6) - 0.05) < 1e-9


def test_a_unit_conversion_with_rounding_is_compatible(builder):
    b = builder([["a"], ["b"]])
    s = b.sentence("a", "The storm made landfall 30 miles from the port of Velmar.")
    b.fact("a", s, "30 miles", "quantity", {"amount": 30, "unit": "mile", "bound": "exact",
                                            "si": {"amount": 48280.3, "unit": "meter"}}, "length", {"verb": "land"})
    s = b.sentence("b", "The storm made landfall 48 km from the port of Velmar.")
    b.fact("b", s, "48 km", "quantity", {"amount": 48, "unit": "kilometer", "bound": "exact",
                                         "si": {"amount": 48000, "unit": "meter"}}, "length", {"verb": "land"})
    reconcile_story(b.story, b.articles, CONFIG)
    assert b.story.conflicts == []
    assert "rounding" in next(f for f in b.story.facts if f.kind == "quantity").explanation


def test_a_sum_of_parts_is_compatible_but_a_different_total_is_a_value_conflict(builder):
    b = builder([["a"], ["b"], ["c"]])
    s = b.sentence("a", "The navy arrested 12 Velmari and 11 Ostran sailors on the trawler.")
    b.fact("a", s, "12 Velmari", "quantity", count(12, "sailor"), "count:sailor", {"verb": "arrest"})
    b.fact("a", s, "11 Ostran sailors", "quantity", count(11, "sailor"), "count:sailor", {"verb": "arrest"})
    add_count(b, "b", "The navy arrested 23 sailors on the trawler.", "23 sailors", 23, "sailor", "arrest")
    reconcile_story(b.story, b.articles, CONFIG)
    assert not [c for c in b.story.conflicts if c.type == "value"]
    add_count(b, "c", "The navy arrested 40 sailors on the trawler.", "40 sailors", 40, "sailor", "arrest")
    reconcile_story(b.story, b.articles, CONFIG)
    assert [c.type for c in b.story.conflicts] == ["value"]


def test_a_later_report_with_a_new_toll_is_a_revision_not_a_dispute(builder):
    b = builder([["a"], ["b"], ["c"]])
    add_count(b, "a", "The quake killed three people in the valley, officials said.", "three people", 3, "people",
              published="2031-02-01")
    add_count(b, "b", "The quake killed three people in the valley, police said.", "three people", 3, "people",
              published="2031-02-01")
    add_count(b, "c", "The quake killed 10 people in the valley, officials said.", "10 people", 10, "people",
              published="2031-02-03")
    reconcile_story(b.story, b.articles, CONFIG)
    [conflict] = b.story.conflicts
    assert conflict.to_dict()["status"] == "revision" and conflict.type == "value"
    assert [len(side["sentences"]) for side in conflict.to_dict()["evidence"]] == [2, 1]
    assert not any(s.status == "disputed" for s in b.story.brief)


def test_different_counted_nouns_and_predicates_do_not_align(builder):
    b = builder([["a"], ["b"], ["c"]])
    add_count(b, "a", "The blast killed 4 miners at the pit.", "4 miners", 4, "miner")
    add_count(b, "b", "The blast killed 9 workers at the pit.", "9 workers", 9, "worker")
    add_count(b, "c", "The blast injured 9 miners at the pit.", "9 miners", 9, "miner", verb="injure")
    reconcile_story(b.story, b.articles, CONFIG)
    assert b.story.conflicts == []


def test_brief_marks_disputed_only_from_a_confident_dispute(builder):
    b = builder([["a"], ["b"], ["c"], ["d"]])
    for article, amount in (("a", 7), ("b", 7), ("c", 12), ("d", 12)):
        add_count(b, article, f"The fire killed {amount} people in the old mill on Sunday night.", f"{amount} people",
                  amount, "people")
    reconcile_story(b.story, b.articles, CONFIG)
    [conflict] = b.story.conflicts
    assert conflict.confident_dispute and conflict.confidence >= 0.7
    assert any(s.status == "disputed" for s in b.story.brief)

    weak = builder([["a"], ["b"]])
    add_count(weak, "a", "Crews found 7 crates near the mill.", "7 crates", 7, "crate", verb="find")
    add_count(weak, "b", "Crews found 12 crates by the river bank.", "12 crates", 12, "crate", verb="find")
    reconcile_story(weak.story, weak.articles, CONFIG)
    assert all(not c.confident_dispute for c in weak.story.conflicts)
    assert not any(s.status == "disputed" for s in weak.story.brief)


def test_a_country_and_its_nationality_word_are_one_name() -> None:
    from newsfuse.model import Mention
    from newsfuse.reconcile.compare import _single_place
    from newsfuse.reconcile.slots import Entity, Item
    from newsfuse.config import ReconcileConfig

    def item(index: int, surface: str, match: str) -> Item:
        return Item(index, "place", "country:FD", {"name": "Ostland", "country": "FD"},
                    {"surface": surface, "match": match}, Mention(article=f"a{index}", text=surface), index, "")

    decision = _single_place(Entity([item(0, "Ostland", "exact"), item(1, "Easterling", "demonym")]), ReconcileConfig())
    assert decision.status == "agree"


def test_an_amount_that_glosses_the_one_before_it_is_not_compared(builder):
    b = builder([["a"], ["b"]])
    s = b.sentence("a", "Damage was estimated at $US1 million ($1.52 million), officials said.")
    b.fact("a", s, "$US1 million", "quantity", {"amount": 1e6, "unit": "USD", "bound": "exact"}, "currency:USD", {})
    b.fact("a", s, "$1.52 million", "quantity", {"amount": 1.52e6, "unit": "USD", "bound": "exact"}, "currency:USD",
           {"gloss_of": "$US1 million"})
    kept = credible_mentions(b.story.fact_mentions, b.articles)
    assert [m.mention.text for m in kept] == ["$US1 million"]


def test_two_exact_figures_that_clash_are_a_value_conflict_not_a_bound_one():
    assert not bounds_differ_only({"amount": 5.9, "bound": "exact"}, {"amount": 6.1, "bound": "exact"}, CONFIG)
    assert bounds_differ_only({"amount": 1000, "bound": "lower"}, {"amount": 1000, "bound": "upper"}, CONFIG)


def test_abbreviations_in_place_names_are_written_out():
    assert plain_name("Mt. Cook National Park") == plain_name("Mount Cook National Park") == "mount cook national park"


def test_a_paired_revision_of_an_amount_marks_no_brief_sentence_disputed(builder):
    """Through the pair model (the verbs differ, so no slot holds both), a later figure is a revision."""
    b = builder([["a"], ["b"], ["c"]])
    for article, amount, published, verb in (("a", 10, "2031-02-01", "kill"), ("b", 10, "2031-02-01", "kill"),
                                              ("c", 12, "2031-02-03", "count")):
        sentence = f"Officials said the quake in Hollin on Sunday {verb}ed {amount} people."
        add_count(b, article, sentence, f"{amount} people", amount, "people", verb=verb, published=published)
        b.fact(article, sentence, "Hollin", "place", {"name": "Hollin", "gazetteer_id": "g:1", "lat": 1.0, "lon": 2.0},
               "g:1", {"role": "in", "linked": True, "match": "exact"})
    reconcile_story(b.story, b.articles, CONFIG)
    [conflict] = b.story.conflicts
    assert conflict.status == "revision" and "paired by what their sentences share" in conflict.explanation
    assert not any(s.status == "disputed" for s in b.story.brief)
