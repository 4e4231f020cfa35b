"""Places located by the article's other places, after the first pass has linked what it could.

The towns and counties the first pass linked are the article's anchors (a local story's places
lie close together). Two fallbacks use them:

- ``nearest_candidate``: a name no country or region in the text backs ("Athens" in a paper that
  names no state) is the place of that name within ``NEAR_KM`` of an anchor, the nearest one
  ("Athens" beside "Tyler" and "Henderson County" is Athens, Texas);
- ``approximate_point``: a local feature the gazetteer cannot hold (a river, lake, street, park,
  township, a named facility, "the X County Commissioners") gets the point of the anchor named
  closest to it in the text. The value keeps the feature's own name and no gazetteer id:
  ``context["match"]`` is "approximate" and ``context["near"]`` names the anchor.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy

from newsfuse.facts.gazetteer import Gazetteer, Place
from newsfuse.facts.placevariants import Resolution

NEAR_KM = 150.0
MIN_PEER_VOTES = 1
EARTH_RADIUS_KM = 6371.0
LOCAL_KINDS = ("city", "admin2")
# Head words of local features the gazetteer (settlements and regions) does not hold.
FEATURE_WORDS = frozenset("""
    river rivers creek lake lakes pond reservoir bay falls springs spring island beach trail
    street st road rd avenue ave boulevard blvd highway drive lane parkway pike way
    park parks township twp borough ward neighborhood neighbourhood hills heights valley mountain
    downtown square mall hall center centre courthouse jail
""".split())


@dataclass(frozen=True)
class Anchor:
    """A town or county the article links, with where its mention starts."""

    place: Place
    start: int


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def distances_km(places: list[Place], others: list[Place]) -> numpy.ndarray:
    """Great-circle distances between every place of ``places`` (rows) and of ``others`` (columns)."""
    lat1, lon1 = numpy.radians([[p.lat, p.lon] for p in places]).T
    lat2, lon2 = numpy.radians([[p.lat, p.lon] for p in others]).T
    h = (numpy.sin((lat2[None, :] - lat1[:, None]) / 2) ** 2
         + numpy.cos(lat1)[:, None] * numpy.cos(lat2)[None, :] * numpy.sin((lon2[None, :] - lon1[:, None]) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * numpy.arcsin(numpy.sqrt(numpy.minimum(1.0, h)))


def local_candidates(gazetteer: Gazetteer, name: str) -> list[Place]:
    """Towns and counties whose main name is ``name`` (not an old or alternate one)."""
    return list(dict.fromkeys(p for p, key in gazetteer.lookup(name) if p.kind in LOCAL_KINDS and key == p.keys[0]))


def nearest_candidate(gazetteer: Gazetteer, name: str, anchors: list[Anchor],
                      peers: dict[str, list[Place]]) -> Resolution | None:
    """The town or county called ``name`` within ``NEAR_KM`` of the article's anchors (the nearest),
    else the one near which most of the article's other unlinked names have a namesake."""
    candidates = local_candidates(gazetteer, name)
    if not candidates:
        return None
    others = [a for a in anchors if a.place not in candidates]
    if others:
        km = distances_km(candidates, [a.place for a in others])
        row, column = numpy.unravel_index(numpy.argmin(km), km.shape)
        if km[row, column] <= NEAR_KM:
            place, anchor = candidates[row], others[column].place
            return Resolution(place, "nearby", f"the {place.name} ({place.country}) {km[row, column]:.0f} km from "
                                               f"{anchor.name}, which the article also names")
    votes = numpy.zeros(len(candidates))
    for other, places in peers.items():
        if other != name and places:
            votes += (distances_km(candidates, places) <= NEAR_KM).any(axis=1)
    if not votes.any() or votes.max() < MIN_PEER_VOTES:
        return None
    best = max(range(len(candidates)), key=lambda i: (votes[i], candidates[i].population))
    place = candidates[best]
    return Resolution(place, "nearby", f"the {place.name} ({place.country}), near which {votes[best]:.0f} of the "
                                       "article's other place names have a namesake")


def is_local_feature(name: str) -> bool:
    """A name headed by a word for a local feature or institution building ("Catawba River")."""
    words = name.lower().replace(".", "").split()
    return len(words) >= 2 and words[-1] in FEATURE_WORDS


def approximate_point(start: int, anchors: list[Anchor]) -> Anchor | None:
    """The anchor named closest to ``start`` in the text, preferring one before it."""
    if not anchors:
        return None
    return min(anchors, key=lambda anchor: (abs(anchor.start - start), anchor.start > start))
