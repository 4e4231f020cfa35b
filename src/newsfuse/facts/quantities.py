"""Quantities: a number, its unit, currency or counted noun, and its bound word.

Reads number phrases token by token (digits, words, "a thousand", "$4.2bn", "two-thirds"), the
currency before them ("US $5", "HK$", "RM79"), the unit after them ("45 km", "40%", "2.4-liter",
"65-year-old", "5 million euros"), a range ("5 to 7 per cent", "between $62 and $68", "thousands"
is 1,000 to 10,000), a rate ("$5 a share", "barrels a day"), the counted noun from the dependency
parse (the noun the number modifies, or the object of "of"), and the bound from the words around it
("more than" lower, "up to" upper, "nearly" approx; a stated range is exact unless hedged, its
amount is the midpoint). Units are converted to SI with pint. An earthquake's magnitude
("magnitude-5.9", "6.1 on the Richter scale"), an age set after a name ("Jane Doe, 61,") and a win-loss record after a
name ("Doe (52-3)") are read too. Dates, times of day, ordinals, years, scores ("beat X 2-1"),
page-like, phone-like, model numbers ("Boeing 737", "iPhone 14 Pro", "5G") and "four-by-four" are
skipped; a number inside a date is kept only as a duration or an age ("three months", "a 65-year-old").
A number in parentheses right after another quantity is marked as its conversion gloss
(``context["gloss_of"]``).

Sets ``value`` = {amount, unit, bound, si?}; ``key`` = the SI dimension ("length", "mass",
"duration", ...), "age", "magnitude", "record" (amount the wins), "percent", "currency:<ISO>" or
"count:<noun lemma>" (a rate adds " / <per what>"); ``context`` = bound_words, verb (lemma) and verb_text, head (the word the counted
noun or unit attaches to), noun, noun_phrase and counted (the counted words: "European countries"),
unit_text, range {low, high}, age, gloss_of, currency_sign, antecedent_of, magnitude, record, losses
and of (the name an age or record belongs to) where they apply.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsfuse.facts.nlp import sentence_of
from newsfuse.facts.numbers import DESCRIBING_TAGS, SIGN_PREFIXES, NumberPhrase, is_number_start, number_phrase, token_parts
from newsfuse.facts.units import (AGE_UNITS, CASED_UNIT_WORDS, CURRENCY_PREFIXES, CURRENCY_SIGNS, CURRENCY_WORDS,
                                  DOLLAR_COUNTRIES, DURATION_UNITS, GLUED_UNITS, MONEY_POUNDS, PERCENT_WORDS,
                                  UNIT_WORDS, to_si)
from newsfuse.model import FactMention, Mention

BOUND_WORDS = {
    "lower": ["more than", "over", "at least", "upwards of", "in excess of", "exceeding", "above", "over than",
              "greater than", "higher than", "larger than", "no fewer than", "no less than", "or more", "plus",
              "just over", "well over", "a minimum of", "over the age of", "above the age of"],
    "upper": ["as many as", "up to", "at most", "no more than", "fewer than", "less than", "under", "lower than",
              "smaller than", "as much as", "below", "just under", "not more than", "maximum of", "a maximum of",
              "as high as", "as little as", "under the age of", "below the age of"],
    "approx": ["about", "around", "roughly", "approximately", "some", "an estimated", "estimated", "approx.",
               "circa", "close to", "nearly", "almost", "nearly about", "an average of", "averaging",
               "on average", "average of", "approaching", "ca.", "~", "≈"],
}
BOUND_PHRASES = sorted(((tuple(p.split()), b) for b, ps in BOUND_WORDS.items() for p in ps),
                       key=lambda item: -len(item[0]))
TRAILING_BOUNDS = {("or", "more"): "lower", ("or", "so"): "approx", ("or", "fewer"): "upper", ("or", "less"): "upper",
                   ("-", "plus"): "lower"}
PREFIX_BOUNDS = {"approx": "approx", "upper": "upper"}  # "~25", "sub-300"
MAX_BOUND_WORDS = 4
MAX_DESCRIBING_WORDS = 5  # "4.3M digital and physical sales"
MAX_PHRASE_CHARS = 200
PHRASE_TOKENS = 12
SKIP_ENTITY_LABELS = {"DATE", "TIME", "ORDINAL"}
DATE_WORDS = re.compile(r"^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)"
                        r"|^(year|month|week|day|night|morning|evening|century|decade|today|yesterday|"
                        r"a\.m|p\.m|o'clock)", re.I)
REFERENCE_WORDS = {"page", "p.", "pp.", "no.", "number", "#", "article", "chapter", "section", "resolution",
                   "room", "route", "flight", "line", "paragraph", "clause", "item", "rule", "grade", "level",
                   "category", "model", "version", "phase", "stage", "game", "season", "episode", "type", "class",
                   "channel", "tier", "gate", "platform", "terminal", "exit", "district", "unit", "week", "day"}
HYPHENS = {"-", "–", "—"}
RANGE_JOINERS = HYPHENS | {"to", "and"}
RATE_WORDS = {"per", "a", "an", "/"}
NOT_A_RATE = {"ago", "earlier", "later", "before", "after", "old", "from", "of", "or"}
YEAR_RANGE = range(1800, 2101)
PRONOUNS = {"them", "they", "these", "those", "it"}
NOT_COUNTED = {"time", "times", "ave", "ave.", "avenue", "street", "st", "st.", "road", "rd.", "blvd", "blvd.",
               "boulevard", "lane", "floor", "percent", "am", "pm", "thanks"}
PRONOUN_NUMBERS = {"one"}  # "one of the photos", "one load": too often a pronoun or article
NAME_ENTITIES = {"ORG", "NORP", "GPE", "LOC", "FAC"}  # "five NBA teams", "40 Chinese workers" count
MODEL_NUMBER_MIN, MODEL_NUMBER_MAX = 100, 10000  # "737 Max jets", "787 Dreamliner"
MINUS_WORDS = {"minus", "negative"}
COUNTED_POS = {"ADJ", "NOUN", "PROPN", "NUM"}
IRREGULAR_PLURALS = {"people": "people", "men": "man", "women": "woman", "children": "child", "feet": "foot",
                     "teeth": "tooth", "mice": "mouse", "geese": "goose", "personnel": "personnel",
                     "police": "police", "troops": "troop", "series": "series", "species": "species"}


@dataclass
class Reading:
    """One number phrase and what the words around it say about it."""

    start: int  # first token of the number
    end: int  # token after the number (and its unit)
    amount: float
    lead: int = -1  # first token of the mention before its bound words: a currency sign, "minus"
    unit: str = ""
    pint_unit: str = ""
    noun: Token | None = None
    bound: str = "exact"
    bound_words: str = ""
    keep: bool = True  # False for what is read only to be passed over (scores)
    tail: int = 0  # end of the mention where a rate follows the counted noun
    context: dict = field(default_factory=dict)


def find_quantities(article_id: str, doc: Doc) -> list[FactMention]:
    """Quantity mentions of one article."""
    dated = {i for ent in doc.ents if ent.label_ in SKIP_ENTITY_LABELS and is_date_entity(ent)
             for i in range(ent.start, ent.end)}
    found: list[FactMention] = []
    readings: list[Reading] = []
    position = 0
    while position < len(doc):
        token = doc[position]
        if not is_number_start(token) or is_reference(token) or in_by_compound(token):
            position += 1
            continue
        reading = read_quantity(doc, position, readings)
        if reading is not None and position in dated and reading.noun is not None:
            reading = None  # "the 2019 season", "May 5 protest": a date, not a count
        position = max(reading.end, position + 1) if reading else position + 1
        if reading is None or not reading.keep:
            continue
        readings.append(reading)
        found.append(to_fact(article_id, doc, reading))
    return stated_ages(article_id, doc, magnitudes(article_id, doc, found))


# An earthquake's magnitude: "magnitude-5.9", "a magnitude of 6.1", "6.1-magnitude", "6.1 on the Richter scale".
MAGNITUDE = re.compile(r"\bmagnitude(?:[- ]of)?[- ](?P<after>\d{1,2}(?:\.\d)?)(?![\d.,]\d)"
                       r"|(?<![\w.,])(?P<before>\d{1,2}(?:\.\d)?)[- ](?:magnitude|on the richter scale)\b", re.IGNORECASE)
MAX_MAGNITUDE = 10.0
AGE_CLOSERS = {",", ")", ".", ";", "and", "who", "was", "is", "has", "had"}
MAX_STATED_AGE = 119


def magnitudes(article_id: str, doc: Doc, found: list[FactMention]) -> list[FactMention]:
    """Quantities with an earthquake magnitude in place of what was read at the same number."""
    extra = []
    for match in MAGNITUDE.finditer(doc.text):
        group = "after" if match.group("after") else "before"
        amount = float(match.group(group))
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or not 0 < amount <= MAX_MAGNITUDE:
            continue
        reading = Reading(span.start, span.end, amount, lead=span.start, unit="magnitude", context={"magnitude": True})
        read_bound(doc, reading)
        number_start, number_end = match.start(group), match.end(group)
        found = [f for f in found if not (f.mention.start <= number_start < f.mention.start + len(f.mention.text)
                                          or number_start <= f.mention.start < number_end)]
        extra.append(to_fact(article_id, doc, reading))
    return sorted(found + extra, key=lambda f: f.mention.start)


def stated_ages(article_id: str, doc: Doc, found: list[FactMention]) -> list[FactMention]:
    """Ages set after a person's name: "Jane Doe, 61, said", "John Roe (45)"."""
    taken = {f.mention.start for f in found}
    extra = []
    for ent in doc.ents:
        at = ent.end
        if (ent.label_ != "PERSON" or any(t.like_num for t in ent) or at + 2 >= len(doc)
                or doc[at].text not in (",", "(")):
            continue
        number, closer = doc[at + 1], doc[at + 2]
        if not _is_number_up_to(number.text, MAX_STATED_AGE) or number.idx in taken:
            continue
        if closer.lower_ not in AGE_CLOSERS or (doc[at].text == "(") != (closer.text == ")"):
            continue
        reading = Reading(at + 1, at + 2, int(number.text), lead=at + 1, unit="year", pint_unit="year",
                          context={"age": True, "of": ent.text})
        extra.append(to_fact(article_id, doc, reading))
    return sorted(found + extra, key=lambda f: f.mention.start) if extra else found


def _is_number_up_to(text: str, most: int) -> bool:
    """Whether ``text`` is written in decimal digits alone (not "²", which ``isdigit`` accepts and
    ``int`` does not) and is a number from 1 to ``most``."""
    return text.isdecimal() and len(text) <= len(str(most)) and 0 < int(text) <= most


def is_date_entity(ent) -> bool:
    """True for times, durations and real dates (not a DATE mislabelling "between 5")."""
    if ent.label_ != "DATE":
        return True
    values = [t for t in ent if t.like_num]
    return any(DATE_WORDS.match(t.text) for t in ent) or any(is_year(t) for t in values) or not values


def is_year(token: Token) -> bool:
    return token.text.isdecimal() and len(token.text) == 4 and int(token.text) in YEAR_RANGE


def is_reference(token: Token) -> bool:
    """Page, article, flight numbers and the like: "page 12", "No. 5", phone-like digits."""
    previous = token.nbor(-1).lower_ if token.i > 0 else ""
    return previous in REFERENCE_WORDS or token.text.count("-") > 1


def in_by_compound(token: Token) -> bool:
    """A number of "four-by-four", "2-by-4": a vehicle type or a size, not a count."""
    doc, i = token.doc, token.i
    after = doc[i + 1:i + 3]
    before = doc[max(0, i - 2):i]
    return (len(after) == 2 and after[0].text in HYPHENS and not token.whitespace_ and after[1].lower_.startswith("by")
            or len(before) == 2 and before[1].text in HYPHENS and before[0].lower_ == "by" and not before[0].whitespace_)


def read_quantity(doc: Doc, start: int, earlier: list[Reading]) -> Reading | None:
    parts = token_parts(doc[start].text)
    prefix = parts[0] if parts else ""
    currency, lead = currency_before(doc, start, prefix)
    phrase = number_phrase(list(doc[start:start + PHRASE_TOKENS]), money=bool(currency))
    if not phrase.used:
        return None
    reading = Reading(start, start + phrase.used, phrase.value, lead=lead)
    read_sign(doc, reading, prefix)
    if currency:
        reading.unit = currency
        reading.context["currency_sign"] = doc[lead:start].text + (prefix if prefix in CURRENCY_PREFIXES else "")
    elif not read_unit(doc, reading, phrase) and (phrase.suffix or glued_letters_follow(doc, reading.end)):
        return None
    read_range(doc, reading, phrase)
    if not reading.keep or reading.context.get("record"):
        return reading
    if phrase.vague and "range" not in reading.context:
        set_range(reading, phrase.value, phrase.value * 10)
    if not reading.unit and stated_age(doc, reading):
        reading.unit = reading.pint_unit = "year"
        reading.context["age"] = True
    elif not reading.unit and not read_counted(doc, reading, earlier, phrase):
        return None
    read_rate(doc, reading)
    read_bound(doc, reading)
    read_gloss(doc, reading, earlier)
    return reading


def currency_before(doc: Doc, start: int, prefix: str) -> tuple[str, int]:
    """The currency written before the number and the first token that writes it: "$", "US $",
    "HK$", "EUR 50", "$US55" (a glued prefix), "RM79"."""
    before = doc[start - 1].text if start > 0 else ""
    if prefix in DOLLAR_COUNTRIES and before == "$":
        return DOLLAR_COUNTRIES[prefix], start - 1
    if prefix in CURRENCY_PREFIXES:
        return CURRENCY_PREFIXES[prefix], start
    if before.lower() not in CURRENCY_SIGNS or not before:
        return "", start
    if before == "$" and start > 1 and doc[start - 2].text in DOLLAR_COUNTRIES:
        return DOLLAR_COUNTRIES[doc[start - 2].text], start - 2
    return CURRENCY_SIGNS[before.lower()], start - 1


def read_sign(doc: Doc, reading: Reading, prefix: str) -> None:
    """A minus ("-1.3%", "minus 387", "minus-5") and the bound a glued "~" or "sub-" gives."""
    role = SIGN_PREFIXES.get(prefix, "")
    lead = reading.lead
    if role != "minus" and lead > 0 and doc[lead - 1].lower_ in MINUS_WORDS:
        role, reading.lead = "minus", lead - 1
    if role == "minus":
        reading.amount = -reading.amount
    elif role in PREFIX_BOUNDS:
        reading.bound, reading.bound_words = PREFIX_BOUNDS[role], prefix


def glued_letters_follow(doc: Doc, end: int) -> bool:
    """ "5G", "4K TV": letters glued to the number that no unit reader took."""
    return 0 < end < len(doc) and not doc[end - 1].whitespace_ and doc[end].text[:1].isalpha()


def read_unit(doc: Doc, reading: Reading, phrase: NumberPhrase) -> bool:
    """A unit right after the number ("45 km", "40%", "2.4-liter", "3923sq m", "5 million euros"),
    and an age ("65-year-old", "30 years old"); whether one was read."""
    suffix, end = phrase.suffix, reading.end
    if not suffix and glued_letters_follow(doc, end):
        suffix, end = doc[end].text, end + 1  # "5G", "60GB", "13.6M": spaCy split what was written together
    found = unit_at(doc, end, suffix, phrase.scale > 1)
    if found is None:
        return False
    unit, pint_unit, used, text = found
    used += end - reading.end
    if pint_unit:
        reading.unit, reading.pint_unit = pint_unit.replace(" ** 2", "²"), pint_unit
    else:
        reading.unit = unit
    reading.context["unit_text"] = text
    reading.end += used
    if pint_unit in AGE_UNITS:
        read_age(doc, reading)
    return True


def unit_at(doc: Doc, end: int, suffix: str, scaled: bool) -> tuple[str, str, int, str] | None:
    """(unit, pint unit, tokens used, text) of the unit words at ``end`` (after a glued ``suffix``)."""
    hyphen = int(not suffix and end + 1 < len(doc) and doc[end].text in HYPHENS and not doc[end - 1].whitespace_)
    words = ([suffix] if suffix else []) + [t.text for t in doc[end + hyphen:end + hyphen + 3]]
    for width in (3, 2, 1):
        if width > len(words):
            continue
        text = " ".join(words[:width])
        found = unit_named(text, glued=bool(suffix) and width == 1, scaled=scaled)
        if found is not None:
            used = width - bool(suffix) + (hyphen if width > bool(suffix) else 0)
            return found[0], found[1], used, text
    return None


def unit_named(text: str, glued: bool, scaled: bool) -> tuple[str, str] | None:
    """(unit, pint unit) that ``text`` names, if any."""
    lower = text.lower()
    if len(text) > 1 and text.endswith(".") and not glued:
        lower = lower[:-1]  # "per sq m." closing a sentence
    if glued:
        pint_unit = GLUED_UNITS.get(text)
        return ("", pint_unit) if pint_unit else (PERCENT_WORDS[lower], "") if lower in PERCENT_WORDS else None
    if lower in MONEY_POUNDS and scaled:
        return "GBP", ""
    pint_unit = CASED_UNIT_WORDS.get(text) or UNIT_WORDS.get(lower)
    if pint_unit:
        return "", pint_unit
    if lower in PERCENT_WORDS:
        return PERCENT_WORDS[lower], ""
    return (CURRENCY_WORDS[lower], "") if lower in CURRENCY_WORDS else None


def read_age(doc: Doc, reading: Reading) -> None:
    """ "65-year-old", "18 month-old", "30 years old": the duration is an age."""
    words = [t.lower_ for t in doc[reading.end:reading.end + 2]]
    used = 2 if words[:2] in (["-", "old"], ["–", "old"]) else 1 if words[:1] == ["old"] else 0
    if used:
        reading.context["age"] = True
        reading.end += used


def stated_age(doc: Doc, reading: Reading) -> bool:
    """ "aged 30", "under the age of 5": a bare number that is an age in years."""
    before = [t.lower_ for t in doc[max(0, reading.lead - 2):reading.lead]]
    return before[-1:] in (["aged"], ["ages"]) or before == ["age", "of"]


RECORD_WORDS = {"record", "records"}
MAX_RECORD_OWNER_GAP = 4  # words between a "record ... to" and the name that owns it ("Klitschko's record rose to")


def record_owner(doc: Doc, reading: Reading) -> str:
    """The name a win-loss record belongs to: "Klitschko (52-3, 46 KOs)", "Riddick Bowe, 43-1,", "Smith's
    record rose to 9-5"; "" where the numbers are a score ("beat Leeds 2-1", "a 9-2 lead")."""
    lead = reading.lead
    before = doc[lead - 1] if lead > 0 else None
    if before is not None and before.text in ("(", ",") and lead > 1 and doc[lead - 2].pos_ == "PROPN":
        return doc[lead - 2].text
    sentence_start = doc[lead].sent.start
    window = doc[max(sentence_start, lead - MAX_RECORD_OWNER_GAP - 2):lead]
    if before is not None and before.lower_ == "to" and any(t.lower_ in RECORD_WORDS for t in window):
        names = [t for t in window if t.pos_ == "PROPN"]
        return names[-1].text if names else ""
    return ""


def read_range(doc: Doc, reading: Reading, low: NumberPhrase) -> None:
    """ "5-10", "5 to 7 per cent", "between $62 and $68", "$89 to $93 billion": the range goes in
    context, the amount is its midpoint; "2-1" (a score) is passed over."""
    joiner = reading.end
    if joiner + 1 >= len(doc) or doc[joiner].lower_ not in RANGE_JOINERS:
        return
    if doc[joiner].lower_ == "and" and not (reading.lead > 0 and doc[reading.lead - 1].lower_ == "between"):
        return
    high = read_high(doc, joiner + 1, reading)
    if high is None:
        return
    phrase, high_end, unit_found = high
    low_value = reading.amount
    if low.scale == 1 and phrase.scale > 1 and low_value < phrase.value / phrase.scale:
        low_value *= phrase.scale  # "1 to 2 thousand", "$89 to $93 billion"
    if phrase.value <= low_value:
        if doc[joiner].text in HYPHENS and not reading.unit and low.scale == 1:
            reading.end = high_end  # a score ("2-1", "9-2 lead"), or a win-loss record
            owner = record_owner(doc, reading)
            if owner:
                reading.unit = "record"
                reading.context.update(record=True, of=owner, losses=phrase.value)
            else:
                reading.keep = False
        return
    if unit_found and not reading.unit:
        reading.unit, reading.pint_unit = unit_found.unit, unit_found.pint_unit
        reading.context["unit_text"] = unit_found.context.get("unit_text")
    elif unit_found and unit_found.unit != reading.unit:
        return
    set_range(reading, low_value, phrase.value)
    reading.end = high_end


def read_high(doc: Doc, start: int, low: Reading) -> tuple[NumberPhrase, int, Reading | None] | None:
    """The upper end of a range at ``start``: its number, end, and its own unit reading if any."""
    currency = ""
    if low.context.get("currency_sign") and start < len(doc) and doc[start].lower_ in CURRENCY_SIGNS:
        currency, start = CURRENCY_SIGNS[doc[start].lower_], start + 1
    if start >= len(doc) or not is_number_start(doc[start]):
        return None
    parts = token_parts(doc[start].text)
    prefix = parts[0] if parts else ""
    if prefix and prefix not in CURRENCY_PREFIXES or parts is None and doc[start].lower_ not in {"a", "an"}:
        return None
    currency = currency or CURRENCY_PREFIXES.get(prefix, "")
    if currency and currency != low.unit:
        return None
    money = bool(currency or low.context.get("currency_sign"))
    phrase = number_phrase(list(doc[start:start + PHRASE_TOKENS]), money=money)
    if not phrase.used:
        return None
    high = Reading(start, start + phrase.used, phrase.value, lead=start)
    if currency:
        high.unit = currency
    elif not read_unit(doc, high, phrase):
        if phrase.suffix:
            return None
        high = None
    return phrase, (high.end if high else start + phrase.used), high


def set_range(reading: Reading, low: float, high: float) -> None:
    reading.context["range"] = {"low": low, "high": high}
    reading.amount = (low + high) / 2


def read_counted(doc: Doc, reading: Reading, earlier: list[Reading], phrase: NumberPhrase) -> bool:
    """The counted noun of a number without a unit; False where there is none or the number is
    part of a name ("Model 3 sedans", "787 Dreamliner") or a year."""
    if phrase.used == 1 and (is_year(doc[reading.start]) or doc[reading.start].lower_ in PRONOUN_NUMBERS):
        return False
    if names_a_model(doc, reading):
        return False
    noun = counted_noun(doc, reading, earlier)
    if noun is None:
        return False
    named = unit_named(noun.text, glued=False, scaled=False)
    shared = all(t.like_num or t.lower_ in {"or", "and", "to", "-", "of"} for t in doc[reading.end:noun.i])
    if named is not None and noun.i >= reading.end and shared:
        reading.unit, reading.pint_unit = named[1].replace(" ** 2", "²") or named[0], named[1]
        reading.end = max(reading.end, noun.i + 1)  # "eight or nine euros": the unit is shared
        return True
    reading.noun = counted_modifier(doc, reading, noun)
    if not countable(doc, reading):
        return False
    reading.unit = singular(reading.noun)
    return True


def counted_modifier(doc: Doc, reading: Reading, noun: Token) -> Token:
    """ "a 3 cylinder engine", "a 60 basis point improvement": a number before a singular compound
    counts the compound (cylinders, basis points), not the thing it describes."""
    if noun.tag_ != "NN" or reading.amount == 1 or noun.i <= reading.end:
        return noun
    modifiers = [t for t in doc[reading.end:noun.i] if t.dep_ == "compound" and t.tag_ == "NN" and t.head.i == noun.i]
    return modifiers[-1] if modifiers else noun


def names_a_model(doc: Doc, reading: Reading) -> bool:
    """A number glued to a name: after a proper noun ("iPhone 14", "S&P 500", "Model 3"), inside a
    product name, or a bare three- or four-digit number before a capitalised name ("737 Max jets")."""
    number = doc[reading.start]
    previous = doc[reading.lead - 1] if reading.lead > 0 else None
    digits = number.text[:1].isdigit()
    if digits and previous is not None and previous.tag_ in {"NNP", "NNPS"} and previous.dep_ not in {"dative", "dobj"} \
            and previous.text not in DOLLAR_COUNTRIES:
        return True
    if number.ent_type_ == "PRODUCT" and any(t.is_alpha for t in number.sent if t.ent_type_ == "PRODUCT"
                                             and abs(t.i - number.i) == 1):
        return True
    following = doc[reading.end] if reading.end < len(doc) else None
    return (following is not None and digits and "," not in number.text and MODEL_NUMBER_MIN <= reading.amount < MODEL_NUMBER_MAX
            and following.tag_ == "NNP" and following.text[:1].isupper() and not following.text.isupper()
            and following.ent_type_ not in NAME_ENTITIES)


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
    for following in doc[reading.end:reading.end + MAX_DESCRIBING_WORDS]:
        if following.tag_ in {"NNS", "NN"}:
            compound_head = following.head
            return compound_head if following.dep_ == "compound" and compound_head.pos_ == "NOUN" else following
        if following.tag_ not in DESCRIBING_TAGS:
            return None
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
    """False for times of day, durations, multipliers, street numbers, names ("358 El Brillo Way")
    and "12-gauge" modifiers."""
    noun = reading.noun
    if DATE_WORDS.match(noun.text) or noun.lower_ in NOT_COUNTED or noun.tag_ == "NNP" and noun.i >= reading.end:
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


def counted_words(doc: Doc, reading: Reading) -> str:
    """The words that say what is counted: "European countries", "top seeds" ("the top three
    seeds"), "gas-only powertrain options", "devices" ("35m of its devices")."""
    noun = reading.noun
    if noun is None or noun.i < reading.start:
        return noun.text if noun is not None else ""
    before = [t for t in noun.lefts if t.i < reading.lead and t.dep_ in {"amod", "compound"}
              and t.pos_ in {"ADJ", "NOUN"}]
    between = list(doc[reading.end:noun.i])
    while between and (between[0].text in HYPHENS or in_hyphenated(between[0]) and between[0].i == reading.end + 1):
        between.pop(0)  # "three-plus seasons": the hyphen belongs to the number
    if any(t.lower_ == "of" for t in between):
        between = [t for t in noun.lefts if t.dep_ in {"amod", "compound"}]
    words = [t for t in [*before, *between] if t.pos_ in COUNTED_POS or in_hyphenated(t)] + [noun]
    return "".join(t.text + (t.whitespace_ or (" " if t.i + 1 < len(doc) and not in_hyphenated(t) else ""))
                   for t in words).strip()[:MAX_PHRASE_CHARS]


def in_hyphenated(token: Token) -> bool:
    """Part of a hyphenated word ("gas-only")."""
    doc = token.doc
    glued_after = not token.whitespace_ and token.i + 1 < len(doc) and doc[token.i + 1].text == "-"
    glued_before = token.i > 0 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_
    return token.text == "-" and not token.whitespace_ or glued_after or glued_before


def read_rate(doc: Doc, reading: Reading) -> None:
    """ "$5 a share", "800,000 barrels a day", "63 cents per share", "15 miles per hour": the unit
    becomes "<unit> / <per what>"."""
    if reading.unit in PERCENT_WORDS.values():
        return
    position = reading.end if reading.noun is None or reading.noun.i < reading.end else reading.noun.i + 1
    if position + 1 >= len(doc) or doc[position].lower_ not in RATE_WORDS:
        return
    start = position + 1 + (doc[position + 1].text in HYPHENS and position + 2 < len(doc))  # "a-year"
    denominator, pint_unit, used = rate_denominator(doc, start, reading, doc[position].lower_ in {"per", "/"})
    end = start + used
    if not denominator or end < len(doc) and doc[end].lower_ in NOT_A_RATE:
        return
    if reading.pint_unit:
        reading.pint_unit = f"{reading.pint_unit} / {pint_unit}"
    reading.unit = f"{reading.unit} / {denominator}"
    reading.context["rate"] = doc[position:end].text
    reading.tail = end


def rate_denominator(doc: Doc, start: int, reading: Reading, per: bool) -> tuple[str, str, int]:
    """(name, pint unit, tokens) of what a rate is per: a unit ("a day", "per square foot"), or for
    money and counts a thing ("a share", "per person"); counts go "a" time unit only."""
    found = unit_at(doc, start, "", False)
    if found is not None and found[1]:
        if reading.noun is not None and not per and found[1] not in DURATION_UNITS:
            return "", "", 0
        return found[1].replace(" ** 2", "²"), found[1], found[2]
    token = doc[start]
    if reading.pint_unit or token.tag_ != "NN" or found is not None or reading.noun is not None and not per:
        return "", "", 0
    return singular(token), "", 1


def read_bound(doc: Doc, reading: Reading) -> None:
    """The bound words just before the number, or "or more"/"or so" just after it."""
    if reading.bound_words:
        return
    sentence_start = doc[reading.start].sent.start
    before = [t.lower_ for t in doc[max(sentence_start, reading.lead - MAX_BOUND_WORDS):reading.lead]]
    for phrase, bound in BOUND_PHRASES:
        if tuple(before[-len(phrase):]) == phrase:
            reading.bound, reading.bound_words = bound, " ".join(phrase)
            if phrase[-2:] == ("age", "of") and reading.pint_unit in AGE_UNITS | {""} and reading.noun is None:
                reading.context["age"] = True  # "under the age of 5 (years)"
            return
    for end in dict.fromkeys((reading.end, mention_end(reading))):  # "three-plus seasons", "40 trucks or more"
        after = tuple(t.lower_ for t in doc[end:end + 2])
        if after in TRAILING_BOUNDS:
            reading.bound, reading.bound_words = TRAILING_BOUNDS[after], " ".join(after)
            reading.tail = max(reading.tail, end + 2)
            return


def read_gloss(doc: Doc, reading: Reading, earlier: list[Reading]) -> None:
    """ "45 km (28 miles)": the second number restates the first."""
    opening = reading.lead - 1
    if opening < 1 or doc[opening].text != "(" or not earlier:
        return
    previous = earlier[-1]
    if mention_end(previous) == opening and previous.noun is None and reading.noun is None:
        reading.context["gloss_of"] = doc[previous.lead:previous.end].text
        if not reading.bound_words:
            reading.bound = previous.bound


def governing_verb(token: Token) -> Token | None:
    while token.head.i != token.i:
        token = token.head
        if token.pos_ in {"VERB", "AUX"}:
            return token
    return token if token.pos_ in {"VERB", "AUX"} else None


def mention_start(doc: Doc, reading: Reading) -> int:
    sentence_start = doc[reading.start].sent.start
    words = len(reading.bound_words.split())
    before = " ".join(t.lower_ for t in doc[max(sentence_start, reading.lead - words):reading.lead])
    return max(sentence_start, reading.lead - words) if words and before == reading.bound_words else reading.lead


def mention_end(reading: Reading) -> int:
    """The token after the mention: after the number and unit, the counted noun or the rate."""
    noun_end = reading.noun.i + 1 if reading.noun is not None and reading.noun.i >= reading.end else 0
    return max(reading.end, noun_end, reading.tail)


def quantity_key(reading: Reading) -> str:
    """ "length", "age", "percent", "currency:USD", "count:truck" (a rate: "currency:USD / share")."""
    if reading.context.get("age"):
        return "age"
    if reading.context.get("magnitude"):
        return "magnitude"
    if reading.context.get("record"):
        return "record"
    if reading.unit in PERCENT_WORDS.values():
        return reading.unit
    if reading.noun is None:
        return f"currency:{reading.unit}"
    return f"count:{reading.unit}"


def to_fact(article_id: str, doc: Doc, reading: Reading) -> FactMention:
    amount = int(reading.amount) if float(reading.amount).is_integer() else reading.amount
    value = {"amount": amount, "unit": reading.unit, "bound": reading.bound}
    context = dict(reading.context, bound_words=reading.bound_words)
    key = quantity_key(reading)
    if reading.pint_unit:
        value["si"], dimension = to_si(reading.amount, reading.pint_unit)
        key = "age" if key == "age" else dimension
    if reading.noun is not None:
        context["noun"] = reading.noun.text
        context["noun_phrase"] = " ".join(t.text for t in reading.noun.subtree)[:MAX_PHRASE_CHARS]
        context["counted"] = counted_words(doc, reading)
        if reading.noun.i < reading.start:
            context["antecedent_of"] = "pronoun"
    anchor = reading.noun if reading.noun is not None else doc[reading.end - 1]
    verb = governing_verb(anchor)
    context["verb"] = (verb.lemma_ or verb.lower_).lower() if verb is not None else None
    context["verb_text"] = verb.text if verb is not None else None
    context["head"] = anchor.head.text if anchor.head.i != anchor.i else None
    span = doc[mention_start(doc, reading):mention_end(reading)]
    mention = Mention(article_id, span.text, sentence_of(span), span.start_char)
    return FactMention(kind="quantity", value=value, mention=mention, key=key, context=context)
