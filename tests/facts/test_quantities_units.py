"""Quantities: currencies with their country, glued units and scales, rates, ages and durations,
negative numbers, shared-unit ranges, and numbers that are names or scores, not quantities."""
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


@pytest.mark.parametrize("text, amount, unit", [
    ("The port cost US $84 billion to build.", 84e9, "USD"),
    ("The port cost HK$3.7 billion to build.", 3.7e9, "HKD"),
    ("The port cost $A82,615,680 to build.", 82_615_680, "AUD"),
    ("The port cost C$5 million to build.", 5e6, "CAD"),
    ("The port cost RM3.06mil to build.", 3.06e6, "MYR"),
    ("The port cost $4.2bn to build.", 4.2e9, "USD"),
    ("The port cost $13.6M to build.", 13.6e6, "USD"),
    ("The port cost EUR50m to build.", 50e6, "EUR"),
    ("The port cost Rs 500 crore to build.", 5e9, "INR"),
    ("The port cost 7.5 million Danish crowns to build.", 7.5e6, "DKK"),
    ("The port cost 5 million pounds to build.", 5e6, "GBP"),
])
def test_currencies_with_their_country_and_scale(text: str, amount: float, unit: str) -> None:
    fact = only(text)
    assert (fact.value["amount"], fact.value["unit"]) == (amount, unit)
    assert fact.key == f"currency:{unit}"


@pytest.mark.parametrize("text, amount, unit, key", [
    ("The car has a 640bhp engine.", 640, "horsepower", "power"),
    ("The roof holds a 10kW array.", 10, "kilowatt", "power"),
    ("The plan gives 60GB of data.", 60, "gigabyte", "information"),
    ("The sample weighed 45g in all.", 45, "gram", "mass"),
    ("The flat measures 3923sq m in all.", 3923, "meter²", "area"),
    ("The car has a 2.4-liter engine.", 2.4, "liter", "volume"),
    ("Winds reached 155mph on the coast.", 155, "mile / hour", "speed"),
    ("It was 12 C on the coast.", 12, "degree_Celsius", "temperature"),
    ("Rates rose to 1.38pc on Monday.", 1.38, "percent", "percent"),
])
def test_glued_and_hyphenated_units(text: str, amount: float, unit: str, key: str) -> None:
    fact = only(text)
    assert (fact.value["amount"], fact.value["unit"], fact.key) == (amount, unit, key)


def test_temperature_converts_by_value() -> None:
    assert only("It was 12 C on the coast.").value["si"] == {"amount": 285.15, "unit": "kelvin"}


@pytest.mark.parametrize("text, unit, key", [
    ("Oil traded at $80 a barrel.", "USD / oil_barrel", "currency:USD / oil_barrel"),
    ("The bank lost 63 cents per share.", "cent / share", "count:cent / share"),
    ("The cartel cut 800,000 barrels a day.", "oil_barrel / day", "flow"),
    ("The car went 15 miles per hour.", "mile / hour", "speed"),
    ("Fees rose by up to £24 a-year for users.", "GBP / year", "currency:GBP / year"),
])
def test_rates(text: str, unit: str, key: str) -> None:
    fact = only(text)
    assert (fact.value["unit"], fact.key) == (unit, key)


def test_a_year_ago_is_no_rate() -> None:
    assert only("Prices were $80 a year ago.").value["unit"] == "USD"


@pytest.mark.parametrize("text, amount, unit, key", [
    ("The 65-year-old fisherman said no.", 65, "year", "age"),
    ("He will be 30 years old in May.", 30, "year", "age"),
    ("The talks lasted three months.", 3, "month", "duration"),
    ("Nine days later the port reopened.", 9, "day", "duration"),
])
def test_ages_and_durations(text: str, amount: float, unit: str, key: str) -> None:
    fact = only(text)
    assert (fact.value["amount"], fact.value["unit"], fact.key) == (amount, unit, key)
    assert fact.context.get("age", False) == (key == "age")


@pytest.mark.parametrize("text, amount", [
    ("The index fell -1.3% on Friday.", -1.3), ("It was minus 40 degrees Fahrenheit outside.", -40),
    ("The offense gained minus-5 yards.", -5),
])
def test_negative_numbers(text: str, amount: float) -> None:
    assert only(text).value["amount"] == amount


@pytest.mark.parametrize("text, low, high, unit", [
    ("Growth slowed to 5 to 7 per cent this year.", 5, 7, "percent"),
    ("Shares were priced between $62 and $68 each.", 62, 68, "USD"),
    ("Revenue was US $89 to $93 billion last year.", 89e9, 93e9, "USD"),
    ("Sales reached 1 to 2 thousand cars.", 1000, 2000, "car"),
    ("The work took 25 – 40min in all.", 25, 40, "minute"),
])
def test_ranges_share_unit_currency_and_scale(text: str, low: float, high: float, unit: str) -> None:
    fact = only(text)
    assert fact.context["range"] == {"low": low, "high": high}
    assert fact.value["unit"] == unit and fact.value["bound"] == "exact"


@pytest.mark.parametrize("text", [
    "The iPhone 14 Pro went on sale.", "Boeing grounded two new 737 Max jets.", "The S&P 500 fell.",
    "The 5G network and 3G phones.", "City beat Charlton 2-1 thanks to a late goal.", "It was a category 4 storm.",
    "Tesla delivered its Model 3 sedans.",
])
def test_model_numbers_and_scores_are_not_counts(text: str) -> None:
    assert [f.value for f in quantities(text) if f.value["amount"] not in (2,)] == []


def test_counted_words_keep_the_describing_words() -> None:
    fact = only("A survey of seven European countries found it.")
    assert fact.value["unit"] == "country" and fact.context["counted"] == "European countries"
    engine = only("It has a 3 cylinder engine.")
    assert engine.value["unit"] == "cylinder"


def test_m_after_a_number_is_million_when_it_counts_things() -> None:
    assert only("Amazon has 35m of its devices in homes.").value["amount"] == 35e6
    assert only("The tower is 150 m tall.").value["unit"] == "meter"


@pytest.mark.parametrize("text, bound, key", [
    ("He has played three-plus seasons there.", "lower", "count:season"),
    ("Children under the age of 5 died.", "upper", "age"),
    ("Panels failed at lower than 8.90 ksi in tests.", "upper", "pressure"),
])
def test_more_bound_forms(text: str, bound: str, key: str) -> None:
    fact = only(text)
    assert (fact.value["bound"], fact.key) == (bound, key)
    assert fact.mention.text in {"three-plus seasons", "under the age of 5", "lower than 8.90 ksi"}


def test_a_gloss_keeps_its_own_bound_word() -> None:
    first, gloss = quantities("The depot lies 120 km (~75 miles) from the border.")
    assert gloss.context["gloss_of"] == "120 km" and gloss.value["bound"] == "approx"
    assert first.value["bound"] == "exact"


def test_trailing_bound_after_the_counted_noun_is_in_the_mention() -> None:
    fact = only("The cooperative sent 40 trucks or more to the fair.")
    assert fact.value["bound"] == "lower" and fact.mention.text == "40 trucks or more"


def test_a_rate_of_two_durations_has_its_own_key() -> None:
    assert only("He works 40 hours a week.").key == "hour / week"
