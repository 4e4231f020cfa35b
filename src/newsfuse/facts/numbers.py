"""Numbers written in digits or words: "1,000", "1.5 million", "$4.2bn", "a thousand", "two-thirds",
"hundreds of".

A number token may carry a glued prefix (a sign, "~", a currency: "-1.3", "RM79", "PS2.7") and a
glued suffix (a scale or a unit: "4.2bn", "45g", "40min"); ``token_parts`` splits them off. A token
glued to letters that are neither ("5G", "3D", "10am") is not a number.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Token

from newsfuse.facts.units import (CURRENCY_PREFIXES, DOLLAR_COUNTRIES, GLUED_PARTS, GLUED_UNITS, PERCENT_WORDS,
                                  UNIT_WORDS)

DIGITS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$|^\.\d+$")
GLUED = re.compile(r"^(?P<prefix>\D*?)(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
                   r"(?P<suffix>[^\d]*?[23]?)$")
SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
             "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "eighth": 8, "eighths": 8,
             "tenth": 10, "tenths": 10}
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12,
          "lakh": 10**5, "crore": 10**7}
# Abbreviated scales ("$4.2bn", "3.2 mln", "$13.6M"); the short ones only after a currency, since
# "150 m" is meters and "5K" a race, except an "m" that counts things ("35m of its devices").
SCALE_ABBREVIATIONS = {"mln": 10**6, "mn": 10**6, "mil": 10**6, "bln": 10**9, "bn": 10**9, "tn": 10**12,
                       "trn": 10**12, "M": 10**6}
MONEY_SCALES = {"m": 10**6, "b": 10**9, "B": 10**9, "k": 10**3, "K": 10**3}
# Plural scales ("hundreds of") say "at least this many, fewer than ten times as many".
VAGUE_SCALES = {"dozens": 12, "tens": 10, "hundreds": 100, "thousands": 1000, "millions": 10**6, "billions": 10**9}
SIGN_PREFIXES = {"-": "minus", "−": "minus", "minus-": "minus", "~": "approx", "≈": "approx", "sub-": "upper",
                 "+": "", "now-": "", "then-": ""}
AMBIGUOUS_PREFIXES = {"PS"}  # "PS2.7m" is £2.7m, "PS5" a games console
ARTICLES = {"a", "an"}
DESCRIBING_TAGS = {"JJ", "JJR", "JJS", "VBN", "CC", "HYPH", ","}


class NumberPhrase(NamedTuple):
    """A number read from the start of some tokens."""

    used: int  # tokens read
    value: float
    vague: bool  # a plural scale: "hundreds of thousands"
    scale: float  # the last multiplier applied (1 where none): "2 thousand" -> 1000
    suffix: str  # a glued unit after the last digit ("45g" -> "g"), for the unit reader


@lru_cache(maxsize=4096)
def token_parts(text: str) -> tuple[str, float, str] | None:
    """(prefix, value, suffix) of a number token: "RM3.06mil" -> ("RM", 3.06, "mil"); None if not a number."""
    lower = text.lower()
    if DIGITS.match(text):
        return "", float(text.replace(",", "")), ""
    if lower in SMALL:
        return "", float(SMALL[lower]), ""
    match = GLUED.match(text)
    if match is None:
        return None
    prefix, suffix = match["prefix"], match["suffix"].rstrip(".") if len(match["suffix"]) > 1 else match["suffix"]
    known_prefix = not prefix or prefix in SIGN_PREFIXES or prefix in CURRENCY_PREFIXES or prefix in DOLLAR_COUNTRIES
    if not known_prefix or not (suffix == "" or known_suffix(suffix)):
        return None
    return prefix, float(match["digits"].replace(",", "")), suffix


def known_suffix(text: str) -> bool:
    """Whether ``text`` glued after digits is a unit, a scale or the start of a unit."""
    suffix = text.rstrip(".") if len(text) > 1 else text
    return (suffix in GLUED_UNITS or suffix in SCALE_ABBREVIATIONS or suffix in MONEY_SCALES or suffix in GLUED_PARTS
            or suffix.lower() in PERCENT_WORDS or suffix.lower() in SCALE_ABBREVIATIONS)


def token_value(token: Token) -> float | None:
    """The value of one number token, or None."""
    parts = token_parts(token.text)
    return parts[1] if parts else None


def is_number_start(token: Token) -> bool:
    """Whether a number phrase can start at ``token``."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    parts = token_parts(token.text)
    if parts is None:
        if token.lower_ in VAGUE_SCALES:
            return True
        after = following.nbor(1) if following is not None and following.i + 1 < len(token.doc) else None
        return (token.lower_ in ARTICLES and following is not None and following.lower_ in SCALES
                or token.lower_ == "half" and following is not None and (following.lower_ in SCALES or following.lower_
                                                                         in ARTICLES and after is not None and after.lower_ in SCALES))
    prefix, value, suffix = parts
    previous = token.nbor(-1).text if token.i > 0 else ""
    if prefix in DOLLAR_COUNTRIES and prefix not in CURRENCY_PREFIXES and previous != "$":
        return False
    if prefix in AMBIGUOUS_PREFIXES and value < 10 and not suffix and "." not in token.text:
        return False
    return not glued_to_letters(token)


def glued_to_letters(token: Token) -> bool:
    """ "5G", "3D", "10am": the next token is glued to the number and is no unit or scale."""
    if token.whitespace_ or token.i + 1 >= len(token.doc):
        return False
    text = token.nbor(1).text
    return text[:1].isalpha() and not (known_suffix(text) or text.lower() in UNIT_WORDS or text.lower() in SCALES
                                       or text.lower() in ARTICLES)


def number_phrase(tokens: list[Token], money: bool = False) -> NumberPhrase:
    """Read a number from the start of ``tokens``; ``money``: a currency goes with it, so "m" is million."""
    total, current, used, vague, seen, scale = 0.0, 0.0, 0, False, False, 1.0
    for position, token in enumerate(tokens):
        text = token.lower_
        parts = token_parts(token.text)
        multiplier = scale_word(token.text, tokens[position + 1:], money) if seen else None
        if text in ARTICLES and not seen:
            current = 1.0
        elif text in ARTICLES and current == 0.5 and position + 1 < len(tokens) and tokens[position + 1].lower_ in SCALES:
            pass  # "half a million"
        elif text == "half" and not seen:
            current = 0.5
        elif parts is not None and not (seen and (parts[0] or DIGITS.match(token.text))):
            if parts[2] or seen and parts[0]:
                return glued_number(parts, position, total + current, tokens[position + 1:], money, vague)
            current += parts[1]
        elif text in FRACTIONS and seen and current and (tokens[position - 1].lower_ in SMALL
                                                                     or tokens[position - 1].text == "-"):
            current /= FRACTIONS[text]
        elif text == "hundred" and seen:
            current = (current or 1.0) * 100
        elif multiplier:
            total += (current or 1.0) * multiplier
            current, scale = 0.0, multiplier
        elif text in VAGUE_SCALES:
            vague = True
            total = (total + current or 1.0) * VAGUE_SCALES[text] if seen else VAGUE_SCALES[text]
            current, scale = 0.0, VAGUE_SCALES[text]
        elif text in {"-", "of", "and"} and seen and position + 1 < len(tokens) and continues(text, tokens[position + 1]):
            pass
        else:
            break
        seen, used = True, position + 1
    return NumberPhrase(used, total + current, vague, scale, "")


def glued_number(parts: tuple[str, float, str], position: int, before: float, following: list[Token],
                 money: bool, vague: bool) -> NumberPhrase:
    """A number token with a glued suffix ends the phrase: a scale multiplies it, a unit is handed on."""
    _, value, suffix = parts
    multiplier = scale_word(suffix, following, money)
    if multiplier:
        return NumberPhrase(position + 1, before + value * multiplier, vague, multiplier, "")
    return NumberPhrase(position + 1, before + value, vague, 1.0, suffix)


def scale_word(text: str, following: list[Token], money: bool) -> float | None:
    """The multiplier a scale word or abbreviation stands for ("million", "bn", "m" after a currency)."""
    lower = text.lower()
    bare = text.rstrip(".") if len(text) > 1 else text
    if lower in SCALES:
        return SCALES[lower]
    if bare in SCALE_ABBREVIATIONS or bare.lower() in SCALE_ABBREVIATIONS and bare.lower() != "m":
        return SCALE_ABBREVIATIONS.get(bare) or SCALE_ABBREVIATIONS[bare.lower()]
    if bare in MONEY_SCALES and (money or bare == "m" and counts_things(following)):
        return MONEY_SCALES[bare]
    return None


def counts_things(following: list[Token]) -> bool:
    """ "35m of its devices", "2.7m combined sales": an "m" followed by what is counted is million."""
    for token in following[:5]:
        if token.lower_ == "of" or token.tag_ in {"NNS", "NNPS"}:
            return True
        if token.tag_ not in DESCRIBING_TAGS:
            return False
    return False


def continues(joiner: str, following: Token) -> bool:
    """Whether ``joiner`` glues two parts of one number ("twenty-five", "two-thirds", "hundreds of thousands")."""
    text = following.lower_
    if joiner == "-":
        return text in SMALL and SMALL[text] < 10 or text in FRACTIONS
    if joiner == "of":
        return text in VAGUE_SCALES or text in SCALES
    return text in SMALL and SMALL[text] < 100
