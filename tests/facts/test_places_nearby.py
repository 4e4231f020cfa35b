"""Places located by the article's other places (placenearby): nearest namesakes, approximate points."""
from __future__ import annotations

from newsfuse.facts.nlp import load_nlp
from newsfuse.facts.places import find_places


def places(text: str) -> dict:
    return {f.mention.text: f for f in find_places("t", load_nlp()(text))}


def test_small_town_links_near_the_other_towns_of_the_article() -> None:
    found = places("Deputies from Frankston and Brownsboro searched the woods on Sunday.")
    assert found["Brownsboro"].context["admin1"] == "Texas" and found["Brownsboro"].context["match"] == "nearby"
    assert "Frankston" in found["Brownsboro"].context["note"]


def test_local_feature_gets_the_point_of_the_town_named_nearest_it() -> None:
    found = places("Deputies from Frankston and Brownsboro searched the Neches River on Sunday.")
    river = found["the Neches River"]
    assert river.context["match"] == "approximate" and river.value["gazetteer_id"] is None
    assert river.key.startswith("unlinked:") and river.value["country"] == "US"
    assert (river.value["lat"], river.value["lon"]) in {(f.value["lat"], f.value["lon"])
                                                      for f in (found["Frankston"], found["Brownsboro"])}


def test_unbacked_name_is_a_best_guess_only_where_the_text_names_no_country() -> None:
    guessed = places("The fire spread from Ozark to the next town on Sunday.")["Ozark"]
    assert guessed.value["country"] == "US" and guessed.context["match"] == "unsupported"
    abroad = places("The fire spread from Ozark to the next town, officials in France said.")["Ozark"]
    assert abroad.value["lat"] is None


def test_place_opening_an_institution_name_or_after_a_direction_is_linked() -> None:
    found = places("Deputies from Frankston searched the woods. The Henderson County Jail held him. "
                   "He grew up in South Dallas, Texas.")
    county = next(f for text, f in found.items() if text.startswith("Henderson County"))
    assert county.value["name"] == "Henderson County" and county.context["admin1"] == "Texas"
    dallas = next(f for text, f in found.items() if text.endswith("Dallas"))
    assert dallas.value["name"] == "Dallas" and dallas.mention.text == "Dallas"


def test_natural_area_is_not_located_by_its_first_word() -> None:
    found = places("Cases rose in Nyanza Province, Kenya, on Monday.")
    assert all(f.value["country"] in (None, "KE") for f in found.values())


def test_town_linked_by_size_alone_yields_to_its_namesake_near_the_other_towns() -> None:
    found = places("Deputies from Frankston and Brownsboro drove to Athens on Sunday.")
    assert found["Athens"].context["admin1"] == "Texas" and found["Athens"].context["match"] == "nearby"
