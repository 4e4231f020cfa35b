"""Measurement units: the words that name them, and their SI values through pint."""
from __future__ import annotations

from functools import lru_cache

# Unit words as written -> pint unit name. Generic, not tied to any story.
UNIT_WORDS = {
    "km": "kilometer", "kms": "kilometer", "kilometer": "kilometer", "kilometers": "kilometer",
    "kilometre": "kilometer", "kilometres": "kilometer", "mile": "mile", "miles": "mile", "mi": "mile",
    "m": "meter", "meter": "meter", "meters": "meter", "metre": "meter", "metres": "meter",
    "cm": "centimeter", "centimeters": "centimeter", "centimetres": "centimeter", "mm": "millimeter",
    "millimeters": "millimeter", "millimetres": "millimeter", "foot": "foot", "feet": "foot", "ft": "foot",
    "inch": "inch", "inches": "inch", "yard": "yard", "yards": "yard",
    "nautical mile": "nautical_mile", "nautical miles": "nautical_mile",
    "kg": "kilogram", "kilogram": "kilogram", "kilograms": "kilogram", "kilogramme": "kilogram",
    "kilogrammes": "kilogram", "gram": "gram", "grams": "gram", "g": "gram", "tonne": "metric_ton",
    "tonnes": "metric_ton", "metric ton": "metric_ton", "metric tons": "metric_ton", "ton": "short_ton",
    "tons": "short_ton", "pound": "pound", "pounds": "pound", "lb": "pound", "lbs": "pound",
    "liter": "liter", "liters": "liter", "litre": "liter", "litres": "liter", "gallon": "gallon",
    "gallons": "gallon", "barrel": "oil_barrel", "barrels": "oil_barrel",
    "hectare": "hectare", "hectares": "hectare", "acre": "acre", "acres": "acre",
    "square kilometers": "kilometer ** 2", "square kilometres": "kilometer ** 2", "sq km": "kilometer ** 2",
    "square miles": "mile ** 2", "square meters": "meter ** 2", "square metres": "meter ** 2",
    "km/h": "kilometer / hour", "kph": "kilometer / hour", "mph": "mile / hour", "knots": "knot",
    "knot": "knot", "hour": "hour", "hours": "hour", "minute": "minute", "minutes": "minute",
    "second": "second", "seconds": "second",
}
PERCENT_WORDS = {"%": "percent", "percent": "percent", "per cent": "percent", "pct": "percent"}
CURRENCY_SIGNS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW", "₽": "RUB"}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "yuan": "CNY", "yen": "JPY",
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "rupee": "INR", "rupees": "INR",
    "hryvnia": "UAH", "hryvnias": "UAH", "won": "KRW", "sterling": "GBP",
}
DIMENSIONS = {
    "[length]": "length", "[mass]": "mass", "[length] ** 2": "area", "[length] ** 3": "volume",
    "[length] / [time]": "speed", "[time]": "duration",
}
SIGNIFICANT_DIGITS = 6


@lru_cache(maxsize=1)
def registry():
    """pint's unit registry, built once (it takes a moment)."""
    import pint
    return pint.UnitRegistry()


@lru_cache(maxsize=256)
def si_factor(unit: str) -> tuple[float, str, str]:
    """(factor to SI, SI unit name, dimension name) of a pint unit expression."""
    quantity = registry().Quantity(1.0, unit).to_base_units()
    dimension = str(quantity.dimensionality)
    return quantity.magnitude, str(quantity.units), DIMENSIONS.get(dimension, dimension)


def to_si(amount: float, unit: str) -> tuple[dict, str]:
    """The SI value ``{"amount", "unit"}`` of ``amount unit`` and its dimension name."""
    factor, si_unit, dimension = si_factor(unit)
    return {"amount": float(f"{amount * factor:.{SIGNIFICANT_DIGITS}g}"), "unit": si_unit}, dimension
