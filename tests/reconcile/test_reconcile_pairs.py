"""Pairwise alignment of amounts: candidates through an index, the best counterpart per article,
compatibility before conflict."""
from __future__ import annotations

from newsfuse.config import ReconcileConfig
from newsfuse.reconcile import credible_mentions
from newsfuse.reconcile.amounts import quantity_interval
from newsfuse.reconcile.pairs import best_pairs, candidate_pairs, clashing, make_statements
from newsfuse.reconcile.slots import make_items

CONFIG = ReconcileConfig()


def _items(b):
    return make_items(credible_mentions(b.story.fact_mentions, b.articles), b.story, b.articles, CONFIG)


def _add(b, article, sentence, surface, amount, noun, verb, counted=None, bound="exact", bound_words=""):
    s = b.sentence(article, sentence)
    b.fact(article, s, surface, "quantity", {"amount": amount, "unit": noun, "bound": bound}, f"count:{noun}",
           {"verb": verb, "counted": counted or noun, "bound_words": bound_words})


def test_exact_figures_one_apart_clash_but_round_figures_keep_their_rounding():
    exact31 = quantity_interval({"amount": 31, "bound": "exact"}, CONFIG)
    exact32 = quantity_interval({"amount": 32, "bound": "exact"}, CONFIG)
    assert exact31[1] < exact32[0]
    round1000 = quantity_interval({"amount": 1000, "bound": "exact"}, CONFIG)
    assert round1000[0] <= 960 and round1000[1] >= 1040


def test_nouns_of_one_family_with_different_verbs_are_candidates(builder):
    b = builder([["a"], ["b"]])
    _add(b, "a", "Commandos seized 12 rifles from the skiff.", "12 rifles", 12, "rifle", "seize")
    _add(b, "b", "Marines found seven guns aboard the skiff.", "seven guns", 7, "gun", "find")
    pairs = candidate_pairs(make_statements(_items(b), _items(b)))
    assert len(pairs) == 1 and pairs[0].features["same_family"] == 1.0
    assert clashing(pairs[0], CONFIG)


def test_each_statement_keeps_its_best_counterpart_in_each_article(builder):
    b = builder([["a"], ["b"]])
    _add(b, "a", "Some 20,000 people marched in the capital on Tuesday.", "20,000 people", 20000, "people", "march")
    _add(b, "b", "In the capital 20,000 people marched on Tuesday, police said.", "20,000 people", 20000, "people",
         "march")
    _add(b, "b", "In the port city another 50,000 people marched.", "50,000 people", 50000, "people", "march")
    items = _items(b)
    kept = best_pairs(candidate_pairs(make_statements(items, items)))
    assert [(p.a.amount, p.b.amount) for p in kept] == [(20000, 20000)]


def test_nearly_is_below_and_clashes_with_more_than(builder):
    b = builder([["a"], ["b"]])
    _add(b, "a", "Pirates hold nearly 300 sailors.", "nearly 300 sailors", 300, "sailor", "hold", bound="approx",
         bound_words="nearly")
    _add(b, "b", "Pirates hold more than 300 crewmen.", "more than 300 crewmen", 300, "crewman", "hold",
         bound="lower", bound_words="more than")
    items = _items(b)
    pairs = candidate_pairs(make_statements(items, items))
    assert pairs and clashing(pairs[0], CONFIG)


def test_a_count_of_other_ones_is_a_part_not_the_total(builder):
    b = builder([["a"], ["b"]])
    _add(b, "a", "The three victims were taken to the hospital.", "three victims", 3, "victim", "take")
    _add(b, "b", "The two other victims were taken to the hospital.", "two other victims", 2, "victim", "take",
         counted="other victims")
    items = _items(b)
    pairs = candidate_pairs(make_statements(items, items))
    assert pairs and not clashing(pairs[0], CONFIG)


def test_two_counts_of_other_ones_still_clash(builder):
    b = builder([["a"], ["b"]])
    _add(b, "a", "Commandos also seized two other rifles.", "two other rifles", 2, "rifle", "seize",
         counted="other rifles")
    _add(b, "b", "Commandos also seized three other rifles.", "three other rifles", 3, "rifle", "seize",
         counted="other rifles")
    items = _items(b)
    pairs = candidate_pairs(make_statements(items, items))
    assert pairs and clashing(pairs[0], CONFIG)

