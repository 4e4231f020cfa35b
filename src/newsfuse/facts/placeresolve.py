"""How one place span links: the gazetteer candidates of its name ranked by what the article names.

``read_context`` collects the countries and first-level regions an article names (by sentence and
overall) and which regions its other place names could lie in; ``resolve`` ranks the candidates of
one span by kind, population, main name, capital, those countries and regions, the span's explicit
container ("X, Country", "X in Region") and the other names' regions, and links the best one when
the text backs it or it is a wide area or big enough (``linkable``), else tries spelling variants
in a country the sentence names and otherwise says why it stays unlinked. ``places.find_places``
runs it over the article's spans (first pass) and falls back on the article's other places.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Span

from newsfuse.facts.countries import country_alias, us_state_code
from newsfuse.facts.gazetteer import Gazetteer, Place
from newsfuse.facts.placenames import admin_key, fold, has_region_word
from newsfuse.facts.placevariants import Resolution, best_variant, sound_alike

CONTAINER_WORDS = {",", "in", "of"}
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
MIN_REGION_STEM = 4  # "Bay County" is too short a stem to trust a far-away "Bay" region
# Words that name a direction or a generic area, never linked by spelling variants.
GENERIC_WORDS = frozenset("north south east west northern southern eastern western central far "
                          "middle upper lower greater".split())
DIRECTION_WORDS = frozenset("northern southern eastern western central northeast northwest southeast southwest "
                            "northeastern northwestern southeastern southwestern".split())
POSSESSIVE_ENDINGS = ("'s", "’s", "'", "’")


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
    story_countries_read: bool = False  # whether a name fell back on them (the article's places depend on its story)

    def support_for(self, name: str) -> Counter:
        """Countries the article (else the story) names, not counting mentions of ``name`` itself."""
        own = self.article_countries - self.by_name.get(name, Counter())
        if own:
            return own
        self.story_countries_read = True
        return Counter(self.story_countries)

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
    """A region in a list of regions ("Angola, Chad and Niger", "Ohio, Iowa"), not one inside the next;
    a country named in full before another is always listed ("China, Japan": not the town China, Japan)."""
    level = {"continent": 3, "country": 2, "admin1": 1}
    country_named = container.kind == "country" and any(
        r.kind == "country" and fold(r.name) == fold(surface_name(span)) for r in named_regions)
    return (span.end < len(span.doc) and span.doc[span.end].text == ","
            and any(level.get(r.kind, 0) >= level.get(container.kind, 0) for r in named_regions)
            and (country_named or not any(within(place, container) for place, _ in cities)))


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
    others = context.support_for(surface_name(span))  # countries the article's other names name
    self_named = {p.country for p in named_regions} - set(others)  # "São Paulo" does not back Brazil; "Brazil" does
    support = Support(context.sentence_countries.get(span.sent.start, set()) - self_named, others,
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
