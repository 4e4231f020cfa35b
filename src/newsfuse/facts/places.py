"""Places: spaCy place spans linked to the gazetteer, constrained by context.

For each GPE/LOC/FAC span the finder looks for an explicit container ("X,
Country", "X in Region"), the countries and regions named in the same sentence
and in the whole article, then ranks gazetteer candidates (``placeresolve.py``:
exact or alternate names, spelling variants within a constraining country, and as
a last resort a unique similar-sounding settlement inside an explicitly named region). Country
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
from newsfuse.facts.nlp import sentence_of
from newsfuse.facts.placenames import fold, has_region_word, translit_key
from newsfuse.facts.placenearby import (LOCAL_KINDS, NEAR_KM, Anchor, approximate_point, distance_km,
                                         is_local_feature, local_candidates, nearest_candidate)
from newsfuse.facts.placerecovery import county_lists, cued_names, recover
from newsfuse.facts.placeresolve import (GENERIC_WORDS, PlaceContext, container_of, read_context, regions_named,
                                         resolve, surface_name, undirected, within)
from newsfuse.facts.placevariants import Resolution
from newsfuse.model import FactMention, Mention

PLACE_LABELS = {"GPE", "LOC", "FAC"}
PROPER_TAGS = numpy.array([hash_string("NNP"), hash_string("NNPS")], dtype=numpy.uint64)
PLACE_NOUNS = frozenset("town city village port settlement district province region county state "
                        "municipality island harbor harbour capital hamlet suburb area peninsula".split())
# Place nouns that name an area of unknown extent, which may hold other places ("the island of X").
AREA_NOUNS = frozenset("island region province district county state area municipality".split())
ROLE_PREPOSITIONS = {"from", "to", "in", "near", "at", "into", "via", "toward", "towards", "across", "outside"}
INNER_DIRECTIONS = frozenset("north south east west northeast northwest southeast southwest n s e w ne nw se sw "
                             "s.e n.e s.w n.w historic downtown greater metro".split())
# Last words of the names of natural areas, which their first words do not locate ("Nyanza Province").
NATURAL_AREA_WORDS = frozenset("river rivers creek lake lakes bay valley mountain mountains mount island islands sea "
                               "gulf coast peninsula desert forest province region basin plateau delta strait "
                               "channel ocean canyon".split())
MAX_ECHO_WORDS = 4  # longest name looked for inside another name
MIN_DEMONYM_STEM = 4
NAME_LABELS = {"ORG", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}  # names a nationality word may open


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
    return places_and_reliance(article_id, doc, story_countries)[0]


def places_and_reliance(article_id: str, doc: Doc, story_countries: Counter | None = None
                        ) -> tuple[list[FactMention], bool]:
    """``find_places``, and whether the mentions depend on ``story_countries`` (a name fell back on
    them): where not, they are the same in any story."""
    gazetteer = load_gazetteer()
    spans = place_spans(gazetteer, doc)
    taken = {i for span in spans for i in range(span.start, span.end)}
    cued = cued_names(gazetteer, doc, proper_name_chunks(doc), taken)
    context = read_context(gazetteer, spans, [group[-1][0] for group in cued])
    context.story_countries = story_countries or Counter()
    linker = Linker(gazetteer, context, {span.start: span for span in spans})
    entries = []
    for span in spans:
        resolution = linker.first(span)
        facility = resolution.place is None and is_facility(span) and not resolution.skip
        optional = not facility and resolution.place is None and (
            span.label_ == "FAC" or span.root.dep_ == "amod" or resolution.skip
            or (span not in doc.ents and not after_place_noun(span)))
        if not resolution.skip:
            entries.append(Entry(span, resolution, facility=facility, optional=optional))
    recovered = recover(cued, taken, linker.first) + county_lists(gazetteer, doc, taken, linker.first)
    starts = {span.start for span, _, cue in recovered if cue == "county-list"}  # "Henderson" of "... counties"
    entries = [e for e in entries if e.span.start not in starts] + [Entry(s, r, c) for s, r, c in recovered]
    linker.anchors = anchors_of(entries)
    linker.peers = {name: local_candidates(gazetteer, name) for name in dict.fromkeys(
        [undirected(surface_name(e.span)) for e in entries if e.resolution.place is None]
        + [undirected(surface_name(group[-1][0])) for group in cued])}
    second_pass(entries, linker)
    entries += [Entry(s, r, c) for s, r, c in recover(cued, taken, linker.fallback)]
    prefer_local(gazetteer, entries)
    return facts_of(article_id, doc, entries, linker, taken), context.story_countries_read


@dataclass
class Linker:
    """How the article's names link: the first pass's ranking (``first``), then by the article's
    other places (``nearby``, ``fallback``) once its ``anchors`` and unlinked names' ``peers`` are known."""

    gazetteer: Gazetteer
    context: PlaceContext
    by_start: dict[int, Span]
    anchors: list[Anchor] = field(default_factory=list)
    peers: dict[str, list[Place]] = field(default_factory=dict)

    def first(self, span: Span, name: str = "") -> Resolution:
        return resolve(self.gazetteer, span, self.context, self.by_start, name)

    def nearby(self, span: Span, name: str = "") -> Resolution:
        """The first pass's resolution, else (or over a link by size alone) the place of that name
        near the article's anchors (an unlinked name: also near the other names' namesakes)."""
        resolution = self.first(span, name)
        if resolution.skip or container_of(self.gazetteer, span, self.by_start) is not None \
                or resolution.place is not None and (resolution.supported or resolution.place.kind not in LOCAL_KINDS):
            return resolution
        name = undirected(name or surface_name(span))
        peers = self.peers if resolution.place is None else {}
        return nearest_candidate(self.gazetteer, name, self.anchors, peers) or resolution

    def fallback(self, span: Span) -> Resolution:
        """``nearby``, else, in an article that names no country, the best weak candidate whose main
        name is the span's (``guess``: so is a link by size alone there)."""
        resolution = self.nearby(span)
        if self.context.article_countries:
            return resolution
        if resolution.weak is not None and own_name(resolution.weak, span):
            return Resolution(resolution.weak, "unsupported", f"{resolution.note}: linked to it as the best guess",
                              supported=False, guess=True)
        resolution.guess = resolution.place is not None and not resolution.supported and own_name(resolution.place, span)
        return resolution


def anchors_of(entries: list[Entry]) -> list[Anchor]:
    """The towns and counties the entries link (and those facilities' names open with)."""
    pairs = [pair for e in entries for pair in [(e.span, e.resolution), *([e.near] if e.near else [])]]
    return [Anchor(r.place, s.start_char) for s, r in pairs if r.place is not None and r.place.kind in LOCAL_KINDS]


def second_pass(entries: list[Entry], linker: Linker) -> None:
    """Link the entries the first pass left unlinked, by the article's other places, else by the
    place inside their name (a facility keeps its own name and is placed there)."""
    for entry in entries:
        if entry.resolution.place is not None:
            continue
        entry.resolution = linker.fallback(entry.span)
        unlinked = entry.resolution.place is None and not entry.resolution.skip
        inner = inner_place(entry.span, linker.fallback) if unlinked else None
        if inner is not None and entry.facility:
            entry.near = inner  # "Vancouver International Airport" at Vancouver
        elif inner is not None:
            entry.span, entry.resolution, entry.facility = inner[0], inner[1], False
        entry.facility &= entry.resolution.place is None


def facts_of(article_id: str, doc: Doc, entries: list[Entry], linker: Linker, taken: set[int]) -> list[FactMention]:
    """The entries as place facts, then the names linked elsewhere found again inside other names
    (``echoes``), and approximate points for unlinked local features."""
    gazetteer, resolved, found = linker.gazetteer, {}, []
    for entry in entries:
        for span, resolution in [(entry.span, entry.resolution), *([entry.near] if entry.near else [])]:
            if resolution.place is not None:
                resolved.setdefault(span.text, resolution)
        if entry.resolution.place is None and entry.optional:
            continue
        if entry.facility:
            found.append(facility_fact(article_id, entry.span, gazetteer, linker.context, linker.by_start))
            if entry.near is not None:
                locate_near(found[-1], entry.near[1].place, "the place its name opens with")
        else:
            found.append(to_fact(article_id, entry.span, entry.resolution, gazetteer))
        if entry.cue:
            found[-1].context["cue"] = entry.cue  # why a name the tagger did not call a place is one
    found += [to_fact(article_id, span, resolution, gazetteer)
              for span, resolution in echoes(gazetteer, doc, resolved, taken)]
    anchors = anchors_of(entries)
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


def countries_named(docs: list[Doc]) -> Counter:
    """Countries the given articles name (by spaCy place entities), with counts."""
    gazetteer = load_gazetteer()
    named: Counter = Counter()
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ in PLACE_LABELS:
                named.update(p.country for p in regions_named(gazetteer, ent) if p.kind == "country")
    return named


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
    mention = Mention(article_id, span.text, sentence_of(span), span.start_char)
    return FactMention(kind="place", value=value, mention=mention, key=key, context=context)
