"""Slot decisions on hand-made mentions: agreements, compatible values and typed conflicts."""
from __future__ import annotations

from newsfuse.config import ReconcileConfig
from newsfuse.model import Dateline
from newsfuse.reconcile import reconcile_story, slot_label

CONFIG = ReconcileConfig()


def count(amount, bound, unit="crate"):
    return {"amount": amount, "unit": unit, "bound": bound}


def run(b):
    reconcile_story(b.story, b.articles, CONFIG)
    return b.story


def test_lower_and_upper_bound_on_one_count_is_a_bound_conflict(builder):
    b = builder([["a1", "a2"], ["b1"], ["c1"]])
    for article, phrase, bound in (("a1", "more than 400 crates", "lower"), ("a2", "more than 400 crates", "lower"),
                                   ("b1", "over 400 crates", "lower"), ("c1", "as many as 400 crates", "upper")):
        s = b.sentence(article, f"The harbour authority said {phrase} of lumber were shipped to Pelmora.")
        b.fact(article, s, phrase, "quantity", count(400, bound), "count:crate", {"verb": "ship"})
    story = run(b)
    bound = [c for c in story.conflicts if c.type == "bound"]
    assert len(bound) == 1
    sides = {s.value: s for s in bound[0].sides}
    lower = next(s for v, s in sides.items() if v.startswith("lower bound"))
    upper = next(s for v, s in sides.items() if v.startswith("upper bound"))
    assert lower.articles == ["a1", "a2", "b1"] and lower.independent_support == 2  # a1 and a2 are one source
    assert upper.articles == ["c1"]
    fact = next(f for f in story.facts if f.explanation.startswith("conflict"))
    assert bound[0].about.startswith("crate count: \u2026") and bound[0].about.endswith(f"(fact {fact.id})")


def test_slot_labels_read_as_words():
    assert slot_label("quantity", "count:crate") == "crate count"
    assert slot_label("quantity", "currency:EUR") == "amount in EUR"
    assert slot_label("quantity", "percent") == "percentage"
    assert slot_label("quantity", "length") == "length"
    assert slot_label("place", "place:pelmora") == "place"


def test_exact_and_lower_bound_are_compatible(builder):
    b = builder([["a"], ["b"]])
    s = b.sentence("a", "Officials said 400 crates were shipped to Pelmora.")
    b.fact("a", s, "400 crates", "quantity", count(400, "exact"), "count:crate")
    s = b.sentence("b", "Officials said more than 400 crates were shipped to Pelmora.")
    b.fact("b", s, "more than 400 crates", "quantity", count(400, "lower"), "count:crate")
    assert run(b).conflicts == []


def test_unit_conversion_is_an_agreement_with_explanation(builder):
    b = builder([["a"], ["b"]])
    s = b.sentence("a", "The depot lies roughly 160 kilometers from the coast.")
    b.fact("a", s, "roughly 160 kilometers", "quantity",
           {**count(160, "approx", "kilometer"), "si": {"amount": 160000, "unit": "meter"}}, "length")
    s = b.sentence("b", "The depot lies about 100 miles from the coast.")
    b.fact("b", s, "about 100 miles", "quantity",
           {**count(100, "approx", "mile"), "si": {"amount": 160934, "unit": "meter"}}, "length")
    story = run(b)
    assert story.conflicts == []
    fact = next(f for f in story.facts if f.kind == "quantity")
    assert fact.independent_support == 2 and "unit conversion" in fact.explanation


def place(name, country, lat, lon, gid):
    return {"name": name, "country": country, "lat": lat, "lon": lon, "gazetteer_id": gid}


def test_transliteration_variant_of_one_linked_place_agrees(builder):
    b = builder([["a"], ["b"]])
    value = place("Karvik", "XX", 10.0, 20.0, "geonames:1")
    s = b.sentence("a", "Crates were loaded at Karvik on Monday.")
    b.fact("a", s, "Karvik", "place", value, "geonames:1", {"match": "exact"})
    s = b.sentence("b", "Crates were loaded at Kharvik on Monday.")
    b.fact("b", s, "Kharvik", "place", value, "geonames:1", {"match": "transliteration"})
    story = run(b)
    assert story.conflicts == []
    assert "transliteration" in next(f for f in story.facts if f.kind == "place").explanation


def test_two_gazetteer_places_aligned_by_their_words_are_shown_unconfirmed_not_reported(builder):
    """Two places the gazetteer knows, aligned only by the words before them, are more often two
    places of one story (a route, a home town) than one place disputed: shown on the fact, not reported."""
    b = builder([["a"], ["b"]])
    s = b.sentence("a", "The two ministers held their meeting at Ostrova harbour last week.")
    b.fact("a", s, "Ostrova", "place", place("Ostrova", "XX", 50.0, 120.0, "geonames:2"), "geonames:2", {"role": "at"})
    s = b.sentence("b", "The two ministers held their meeting in Belgrava last week.")
    b.fact("b", s, "Belgrava", "place", place("Belgrava", "XX", 43.0, 131.0, "geonames:3"), "geonames:3", {"role": "in"})
    story = run(b)
    assert story.conflicts == []
    assert any(f.explanation.startswith("unconfirmed") for f in story.facts if f.kind == "place")


def test_a_known_name_far_from_its_context_is_a_place_name_conflict(builder):
    """A gazetteer name placed by its sentence where the other side's place is: a misreading of one name."""
    b = builder([["a"], ["b"]])
    s = b.sentence("a", "The crates were shipped from Karvik to Telmar, a small port town.")
    b.fact("a", s, "Telmar", "place", place("Telmar", "XX", 42.9, 132.3, "geonames:4"), "geonames:4", {"role": "to"})
    s = b.sentence("b", "The crates were shipped from Karvik to the town of Rhine in Oster Province.")
    b.fact("b", s, "Rhine", "place", place("Rhine", "YY", 50.0, 7.6, "geonames:9"), "geonames:9", {"role": "to"})
    b.fact("b", s, "Oster Province", "place", place("Oster", "XX", 44.0, 134.0, "geonames:5"), "geonames:5",
           {"role": "in", "kind": "admin1"})
    conflicts = run(b).conflicts
    assert [c.type for c in conflicts] == ["place_name"]
    assert "mistranslation" in conflicts[0].explanation


def test_month_inside_a_shipping_window_is_not_a_date_conflict(builder):
    b = builder([["a"], ["b"]])
    s = b.sentence("a", "Crates were shipped between 3 May and 2 June, officials said.")
    b.fact("a", s, "between 3 May and 2 June", "date", {"start": "2031-05-03", "end": "2031-06-02"},
           context={"granularity": "day", "verb": "ship"})
    s = b.sentence("b", "Crates were shipped in May, officials said.")
    b.fact("b", s, "May", "date", {"start": "2031-05-01", "end": "2031-05-31"},
           context={"granularity": "month", "verb": "ship"})
    assert run(b).conflicts == []


def test_disjoint_days_for_one_event_are_a_date_conflict(builder):
    b = builder([["a"], ["b"]])
    s = b.sentence("a", "The guards arrested the smugglers on 4 March in the capital.")
    b.fact("a", s, "4 March", "date", {"start": "2031-03-04", "end": "2031-03-04"},
           context={"granularity": "day", "verb": "arrest"})
    s = b.sentence("b", "The guards arrested the smugglers on 9 March in the capital.")
    b.fact("b", s, "9 March", "date", {"start": "2031-03-09", "end": "2031-03-09"},
           context={"granularity": "day", "verb": "arrest"})
    assert [c.type for c in run(b).conflicts] == ["date"]


def test_days_of_a_step_no_news_predicate_names_are_not_reported(builder):
    """'posted on', 'opened on': the sides may date different steps, so no date dispute is reported."""
    b = builder([["a"], ["b"]])
    s = b.sentence("a", "The summit opened on 4 March in the capital.")
    b.fact("a", s, "4 March", "date", {"start": "2031-03-04", "end": "2031-03-04"},
           context={"granularity": "day", "verb": "open"})
    s = b.sentence("b", "The summit opened on 9 March in the capital.")
    b.fact("b", s, "9 March", "date", {"start": "2031-03-09", "end": "2031-03-09"},
           context={"granularity": "day", "verb": "open"})
    assert run(b).conflicts == []


def test_job_title_variants_of_one_person_agree(builder):
    b = builder([["a"], ["b"]])
    s = b.sentence("a", "Port spokeswoman Mira Tal confirmed the shipment.")
    b.fact("a", s, "Mira Tal", "person", {"name": "Mira Tal"}, "person:mira tal", {"role": "Port spokeswoman"})
    s = b.sentence("b", "Mira Tal, head of communications at the port, confirmed the shipment.")
    b.fact("b", s, "Mira Tal", "person", {"name": "Mira Tal"}, "person:mira tal",
           {"role": "head of communications at the port"})
    story = run(b)
    assert story.conflicts == []
    assert "job titles" in story.facts[0].explanation and story.facts[0].independent_support == 2


def test_a_facility_the_gazetteer_lacks_is_a_second_place_even_near_context(builder):
    """Not a misreading (the gazetteer does not know the name), and no text puts the spaceport in the city."""
    b = builder([["a"], ["b"]])
    s = b.sentence("a", "Crates left Karvik before the rare meeting of the two leaders at the Ostrova Spaceport.")
    b.fact("a", s, "Karvik", "place", place("Karvik", "XX", 42.2, 130.3, "geonames:6"), "geonames:6", {"role": "from"})
    b.fact("a", s, "Ostrova Spaceport", "place", place("Ostrova Spaceport", "XX", None, None, None),
           "unlinked:ostrova spaceport", {"role": "at", "kind": "facility", "linked": False})
    s = b.sentence("b", "Crates moved before the meeting of the two leaders in Belgrava.")
    b.fact("b", s, "Belgrava", "place", place("Belgrava", "XX", 43.1, 131.9, "geonames:3"), "geonames:3", {"role": "in"})
    conflicts = run(b).conflicts
    assert [c.type for c in conflicts] == ["place"]


def test_a_facility_the_story_puts_in_the_city_is_no_place_conflict(builder):
    b = builder([["a"], ["b"], ["c"]])
    s = b.sentence("a", "The worker was suspended from her job at the Norvel Plant on Monday.")
    b.fact("a", s, "Norvel Plant", "place", place("Norvel Plant", "XX", None, None, None), "unlinked:norvel plant",
           {"role": "at", "kind": "facility", "linked": False})
    for article in ("b", "c"):
        s = b.sentence(article, "The worker was suspended from her job at the Norvel plant in Belgrava on Monday.")
        b.fact(article, s, "Belgrava", "place", place("Belgrava", "XX", 43.1, 131.9, "geonames:3"), "geonames:3",
               {"role": "in"})
    assert [c for c in run(b).conflicts if c.type == "place"] == []


def _arrest_date(b, article, sentence, surface, day, relative=False):
    s = b.sentence(article, sentence)
    b.fact(article, s, surface, "date", {"start": day, "end": day},
           context={"granularity": "day", "verb": "arrest", "relative": relative})


def test_a_year_an_article_gives_for_another_event_does_not_stop_the_comparison(builder):
    b = builder([["a"], ["b"]])
    _arrest_date(b, "a", "The guards arrested the smugglers on 4 March in the capital.", "4 March", "2031-03-04")
    _arrest_date(b, "b", "The guards arrested the smugglers on 9 March in the capital.", "9 March", "2031-03-09")
    s = b.sentence("b", "The port opened on 4 March, years before.")
    b.fact("b", s, "4 March", "date", {"start": "2031-03-04", "end": "2031-03-04"},
           context={"granularity": "day", "verb": "open"})
    assert [c.type for c in run(b).conflicts] == ["date"]


def test_a_weekday_read_against_an_article_date_never_contradicts_a_date(builder):
    b = builder([["a"], ["b"]])
    _arrest_date(b, "a", "The guards arrested the smugglers on 4 March in the capital.", "4 March", "2031-03-04")
    _arrest_date(b, "b", "The guards arrested the smugglers on Sunday in the capital.", "Sunday", "2031-03-09",
                 relative=True)
    assert run(b).conflicts == []


def test_the_date_of_an_earlier_event_is_not_compared(builder):
    b = builder([["a"], ["b"]])
    _arrest_date(b, "a", "The guards arrested the smugglers on 4 March in the capital.", "4 March", "2031-03-04")
    _arrest_date(b, "b", "The last time guards arrested smugglers was on 9 March in the capital.", "9 March",
                 "2031-03-09")
    assert run(b).conflicts == []


def test_a_figure_in_a_sentence_dated_well_before_its_article_is_another_event(builder):
    b = builder([["a"], ["b"]])
    for article, sentence, surface, amount, dated in (
            ("a", "The quake killed 40 people on Sunday, officials said.", "40 people", 40, None),
            ("b", "In February a quake killed 60 people, officials said.", "60 people", 60, "February")):
        b.articles[article].published = "2031-11-28"
        s = b.sentence(article, sentence)
        b.fact(article, s, surface, "quantity", count(amount, "exact", "people"), "count:people", {"verb": "kill"})
        if dated:
            b.fact(article, s, dated, "date", {"start": "2031-02-01", "end": "2031-02-28"},
                   context={"granularity": "month", "verb": "kill"})
    assert [c for c in run(b).conflicts if c.type == "value"] == []


def _age(b, article, sentence, surface, years, head, person, published):
    s = b.sentence(article, sentence)
    b.fact(article, s, surface, "quantity", {"amount": years, "unit": "year", "bound": "exact"}, "age",
           {"head": head, "verb": None})
    b.fact(article, s, person, "person", {"name": person}, f"person:{person.lower()}")
    b.articles[article].published = published


def test_two_ages_of_one_named_person_are_a_value_conflict(builder):
    b = builder([["a"], ["b"]])
    _age(b, "a", "The climber, Robert Doe, 32, fell on Friday.", "32", 32, "Doe", "Robert Doe", "2031-09-15")
    _age(b, "b", "Rescuers reached the 31-year-old Doe on Saturday.", "31-year-old", 31, "Doe", "Robert Doe",
         "2031-09-16")
    assert [c.type for c in run(b).conflicts] == ["value"]


def test_ages_a_year_apart_in_reports_a_year_apart_agree(builder):
    b = builder([["a"], ["b"]])
    _age(b, "a", "The gunman, Robert Doe, 38, fled on Friday.", "38", 38, "Doe", "Robert Doe", "2031-04-10")
    _age(b, "b", "At his trial the 39-year-old Doe wept.", "39-year-old", 39, "Doe", "Robert Doe", "2032-04-30")
    assert run(b).conflicts == []


def test_ages_of_different_people_are_not_aligned(builder):
    b = builder([["a"], ["b"]])
    _age(b, "a", "The climber, Robert Doe, 32, fell on Friday.", "32", 32, "Doe", "Robert Doe", "2031-09-15")
    _age(b, "b", "The climber, Ann Roe, 36, fell on Friday.", "36", 36, "Roe", "Ann Roe", "2031-09-15")
    assert run(b).conflicts == []


def test_years_of_one_predicate_with_nothing_else_in_common_are_two_events(builder):
    b = builder([["a"], ["b"]])
    for article, sentence, year in (("a", "In 2005, he was arrested for assault on his partner.", "2005"),
                                    ("b", "In 2004, he was arrested for stealing a guitar.", "2004")):
        s = b.sentence(article, sentence)
        b.fact(article, s, year, "date", {"start": f"{year}-01-01", "end": f"{year}-12-31"},
               context={"granularity": "year", "verb": "arrest"})
    assert run(b).conflicts == []


def _record(b, article, sentence, surface, wins, owner):
    s = b.sentence(article, sentence)
    b.fact(article, s, surface, "quantity", {"amount": wins, "unit": "record", "bound": "exact"}, "record",
           {"record": True, "of": owner, "verb": None})


def test_two_records_of_one_owner_are_a_value_conflict_and_other_owners_stay_apart(builder):
    b = builder([["a"], ["b"]])
    _record(b, "a", "Doe (52-3, 46 KOs) beat Roe (45-7) on Saturday.", "52-3", 52, "Doe")
    _record(b, "a", "Doe (52-3, 46 KOs) beat Roe (45-7) on Saturday.", "45-7", 45, "Roe")
    _record(b, "b", "The champion, Jon Doe, 53-3, easily beat Roe on Saturday.", "53-3", 53, "Doe")
    conflicts = run(b).conflicts
    assert [(c.type, sorted(s.value for s in c.sides)) for c in conflicts] == [("value", ["52-3", "53-3"])]


def test_an_articles_wire_credit_read_as_a_place_is_no_place_fact(builder):
    b = builder([["a"], ["b"]])
    b.articles["a"].dateline = Dateline(place="KARVIK", date="10-13", agency="Tellwire")
    s = b.sentence("a", "KARVIK, Oct. 13 (Tellwire) -- Crates were loaded at Karvik on Monday.")
    b.fact("a", s, "Tellwire", "place", place("Tellwiro", "YY", 1.0, 2.0, "geonames:9"), "geonames:9",
           {"match": "fuzzy", "linked": True})
    b.fact("a", s, "Karvik", "place", place("Karvik", "XX", 10.0, 20.0, "geonames:1"), "geonames:1",
           {"match": "exact", "linked": True})
    s = b.sentence("b", "Crates were loaded at Karvik on Monday, the port said.")
    b.fact("b", s, "Karvik", "place", place("Karvik", "XX", 10.0, 20.0, "geonames:1"), "geonames:1",
           {"match": "exact", "linked": True})
    story = run(b)
    assert [f.value["name"] for f in story.facts if f.kind == "place"] == ["Karvik"]
