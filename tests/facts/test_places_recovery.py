"""Places the tagger files as organisations or people, recovered by their position (placerecovery)."""
from __future__ import annotations

from newsfuse.facts.nlp import load_nlp
from newsfuse.facts.places import find_places


def places(text: str) -> dict:
    return {f.mention.text: f for f in find_places("t", load_nlp()(text))}


def test_local_institution_names_its_town() -> None:
    found = places("Man arrested in Texas. The Tyler Police Department arrested a man on Monday in Smith County, Texas.")
    assert found["Tyler"].value["country"] == "US" and found["Tyler"].context["admin1"] == "Texas"
    assert found["Tyler"].context["cue"] == "institution"


def test_county_lists_name_counties() -> None:
    found = places("Storms hit Navarro, Henderson and Ellis counties in Texas on Sunday.")
    assert {found[n].value["name"] for n in ("Navarro", "Henderson", "Ellis")} == {
        "Navarro County", "Henderson County", "Ellis County"}
    assert all(found[n].context["admin1"] == "Texas" for n in ("Navarro", "Henderson", "Ellis"))


def test_unsupported_or_misspelt_names_are_not_recovered() -> None:
    found = places("The World Health Organisation met in May. Officials of Hamas spoke.")
    assert not {"World", "May", "Hamas"} & set(found)


def test_dateline_the_tagger_misses_is_a_town() -> None:
    found = places("Body found near highway. WINONA -- The body of a man was found in Minnesota on Sunday.")
    assert found["WINONA"].value["name"] == "Winona" and found["WINONA"].context["admin1"] == "Minnesota"
    assert found["WINONA"].context["cue"] == "dateline"


def test_irregular_and_compound_demonyms_name_their_country() -> None:
    found = places("The Sri Lankan army said on Monday that Lebanese and American diplomats had left.")
    assert found["Lebanese"].value["country"] == "LB"
    assert found["Sri Lankan"].value["country"] == "LK"
    assert found["American"].value["country"] == "US"


def test_legislators_home_after_the_party_letter_is_a_town() -> None:
    found = places("The bill passed in Minnesota. Rep. Torrey Westrom, R-Elbow Lake, voted against it.")
    assert found["Elbow Lake"].context["admin1"] == "Minnesota" and found["Elbow Lake"].context["cue"] == "party-home"


def test_dateline_after_a_date_is_a_town() -> None:
    found = places("By Vickie Welborn, March 24, 2009 MANSFIELD -- The mayor of the Louisiana town spoke.")
    assert found["MANSFIELD"].value["country"] == "US" and found["MANSFIELD"].context["cue"] == "dateline"


def test_dateline_in_an_article_that_names_no_country_takes_the_best_guess() -> None:
    found = places("City adjusts budget for recycling. TORRINGTON — City Council approved several changes.")
    assert found["TORRINGTON"].value["country"] == "US" and found["TORRINGTON"].context["cue"] == "dateline"
    abroad = places("City adjusts budget for recycling in France. TORRINGTON — City Council approved changes.")
    assert "TORRINGTON" not in abroad


def test_words_for_a_people_name_their_region_and_open_organisation_names() -> None:
    found = places("Ohioans and Dagestani officials met Saudi clerics. The Lebanese Army said American Airlines flew.")
    assert found["Ohioans"].value["name"] == "Ohio" and found["Ohioans"].context["kind"] == "admin1"
    assert found["Dagestani"].value["country"] == "RU" and found["Saudi"].value["country"] == "SA"
    assert found["Lebanese"].value["country"] == "LB" and found["American"].value["country"] == "US"


def test_an_institution_word_is_not_a_town_before_another_one() -> None:
    found = places("The Police Department said the roads were closed on Monday.")
    assert "Police" not in found
