"""Measurement units and currencies: the words that name them, and SI values through pint."""
from __future__ import annotations

from functools import lru_cache

# Unit words as written (lower case) -> pint unit expression. Generic, not tied to any story.
UNIT_WORDS = {
    "km": "kilometer", "kms": "kilometer", "kilometer": "kilometer", "kilometers": "kilometer",
    "kilometre": "kilometer", "kilometres": "kilometer", "mile": "mile", "miles": "mile", "mi": "mile",
    "m": "meter", "meter": "meter", "meters": "meter", "metre": "meter", "metres": "meter",
    "cm": "centimeter", "centimeter": "centimeter", "centimeters": "centimeter", "centimetre": "centimeter",
    "centimetres": "centimeter", "mm": "millimeter", "millimeter": "millimeter", "millimeters": "millimeter",
    "millimetre": "millimeter", "millimetres": "millimeter", "micrometre": "micrometer", "micrometres": "micrometer",
    "micrometer": "micrometer", "micrometers": "micrometer", "micron": "micrometer", "microns": "micrometer",
    "µm": "micrometer", "foot": "foot", "feet": "foot", "ft": "foot", "inch": "inch", "inches": "inch",
    "yard": "yard", "yards": "yard", "nautical mile": "nautical_mile", "nautical miles": "nautical_mile",
    "kg": "kilogram", "kgs": "kilogram", "kilogram": "kilogram", "kilograms": "kilogram", "kilogramme": "kilogram",
    "kilogrammes": "kilogram", "gram": "gram", "grams": "gram", "g": "gram", "gramme": "gram", "grammes": "gram",
    "mg": "milligram", "milligram": "milligram", "milligrams": "milligram", "tonne": "metric_ton",
    "tonnes": "metric_ton", "metric ton": "metric_ton", "metric tons": "metric_ton", "ton": "short_ton",
    "tons": "short_ton", "pound": "pound", "pounds": "pound", "lb": "pound", "lbs": "pound", "ounce": "ounce",
    "ounces": "ounce", "oz": "ounce",
    "liter": "liter", "liters": "liter", "litre": "liter", "litres": "liter", "ml": "milliliter",
    "milliliter": "milliliter", "milliliters": "milliliter", "millilitre": "milliliter", "millilitres": "milliliter",
    "gallon": "gallon", "gallons": "gallon", "barrel": "oil_barrel", "barrels": "oil_barrel",
    "hectare": "hectare", "hectares": "hectare", "acre": "acre", "acres": "acre",
    "square kilometer": "kilometer ** 2", "square kilometers": "kilometer ** 2", "square kilometre": "kilometer ** 2",
    "square kilometres": "kilometer ** 2", "sq km": "kilometer ** 2", "km2": "kilometer ** 2",
    "square mile": "mile ** 2", "square miles": "mile ** 2", "sq mi": "mile ** 2",
    "square meter": "meter ** 2", "square meters": "meter ** 2", "square metre": "meter ** 2",
    "square metres": "meter ** 2", "sq m": "meter ** 2", "sqm": "meter ** 2", "m2": "meter ** 2",
    "square foot": "foot ** 2", "square feet": "foot ** 2", "sq ft": "foot ** 2", "sq. ft": "foot ** 2",
    "km/h": "kilometer / hour", "kmh": "kilometer / hour", "kph": "kilometer / hour", "mph": "mile / hour",
    "mpg": "mile / gallon", "m/s": "meter / second", "knots": "knot", "knot": "knot",
    "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour", "minute": "minute", "minutes": "minute",
    "min": "minute", "mins": "minute", "second": "second", "seconds": "second", "sec": "second", "secs": "second",
    "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
    "year": "year", "years": "year", "yr": "year", "yrs": "year",
    "watt": "watt", "watts": "watt", "kw": "kilowatt", "kilowatt": "kilowatt", "kilowatts": "kilowatt",
    "mw": "megawatt", "megawatt": "megawatt", "megawatts": "megawatt", "gw": "gigawatt", "gigawatt": "gigawatt",
    "gigawatts": "gigawatt", "kwh": "kilowatt_hour", "kilowatt-hour": "kilowatt_hour",
    "kilowatt-hours": "kilowatt_hour", "kilowatt hours": "kilowatt_hour", "mwh": "megawatt_hour",
    "gwh": "gigawatt_hour", "hp": "horsepower", "bhp": "horsepower", "horsepower": "horsepower",
    "hz": "hertz", "hertz": "hertz", "khz": "kilohertz", "mhz": "megahertz", "ghz": "gigahertz",
    "mah": "milliampere * hour", "volt": "volt", "volts": "volt", "kv": "kilovolt",
    "gb": "gigabyte", "gigabyte": "gigabyte", "gigabytes": "gigabyte", "mb": "megabyte", "megabyte": "megabyte",
    "megabytes": "megabyte", "tb": "terabyte", "terabyte": "terabyte", "terabytes": "terabyte",
    "mbps": "megabit / second", "gbps": "gigabit / second", "kbps": "kilobit / second",
    "psi": "psi", "ksi": "ksi", "kpa": "kilopascal", "mpa": "megapascal", "gpa": "gigapascal",
    "degree": "degree", "degrees": "degree", "deg": "degree", "°": "degree",
    "celsius": "degree_Celsius", "degrees celsius": "degree_Celsius", "degree celsius": "degree_Celsius",
    "°c": "degree_Celsius", "degc": "degree_Celsius", "deg c": "degree_Celsius", "degrees c": "degree_Celsius",
    "fahrenheit": "degree_Fahrenheit", "degrees fahrenheit": "degree_Fahrenheit",
    "degree fahrenheit": "degree_Fahrenheit", "°f": "degree_Fahrenheit", "degf": "degree_Fahrenheit",
    "deg f": "degree_Fahrenheit", "degrees f": "degree_Fahrenheit",
}
# Written right against the number, where case tells units apart ("5G" is a network, "45g" grams).
GLUED_UNITS = {
    "km": "kilometer", "m": "meter", "cm": "centimeter", "mm": "millimeter", "kg": "kilogram", "g": "gram",
    "mg": "milligram", "lb": "pound", "lbs": "pound", "oz": "ounce", "ft": "foot", "l": "liter", "L": "liter",
    "ml": "milliliter", "mL": "milliliter", "min": "minute", "mins": "minute", "h": "hour", "hr": "hour",
    "hrs": "hour", "sec": "second", "mph": "mile / hour", "kph": "kilometer / hour",
    "kmh": "kilometer / hour", "km/h": "kilometer / hour", "mpg": "mile / gallon", "kW": "kilowatt",
    "kw": "kilowatt", "MW": "megawatt", "GW": "gigawatt", "kWh": "kilowatt_hour", "MWh": "megawatt_hour",
    "GWh": "gigawatt_hour", "hp": "horsepower", "bhp": "horsepower", "Hz": "hertz", "kHz": "kilohertz",
    "MHz": "megahertz", "GHz": "gigahertz", "mAh": "milliampere * hour", "V": "volt", "kV": "kilovolt",
    "psi": "psi", "ksi": "ksi", "kPa": "kilopascal", "MPa": "megapascal", "GB": "gigabyte", "MB": "megabyte", "TB": "terabyte", "Mbps": "megabit / second", "Gbps": "gigabit / second",
    "m2": "meter ** 2", "km2": "kilometer ** 2", "sqm": "meter ** 2", "″": "inch", '"': "inch", "in": "inch",
    "°": "degree", "deg": "degree", "°C": "degree_Celsius", "ºC": "degree_Celsius", "degC": "degree_Celsius",
    "°F": "degree_Fahrenheit", "ºF": "degree_Fahrenheit", "degF": "degree_Fahrenheit", "C": "degree_Celsius",
    "F": "degree_Fahrenheit",
}
GLUED_PARTS = {"sq", "deg"}  # glued words that only start a unit ("3923sq m", "1.19deg C")
CASED_UNIT_WORDS = {"C": "degree_Celsius", "F": "degree_Fahrenheit"}  # "12 C", "-40 F"
PERCENT_WORDS = {"%": "percent", "percent": "percent", "per cent": "percent", "pct": "percent",
                 "percentage": "percent", "pc": "percent",
                 "percentage point": "percentage point", "percentage points": "percentage point"}
DURATION_UNITS = {"second", "minute", "hour", "day", "week", "month", "year"}
AGE_UNITS = {"day", "week", "month", "year"}
CURRENCY_SIGNS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW", "₽": "RUB", "₹": "INR",
                  "c$": "CAD", "ca$": "CAD", "a$": "AUD", "au$": "AUD", "hk$": "HKD", "nz$": "NZD", "s$": "SGD",
                  "r$": "BRL", "nt$": "TWD", "rs": "INR", "rs.": "INR", "inr": "INR", "usd": "USD", "eur": "EUR",
                  "gbp": "GBP", "jpy": "JPY", "cny": "CNY", "rmb": "CNY", "chf": "CHF", "cad": "CAD", "aud": "AUD",
                  "hkd": "HKD", "rm": "MYR", "myr": "MYR", "sgd": "SGD", "nzd": "NZD", "zar": "ZAR", "krw": "KRW"}
# Glued before the digits ("RM79", "EUR50m", "PS2.7m" where "£" was transliterated, "Y=100" for "¥").
CURRENCY_PREFIXES = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "C$": "CAD",
                     "A$": "AUD", "AU$": "AUD", "HK$": "HKD", "NZ$": "NZD", "S$": "SGD", "R$": "BRL", "Rs": "INR",
                     "Rs.": "INR", "INR": "INR", "USD": "USD", "EUR": "EUR", "GBP": "GBP", "RM": "MYR", "PS": "GBP",
                     "Y=": "JPY", "CHF": "CHF", "SGD": "SGD", "AUD": "AUD", "CAD": "CAD"}
# "US $5", "HK $3.7 billion", "$US55,931,000", "$A82,615,680": the country of a dollar sign.
DOLLAR_COUNTRIES = {"US": "USD", "U.S.": "USD", "HK": "HKD", "S": "SGD", "A": "AUD", "AU": "AUD", "C": "CAD",
                    "CA": "CAD", "NZ": "NZD", "NT": "TWD", "R": "BRL"}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "yuan": "CNY", "renminbi": "CNY", "yen": "JPY",
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "rupee": "INR", "rupees": "INR",
    "hryvnia": "UAH", "hryvnias": "UAH", "won": "KRW", "sterling": "GBP", "pounds sterling": "GBP",
    "shekel": "ILS", "shekels": "ILS", "ringgit": "MYR", "baht": "THB", "rupiah": "IDR", "naira": "NGN",
    "rand": "ZAR", "lira": "TRY", "liras": "TRY", "dirham": "AED", "dirhams": "AED", "riyal": "SAR",
    "riyals": "SAR", "peso": "MXN", "pesos": "MXN", "franc": "CHF", "francs": "CHF", "swiss francs": "CHF",
    "danish crowns": "DKK", "danish kroner": "DKK", "danish krone": "DKK", "swedish crowns": "SEK",
    "swedish kronor": "SEK", "swedish krona": "SEK", "norwegian crowns": "NOK", "norwegian kroner": "NOK",
    "australian dollars": "AUD", "canadian dollars": "CAD", "hong kong dollars": "HKD", "singapore dollars": "SGD",
    "new zealand dollars": "NZD", "chinese yuan": "CNY", "japanese yen": "JPY", "indian rupees": "INR",
    "pakistani rupees": "PKR", "mexican pesos": "MXN", "philippine pesos": "PHP", "brazilian reais": "BRL",
    "south african rand": "ZAR", "turkish lira": "TRY", "us dollars": "USD", "u.s. dollars": "USD",
}
MONEY_POUNDS = {"pound", "pounds"}  # after "million" or "bn": money, not mass
DIMENSIONS = {
    "[length]": "length", "[mass]": "mass", "[length] ** 2": "area", "[length] ** 3": "volume",
    "[length] / [time]": "speed", "[time]": "duration", "[temperature]": "temperature",
    "[mass] / [length] / [time] ** 2": "pressure", "[length] ** 2 * [mass] / [time] ** 3": "power", "[length] ** 3 / [time]": "flow", "[mass] * [length] ** 2 / [time] ** 2": "energy",
}
# SI units that pint leaves dimensionless or shares between kinds (bits, radians; bit/s and Hz).
SI_KINDS = {"bit": "information", "bit / second": "data rate", "1 / second": "frequency", "radian": "angle"}
SIGNIFICANT_DIGITS = 6


@lru_cache(maxsize=1)
def registry():
    """pint's unit registry, built once (it takes a moment)."""
    import pint
    return pint.UnitRegistry()


@lru_cache(maxsize=256)
def si_factor(unit: str) -> tuple[float, str, str, bool]:
    """(factor to SI, SI unit name, dimension name, offset) of a pint unit expression; an offset
    unit (degrees Celsius) converts by value, not by factor."""
    quantity = registry().Quantity(1.0, unit)
    offset = not quantity._is_multiplicative
    base = quantity.to_base_units()
    dimension = str(base.dimensionality)
    si_unit = str(base.units)
    kind = SI_KINDS.get(si_unit) or DIMENSIONS.get(dimension) or (unit if dimension == "dimensionless" else dimension)
    return base.magnitude, si_unit, kind, offset


def to_si(amount: float, unit: str) -> tuple[dict, str]:
    """The SI value ``{"amount", "unit"}`` of ``amount unit`` and its dimension name."""
    factor, si_unit, dimension, offset = si_factor(unit)
    value = registry().Quantity(amount, unit).to_base_units().magnitude if offset else amount * factor
    return {"amount": float(f"{value:.{SIGNIFICANT_DIGITS}g}"), "unit": si_unit}, dimension
