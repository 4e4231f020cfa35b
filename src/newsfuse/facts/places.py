"""Places: spaCy place spans linked to the gazetteer, constrained by context.

For each GPE/LOC/FAC span the finder looks for an explicit container ("X,
Country", "X in Region"), the countries and regions named in the same sentence
and in the whole article, then ranks gazetteer candidates (exact or alternate
names, spelling variants within a constraining country, and as a last resort a
unique similar-sounding settlement inside an explicitly named region). Country
abbreviations ("U.S.", "UK") map to the country (``countries.py``); a country's
own name is the country unless the text places it ("X, Ohio"); a city no context
supports is linked only under its own name when the article (else the story)
names other countries. Named facilities ("X Airport") that the gazetteer cannot
hold stay unlinked with the country their context gives (``landmarks.py``). A
span that fits nothing stays unlinked, with the reason in ``context["note"]``.
Names the tagger missed or called organisations or people become places when
their position says so and the text backs the link (``placerecovery.py``; the
cue in ``context["cue"]``); spelling variants are in ``placevariants.py``. A second pass
(``placenearby.py``) links what is still unlinked by the article's other places: the namesake
near its linked towns or near the other names' namesakes ("nearby"), an approximate point for a
local feature ("approximate"), and, in an article that names no country, the best weak
candidate ("unsupported", ``supported`` False).

Sets ``value`` = {name, country, lat, lon, gazetteer_id}; ``key`` = the
gazetteer id ("geonames:<id>", "admin1:<CC.code>", "country:<CC>") or
"unlinked:<name key>"; ``context`` = surface (as written), linked, match
("exact", "alternate", "transliteration", "alias", "demonym", "sound-alike-in-region",
"nearby", "unsupported", "approximate" (with ``near``: an unlinked feature at a town's point), "none"),
note, role (the governing preposition or dependency), label (spaCy's), and for
linked places kind ("country", "admin1", "city") and admin1 (region name); kind
"facility" for unlinked facilities (``value["country"]`` from context); area_noun
("island", "region"...) for an unlinked name after "the island of", whose extent is unknown.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy
from spacy.attrs import TAG
from spacy.strings import hash_string
from spacy.tokens import Doc, Span

from newsfuse.facts.countries import country_alias, demonym_country, us_state_code
from newsfuse.facts.gazetteer import Gazetteer, Place, load_gazetteer
from newsfuse.facts.landmarks import facility_country, is_facility
from newsfuse.facts.placenames import admin_key, fold, has_region_word, translit_key
from newsfuse.facts.placenearby import (LOCAL_KINDS, NEAR_KM, Anchor, approximate_point, distance_km,
                                         is_local_feature, local_candidates, nearest_candidate)
from newsfuse.facts.placerecovery import county_lists, cued_names, recover
from newsfuse.facts.placevariants import Resolution, best_variant, sound_alike
from newsfuse.model import FactMention, Mention

PLACE_LABELS = {"GPE", "LOC", "FAC"}
PROPER_TAGS = numpy.array([hash_string("NNP"), hash_string("NNPS")], dtype=numpy.uint64)
CONTAINER_WORDS = {",", "in", "of"}
PLACE_NOUNS = frozenset("town city village port settlement district province region county state "
                        "municipality island harbor harbour capital hamlet suburb area peninsula".split())
# Place nouns that name an area of unknown extent, which may hold other places ("the island of X").
AREA_NOUNS = frozenset("island region province district county state area municipality".split())
ROLE_PREPOSITIONS = {"from", "to", "in", "near", "at", "into", "via", "toward", "towards", "across", "outside"}
KIND_PRIOR = {"continent": 3.0, "country": 3.0, "admin1": 0.0, "admin2": 0.0, "city": 0.0}
CAPITAL_BONUS = 3.0  # only for a capital called by its own name, in a country the article allows
SENTENCE_COUNTRY_BONUS = 4.0
ARTICLE_COUNTRY_BONUS = 2.0
SENTENCE_REGION_BONUS = 4.0  # a place inside a first-level region named in the same sentence
ARTICLE_REGION_BONUS = 3.0
SIBLING_REGION_BONUS = 7.0  # a region named beside other regions of its country in one sentence
COHERENCE_BONUS = 3.0  # a place in the region where the article's other place names lie
MIN_NEARBY_VOTES = 1.0  # other names' votes that support linking a small place in their region
WIDE_KINDS = ("continent", "country")  # linked by their own names whatever the context
PRIMARY_NAME_BONUS = 4.0  # "Philadelphia" is the US city, not an old name of Amman
POPULATION_WEIGHT = 0.5
MIN_UNSUPPORTED_POPULATION = 20000  # a city no context supports must be at least this big
MAX_LISTED = 3
REGION_NOUNS = frozenset({"state", "province"})
INNER_DIRECTIONS = frozenset("north south east west northeast northwest southeast southwest n s e w ne nw se sw "
                             "s.e n.e s.w n.w historic downtown greater metro".split())
# Last words of the names of natural areas, which their first words do not locate ("Nyanza Province").
NATURAL_AREA_WORDS = frozenset("river rivers creek lake lakes bay valley mountain mountains mount island islands sea "
                               "gulf coast peninsula desert forest province region basin plateau delta strait "
                               "channel ocean canyon".split())
MAX_ECHO_WORDS = 4
MIN_DEMONYM_STEM = 4
NAME_LABELS = {"ORG", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}  # longest name looked for inside another name
MIN_REGION_STEM = 4  # "Bay County" is too short a stem to trust a far-away "Bay" region


@dataclass
class PlaceContext:
    """Countries and first-level regions an article names, by sentence and overall."""

    sentence_countries: dict[int, set[str]] = field(default_factory=dict)
    article_countries: Counter = field(default_factory=Counter)
    sentence_regions: dict[int, set[str]] = field(default_factory=dict)  # admin1 region codes
    article_regions: Counter = field(default_factory=Counter)
    by_name: dict[str, Counter] = field(default_factory=dict)
    regions_by_name: dict[str, Counter] = field(default_factory=dict)
    # admin1 regions where the article's place names could lie, each name sharing one vote among its regions
    nearby: dict[str, Counter] = field(default_factory=dict)
    story_countries: Counter = field(default_factory=Counter)  # named by the story's other articles

    def support_for(self, name: str) -> Counter:
        """Countries the article (else the story) names, not counting mentions of ``name`` itself."""
        own = self.article_countries - self.by_name.get(name, Counter())
        return own or Counter(self.story_countries)

    def coherence_for(self, name: str) -> Counter:
        """Votes of the article's other place names for each admin1 region."""
        votes: Counter = Counter()
        for other, regions in self.nearby.items():
            if other != name:
                votes.update(regions)
        return votes

    def region_support_for(self, name: str) -> Counter:
        """Admin1 regions the article names, not counting mentions of ``name`` itself."""
        return self.article_regions - self.regions_by_name.get(name, Counter())


@dataclass
class Entry:
    """One place span of the article and how it resolved; ``optional`` spans are kept only if linked."""

    span: Span
    resolution: Resolution
    cue: str | None = None
    facility: bool = False
    optional: bool = False
    near: tuple[Span, Resolution] | None = None  # the place an unlinked facility's name opens with


def find_places(article_id: str, doc: Doc, story_countries: Counter | None = None) -> list[FactMention]:
    """Place mentions of one article, linked to the gazetteer where they fit; ``story_countries``
    (from ``countries_named``) back an article that names no country itself."""
    gazetteer = load_gazetteer()
    spans = place_spans(gazetteer, doc)
    taken = {i for span in spans for i in range(span.start, span.end)}
    cued = cued_names(gazetteer, doc, proper_name_chunks(doc), taken)
    context = read_context(gazetteer, spans, [group[-1][0] for group in cued])
    context.story_countries = story_countries or Counter()
    by_start = {span.start: span for span in spans}

    def resolve_here(span: Span, name: str = "") -> Resolution:
        return resolve(gazetteer, span, context, by_start, name)

    entries = []
    for span in spans:
        resolution = resolve_here(span)
        facility = resolution.place is None and is_facility(span) and not resolution.skip
        optional = not facility and resolution.place is None and (
            span.label_ == "FAC" or span.root.dep_ == "amod" or resolution.skip
            or (span not in doc.ents and not after_place_noun(span)))
        if not resolution.skip:
            entries.append(Entry(span, resolution, facility=facility, optional=optional))
    recovered = recover(cued, taken, resolve_here) + county_lists(gazetteer, doc, taken, resolve_here)
    starts = {span.start for span, _, cue in recovered if cue == "county-list"}  # "Henderson" of "... counties"
    entries = [e for e in entries if e.span.start not in starts] + [Entry(s, r, c) for s, r, c in recovered]
    anchors = [Anchor(e.resolution.place, e.span.start_char) for e in entries
               if e.resolution.place is not None and e.resolution.place.kind in LOCAL_KINDS]

    peers = {name: local_candidates(gazetteer, name) for name in dict.fromkeys(
        [undirected(surface_name(e.span)) for e in entries if e.resolution.place is None]
        + [undirected(surface_name(group[-1][0])) for group in cued])}

    def resolve_nearby(span: Span, name: str = "") -> Resolution:
        """The first pass's resolution, else (or over a link by size alone) the place of that name
        near the article's anchors (an unlinked name: also near the other names' namesakes)."""
        resolution = resolve_here(span, name)
        if resolution.skip or container_of(gazetteer, span, by_start) is not None or resolution.place is not None and (
                resolution.supported or resolution.place.kind not in LOCAL_KINDS):
            return resolution
        name = undirected(name or surface_name(span))
        return nearest_candidate(gazetteer, name, anchors, peers if resolution.place is None else {}) or resolution

    def resolve_fallback(span: Span) -> Resolution:
        """``resolve_nearby``, else, in an article that names no country, the best weak candidate
        (``guess``: so is a link by size alone there)."""
        resolution = resolve_nearby(span)
        if context.article_countries:
            return resolution
        if resolution.weak is not None:
            return Resolution(resolution.weak, "unsupported", f"{resolution.note}: linked to it as the best guess",
                              supported=False, guess=own_name(resolution.weak, span))
        resolution.guess = resolution.place is not None and not resolution.supported and own_name(resolution.place, span)
        return resolution

    for entry in entries:
        if entry.resolution.place is None:
            entry.resolution = resolve_fallback(entry.span)
            unlinked = entry.resolution.place is None and not entry.resolution.skip
            inner = inner_place(entry.span, resolve_fallback) if unlinked else None
            if inner is not None and entry.facility:
                entry.near = inner  # "Vancouver International Airport" at Vancouver
            elif inner is not None:
                entry.span, entry.resolution, entry.facility = inner[0], inner[1], False
            entry.facility &= entry.resolution.place is None
    entries += [Entry(s, r, c) for s, r, c in recover(cued, taken, resolve_fallback)]
    prefer_local(gazetteer, entries)
    resolved: dict[str, Resolution] = {}
    found = []
    for entry in entries:
        for span, resolution in [(entry.span, entry.resolution), *([entry.near] if entry.near else [])]:
            if resolution.place is not None:
                resolved.setdefault(span.text, resolution)
        if entry.resolution.place is None and entry.optional:
            continue
        if entry.facility:
            found.append(facility_fact(article_id, entry.span, gazetteer, context, by_start))
            if entry.near is not None:
                locate_near(found[-1], entry.near[1].place, "the place its name opens with")
        else:
            found.append(to_fact(article_id, entry.span, entry.resolution, gazetteer))
        if entry.cue:
            found[-1].context["cue"] = entry.cue  # why a name the tagger did not call a place is one
    found += [to_fact(article_id, span, resolution, gazetteer)
              for span, resolution in echoes(gazetteer, doc, resolved, taken)]
    anchors = [Anchor(r.place, s.start_char) for e in entries for s, r in [(e.span, e.resolution), *([e.near] if e.near else [])]
               if r.place is not None and r.place.kind in LOCAL_KINDS]
    for fact in found:
        if fact.value["lat"] is None and (fact.context.get("kind") == "facility" or is_local_feature(fact.value["name"])):
            anchor = approximate_point(fact.mention.start, anchors)
            if anchor is not None:
                locate_near(fact, anchor.place, "the town or county the article names nearest it")
    return found


def locate_near(fact: FactMention, place: Place, how: str) -> None:
    """Give an unlinked feature or facility the point of a place near it (its own name and key stay)."""
    fact.value.update(country=place.country, lat=place.lat, lon=place.lon)
    fact.context.update(match="approximate", near=place.name,
                        note=f"{fact.context['note']}; placed at {place.name} ({place.country}), {how} (approximate)")


def echoes(gazetteer: Gazetteer, doc: Doc, resolved: dict[str, Resolution],
           taken: set[int]) -> list[tuple[Span, Resolution]]:
    """Place names inside other names or missed by the tagger ("the Ohio Department of Health",
    "an Alexandria man"): a name linked elsewhere in the article means the same place again
    (one sense per discourse); a country, US state or continent named in full or by its
    abbreviation needs no other mention. Nationality words ("Russian") name their country."""
    found = []
    people = {i for ent in doc.ents if ent.label_ == "PERSON" and not is_demonym(ent) for i in range(ent.start, ent.end)}
    for chunk in proper_name_chunks(doc) + nationality_words(doc):
        start = chunk.start
        while start < chunk.end:
            for end in range(min(chunk.end, start + MAX_ECHO_WORDS), start, -1):
                span = Span(doc, start, end, label=chunk.label_)
                if taken.isdisjoint(range(start, end)):
                    resolution = resolved.get(span.text) or (
                        None if people & set(range(start, end)) else wide_area(gazetteer, span))
                    if resolution is not None:
                        found.append((span, resolution))
                        taken.update(range(start, end))
                        start = end - 1
                        break
            start += 1
    return found


def prefer_local(gazetteer: Gazetteer, entries: list[Entry]) -> None:
    """A town linked by size alone ("Athens" in a story of Texas towns) yields to its namesake
    within ``NEAR_KM`` of the article's backed towns, unless it is already near one of them."""
    anchors = [Anchor(e.resolution.place, e.span.start_char) for e in entries
               if e.resolution.place is not None and e.resolution.place.kind in LOCAL_KINDS and e.resolution.supported]
    for entry in entries:
        place = entry.resolution.place
        if place is None or entry.resolution.supported or place.kind not in LOCAL_KINDS \
                or entry.resolution.match == "unsupported":
            continue
        others = [a for a in anchors if fold(a.place.name) != fold(place.name)]
        if any(distance_km(place.lat, place.lon, a.place.lat, a.place.lon) <= NEAR_KM for a in others):
            continue  # already among the article's towns
        entry.resolution = nearest_candidate(gazetteer, undirected(surface_name(entry.span)), others, {}) \
            or entry.resolution


def own_name(place: Place, span: Span) -> bool:
    """The place's main name is the span's ("Torrington"), not an old or alternate one ("Hamas" of Hamm)."""
    return fold(place.name) == fold(undirected(surface_name(span)))


def inner_place(span: Span, resolve_span: Callable[[Span], Resolution]) -> tuple[Span, Resolution] | None:
    """The place inside a name that does not link as a whole, linked by its own name: a town or
    county after a direction ("South Los Angeles", "East Oxford"; a first-level region only where
    the text backs it: "North Texas"), a place after a place noun ("the Province of Ontario"), or
    a town or county opening an institution's or a facility's name ("Lamar County Commissioners",
    "Vancouver International Airport"), not one opening a natural area's ("Nyanza Province")."""
    doc = span.doc
    start = span.start + (span[0].lower_ == "the")
    if start >= span.end:
        return None
    inner = []  # (part, the kinds it may link to)
    if span.end - start > 1 and doc[start].lower_.rstrip(".") in INNER_DIRECTIONS:
        inner.append((Span(doc, start + 1, span.end, label=span.label_), LOCAL_KINDS + ("admin1",)))
    of = next((t.i for t in doc[start:span.end] if t.lower_ == "of"), None)
    if of is not None and of > start and doc[of - 1].lower_ in PLACE_NOUNS and of + 1 < span.end:
        inner.append((Span(doc, of + 1, span.end, label=span.label_), ("city", "admin2", "admin1", "country")))
    if span[-1].lower_ not in NATURAL_AREA_WORDS:
        end = span.end - 1
        while end > start and doc[end - 1].tag_ in {"NNP", "NNPS"} and doc[end - 1].lower_ not in {"of", "and"}:
            inner.append((Span(doc, start, end, label=span.label_), LOCAL_KINDS))
            end -= 1
    for part, kinds in inner:
        resolution = resolve_span(part)
        place = resolution.place
        if place is None or place.kind not in kinds or place.kind == "admin1" and not resolution.supported:
            continue
        if resolution.match == "alias" or resolution.match != "transliteration" and fold(surface_name(part)) == fold(place.name):
            return part, resolution
    return None


def nationality_words(doc: Doc) -> list[Span]:
    """Nationality words spaCy tags NORP ("Russian", "Palestinians"), one token each unless the
    whole entity is one ("Sri Lankan"), and those opening an organisation's name ("the Lebanese Army")."""
    words = []
    for ent in doc.ents:
        if ent.label_ in NAME_LABELS and len(ent) > 1:  # "the Lebanese Army", "American Airlines"
            first = ent[1] if ent[0].lower_ == "the" else ent[0]
            if first.i + 1 < ent.end and first.tag_ in {"JJ", "NNP", "NNPS"} and demonym_country(first.text):
                words.append(Span(doc, first.i, first.i + 1, label="NORP"))
        if ent.label_ != "NORP" and not (ent.label_ in ("PERSON", "GPE") and is_demonym(ent)):
            continue
        if len(ent) > 1 and is_demonym(ent):
            words.append(Span(doc, ent.start, ent.end, label="NORP"))
        else:
            words += [Span(doc, t.i, t.i + 1, label="NORP") for t in ent if t.pos_ in {"ADJ", "PROPN", "NOUN"}]
    return words


def is_demonym(span: Span) -> bool:
    """A nationality word of several tokens, whatever the tagger called it ("Sri Lankan")."""
    return len(span) > 1 and bool(demonym_country(span.text.removesuffix("s")))


def wide_area(gazetteer: Gazetteer, span: Span) -> Resolution | None:
    """The country, US state or continent a name or nationality word stands for, else None."""
    name = surface_name(span)
    if span.label_ == "NORP":
        word = name.removesuffix("s")
        country = gazetteer.countries.get(demonym_country(word) or country_of_first_word(gazetteer, word) or "")
        if country:
            return Resolution(country, "demonym", f"nationality word of {country.name}")
        region = region_of_demonym(gazetteer, word)
        return Resolution(region, "demonym", f"word for the people of {region.name}") if region else None
    country, state = gazetteer.countries.get(country_alias(name) or ""), us_state_code(name)
    if country or state:
        place = country or gazetteer.admin1[f"US.{state}"]
        return Resolution(place, "alias", f"abbreviation or short name of {place.name}")
    if all(word in GENERIC_WORDS for word in name.lower().split()):
        return None
    named = [p for p in gazetteer.lookup_region(name) if fold(p.name) == fold(name)]
    named += [p for p, _ in gazetteer.lookup(name) if p.kind == "continent" and fold(p.name) == fold(name)]
    return Resolution(named[0], "exact", "") if len(named) == 1 else None


def country_of_first_word(gazetteer: Gazetteer, word: str) -> str | None:
    """The one country whose name of several words opens with ``word`` ("Saudi" Saudi Arabia)."""
    codes = {p.country for p in gazetteer.countries.values()
             if len(p.name.split()) > 1 and fold(p.name.split()[0]) == fold(word)}
    return codes.pop() if len(codes) == 1 and len(word) >= MIN_DEMONYM_STEM else None


def region_of_demonym(gazetteer: Gazetteer, word: str) -> Place | None:
    """The first-level region or continent a word for its people names, by the regular English
    endings ("Ohioan" Ohio, "Minnesotan", "Texan" Texas, "Dagestani", "European", "Abkhaz" Abkhazia)."""
    forms = (word[:-1], word[:-2], word[:-1] + "s", word[:-3] + "a", word + "ia")
    for form in forms:
        if len(form) < MIN_DEMONYM_STEM:
            continue
        named = {p for p in gazetteer.lookup_region(form) if p.kind == "admin1" and fold(p.name) == fold(form)}
        named |= {p for p, _ in gazetteer.lookup(form) if p.kind == "continent" and fold(p.name) == fold(form)}
        if len(named) == 1:
            return named.pop()
    return None


def place_spans(gazetteer: Gazetteer, doc: Doc) -> list[Span]:
    """spaCy's place entities plus proper names the syntax marks as places it missed."""
    spans = [ent for ent in doc.ents if ent.label_ in PLACE_LABELS and not is_demonym(ent)]
    spans += [Span(doc, ent.start, ent.end, label="FAC") for ent in doc.ents
              if ent.label_ == "ORG" and is_facility(ent)]
    taken = {i for span in spans for i in range(span.start, span.end)}
    named = {i for ent in doc.ents if ent.label_ not in PLACE_LABELS for i in range(ent.start, ent.end)}
    for span in proper_name_chunks(doc):
        tokens = range(span.start, span.end)
        if not taken.isdisjoint(tokens):
            continue
        if (after_place_noun(span) or known_inside_region(gazetteer, span) or is_facility(span)
                or (named.isdisjoint(tokens) and looks_like_place(gazetteer, span))):
            spans.append(span)
    return sorted(spans, key=lambda span: span.start)


def proper_name_chunks(doc: Doc) -> list[Span]:
    """Maximal runs of proper nouns ("Perm Krai")."""
    tags = doc.to_array([TAG]).ravel() if len(doc) else numpy.zeros(0)
    proper = numpy.isin(tags, PROPER_TAGS).astype(numpy.int8)
    edges = numpy.diff(numpy.concatenate(([0], proper, [0])))
    starts, ends = numpy.flatnonzero(edges == 1), numpy.flatnonzero(edges == -1)
    return [Span(doc, int(s), int(e), label="GPE") for s, e in zip(starts, ends)]


def after_place_noun(span: Span) -> bool:
    """ "the town of X", "the port of X"."""
    doc = span.doc
    return span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in PLACE_NOUNS


def looks_like_place(gazetteer: Gazetteer, span: Span) -> bool:
    """A name placed in a known region ("X in Y Krai"), or a region's name after a place preposition."""
    if following_region(gazetteer, span):
        return True
    head = span.root.head
    return (span.root.dep_ == "pobj" and head.lower_ in ROLE_PREPOSITIONS
            and (has_region_word(span.text) or bool(gazetteer.lookup_region(surface_name(span)))))


def following_region(gazetteer: Gazetteer, span: Span) -> tuple[Place, ...]:
    """The regions of "X, Country" or "X in (the) Region" after a span."""
    doc = span.doc
    position = span.end + 1
    if span.end >= len(doc) or doc[span.end].lower_ not in {",", "in"}:
        return ()
    position += position < len(doc) and doc[position].lower_ == "the"
    end = position
    while end < len(doc) and doc[end].tag_ in {"NNP", "NNPS"}:
        end += 1
    return gazetteer.lookup_region(doc[position:end].text) if end > position else ()


def known_inside_region(gazetteer: Gazetteer, span: Span) -> bool:
    """A name the text puts in a region where the gazetteer knows a place of that name."""
    regions = following_region(gazetteer, span)
    return any(within(place, region) for region in regions for place, _ in gazetteer.lookup(surface_name(span)))


# Words that name a direction or a generic area, never linked by spelling variants.
GENERIC_WORDS = frozenset("north south east west northern southern eastern western central far "
                          "middle upper lower greater".split())
DIRECTION_WORDS = frozenset("northern southern eastern western central northeast northwest southeast southwest "
                            "northeastern northwestern southeastern southwestern".split())
POSSESSIVE_ENDINGS = ("'s", "’s", "'", "’")


def surface_name(span: Span) -> str:
    """The span's name without a leading "the" or a possessive ending."""
    words = [t for t in span if not (t.i == span.start and t.lower_ == "the") and t.tag_ != "POS"]
    name = "".join(t.text_with_ws for t in words).strip()
    for ending in POSSESSIVE_ENDINGS:
        if name.endswith(ending) and len(name) > len(ending):
            return name[: -len(ending)]
    return name


def variant_worthy(span: Span, name: str) -> bool:
    """Whether spelling variants may be searched: a proper name, not an adjective or a direction."""
    words = name.lower().split()
    return (span.root.tag_ in {"NNP", "NNPS"} and span.root.dep_ != "amod" and not has_region_word(name)
            and not all(w in GENERIC_WORDS for w in words))


def countries_named(docs: list[Doc]) -> Counter:
    """Countries the given articles name (by spaCy place entities), with counts."""
    gazetteer = load_gazetteer()
    named: Counter = Counter()
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ in PLACE_LABELS:
                named.update(p.country for p in regions_named(gazetteer, ent) if p.kind == "country")
    return named


def regions_named(gazetteer: Gazetteer, span: Span) -> tuple[Place, ...]:
    """Countries and regions a span names, including abbreviations ("U.S.", "UK", "Calif.")."""
    name = surface_name(span)
    alias = country_alias(name)
    if alias and alias in gazetteer.countries:
        return (gazetteer.countries[alias],)
    state = gazetteer.admin1.get(f"US.{us_state_code(name)}")
    return (state,) if state else gazetteer.lookup_region(undirected(name))


def undirected(name: str) -> str:
    """A name without a leading direction ("Southern California" -> "California")."""
    first, _, rest = name.partition(" ")
    return rest if rest and first.lower() in DIRECTION_WORDS else name


def read_context(gazetteer: Gazetteer, spans: list[Span], cued: list[Span] = ()) -> PlaceContext:
    """What the article's place spans name; ``cued`` names (recovery candidates) only vote for regions."""
    context = PlaceContext()
    for span in cued:
        context.nearby.setdefault(surface_name(span), candidate_regions(gazetteer, surface_name(span)))
    for span in spans:
        name = surface_name(span)
        regions = regions_named(gazetteer, span)
        for place in regions:
            context.sentence_countries.setdefault(span.sent.start, set()).add(place.country)
            context.article_countries[place.country] += 1
            context.by_name.setdefault(name, Counter())[place.country] += 1
        if len(regions) == 1 and regions[0].kind == "admin1":
            context.sentence_regions.setdefault(span.sent.start, set()).add(regions[0].region_code)
            context.article_regions[regions[0].region_code] += 1
            context.regions_by_name.setdefault(name, Counter())[regions[0].region_code] += 1
        if name not in context.nearby and not regions:
            context.nearby[name] = candidate_regions(gazetteer, name)
    return context


def candidate_regions(gazetteer: Gazetteer, name: str) -> Counter:
    """One vote shared among the admin1 regions where a place of this name lies, by population."""
    people: Counter = Counter()
    for place, _ in gazetteer.lookup(name):
        if place.kind in ("city", "admin2"):
            people[place.region_code] += place.population + 1
    total = sum(people.values())
    return Counter({code: count / total for code, count in people.items()})


def container_of(gazetteer: Gazetteer, span: Span, by_start: dict[int, Span]) -> Place | None:
    """The country or region a span is explicitly put in: "X, Country", "X in Region"."""
    doc = span.doc
    position = span.end
    if position < len(doc) and doc[position].lower_ in CONTAINER_WORDS:
        position += 1
        if position < len(doc) and doc[position].lower_ == "the":
            position += 1
        other = by_start.get(position) or by_start.get(position - 1)
        if other is not None and other.start != span.start:
            regions = gazetteer.lookup_region(surface_name(other))
            return max(regions, key=lambda p: p.kind == "admin1", default=None)
    return None


def region_noun_beside(span: Span) -> bool:
    """ "the state of X", "the province of X", "X state": the name is a first-level region's."""
    doc = span.doc
    before = span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in REGION_NOUNS
    return before or span.end < len(doc) and doc[span.end].lower_ in REGION_NOUNS and doc[span.end].text.islower()


def listed_region(span: Span, named_regions: tuple[Place, ...], container: Place, cities: list) -> bool:
    """A region in a list of regions ("Angola, Chad and Niger", "Ohio, Iowa"), not one inside the next."""
    level = {"continent": 3, "country": 2, "admin1": 1}
    return (span.end < len(span.doc) and span.doc[span.end].text == ","
            and any(level.get(r.kind, 0) >= level.get(container.kind, 0) for r in named_regions)
            and not any(within(place, container) for place, _ in cities))


def holding_regions(gazetteer: Gazetteer, span: Span, regions: tuple[Place, ...]) -> tuple[Place, ...]:
    """Of several regions with one name, those holding the place just before ("Atlanta, Georgia")."""
    doc = span.doc
    if len(regions) < 2 or span.start < 2 or doc[span.start - 1].lower_ not in CONTAINER_WORDS:
        return regions
    end = span.start - 1
    start = end
    while start > 0 and doc[start - 1].tag_ in {"NNP", "NNPS"}:
        start -= 1
    inner = [place for place, _ in gazetteer.lookup(doc[start:end].text)] if start < end else []
    holding = tuple(r for r in regions if any(within(place, r) for place in inner))
    return holding or regions


def within(place: Place, container: Place) -> bool:
    if container.kind == "country":
        return place.country == container.country and place.kind != "country"
    return place.kind in ("city", "admin2") and place.region_code == container.region_code


@dataclass
class Support:
    """What the text around a span names: countries and admin1 regions, in its sentence and article."""

    countries: set[str]
    article_countries: Counter
    regions: set[str]
    article_regions: Counter
    nearby: Counter = field(default_factory=Counter)  # other names' votes for admin1 regions


def score(place: Place, key: str, support: Support) -> float:
    value = KIND_PRIOR[place.kind] + POPULATION_WEIGHT * math.log10(place.population + 1)
    primary = key == place.keys[0]
    allowed = not support.article_countries or support.article_countries.get(place.country)
    value += CAPITAL_BONUS if place.capital and primary and allowed else 0.0
    value += SENTENCE_COUNTRY_BONUS if place.country in support.countries else 0.0
    value += ARTICLE_COUNTRY_BONUS if support.article_countries.get(place.country) else 0.0
    if place.kind != "admin1":
        value += SENTENCE_REGION_BONUS if place.region_code in support.regions else 0.0
        value += ARTICLE_REGION_BONUS if support.article_regions.get(place.region_code) else 0.0
    elif primary and any(code.partition(".")[0] == place.country for code in support.regions):
        value += SIBLING_REGION_BONUS  # a list of states: "Oregon, Idaho and Kansas"
    value += COHERENCE_BONUS * min(1.0, support.nearby.get(place.region_code, 0.0))
    return value + (PRIMARY_NAME_BONUS if primary else 0.0)


def resolve(gazetteer: Gazetteer, span: Span, context: PlaceContext, by_start: dict[int, Span],
            name: str = "") -> Resolution:
    name = name or surface_name(span)
    if all(word in GENERIC_WORDS for word in name.lower().split()):
        return Resolution(None, "none", "a direction or generic area, not a place name", skip=True)
    alias = country_alias(name)
    if alias and alias in gazetteer.countries:
        country = gazetteer.countries[alias]
        return Resolution(country, "alias", f"abbreviation or short name of {country.name}")
    state = gazetteer.admin1.get(f"US.{us_state_code(name)}")
    if state:
        return Resolution(state, "alias", f"abbreviation of {state.name}")
    name = undirected(name)
    named_regions = gazetteer.lookup_region(name)
    regions = holding_regions(gazetteer, span, named_regions)
    cities = [c for c in gazetteer.lookup(name) if c[0] not in named_regions]
    container = container_of(gazetteer, span, by_start)
    if container is not None and listed_region(span, named_regions, container, cities):
        container = None
    if any(r.kind == "country" for r in regions) and container is None:
        cities = []  # a country's own name means the country unless the text places it ("X, Ohio")
    if any(r.kind == "admin1" for r in regions) and container is None and region_noun_beside(span):
        cities = []  # "the state of Washington", "Washington state"
    states = {r.country for r in named_regions if r.kind == "admin1" and fold(r.name) == fold(name)}
    if states and container is None:  # "California" is the state, not a small town of its name in Pennsylvania
        cities = [(c, k) for c, k in cities if c.country not in states or c.population >= MIN_UNSUPPORTED_POPULATION]
    if not has_region_word(name):
        regions = tuple(r for r in regions if not any(r.kind == "admin1" and c.region_code == r.region_code
                                                      and key == c.keys[0] for c, key in cities))
    candidates = [(p, p.keys[0]) for p in regions] + cities
    if container is not None:
        return resolve_in_container(gazetteer, name, candidates, container)
    own = {p.region_code for p in named_regions}
    support = Support(context.sentence_countries.get(span.sent.start, set()) - {p.country for p in named_regions},
                      context.support_for(surface_name(span)),
                      context.sentence_regions.get(span.sent.start, set()) - own,
                      context.region_support_for(surface_name(span)), context.coherence_for(surface_name(span)))
    ranked = sorted(candidates, key=lambda c: -score(c[0], c[1], support))
    if ranked:
        place, key = ranked[0]
        if linkable(place, name, support):
            return Resolution(place, match_kind(place, key, name), explain(place, key, name),
                              supported=supported_by(place, support))
    countries, article_countries = support.countries, support.article_countries
    for country in sorted(countries):
        variant = best_variant(gazetteer, name, country, None) if variant_worthy(span, name) else None
        if variant:
            return variant
    if ranked:
        place = ranked[0][0]
        return Resolution(None, "none", f"only weak candidates such as {place.name} ({place.country}, "
                                        f"population {place.population}), which no country in the text supports",
                          weak=place)
    return Resolution(None, "none", f"no gazetteer entry or spelling variant matches '{name}'"
                      + ("" if countries or article_countries else " and no country in the text constrains it"))


def linkable(place: Place, name: str, support: Support) -> bool:
    """Whether the best candidate is safe to link: a wide area, supported by the text, or big enough."""
    return bool(place.kind in WIDE_KINDS or supported_by(place, support)
                or place.kind == "city" and place.population >= MIN_UNSUPPORTED_POPULATION
                and (not support.article_countries or fold(place.name) == fold(name))
                or place.kind == "admin1" and explicit_region(place, name))


def supported_by(place: Place, support: Support) -> bool:
    return bool(place.country in support.countries or support.article_countries.get(place.country)
                or support.article_regions.get(place.region_code)
                or support.nearby.get(place.region_code, 0.0) >= MIN_NEARBY_VOTES)


def resolve_in_container(gazetteer: Gazetteer, name: str, candidates: list, container: Place) -> Resolution:
    """Resolve a name the text puts inside ``container`` ("X, Country", "X in Region")."""
    inside = [(p, k) for p, k in candidates if within(p, container)]
    if inside:
        place, key = max(inside, key=lambda c: c[0].population)
        note = explain(place, key, name)
        return Resolution(place, match_kind(place, key, name), note or f"placed in {container.name} by the text")
    region = container if container.kind == "admin1" else None
    variant = best_variant(gazetteer, name, container.country, region)
    if variant is None and not candidates:
        variant = sound_alike(gazetteer, name, container)
    ranked = sorted(candidates, key=lambda c: (c[1] != c[0].keys[0], -c[0].population))
    elsewhere = ", ".join(dict.fromkeys(f"{p.name} ({p.country})" for p, _ in ranked[:MAX_LISTED]))
    conflict = (f"'{name}' elsewhere names {elsewhere}, which conflicts with the stated {container.name}"
                if elsewhere else f"no place named '{name}' in {container.name}")
    if variant:
        variant.note = f"{conflict}; {variant.note}"
        return variant
    return Resolution(None, "none", f"{conflict}; no settlement there matches, so it stays unlinked")


def explicit_region(region: Place, name: str) -> bool:
    """A region named in full ("Alabama") or with a region word and a distinctive stem ("Tver Oblast")."""
    return fold(region.name) == fold(name) or (has_region_word(name) and len(admin_key(name)) >= MIN_REGION_STEM)


def match_kind(place: Place, key: str, name: str) -> str:
    if place.name.lower() == name.lower():
        return "exact"
    if key == place.keys[0]:
        return "transliteration"
    return "alternate"


def explain(place: Place, key: str, name: str) -> str:
    kind = match_kind(place, key, name)
    if kind == "alternate":
        return f"alternate name of {place.name}"
    if kind == "transliteration":
        return f"spelling variant of {place.name}"
    return ""


def facility_fact(article_id: str, span: Span, gazetteer: Gazetteer, context: PlaceContext,
                  by_start: dict[int, Span]) -> FactMention:
    """An unlinked facility or landmark, with the country its context gives."""
    container = container_of(gazetteer, span, by_start)
    if container is not None:
        country, how = container.country, f"placed in {container.name} by the text"
    else:
        country, how = facility_country(span, context.sentence_countries.get(span.sent.start, set()))
    where = gazetteer.countries.get(country) if country else None
    note = ("a named facility or landmark; the gazetteer holds only countries, regions and settlements, "
            "so it cannot be located" + (f"; in {where.name} ({how})" if where else f" ({how})"))
    fact = to_fact(article_id, span, Resolution(None, "none", note), gazetteer)
    fact.value["country"] = country
    fact.context["kind"] = "facility"
    return fact


def role_of(span: Span) -> str:
    head = span.root.head
    if span.root.dep_ == "pobj" and head.pos_ == "ADP":
        return head.lower_
    return span.root.dep_


def to_fact(article_id: str, span: Span, resolution: Resolution, gazetteer: Gazetteer) -> FactMention:
    place = resolution.place
    name = surface_name(span)
    context = {"surface": span.text, "linked": place is not None, "match": resolution.match,
               "note": resolution.note, "role": role_of(span), "label": span.label_}
    if place is None:
        value = {"name": name, "country": None, "lat": None, "lon": None, "gazetteer_id": None}
        key = f"unlinked:{translit_key(name)}"
        if after_place_noun(span) and span.doc[span.start - 2].lower_ in AREA_NOUNS:
            context["area_noun"] = span.doc[span.start - 2].lower_  # "the island of X": extent unknown
    else:
        value = {"name": place.name, "country": place.country, "lat": place.lat, "lon": place.lon,
                 "gazetteer_id": place.gazetteer_id}
        key = place.gazetteer_id
        context["kind"] = place.kind
        region = gazetteer.region_of(place)
        if region:
            context["admin1"] = region.name
    mention = Mention(article_id, span.text, span.sent.text, span.start_char)
    return FactMention(kind="place", value=value, mention=mention, key=key, context=context)
