"""The self-contained HTML report: one file, no network, no script, all text escaped.

It is built from the web application's templates (``newsfuse.serve``: ``report.html.j2`` around each story's
``story/_body.html.j2``) with the web application's views, so the report and the story pages show the same
sections, the same basemap and follow the same rules (autoescape, original links over http(s) only). This
module keeps the pieces both use: outlets, label placement and quotation diffs.
"""
from __future__ import annotations

import io
import json
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, TextIO
from urllib.parse import urlparse

from newsfuse.model import Article, Quote, QuoteVariant, Story
from newsfuse.reconcile.quotes import aligned_reference, quote_overlap, word_diff

if TYPE_CHECKING:
    from newsfuse.report.sources import InMemory, StoredArticles, StoredStories

MAP_WIDTH, MAP_HEIGHT = 640, 320
LABEL_FLIP = 0.7  # map labels right of this share of the width go to the point's left
LABEL_CHAR_WIDTH, LABEL_HEIGHT, LABEL_GAP = 6.2, 11.0, 7.0
LABEL_OFFSETS = (0, 12, -12, 24, -24, 36, -36, 48, -48)
REPORT_OPEN = 10  # stories shown open at first; the others open on a click
FOLD_ABOVE = 3  # with more stories than this, a story's long lists fold ("Show all N ...")
ORDER_PAGE = 500  # rows of the report order read at a time


@dataclass
class MapPoint:
    x: float
    y: float
    label: str
    support: int
    anchor: str = "start"  # SVG text-anchor of the label
    label_x: float = 0.0
    label_y: float = 0.0


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


def map_view(story: Story) -> dict | None:
    """The story's map as the report draws it (the web application's basemap view), its points as
    ``MapPoint``; None without located places."""
    from newsfuse.serve.views import map_view as basemap_view
    from newsfuse.serve.views import places
    located = places(story.to_dict())
    if not any(p["located"] for p in located):
        return None
    view = basemap_view(located, compact=True)
    view["points"] = [MapPoint(p["x"], p["y"], p["label"], p["support"], p["anchor"], p["label_x"], p["label_y"])
                      for p in view["points"]]
    return view


def timeline_view(story: Story) -> dict | None:
    """The story's dated events in time order (the web application's timeline), each with ``when`` and the
    phrases that gave the date as ``label``; None without dates."""
    from newsfuse.serve.views import timeline, timeline_axis
    events = timeline(story.to_dict())
    if not events:
        return None
    rows = [SimpleNamespace(when=e["when"], label=", ".join(e["said"]), support=e["support"], start=e["start"])
            for e in events]
    return {"rows": rows, "axis": timeline_axis(events)}


def _index_line(view: dict) -> dict:
    """The index card of a story, as the web application's index gives it."""
    summary = view["summary"]
    labels = {facet: sorted({label for name, _, label in summary.facets if name == facet})
              for facet in ("outlet", "place")}
    return {"id": summary.id, "headline": view["headline"], "event_date": summary.event_date,
            "last_date": summary.last_date, "articles": summary.n_articles, "independent_sources": summary.n_sources,
            "conflicts": summary.n_conflicts, "outlets": labels["outlet"], "places": labels["place"]}


def render_report(stories: list[Story], articles: dict[str, Article]) -> str:
    """The self-contained report of stories and articles in memory, as text (``write_report``)."""
    from newsfuse.report.sources import as_articles, as_stories

    text = io.StringIO()
    write_report(text, as_stories(stories), as_articles(articles))
    return text.getvalue()


def write_report(stream: TextIO, stories: InMemory | StoredStories, articles: InMemory | StoredArticles) -> None:
    """The self-contained report: the web application's story template for every story (its ids prefixed per
    story, links to the original articles only, none into the application), an index of the stories most
    covered first, the stylesheet inlined; it loads nothing and has no script.

    Written as it is rendered, one story at a time: a first pass over the stories (in pages) puts each one's
    place in the order and its index line in a scratch table on disk; the template then takes the stories
    in that order, each story's view made when its section is written and dropped after."""
    from newsfuse.serve.templating import environment, stylesheet

    with tempfile.TemporaryDirectory(prefix="newsfuse-report-") as scratch:
        order = ReportOrder(Path(scratch) / "order.sqlite")
        try:
            order.add_all(stories, articles)
            views = OrderedViews(order, stories, articles)
            for text in environment().get_template("report.html.j2").generate(
                    views=views, open=REPORT_OPEN, fold_above=FOLD_ABOVE, css=stylesheet(), n_articles=len(articles)):
                stream.write(text)
        finally:
            order.close()


def _member_data(story: dict, articles: dict[str, Article]) -> dict[str, dict]:
    """The story's articles' data in the story's order (those known)."""
    return {a: articles[a].to_dict() for a in story.get("articles") or [] if a in articles}


class ReportOrder:
    """The stories' report order, most covered first (independent sources, then articles, then the newest
    date, then id), and their index lines, kept on disk (SQLite) rather than in memory."""

    def __init__(self, path: Path):
        self.connection = sqlite3.connect(path)
        self.connection.execute("CREATE TABLE story_order (n_sources INTEGER, n_articles INTEGER, day TEXT, "
                                "id TEXT, line TEXT)")

    def add_all(self, stories: InMemory | StoredStories, articles: InMemory | StoredArticles) -> None:
        from newsfuse.serve.views import summarize

        for page in stories.pages():
            data = [story.to_dict() for story in page]
            known = articles.by_id(a for story in data for a in story.get("articles") or [])
            rows = []
            for story in data:
                summary = summarize(story, _member_data(story, known))
                line = _index_line({"headline": summary.headline, "summary": summary})
                rows.append((summary.n_sources, summary.n_articles, summary.event_date or summary.last_date or "",
                             summary.id, json.dumps(line, ensure_ascii=False)))
            self.connection.executemany("INSERT INTO story_order VALUES (?, ?, ?, ?, ?)", rows)

    def __len__(self) -> int:
        return self.connection.execute("SELECT count(*) FROM story_order").fetchone()[0]

    def __iter__(self) -> Iterator[tuple[str, dict]]:
        """(story id, index line) most covered first: independent sources, articles, newest date, then id."""
        cursor = self.connection.execute("SELECT id, line FROM story_order "
                                         "ORDER BY n_sources DESC, n_articles DESC, day DESC, id, rowid")
        while rows := cursor.fetchmany(ORDER_PAGE):
            for story_id, line in rows:
                yield story_id, json.loads(line)

    def close(self) -> None:
        self.connection.close()


class OrderedViews:
    """The stories' views in report order for the template, each made when the template first asks for
    more than its index line; the template goes through them twice (the index, then the sections)."""

    def __init__(self, order: ReportOrder, stories: InMemory | StoredStories,
                 articles: InMemory | StoredArticles):
        self.order, self.stories, self.articles = order, stories, articles
        self.count = len(order)

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[dict]:
        for number, (story_id, line) in enumerate(self.order, start=1):
            yield LazyView(self, story_id, anchor=f"s{number}", line=line)

    def view(self, story_id: str) -> dict:
        from newsfuse.serve.views import story_view

        data = self.stories.by_id([story_id])[story_id].to_dict()
        return story_view(data, _member_data(data, self.articles.by_id(data.get("articles") or [])), compact_map=True)


class LazyView(dict):
    """A story's view holding its anchor and index line; the rest is made on the first look-up of anything else."""

    def __init__(self, views: OrderedViews, story_id: str, **known):
        super().__init__(known)
        self._views, self._story_id = views, story_id

    def __missing__(self, key: str):
        made = self._views.view(self._story_id)
        for name, value in made.items():
            self.setdefault(name, value)
        return dict.__getitem__(self, key)
