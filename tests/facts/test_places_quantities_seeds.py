"""Places and quantities on the founding pages, checked against the gold file at test time."""
from __future__ import annotations

import pytest

from newsfuse.facts.nlp import load_nlp
from newsfuse.facts.places import find_places
from newsfuse.facts.quantities import find_quantities

COORDINATE_TOLERANCE = 0.2
SI_TOLERANCE = 0.01
METERS_PER_KM = 1000


@pytest.fixture(scope="module")
def seed_docs(seed_articles: list) -> dict:
    nlp = load_nlp()
    return {a.id[:3]: (a.id, nlp(a.text)) for a in seed_articles}


def gold_fact(gold: dict, fact_id: str) -> dict:
    return next(f for f in gold["facts"] if f["id"] == fact_id)


@pytest.mark.parametrize("fact_id", ["K3", "K4", "K6"])
def test_gold_places_link_within_tolerance(fact_id: str, seed_docs: dict, seeds_gold: dict) -> None:
    fact = gold_fact(seeds_gold, fact_id)
    target = fact["normalized"]
    for doc_id, gold_text in fact["mentions"].items():
        article_id, doc = seed_docs[doc_id]
        found = [f for f in find_places(article_id, doc) if gold_text.startswith(f.mention.text)
                 and f.context["linked"] and f.value["country"] == target["country"]]
        assert found, (doc_id, gold_text)
        for mention in found:
            assert abs(mention.value["lat"] - target["lat"]) <= COORDINATE_TOLERANCE, (doc_id, mention.value)
            assert abs(mention.value["lon"] - target["lon"]) <= COORDINATE_TOLERANCE, (doc_id, mention.value)


def quantity_in(doc_facts: list, gold_text: str):
    inside = [f for f in doc_facts if f.mention.text in gold_text or gold_text in f.mention.text]
    assert inside, gold_text
    return inside[0]


def test_container_counts_keep_each_articles_bound(seed_docs: dict, seeds_gold: dict) -> None:
    fact = gold_fact(seeds_gold, "K1")
    target = fact["normalized"]
    for doc_id, gold_text in fact["mentions"].items():
        article_id, doc = seed_docs[doc_id]
        mention = quantity_in(find_quantities(article_id, doc), gold_text)
        assert mention.value["amount"] == target["value"] and mention.value["unit"] == target["unit"]
        assert mention.value["bound"] == target["bound"][doc_id], doc_id
        assert mention.key == f"count:{target['unit']}"


def test_distance_is_one_value_in_si_whatever_the_unit(seed_docs: dict, seeds_gold: dict) -> None:
    fact = gold_fact(seeds_gold, "K7")
    meters = fact["normalized"]["value_km"] * METERS_PER_KM
    for doc_id, gold_text in fact["mentions"].items():
        article_id, doc = seed_docs[doc_id]
        mention = quantity_in(find_quantities(article_id, doc), gold_text)
        assert mention.key == "length" and mention.value["bound"] == "approx"
        assert abs(mention.value["si"]["amount"] - meters) / meters < SI_TOLERANCE, doc_id


def test_assembled_containers(seed_docs: dict, seeds_gold: dict) -> None:
    fact = gold_fact(seeds_gold, "K8")
    for doc_id, gold_text in fact["mentions"].items():
        article_id, doc = seed_docs[doc_id]
        found = [f for f in find_quantities(article_id, doc) if f.mention.text in gold_text]
        assert any(f.value["amount"] == 300 and f.key == "count:container" for f in found), doc_id
