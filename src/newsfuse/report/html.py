"""The self-contained HTML report: one file, no network, all text escaped.

Views (sources, timeline, map) are computed here; the template only lays them out.
The map is an inline SVG in an equirectangular projection with a lat/lon grid.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlparse

from jinja2 import Environment, PackageLoader, select_autoescape

from newsfuse.model import Article, Quote, QuoteVariant, Story
from newsfuse.reconcile.quotes import aligned_reference, quote_overlap, word_diff

_ENVIRONMENT = Environment(loader=PackageLoader("newsfuse.report", "templates"),
                           autoescape=select_autoescape(default=True, default_for_string=True))

MAP_WIDTH, MAP_HEIGHT = 640, 320
MAP_MARGIN_DEGREES = 4.0
GRID_STEPS = (1, 2, 5, 10, 15, 30)
TIMELINE_WIDTH, TIMELINE_ROW = 640, 24
TIMELINE_LABEL_WIDTH = 190
LABEL_FLIP = 0.7  # map labels right of this share of the width go to the point's left
LABEL_CHAR_WIDTH, LABEL_HEIGHT, LABEL_GAP = 6.2, 11.0, 7.0
LABEL_OFFSETS = (0, 12, -12, 24, -24, 36, -36, 48, -48)


@dataclass
class SourceRow:
    article: str
    outlet: str
    title: str
    date: str
    relation: str
    group: int


@dataclass
class MapPoint:
    x: float
    y: float
    label: str
    support: int
    anchor: str = "start"  # SVG text-anchor of the label
    label_x: float = 0.0
    label_y: float = 0.0


@dataclass
class TimelineRow:
    y: int
    when: str
    label: str
    support: int


def outlet_of(article: Article) -> str:
    """The outlet's name as the feed gives it, else the site's name or host, else the input file's name."""
    if article.outlet or article.site:
        return article.outlet or article.site
    for address in (article.url, article.source):
        try:
            host = urlparse(address or "").netloc
        except ValueError:  # a malformed address, such as an unclosed "[" of an IPv6 host
            continue
        if host:
            return host.removeprefix("www.")
    agency = article.dateline.agency if article.dateline else None
    return agency or (article.source or article.id).rsplit("/", 1)[-1]


def source_rows(story: Story, articles: dict[str, Article]) -> list[SourceRow]:
    relations: dict[str, list[str]] = {}
    for relation in story.provenance.relations:
        arrow = "of" if relation.directed else "with"
        relations.setdefault(relation.source, []).append(f"{relation.relation} {arrow} {relation.target}")
        relations.setdefault(relation.target, []).append(f"{relation.relation} with {relation.source}")
    rows = []
    for article_id in story.articles:
        article = articles.get(article_id)
        if article is None:
            continue
        dated = article.published or (article.dateline.date if article.dateline else None) or ""
        try:
            group = story.provenance.group_of(article_id) + 1
        except KeyError:
            group = 0
        rows.append(SourceRow(article_id, outlet_of(article), article.title or "(no headline)", dated,
                              "; ".join(relations.get(article_id, [])) or "independent", group))
    return sorted(rows, key=lambda r: (r.group, r.article))


def _grid_step(span: float) -> int:
    return next((s for s in GRID_STEPS if span / s <= 8), GRID_STEPS[-1])


def _label_box(point: MapPoint, dy: float, anchor: str) -> tuple[float, float, float, float]:
    width = LABEL_CHAR_WIDTH * len(point.label)
    left = point.x + LABEL_GAP if anchor == "start" else point.x - LABEL_GAP - width
    return left, point.y + dy - LABEL_HEIGHT, left + width, point.y + dy


def place_labels(points: list[MapPoint]) -> None:
    """Greedy label placement: best-supported places first, each label moved up or down,
    or to the other side of its point, until it overlaps no label already placed."""
    placed: list[tuple[float, float, float, float]] = []
    for point in sorted(points, key=lambda p: -p.support):
        sides = [point.anchor, "end" if point.anchor == "start" else "start"]
        options = [(dy, anchor) for dy in LABEL_OFFSETS for anchor in sides]
        for dy, anchor in options:
            box = _label_box(point, dy + 4, anchor)
            inside = box[0] >= 0 and box[2] <= MAP_WIDTH and box[1] >= 0 and box[3] <= MAP_HEIGHT
            if inside and all(box[2] < b[0] or box[0] > b[2] or box[3] < b[1] or box[1] > b[3] for b in placed):
                break
        else:
            dy, anchor = 0, point.anchor
            box = _label_box(point, dy + 4, anchor)
        placed.append(box)
        point.anchor = anchor
        point.label_x = point.x + LABEL_GAP if anchor == "start" else point.x - LABEL_GAP
        point.label_y = point.y + dy + 4


def map_view(story: Story) -> dict | None:
    """Located places projected into the SVG box, with grid lines; None without places."""
    located = [f for f in story.facts if f.kind == "place" and isinstance(f.value.get("lat"), (int, float))
               and isinstance(f.value.get("lon"), (int, float))]
    if not located:
        return None
    lats = [float(f.value["lat"]) for f in located]
    lons = [float(f.value["lon"]) for f in located]
    south, north = max(-90.0, min(lats) - MAP_MARGIN_DEGREES), min(90.0, max(lats) + MAP_MARGIN_DEGREES)
    west, east = max(-180.0, min(lons) - MAP_MARGIN_DEGREES), min(180.0, max(lons) + MAP_MARGIN_DEGREES)
    if (east - west) < 2 * (north - south):  # keep degrees square-ish in a 2:1 box
        middle, half = (east + west) / 2, (north - south)
        west, east = max(-180.0, middle - half), min(180.0, middle + half)
    else:
        middle, half = (north + south) / 2, (east - west) / 4
        south, north = max(-90.0, middle - half), min(90.0, middle + half)

    def project(lat: float, lon: float) -> tuple[float, float]:
        return ((lon - west) / (east - west) * MAP_WIDTH, (north - lat) / (north - south) * MAP_HEIGHT)

    step = _grid_step(east - west)
    meridians = [(project(south, lon)[0], f"{lon:g}°") for lon in range(int(west // step * step), int(east) + 1, step)
                 if west <= lon <= east]
    parallels = [(project(lat, west)[1], f"{lat:g}°") for lat in range(int(south // step * step), int(north) + 1, step)
                 if south <= lat <= north]
    points = []
    for fact, lat, lon in zip(located, lats, lons):
        x, y = project(lat, lon)
        points.append(MapPoint(round(x, 1), round(y, 1), str(fact.value.get("name") or fact.mentions[0].text),
                               fact.independent_support, "end" if x > LABEL_FLIP * MAP_WIDTH else "start"))
    place_labels(points)
    return {"width": MAP_WIDTH, "height": MAP_HEIGHT, "points": points,
            "meridians": meridians, "parallels": parallels}


def _date_text(start: str, end: str) -> str:
    return start if start == end else f"{start} \u2013 {end}"


def timeline_view(story: Story) -> dict | None:
    """Date facts in time order, one row each, for a vertical timeline; None without dates."""
    rows = []
    for fact in story.facts:
        start, end = fact.value.get("start"), fact.value.get("end") or fact.value.get("start")
        if fact.kind == "date" and start:
            said = ", ".join(sorted({m.text for m in fact.mentions}, key=lambda text: (len(text), text))[:3])
            rows.append((str(start), str(end), said, fact.independent_support))
    if not rows:
        return None
    rows.sort()
    return {"width": TIMELINE_WIDTH, "height": TIMELINE_ROW * (len(rows) + 1), "axis": TIMELINE_LABEL_WIDTH - 12,
            "text": TIMELINE_LABEL_WIDTH,
            "rows": [TimelineRow(TIMELINE_ROW * (i + 1), _date_text(start, end), said, support)
                     for i, (start, end, said, support) in enumerate(rows)]}


def notable_facts(story: Story) -> list:
    """Facts whose agreement needed explaining (unit conversions, spellings, titles)."""
    return [f for f in story.facts if f.explanation and f.explanation != "agree"
            and not f.explanation.startswith(("unresolved", "conflict"))]


def headline_of(story: Story, articles: dict[str, Article]) -> str:
    """The story's headline, else its first article's title, else its first sentence."""
    titles = [articles[a].title for a in story.articles if a in articles and articles[a].title]
    first_brief = next((b.text for b in story.brief), "")
    return story.headline or (titles[0] if titles else first_brief) or "Untitled story"


def variant_runs(quote: Quote, variant: QuoteVariant) -> tuple[list[tuple[str, str]], bool]:
    """Word diff of a rendering against the quotation (or, for a fragment of a longer rendering,
    against that rendering), over the stretch it covers; True when it is a partial quotation."""
    others = [v.text for v in quote.variants if v is not variant] or [quote.text]
    best = max(others, key=lambda text: (quote_overlap(text, variant.text)[1], text == quote.text))
    reference = quote.text if quote_overlap(quote.text, variant.text)[1] >= quote_overlap(best, variant.text)[1] \
        else best
    stretch = aligned_reference(reference, variant.text)
    partial = len(stretch.split()) < len(quote.text.split())
    return word_diff(stretch, variant.text), partial


def render_report(stories: list[Story], articles: dict[str, Article]) -> str:
    views = [{"story": story, "headline": headline_of(story, articles),
              "sources": source_rows(story, articles), "map": map_view(story),
              "timeline": timeline_view(story), "notable": notable_facts(story)} for story in stories]
    return _ENVIRONMENT.get_template("report.html.j2").render(views=views, articles=articles, variant_runs=variant_runs)
