"""Places that cannot be linked (facilities, islands) and coarse areas in one slot; exact versus bounded amounts."""
from __future__ import annotations

from newsfuse.config import ReconcileConfig
from newsfuse.reconcile import reconcile_story

CONFIG = ReconcileConfig()


def place(name, country, lat=None, lon=None, gid=None):
    return {"name": name, "country": country, "lat": lat, "lon": lon, "gazetteer_id": gid}


def meeting_story(builder, unlinked_context: dict, with_area: bool = False):
    groups = [["a"], ["b"]] + ([["c"]] if with_area else [])
    b = builder(groups)
    s = b.sentence("a", "The two presidents held their summit at the Belmora Observatory, a Valdorian landmark.")
    b.fact("a", s, "Belmora Observatory", "place", place("Belmora Observatory", "XX"),
           "unlinked:belmoraobservatori", {"role": "at", **unlinked_context})
    s = b.sentence("b", "The two presidents held their summit in Ostrova, officials said.")
    b.fact("b", s, "Ostrova", "place", place("Ostrova", "XX", 50.0, 120.0, "geonames:2"), "geonames:2",
           {"role": "in", "kind": "city", "match": "exact"})
    if with_area:
        s = b.sentence("c", "The two presidents held their summit in Valdoria's far north, officials said.")
        b.fact("c", s, "Valdoria's far north", "place", place("far north of Valdoria", "XX"), "area:XX:far-north",
               {"role": "in", "kind": "area", "granularity": "area", "match": "area"})
    reconcile_story(b.story, b.articles, CONFIG)
    return b.story


def test_unlinked_facility_and_a_differently_named_city_are_a_place_conflict(builder):
    story = meeting_story(builder, {"kind": "facility"})
    conflicts = [c for c in story.conflicts if c.type == "place"]
    assert len(conflicts) == 1
    assert {s.value for s in conflicts[0].sides} == {"Belmora Observatory", "Ostrova"}
    assert "could not be located" in conflicts[0].explanation


def test_an_area_of_the_country_is_compatible_with_both_places(builder):
    story = meeting_story(builder, {"kind": "facility"}, with_area=True)
    conflict = next(c for c in story.conflicts if c.type == "place")
    sides = {s.value: s.articles for s in conflict.sides}
    assert sides == {"Belmora Observatory": ["a"], "Ostrova": ["b"]}  # the area takes no side
    assert not any("far north" in s.value for c in story.conflicts for s in c.sides)


def test_unlinked_island_may_hold_the_linked_town_so_no_conflict(builder):
    b = builder([["a"], ["b"]])
    s = b.sentence("a", "The ferry caught fire shortly after leaving the island of Korvena on Tuesday.")
    b.fact("a", s, "Korvena", "place", place("Korvena", None), "unlinked:korvena", {"role": "of", "area_noun": "island"})
    s = b.sentence("b", "The ferry caught fire shortly after leaving the port of Delvik on Tuesday.")
    b.fact("b", s, "Delvik", "place", place("Delvik", "XX", 43.3, 16.5, "geonames:7"), "geonames:7",
           {"role": "of", "kind": "city", "match": "exact"})
    reconcile_story(b.story, b.articles, CONFIG)
    assert [c for c in b.story.conflicts if c.type.startswith("place")] == []


def test_name_contained_in_the_other_is_not_a_conflict(builder):
    b = builder([["a"], ["b"]])
    s = b.sentence("a", "The summit was held at Ostrova Airport on Monday.")
    b.fact("a", s, "Ostrova Airport", "place", place("Ostrova Airport", "XX"), "unlinked:ostrovaairport",
           {"role": "at", "kind": "facility"})
    s = b.sentence("b", "The summit was held in Ostrova on Monday.")
    b.fact("b", s, "Ostrova", "place", place("Ostrova", "XX", 50.0, 120.0, "geonames:2"), "geonames:2",
           {"role": "in", "kind": "city", "match": "exact"})
    reconcile_story(b.story, b.articles, CONFIG)
    assert [c for c in b.story.conflicts if c.type.startswith("place")] == []


def test_exact_and_lower_bound_on_one_amount_are_two_facts_not_one(builder):
    b = builder([["a"], ["b"]])
    s = b.sentence("a", "Officials said more than 600 crates of grain were shipped to Pelmora.")
    b.fact("a", s, "more than 600 crates", "quantity", {"amount": 600, "unit": "crate", "bound": "lower"}, "count:crate")
    s = b.sentence("a", "Earlier, the port sent six hundred crates of grain to Pelmora.")
    b.fact("a", s, "six hundred crates", "quantity", {"amount": 600, "unit": "crate", "bound": "exact"}, "count:crate")
    s = b.sentence("b", "More than 600 crates of grain went to Pelmora, officials said.")
    b.fact("b", s, "More than 600 crates", "quantity", {"amount": 600, "unit": "crate", "bound": "lower"},
           "count:crate")
    reconcile_story(b.story, b.articles, CONFIG)
    quantities = [f for f in b.story.facts if f.kind == "quantity"]
    lower = next(f for f in quantities if f.value["bound"] == "lower")
    assert {m.text for m in lower.mentions} == {"more than 600 crates", "More than 600 crates"}
    assert any(f.value["bound"] == "exact" for f in quantities)
    assert b.story.conflicts == []


def background_meeting_story(builder, second_sentence: str):
    b = builder([["a"], ["b"]])
    s = b.sentence("a", "The two presidents held their summit at the Belmora Observatory, a Valdorian landmark.")
    b.fact("a", s, "Belmora Observatory", "place", place("Belmora Observatory", "XX"),
           "unlinked:belmoraobservatori", {"role": "at", "kind": "facility"})
    s = b.sentence("b", second_sentence)
    b.fact("b", s, "Ostrova", "place", place("Ostrova", "XX", 50.0, 120.0, "geonames:2"), "geonames:2",
           {"role": "in", "kind": "city", "match": "exact"})
    reconcile_story(b.story, b.articles, CONFIG)
    return b.story


def test_a_place_of_an_earlier_event_is_not_aligned(builder):
    story = background_meeting_story(builder, "The two presidents held their last summit in Ostrova, officials said.")
    assert [c for c in story.conflicts if c.type == "place"] == []


def test_prior_to_is_a_connective_not_an_earlier_event(builder):
    story = background_meeting_story(builder, "Prior to that, the two presidents held their summit in Ostrova.")
    assert [c.type for c in story.conflicts] == ["place"]
