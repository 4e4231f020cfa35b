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
