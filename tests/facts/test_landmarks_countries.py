"""Facilities, areas, country abbreviations, vessels, place words before names and forward-looking weekdays."""
from __future__ import annotations

from collections import Counter
from datetime import date

from newsfuse.facts.countries import country_alias, demonym_country
from newsfuse.facts.dates import find_dates
from newsfuse.facts.landmarks import find_areas
from newsfuse.facts.nlp import load_nlp
from newsfuse.facts.people import drop_non_people, find_people
from newsfuse.facts.places import find_places
from newsfuse.facts.reference import Reference


def places(text: str, story_countries: Counter | None = None):
    doc = load_nlp()(text)
    return find_places("t", doc, story_countries) + find_areas("t", doc)


def by_surface(mentions):
    return {m.mention.text: m for m in mentions} | {m.value.get("name"): m for m in mentions}


def test_country_aliases_and_demonyms() -> None:
    assert country_alias("U.S.") == "US" and country_alias("US") == "US" and country_alias("UK") == "GB"
    assert country_alias("UAE") == "AE" and country_alias("Britain") == "GB"
    assert country_alias("us") is None and country_alias("Ous") is None
    assert demonym_country("Russian") == "RU" and demonym_country("Chinese") == "CN"
    assert demonym_country("Croatian") == "HR" and demonym_country("Russia") is None


def test_abbreviated_countries_link_to_the_country_not_a_village() -> None:
    found = by_surface(places("The U.S. and the UK imposed new tariffs on Monday."))
    assert found["U.S."].key == "country:US" and found["UK"].key == "country:GB"


def test_named_facility_is_an_unlinked_place_with_the_country_of_its_apposition() -> None:
    found = by_surface(places("The ministers met at the Kalinovo Cosmodrome, a Russian spaceport, on Tuesday."))
    facility = found["Kalinovo Cosmodrome"]
    assert facility.kind == "place" and facility.key.startswith("unlinked:")
    assert facility.value["country"] == "RU" and facility.context["kind"] == "facility"
    assert facility.context["role"] == "at" and "cannot be located" in facility.context["note"]


def test_direction_phrases_are_coarse_areas_of_their_country() -> None:
    found = by_surface(places("Fighting spread across northern Syria, the south of Peru and Kenya's far west."))
    assert found["northern Syria"].key == "area:SY:north"
    assert found["the south of Peru"].key == "area:PE:south"
    assert found["Kenya's far west"].key == "area:KE:far-west"
    assert all(found[s].context["granularity"] == "area" for s in ("northern Syria", "Kenya's far west"))


def test_the_named_country_keeps_a_name_from_linking_abroad() -> None:
    text = "Ferries from the island of Brač were cancelled, officials in Croatia said."
    brac = by_surface(places(text))["Brač"]
    assert brac.value["country"] in (None, "HR")


def test_story_countries_back_an_article_that_names_none() -> None:
    text = "The ferry had left the port of Supetar twenty minutes earlier."
    supetar = by_surface(places(text, Counter({"HR": 3})))["Supetar"]
    assert supetar.value["country"] == "HR"


def test_vessels_and_names_after_place_words_are_not_people() -> None:
    doc = load_nlp()("The tanker Nordic Breeze left the port of Split. The Nordic Breeze was later seen near "
                     "the island of Hvar, said Marta Horvat.")
    mentions = find_people("t", doc) + find_places("t", doc)
    drop_non_people(mentions)
    people = {m.context["surface"] for m in mentions if m.kind in ("person", "organization")}
    assert "Nordic Breeze" not in people and "Split" not in people and "Hvar" not in people
    assert "Marta Horvat" in people


def test_forward_looking_weekdays_resolve_after_the_reference() -> None:
    tuesday = Reference(date(2025, 6, 10), "dateline")
    doc = load_nlp()("Trains will run again from Wednesday, the operator said Monday. "
                     "The board will meet on Friday.")
    found = {m.mention.text: m.value["start"] for m in find_dates("t", doc, tuesday)}
    assert found["Wednesday"] == "2025-06-11"
    assert found["Monday"] == "2025-06-09"
    assert found["Friday"] == "2025-06-13"


def test_a_bare_direction_word_is_never_linked() -> None:
    found = places("Rebels hold the North, while the South stays loyal to the capital.")
    assert not any(m.mention.text in ("North", "South", "the North", "the South") for m in found)


def test_a_country_name_means_the_country_even_beside_a_country_with_a_namesake_town() -> None:
    found = places("The U.S. said Russia will offer military help.")
    assert {m.key for m in found} == {"country:US", "country:RU"}


def test_only_abbreviations_in_common_use_are_countries() -> None:
    from newsfuse.facts.countries import country_alias
    assert country_alias("US") == "US" and country_alias("U.S.") == "US" and country_alias("UAE") == "AE"
    assert country_alias("DPRK") == "KP"
    assert country_alias("MV") is None  # a motor vessel before a ship's name
    assert country_alias("ARE") is None and country_alias("IT") is None
