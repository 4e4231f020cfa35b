"""The shipped gazetteer: countries, first-level regions and populated places.

Loaded once per process, lazily, from ``data/gazetteer.tsv.gz`` (built by
``data/build_gazetteer.py`` from GeoNames data). Looks names up by their
transliteration key (``placenames.translit_key``), regions also by
``admin_key``, and finds spelling variants within one country by edit distance.
"""
from __future__ import annotations

import gzip
import json
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from newsfuse.facts.placenames import admin_key, translit_key

DATA_FILE = Path(__file__).resolve().parent / "data" / "gazetteer.tsv.gz"
KIND_NAMES = {"C": "country", "A": "admin1", "B": "admin2", "L": "continent", "P": "city", "K": "city"}
CAPITAL = "K"
LOOKUP_CACHE = 65536
BASE = 36  # row numbers in the key postings
COUNTRY_CACHE = 64


@dataclass(frozen=True)
class Place:
    """One gazetteer entry; ``keys`` are the transliteration keys of its names."""

    kind: str  # "country", "admin1", "admin2" (a county), "continent" or "city"
    ident: str
    name: str
    country: str
    admin1: str
    lat: float
    lon: float
    population: int
    keys: tuple[str, ...]
    capital: bool = False

    @property
    def gazetteer_id(self) -> str:
        if self.kind == "country":
            return f"country:{self.ident}"
        if self.kind in ("admin1", "admin2"):
            return f"{self.kind}:{self.ident}"
        return f"geonames:{self.ident}"

    @property
    def region_code(self) -> str:
        """``CC.admin1`` of a city or region, ``CC`` of a country ("" for a continent)."""
        return f"{self.country}.{self.admin1}" if self.admin1 else self.country

    def spelling_of(self, key: str) -> str:
        """A readable form of the name whose key is ``key`` (keys keep no case)."""
        return self.name if key == self.keys[0] else key.title()


def parse_row(line: str) -> Place:
    kind, ident, name, cc, admin1, lat, lon, population, keys = line.rstrip("\n").split("\t")
    return Place(KIND_NAMES[kind], ident, name, cc, admin1, float(lat), float(lon), int(population),
                 tuple(keys.split("|")), kind == CAPITAL)


class Gazetteer:
    """Name lookups over the shipped place list; rows are parsed only when needed."""

    def __init__(self, text: str) -> None:
        header_line, _, body = text.partition("\n")
        header = json.loads(header_line)
        lines = body.split("\n")
        rows, key_count = header["rows"], header["keys"]
        self.lines = lines[:rows]
        self.index = lines[rows:rows + key_count]  # "key<TAB>row row ...", sorted by key
        self.country_ranges: dict[str, list[int]] = header["countries"]
        self.admin1: dict[str, Place] = {}
        self.countries: dict[str, Place] = {}
        self.regions_by_key: dict[str, list[Place]] = defaultdict(list)
        for line in self.lines:
            if line[0] not in "CA":
                break
            self._add_region(parse_row(line))

    def rows_of(self, key: str) -> list[int]:
        """Row numbers of the places with a name keyed ``key``."""
        prefix = f"{key}\t"
        position = bisect_left(self.index, prefix)
        if position == len(self.index) or not self.index[position].startswith(prefix):
            return []
        return [int(number, BASE) for number in self.index[position][len(prefix):].split()]

    def _add_region(self, place: Place) -> None:
        self.regions_by_key[admin_key(place.name)].append(place)
        if place.kind == "country":
            self.countries[place.country] = place
        else:
            self.admin1[place.region_code] = place

    @lru_cache(maxsize=LOOKUP_CACHE)
    def place(self, index: int) -> Place:
        return parse_row(self.lines[index])

    @lru_cache(maxsize=LOOKUP_CACHE)
    def lookup(self, name: str) -> tuple[tuple[Place, str], ...]:
        """(place, matched key) for places with a name or alternate keyed like ``name``."""
        key = translit_key(name)
        return tuple((self.place(i), key) for i in self.rows_of(key))

    @lru_cache(maxsize=LOOKUP_CACHE)
    def lookup_region(self, name: str) -> tuple[Place, ...]:
        """Countries and regions named ``name``, ignoring words like "Krai" or "Province"."""
        key = admin_key(name)
        return tuple(self.regions_by_key.get(key, ())) if key else ()

    @lru_cache(maxsize=LOOKUP_CACHE)
    def variants(self, name: str, country: str, max_distance: int) -> tuple[tuple[int, Place, str], ...]:
        """Cities of ``country`` with a name key within ``max_distance`` edits of ``name``'s.

        Returns (distance, place, matched key), nearest first, then most populous.
        """
        keys, rows = self.country_keys(country)
        matches = process.extract(translit_key(name), keys, scorer=Levenshtein.distance,
                                  score_cutoff=max_distance, limit=None)
        found: dict[int, tuple[int, Place, str]] = {}
        for key, distance, position in matches:
            row = rows[position]
            if row not in found or distance < found[row][0]:
                found[row] = (distance, self.place(row), key)
        return tuple(sorted(found.values(), key=lambda f: (f[0], -f[1].population)))

    @lru_cache(maxsize=COUNTRY_CACHE)
    def country_keys(self, country: str) -> tuple[list[str], list[int]]:
        """Every name key of every city of ``country``, with its row number."""
        keys: list[str] = []
        rows: list[int] = []
        start, end = self.country_ranges.get(country, (0, 0))
        for row in range(start, end):
            line = self.lines[row]
            for key in line[line.rindex("\t") + 1:].split("|"):
                keys.append(key)
                rows.append(row)
        return keys, rows

    @lru_cache(maxsize=LOOKUP_CACHE)
    def region_cities(self, region_code: str) -> tuple[tuple[Place, str], ...]:
        """(city, name key) for every name of every city in an admin1 region ``CC.code``."""
        start, end = self.country_ranges.get(region_code.split(".")[0], (0, 0))
        places = (self.place(i) for i in range(start, end))
        return tuple((p, k) for p in places if p.region_code == region_code for k in p.keys)

    def region_of(self, place: Place) -> Place | None:
        """The admin1 region a city or county lies in, if the gazetteer names it."""
        return self.admin1.get(place.region_code) if place.kind in ("city", "admin2") else None


@lru_cache(maxsize=1)
def load_gazetteer(path: Path = DATA_FILE) -> Gazetteer:
    """The gazetteer, read once per process."""
    return Gazetteer(gzip.decompress(path.read_bytes()).decode("utf-8"))
