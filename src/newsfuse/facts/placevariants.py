"""Spelling variants and sound-alikes of place names, and ``Resolution`` (how a place span was linked).

``best_variant`` finds a settlement of a given country (and region) whose name is within a few
edits of the written one (transliterations: "Kharkov"/"Kharkiv"); ``sound_alike`` the one
settlement of an explicitly named region that starts like it (low confidence).
"""
from __future__ import annotations

from dataclasses import dataclass

from newsfuse.facts.gazetteer import Gazetteer, Place
from newsfuse.facts.placenames import translit_key

MIN_VARIANT_LENGTH = 4
LONG_NAME_LENGTH = 8
SKELETON_PREFIX = 2  # first letter and next consonant must agree for a sound-alike
SOUND_ALIKE_LENGTH_SLACK = 2


@dataclass
class Resolution:
    place: Place | None
    match: str
    note: str = ""
    skip: bool = False  # not a place mention at all
    supported: bool = True  # the text's countries or regions back the link (not only size or kind)
    weak: Place | None = None  # the best candidate of an unlinked name, which nothing in the text backs
    guess: bool = False  # linked, unbacked, in an article that names no country: the best guess there is


def max_edits(key: str) -> int:
    if len(key) < MIN_VARIANT_LENGTH:
        return 0
    return 2 if len(key) >= LONG_NAME_LENGTH else 1


def best_variant(gazetteer: Gazetteer, name: str, country: str, region: Place | None) -> Resolution | None:
    """A city of ``country`` (and ``region``) whose name is a spelling variant of ``name``."""
    edits = max_edits(translit_key(name))
    if not edits:
        return None
    for distance, place, key in gazetteer.variants(name, country, edits):
        if region is None or place.region_code == region.region_code:
            return Resolution(place, "transliteration",
                              f"spelling/transliteration variant of {place.spelling_of(key)}"
                              f" ({place.name}, {place.country}; {distance} edit(s) apart)")
    return None


def skeleton(key: str) -> str:
    """The first letter and the consonants after it ("" for a name with no letters, such as ".")."""
    return key[:1] + "".join(ch for ch in key[1:] if ch not in "aeiou")


def sound_alike(gazetteer: Gazetteer, name: str, region: Place) -> Resolution | None:
    """The one settlement of an explicitly named region that starts like ``name`` (low confidence)."""
    if region.kind != "admin1":
        return None
    key = translit_key(name)
    prefix = skeleton(key)[:SKELETON_PREFIX]
    matches = {(p.ident, p): k for p, k in gazetteer.region_cities(region.region_code)
               if skeleton(k)[:SKELETON_PREFIX] == prefix and len(prefix) == SKELETON_PREFIX
               and abs(len(k) - len(key)) <= SOUND_ALIKE_LENGTH_SLACK}
    if len({ident for ident, _ in matches}) != 1:
        return None
    (_, place), key = next(iter(matches.items()))
    return Resolution(place, "sound-alike-in-region",
                      f"low confidence: no settlement is called '{name}' anywhere in the gazetteer (it may "
                      f"name a river or other feature elsewhere); the only settlement in {region.name} "
                      f"that sounds like it is {place.name} ({place.spelling_of(key)}), of which '{name}' "
                      f"may be a translated or exonym form")
