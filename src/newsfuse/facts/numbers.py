"""Numbers written in digits or words: "1,000", "1.5 million", "a thousand", "two dozen", "hundreds of"."""
from __future__ import annotations

import re

from spacy.tokens import Token

DIGITS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")
SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "half": 0.5,
}
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
SCALE_ABBREVIATIONS = {"mln": 10**6, "bln": 10**9, "bn": 10**9}  # not "m": "150 m" is meters
# Plural scales ("hundreds of") say "at least this many".
VAGUE_SCALES = {"dozens": 12, "hundreds": 100, "thousands": 1000, "millions": 10**6, "billions": 10**9}
ARTICLES = {"a", "an"}


def token_value(token: Token) -> float | None:
    """The value of one number token, or None."""
    text = token.lower_
    if DIGITS.match(text):
        return float(text.replace(",", ""))
    if text in SMALL:
        return float(SMALL[text])
    return None


def is_number_start(token: Token) -> bool:
    """Whether a number phrase can start at ``token``."""
    if token_value(token) is not None or token.lower_ in VAGUE_SCALES:
        return True
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return token.lower_ in ARTICLES and following is not None and following.lower_ in SCALES


def number_phrase(tokens: list[Token]) -> tuple[int, float, bool]:
    """Read a number from the start of ``tokens``: (tokens used, value, vague).

    ``vague`` marks plural scales such as "hundreds of thousands" (a lower bound).
    """
    total, current, used, vague, seen = 0.0, 0.0, 0, False, False
    for position, token in enumerate(tokens):
        text = token.lower_
        value = token_value(token)
        if text in ARTICLES and not seen:
            current = 1.0
        elif value is not None and not (seen and DIGITS.match(text) and used and current):
            current += value
        elif text == "hundred" and seen:
            current = (current or 1.0) * 100
        elif text in SCALES and seen or text in SCALE_ABBREVIATIONS and seen and current:
            total += (current or 1.0) * SCALES.get(text, SCALE_ABBREVIATIONS.get(text, 1))
            current = 0.0
        elif text in VAGUE_SCALES:
            vague = True
            total = (total + current or 1.0) * VAGUE_SCALES[text] if seen else VAGUE_SCALES[text]
            current = 0.0
        elif text in {"-", "of", "and"} and seen and position + 1 < len(tokens) and continues(text, tokens[position + 1]):
            pass
        else:
            break
        seen, used = True, position + 1
    return used, total + current, vague


def continues(joiner: str, following: Token) -> bool:
    """Whether ``joiner`` glues two parts of one number ("twenty-five", "hundreds of thousands")."""
    text = following.lower_
    if joiner == "-":
        return text in SMALL and SMALL[text] < 10
    if joiner == "of":
        return text in VAGUE_SCALES or text in SCALES
    return text in SMALL and SMALL[text] < 100 and text not in {"half"}
