"""Quantities: bounds, units, word numbers, ranges, glosses and what is not a quantity."""
from __future__ import annotations

import pytest

from newsfuse.facts.nlp import load_nlp
from newsfuse.facts.quantities import find_quantities


def quantities(text: str) -> list:
    return find_quantities("t", load_nlp()(text))


def only(text: str):
    found = quantities(text)
    assert len(found) == 1, [(f.mention.text, f.value) for f in found]
    return found[0]


@pytest.mark.parametrize("phrase, bound", [
    ("more than 40 trucks", "lower"), ("over 40 trucks", "lower"), ("at least 40 trucks", "lower"),
    ("in excess of 40 trucks", "lower"), ("as many as 40 trucks", "upper"), ("up to 40 trucks", "upper"),
    ("nearly 40 trucks", "approx"), ("fewer than 40 trucks", "upper"), ("roughly 40 trucks", "approx"),
    ("about 40 trucks", "approx"), ("some 40 trucks", "approx"), ("40 trucks", "exact"),
])
def test_bound_words(phrase: str, bound: str) -> None:
    fact = only(f"The cooperative sent {phrase} to the harvest fair.")
    assert fact.value == {"amount": 40, "unit": "truck", "bound": bound}
    assert fact.key == "count:truck"
    assert fact.context["verb"] == "send"


def test_kilometers_and_miles_agree_in_si() -> None:
    road = only("The new road runs about 120 kilometers along the coast.")
    trail = only("The new road runs about 74.6 miles along the coast.")
    assert road.key == trail.key == "length"
    assert road.value["unit"] == "kilometer" and trail.value["unit"] == "mile"
    assert road.value["si"]["unit"] == trail.value["si"]["unit"] == "meter"
    assert abs(road.value["si"]["amount"] - trail.value["si"]["amount"]) / road.value["si"]["amount"] < 0.01
    assert road.value["bound"] == "approx"


def test_conversion_gloss_in_parentheses() -> None:
    first, gloss = quantities("The lake lies roughly 120 km (74.6 miles) north of the town.")
    assert first.value["amount"] == 120 and first.value["si"]["amount"] == 120000
    assert gloss.context["gloss_of"] == "120 km"
    assert gloss.value["bound"] == "approx"


@pytest.mark.parametrize("text, amount, unit, bound", [
    ("Volunteers brought a thousand blankets.", 1000, "blanket", "exact"),
    ("The council hired over a hundred nurses.", 100, "nurse", "lower"),
    ("Two dozen ambulances waited outside.", 24, "ambulance", "exact"),
    ("The flood displaced 1.5 million people.", 1_500_000, "people", "exact"),
    ("Half a million people fled the floods.", 500_000, "people", "exact"),
    ("Nearly two-thirds of the ballots were counted.", 2 / 3, "ballot", "approx"),
])
def test_word_numbers(text: str, amount: float, unit: str, bound: str) -> None:
    fact = only(text)
    assert (fact.value["amount"], fact.value["unit"], fact.value["bound"]) == (amount, unit, bound)


@pytest.mark.parametrize("text, low, high", [
    ("Hundreds of sheep were lost in the storm.", 100, 1000),
    ("Tens of thousands of fans marched.", 10_000, 100_000),
    ("Dozens of boats capsized.", 12, 120),
])
def test_plural_scales_are_ranges_to_ten_times(text: str, low: float, high: float) -> None:
    fact = only(text)
    assert fact.context["range"] == {"low": low, "high": high}
    assert fact.value["bound"] == "exact"


def test_years_dates_and_page_numbers_are_not_quantities() -> None:
    assert quantities("In 2011 the mill closed, as page 12 of the report on March 3 says.") == []
    fact = only("On March 3, 2019, the mill laid off 40 workers.")
    assert fact.value["amount"] == 40 and fact.value["unit"] == "worker"


def test_range_between_and_hyphen() -> None:
    between = only("Between 5 and 10 boats capsized in the harbour.")
    assert between.context["range"] == {"low": 5, "high": 10}
    assert between.value["unit"] == "boat"
    hyphen = only("The storm sank 5-10 boats.")
    assert hyphen.context["range"] == {"low": 5, "high": 10}


def test_pronoun_takes_the_counted_noun_before_it() -> None:
    found = quantities("The yard ordered 12 barges but took delivery of only four of them.")
    assert [(f.value["amount"], f.value["unit"]) for f in found] == [(12, "barge"), (4, "barge")]


def test_percent_and_money() -> None:
    share = only("Turnout reached 40 percent in the valley.")
    assert share.value["unit"] == "percent" and share.key == "percent"
    cost = only("The bridge cost $5 million to repair.")
    assert cost.value == {"amount": 5_000_000, "unit": "USD", "bound": "exact"}
