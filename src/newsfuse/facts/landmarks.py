"""Places the gazetteer cannot hold: named facilities and coarse areas of a country.

Facilities and landmarks ("X Cosmodrome", "Y Airport", "Z Square") are proper
names headed by a generic facility noun. They stay unlinked but carry the
country their context gives: a nationality adjective in an apposition ("X, a
Russian spaceport"), an explicit container ("X in Country"), else the one
country named in the same sentence.

Areas are direction phrases over a named country or region: "X's far east",
"the south of X", "northern X". ``find_areas`` emits them as place mentions of
granularity "area" (country X, a coarse region); reconcile treats an area as
compatible with any specific place of its country.

Area mentions set ``value`` = {name, country, lat, lon (the point of the
country or region the area is part of: the nearest the gazetteer can say), gazetteer_id: None}; ``key`` = "area:<CC>:<direction>"; ``context`` = surface,
linked (False), match ("area"), kind ("area"), granularity ("area"), region
(the country's or region's name), note, role, label ("AREA").
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from newsfuse.facts.countries import demonym_country
from newsfuse.facts.gazetteer import Gazetteer, load_gazetteer
from newsfuse.facts.nlp import sentence_of
from newsfuse.model import FactMention, Mention

# Generic head nouns of named facilities and landmarks (any country).
FACILITY_HEADS = frozenset("""
    airport airfield airbase base cosmodrome spaceport launchpad port harbour harbor terminal station
    stadium arena palace square bridge dam plant refinery factory shipyard dockyard depot camp prison
    barracks consulate hospital cathedral mosque temple church monastery museum tower castle fortress
    complex compound facility range tunnel canal pier wharf quay hotel park mall garrison outpost
    checkpoint crossing
""".split())
DIRECTION_NOUNS = frozenset("north south east west northeast northwest southeast southwest "
                            "north-east north-west south-east south-west".split())
DIRECTION_ADJECTIVES = {
    "northern": "north", "southern": "south", "eastern": "east", "western": "west", "central": "centre",
    "northeastern": "northeast", "northwestern": "northwest", "southeastern": "southeast",
    "southwestern": "southwest", "north-eastern": "northeast", "north-western": "northwest",
    "south-eastern": "southeast", "south-western": "southwest",
}
DIRECTION_MODIFIERS = frozenset({"far", "extreme", "deep"})
AREA_LABELS = {"GPE", "LOC"}
POSSESSIVES = {"'s", "’s", "'", "’"}


def is_facility(span: Span) -> bool:
    """A proper name headed by a facility noun ("Tyre Airport"), with a name before the head."""
    words = [t for t in span if t.tag_ != "DT"]
    return len(words) >= 2 and words[-1].lower_ in FACILITY_HEADS and words[0].tag_ in {"NNP", "NNPS"}


def facility_country(span: Span, sentence_countries: set[str]) -> tuple[str | None, str]:
    """(country code, how it was found) for an unlinked facility, from its context."""
    doc = span.doc
    appositive = doc[span.end + 1: min(len(doc), span.end + 5)] if span.end < len(doc) and doc[span.end].text == "," else None
    for token in appositive or ():
        country = demonym_country(token.text) if token.ent_type_ == "NORP" or token.tag_ == "JJ" else None
        if country:
            return country, f"'{token.text}' in its apposition"
    before = doc[max(span.sent.start, span.start - 2): span.start]
    for token in before:
        country = demonym_country(token.text) if token.ent_type_ == "NORP" else None
        if country:
            return country, f"'{token.text}' before it"
    if len(sentence_countries) == 1:
        country = next(iter(sentence_countries))
        return country, "the only country named in its sentence"
    return None, "no country in its context"


def find_areas(article_id: str, doc: Doc) -> list[FactMention]:
    """Area phrases ("X's far east", "the south of X", "northern X") over named countries and regions."""
    gazetteer = load_gazetteer()
    found = []
    for ent in doc.ents:
        if ent.label_ not in AREA_LABELS:
            continue
        regions = [p for p in gazetteer.lookup_region(_bare(ent)) if p.kind in {"country", "admin1"}]
        if not regions:
            continue
        phrase = _area_phrase(ent)
        if phrase is not None:
            found.append(_area_fact(article_id, gazetteer, phrase[0], phrase[1], regions[0]))
    return found


def _bare(ent: Span) -> str:
    words = [t.text for t in ent if t.tag_ != "POS" and not (t.i == ent.start and t.lower_ == "the")]
    return " ".join(words)


def _area_phrase(ent: Span) -> tuple[Span, str] | None:
    """(the whole phrase, its direction) of an area phrase built on ``ent``, else None."""
    doc = ent.doc
    # "X's (far) east"
    position = ent.end
    if position < len(doc) and doc[position].text in POSSESSIVES:
        position += 1
        end, direction = _direction_after(doc, position)
        if direction:
            return doc[ent.start:end], direction
    # "northern X"
    if ent.start > 0 and doc[ent.start - 1].lower_ in DIRECTION_ADJECTIVES:
        return doc[ent.start - 1:ent.end], DIRECTION_ADJECTIVES[doc[ent.start - 1].lower_]
    # "the (far) south of X"
    if ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and doc[ent.start - 2].lower_ in DIRECTION_NOUNS:
        start = ent.start - 2
        modifier = start > 0 and doc[start - 1].lower_ in DIRECTION_MODIFIERS
        start -= modifier
        direction = ("far " if modifier else "") + doc[ent.start - 2].lower_
        start -= start > 0 and doc[start - 1].lower_ == "the"
        return doc[start:ent.end], direction
    return None


def _direction_after(doc: Doc, position: int) -> tuple[int, str]:
    modifier = position < len(doc) and doc[position].lower_ in DIRECTION_MODIFIERS
    head = position + modifier
    if head < len(doc) and doc[head].lower_ in DIRECTION_NOUNS:
        return head + 1, ("far " if modifier else "") + doc[head].lower_
    return position, ""


def _role(phrase: Span) -> str:
    """The preposition governing the phrase ("in" of "in Russia's far east"), else the root's dependency."""
    for token in phrase:
        if token.dep_ == "pobj" and token.head.pos_ == "ADP" and not phrase.start <= token.head.i < phrase.end:
            return token.head.lower_
    return phrase.root.dep_


def _area_fact(article_id: str, gazetteer: Gazetteer, phrase: Span, direction: str, region) -> FactMention:
    country = gazetteer.countries.get(region.country)
    name = f"{direction} of {region.name}"
    note = (f"a coarse area ({direction}) of {region.name}"
            + ("" if region.kind == "country" else f", {country.name if country else region.country}")
            + ": compatible with any specific place inside it")
    value = {"name": name, "country": region.country, "lat": region.lat, "lon": region.lon, "gazetteer_id": None}
    context = {"surface": phrase.text, "linked": False, "match": "area", "kind": "area", "granularity": "area",
               "region": region.name, "note": note, "role": _role(phrase), "label": "AREA"}
    mention = Mention(article_id, phrase.text, sentence_of(phrase), phrase.start_char)
    key = f"area:{region.region_code}:{direction.replace(' ', '-')}"
    return FactMention(kind="place", value=value, mention=mention, key=key, context=context)
