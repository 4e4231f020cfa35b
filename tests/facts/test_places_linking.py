"""Places: gazetteer links constrained by country and region, variants, and honest non-links."""
from __future__ import annotations

from newsfuse.facts.gazetteer import load_gazetteer
from newsfuse.facts.nlp import load_nlp
from newsfuse.facts.placenames import admin_key, translit_key
from newsfuse.facts.places import find_places


def places(text: str) -> dict:
    return {f.mention.text: f for f in find_places("t", load_nlp()(text))}


def test_transliteration_keys_merge_romanisations() -> None:
    assert translit_key("Novorossiysk") == translit_key("Novorossiisk")
    assert translit_key("Zhytomyr") == translit_key("Jitomir")
    assert translit_key("Chişinău") == translit_key("Chisinau")
    assert translit_key("Dnipro") != translit_key("Dnister")
    assert admin_key("Primorsky Krai") == admin_key("Primorskiy") == admin_key("the Primorskiy region")


def test_gazetteer_knows_regions_and_alternate_names() -> None:
    gazetteer = load_gazetteer()
    assert {p.kind for p in gazetteer.lookup_region("Georgia")} == {"country", "admin1"}
    assert any(p.name == "Lviv" for p, _ in gazetteer.lookup("Lvov"))


def test_country_in_text_picks_the_place() -> None:
    lebanon = places("Aid was flown to Tripoly, Lebanon.")["Tripoly"]
    libya = places("Aid was flown to Tripoly, Libya.")["Tripoly"]
    assert lebanon.value["country"] == "LB" and libya.value["country"] == "LY"
    assert lebanon.key != libya.key and lebanon.key.startswith("geonames:")


def test_spelling_variant_links_only_within_the_stated_country() -> None:
    linked = places("Goods reached the port of Mariupl, Ukraine, on Friday.")["Mariupl"]
    assert linked.value["name"] == "Mariupol" and linked.value["country"] == "UA"
    assert linked.context["match"] == "transliteration" and "Mariupol" in linked.context["note"]
    alone = places("Goods reached the port of Mariupl on Friday.")["Mariupl"]
    assert alone.context["linked"] is False and alone.key == "unlinked:mariupl"
    assert "no country" in alone.context["note"]


def test_unknown_name_stays_unlinked_with_a_note() -> None:
    fact = places("Relief arrived in the village of Zorblatvik in Norway.")["Zorblatvik"]
    assert fact.context["linked"] is False and fact.value["lat"] is None
    assert "Norway" in fact.context["note"] and "unlinked" in fact.context["note"]


def test_famous_name_in_the_wrong_region_is_not_linked_there() -> None:
    fact = places("The cargo went to the town of Lisbon in Tver Oblast.")["Lisbon"]
    assert fact.context["linked"] is False
    assert "Lisbon (PT)" in fact.context["note"] and "conflicts" in fact.context["note"]
    region = places("The cargo went to the town of Lisbon in Tver Oblast.")["Tver Oblast"]
    assert region.key == "admin1:RU.77" and region.value["country"] == "RU"


def test_common_names_follow_context_and_capitals() -> None:
    assert places("WASHINGTON -- The senator said the deal was done.")["WASHINGTON"].value["country"] == "US"
    state = places("The company moved its headquarters to Atlanta, Georgia.")["Georgia"]
    assert state.key == "admin1:US.GA"
    country = places("Protesters gathered in Tbilisi, the capital of Georgia.")["Georgia"]
    assert country.key == "country:GE" and country.value["gazetteer_id"] == "country:GE"
    city = places("Goods moved from Odesa to the port.")["Odesa"]
    assert city.context["kind"] == "city" and city.context["role"] == "from"


def test_state_abbreviations_and_lists_of_countries() -> None:
    found = places("The plant in Greenville, S.C., shipped parts to Angola, Chad and Niger.")
    assert found["S.C."].key == "admin1:US.SC"
    assert found["Angola"].key == "country:AO" and found["Chad"].key == "country:TD"


def test_continents_directions_and_the_articles_own_region() -> None:
    found = places("The virus spread through birds in Asia, Europe and Africa.")
    assert found["Africa"].context["kind"] == "continent" and abs(found["Africa"].value["lat"] - 7.2) < 1
    assert places("Fires burned across Southern California.")["Southern California"].key == "admin1:US.CA"
    local = places("Sales tax receipts rose in Lamar County, Texas. Paris and Roxton reported gains.")
    assert local["Paris"].value["country"] == "US"


def test_names_inside_other_names_and_nationality_words() -> None:
    doc = load_nlp()("Officials in Ohio met Russian envoys. The Ohio Department of Health said the U.S. House agreed.")
    facts = find_places("t", doc)
    texts = {(f.mention.text, f.mention.start): f for f in facts}
    assert texts[("Russian", doc.text.index("Russian"))].key == "country:RU"
    assert texts[("Ohio", doc.text.rindex("Ohio"))].key == "admin1:US.OH"
    assert texts[("U.S.", doc.text.index("U.S."))].key == "country:US"


def test_other_place_names_pick_the_region() -> None:
    found = places("Police in Alexandria and Pineville made arrests.")
    assert found["Alexandria"].value["country"] == "US" and found["Alexandria"].context["admin1"] == "Louisiana"


def test_states_listed_together_are_states_not_towns_of_their_names() -> None:
    found = places("Cases were reported in Alaska, California, Colorado, Georgia, Idaho, Illinois and Kansas.")
    for name in ("California", "Georgia", "Idaho", "Kansas"):
        assert found[name].value["country"] == "US" and found[name].context["kind"] == "admin1", name


def test_state_name_is_the_state_beside_a_region_noun_or_over_a_small_namesake() -> None:
    found = places("A cow from a farm in the state of Washington fell ill. Officials in Pennsylvania "
                   "and in California looked into it.")
    assert found["Washington"].context["kind"] == "admin1" and found["Washington"].value["name"] == "Washington"
    assert found["California"].context["kind"] == "admin1"


def test_country_listed_before_another_is_the_country_not_a_town_there() -> None:
    found = places("Officials in other countries such as Mexico, China, Japan, Ukraine and Brazil reported cases.")
    assert found["China"].context["kind"] == "country" and found["China"].value["country"] == "CN"


def test_a_region_named_like_a_city_does_not_hide_the_country_named_beside_it() -> None:
    found = places("Of Brazil's cases, nine are in São Paulo, seven in Rio de Janeiro, four in Santa Catarina.")
    assert found["São Paulo"].value["country"] == "BR"
