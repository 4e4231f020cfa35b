"""Quantities: a number, its unit or counted noun, and its bound word.

Reads number phrases token by token (digits, words, "a thousand", ranges),
then takes the unit from the words after the number, the counted noun from the
dependency parse (the noun the number modifies, or the object of "of"), and the
bound from the words before it ("more than" lower, "as many as" upper, "about"
approx). Units are converted to SI with pint. Dates, times, ordinals, years,
page-like and phone-like numbers are skipped. A number in parentheses right
after another quantity is marked as its conversion gloss (``context["gloss_of"]``).

Sets ``value`` = {amount, unit, bound, si?}; ``key`` = the SI dimension
("length", "mass", ...), "percent", "currency:<ISO>" or "count:<noun lemma>";
``context`` = bound_words, verb (lemma) and verb_text, head (the word the
counted noun or unit attaches to), noun and noun_phrase (counts), unit_text,
range {low, high}, gloss_of, currency_sign and antecedent_of where they apply.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsfuse.facts.numbers import is_number_start, number_phrase
from newsfuse.facts.units import CURRENCY_SIGNS, CURRENCY_WORDS, PERCENT_WORDS, UNIT_WORDS, to_si
from newsfuse.model import FactMention, Mention

BOUND_WORDS = {
    "lower": ["more than", "over", "at least", "upwards of", "in excess of", "exceeding", "above",
              "greater than", "no fewer than", "no less than", "or more", "plus"],
    "upper": ["as many as", "up to", "at most", "no more than", "fewer than", "less than", "under",
              "nearly", "almost", "as much as", "below", "just under", "not more than", "maximum of"],
    "approx": ["about", "around", "roughly", "approximately", "some", "an estimated", "estimated",
               "approx.", "circa", "or so", "close to", "nearly about"],
}
BOUND_PHRASES = sorted(((tuple(p.split()), b) for b, ps in BOUND_WORDS.items() for p in ps),
                       key=lambda item: -len(item[0]))
TRAILING_BOUNDS = {("or", "more"): "lower", ("or", "so"): "approx", ("or", "fewer"): "upper", ("or", "less"): "upper"}
MAX_BOUND_WORDS = 4
MAX_PHRASE_CHARS = 200
SKIP_ENTITY_LABELS = {"DATE", "TIME", "ORDINAL"}
DATE_WORDS = re.compile(r"^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)"
                        r"|^(year|month|week|day|night|morning|evening|century|decade|today|yesterday|"
                        r"a\.m|p\.m|o'clock)", re.I)
REFERENCE_WORDS = {"page", "p.", "pp.", "no.", "number", "#", "article", "chapter", "section", "resolution",
                   "room", "route", "flight", "line", "paragraph", "clause", "item", "rule", "grade", "level"}
RANGE_JOINERS = {"-", "–", "to", "and"}
YEAR_RANGE = range(1800, 2101)
PRONOUNS = {"them", "they", "these", "those", "it"}
NOT_COUNTED = {"time", "times", "ave", "ave.", "avenue", "street", "st.", "road", "rd.", "blvd", "blvd.",
               "boulevard", "lane", "floor", "percent", "am", "pm"}
PRONOUN_NUMBERS = {"one"}  # "one of the photos", "one load": too often a pronoun or article
IRREGULAR_PLURALS = {"people": "people", "men": "man", "women": "woman", "children": "child", "feet": "foot",
                     "teeth": "tooth", "mice": "mouse", "geese": "goose", "personnel": "personnel",
                     "police": "police", "troops": "troop", "series": "series", "species": "species"}


@dataclass
class Reading:
    """One number phrase and what the words around it say about it."""

    start: int
    end: int  # token after the number (and its unit)
    amount: float
    unit: str = ""
    pint_unit: str = ""
    noun: Token | None = None
    bound: str = "exact"
    bound_words: str = ""
    context: dict = field(default_factory=dict)


def find_quantities(article_id: str, doc: Doc) -> list[FactMention]:
    """Quantity mentions of one article."""
    skipped = {i for ent in doc.ents if ent.label_ in SKIP_ENTITY_LABELS and is_date_entity(ent)
               for i in range(ent.start, ent.end)}
    found: list[FactMention] = []
    readings: list[Reading] = []
    position = 0
    while position < len(doc):
        token = doc[position]
        if position in skipped or not is_number_start(token) or is_reference(token):
            position += 1
            continue
        reading = read_quantity(doc, position, readings)
        position = max(reading.end, position + 1) if reading else position + 1
        if reading is None:
            continue
        readings.append(reading)
        found.append(to_fact(article_id, doc, reading))
    return found


def is_date_entity(ent) -> bool:
    """True for times, durations and real dates (not a DATE mislabelling "between 5")."""
    if ent.label_ != "DATE":
        return True
    values = [t for t in ent if t.like_num]
    return any(DATE_WORDS.match(t.text) for t in ent) or any(is_year(t) for t in values) or not values


def is_year(token: Token) -> bool:
    return token.text.isdigit() and len(token.text) == 4 and int(token.text) in YEAR_RANGE


def is_reference(token: Token) -> bool:
    """Page, article, flight numbers and the like: "page 12", "No. 5", phone-like digits."""
    previous = token.nbor(-1).lower_ if token.i > 0 else ""
    return previous in REFERENCE_WORDS or token.text.count("-") > 1


def read_quantity(doc: Doc, start: int, earlier: list[Reading]) -> Reading | None:
    used, amount, vague = number_phrase(list(doc[start:start + 12]))
    if not used:
        return None
    end = start + used
    reading = Reading(start, end, amount)
    if vague:
        reading.bound, reading.bound_words = "lower", doc[start:end].text
    read_range(doc, reading)
    read_currency_sign(doc, reading)
    read_unit(doc, reading)
    if not reading.unit:
        if used == 1 and (is_year(doc[start]) or doc[start].lower_ in PRONOUN_NUMBERS):
            return None
        reading.noun = counted_noun(doc, reading, earlier)
        if reading.noun is None or not countable(doc, reading):
            return None
        reading.unit = singular(reading.noun)
    read_bound(doc, reading)
    read_gloss(doc, reading, earlier)
    return reading


def read_range(doc: Doc, reading: Reading) -> None:
    """ "5-10", "5 to 10", "between 5 and 10": amount is the midpoint, the range goes in context."""
    joiner = reading.end
    if joiner + 1 >= len(doc) or doc[joiner].lower_ not in RANGE_JOINERS:
        return
    if doc[joiner].lower_ == "and" and not (reading.start > 0 and doc[reading.start - 1].lower_ == "between"):
        return
    used, high, _ = number_phrase(list(doc[joiner + 1:joiner + 12]))
    if not used or high <= reading.amount:
        return
    low = reading.amount
    reading.context["range"] = {"low": low, "high": high}
    reading.amount = (low + high) / 2
    reading.bound = "approx"
    reading.end = joiner + 1 + used


def read_currency_sign(doc: Doc, reading: Reading) -> None:
    if reading.start > 0 and doc[reading.start - 1].lower_ in CURRENCY_SIGNS:
        reading.unit = CURRENCY_SIGNS[doc[reading.start - 1].lower_]
        reading.context["currency_sign"] = doc[reading.start - 1].text


def read_unit(doc: Doc, reading: Reading) -> None:
    """A unit word right after the number ("45 km", "40%", "5 million euros")."""
    for width in (2, 1):
        words = " ".join(t.lower_ for t in doc[reading.end:reading.end + width])
        if reading.end + width > len(doc):
            continue
        if words in UNIT_WORDS and not reading.unit:
            reading.unit, reading.pint_unit = UNIT_WORDS[words].replace(" ** 2", "²"), UNIT_WORDS[words]
        elif words in PERCENT_WORDS and not reading.unit:
            reading.unit = PERCENT_WORDS[words]
        elif words in CURRENCY_WORDS:
            reading.unit = CURRENCY_WORDS[words]
        else:
            continue
        reading.context["unit_text"] = doc[reading.end:reading.end + width].text
        reading.end += width
        return


def counted_noun(doc: Doc, reading: Reading, earlier: list[Reading]) -> Token | None:
    """The noun the number counts: its nummod head, the object of "of", or the noun right after it."""
    for number in dict.fromkeys((doc[reading.end - 1], doc[reading.start])):
        of_object = object_of(number)
        if of_object is not None:
            return resolve_pronoun(of_object, earlier)
        head = number.head
        if number.dep_ in {"nummod", "quantmod", "compound"} and head.pos_ in {"NOUN", "PROPN"} \
                and head.i >= reading.end:
            return head
    following = doc[reading.end] if reading.end < len(doc) else None
    if following is not None and following.tag_ in {"NNS", "NN"}:
        compound_head = following.head
        return compound_head if following.dep_ == "compound" and compound_head.pos_ == "NOUN" else following
    return None


def object_of(number: Token) -> Token | None:
    """ "a thousand of them", "hundreds of thousands of shells": the object of "of"."""
    for child in number.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def countable(doc: Doc, reading: Reading) -> bool:
    """False for times of day, durations, multipliers, street numbers and "12-gauge" modifiers."""
    noun = reading.noun
    if DATE_WORDS.match(noun.text) or noun.lower_ in NOT_COUNTED:
        return False
    hyphenated = reading.end < len(doc) and doc[reading.end].text == "-" and noun.i > reading.end
    return not (hyphenated and noun.tag_ == "NN")


def resolve_pronoun(noun: Token, earlier: list[Reading]) -> Token | None:
    """ "a thousand of them": the pronoun stands for the last counted noun."""
    if noun.lower_ not in PRONOUNS:
        return noun
    for reading in reversed(earlier):
        if reading.noun is not None and reading.noun.lower_ in PRONOUNS:
            continue
        if reading.noun is not None and reading.noun.sent.start >= noun.sent.start - 1:
            return reading.noun
    return None


def singular(noun: Token) -> str:
    """A counted noun's singular lemma (spaCy's, else a small plural rule)."""
    text = noun.lower_
    if text in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[text]
    lemma = noun.lemma_.lower()
    if lemma and lemma != text or noun.tag_ not in {"NNS", "NNPS"}:
        return lemma or text
    for suffix, replacement in (("ies", "y"), ("sses", "ss"), ("xes", "x"), ("ches", "ch"), ("shes", "sh"), ("s", "")):
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            return text[: -len(suffix)] + replacement
    return text


def read_bound(doc: Doc, reading: Reading) -> None:
    """The bound words just before the number, or "or more"/"or so" just after it."""
    sentence_start = doc[reading.start].sent.start
    start = reading.start - (1 if reading.context.get("currency_sign") else 0)
    before = [t.lower_ for t in doc[max(sentence_start, start - MAX_BOUND_WORDS):start]]
    for phrase, bound in BOUND_PHRASES:
        if tuple(before[-len(phrase):]) == phrase:
            reading.bound, reading.bound_words = bound, " ".join(phrase)
            return
    after = tuple(t.lower_ for t in doc[reading.end:reading.end + 2])
    if after in TRAILING_BOUNDS:
        reading.bound, reading.bound_words = TRAILING_BOUNDS[after], " ".join(after)


def read_gloss(doc: Doc, reading: Reading, earlier: list[Reading]) -> None:
    """ "45 km (28 miles)": the second number restates the first."""
    opening = reading.start - 1
    if opening < 1 or doc[opening].text != "(" or not earlier:
        return
    previous = earlier[-1]
    if previous.end == opening:
        reading.context["gloss_of"] = doc[previous.start:previous.end].text
        reading.bound = previous.bound


def governing_verb(token: Token) -> Token | None:
    while token.head.i != token.i:
        token = token.head
        if token.pos_ in {"VERB", "AUX"}:
            return token
    return token if token.pos_ in {"VERB", "AUX"} else None


def mention_start(doc: Doc, reading: Reading) -> int:
    sentence_start = doc[reading.start].sent.start
    words = len(reading.bound_words.split()) if reading.bound_words and reading.bound_words != doc[
        reading.start:reading.end].text else 0
    return max(sentence_start, reading.start - words - (1 if reading.context.get("currency_sign") else 0))


def to_fact(article_id: str, doc: Doc, reading: Reading) -> FactMention:
    amount = int(reading.amount) if float(reading.amount).is_integer() else reading.amount
    value = {"amount": amount, "unit": reading.unit, "bound": reading.bound}
    context = dict(reading.context, bound_words=reading.bound_words)
    if reading.pint_unit:
        value["si"], key = to_si(reading.amount, reading.pint_unit)
    elif reading.unit == "percent":
        key = "percent"
    elif reading.noun is None:
        key = f"currency:{reading.unit}"
    else:
        key = f"count:{reading.unit}"
        context["noun"] = reading.noun.text
        context["noun_phrase"] = " ".join(t.text for t in reading.noun.subtree)[:MAX_PHRASE_CHARS]
        if reading.noun.i < reading.start:
            context["antecedent_of"] = "pronoun"
    anchor = reading.noun if reading.noun is not None else doc[reading.end - 1]
    verb = governing_verb(anchor)
    context["verb"] = (verb.lemma_ or verb.lower_).lower() if verb is not None else None
    context["verb_text"] = verb.text if verb is not None else None
    context["head"] = anchor.head.text if anchor.head.i != anchor.i else None
    span = doc[mention_start(doc, reading):max(reading.end, (reading.noun.i + 1) if reading.noun is not None
                                                    and reading.noun.i >= reading.end else reading.end)]
    mention = Mention(article_id, span.text, span.sent.text, span.start_char)
    return FactMention(kind="quantity", value=value, mention=mention, key=key, context=context)
