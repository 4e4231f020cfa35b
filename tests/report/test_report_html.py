"""The HTML report's content without a browser: sections, diffs, escaping, offline map and timeline."""
from __future__ import annotations

import re

from newsfuse.model import (Article, Fact, Mention, Provenance, Quote, QuoteVariant, Relation, Story)
from newsfuse.report import render_report
from newsfuse.report.html import map_view, timeline_view


def story_with(facts=(), quotes=()) -> tuple[Story, dict[str, Article]]:
    articles = {a: Article(id=a, source=f"https://www.{a}.example/news/1", title=f"Title <b>{a}</b>", body=["x"])
                for a in ("a", "b")}
    story = Story(id="S1", articles=["a", "b"], headline="Crates <script>alert(1)</script>",
                  provenance=Provenance([Relation("b", "a", "copy", 0.9, True)], [["a", "b"]]))
    story.facts, story.quotes = list(facts), list(quotes)
    return story, articles


def place_fact(name, lat, lon):
    return Fact("F1", "place", {"name": name, "lat": lat, "lon": lon}, [Mention("a", name)], 1)


def test_report_escapes_text_and_shows_sources_with_relations():
    story, articles = story_with()
    html = render_report([story], articles)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "<b>a</b>" not in html
    assert "a.example" in html and "copy of a" in html
    assert not re.search(r"""(src|href)=["']https?:""", html)  # nothing loads from the network


def test_quote_variant_differences_are_marked():
    quote = Quote("Q1", "Mira Tal", "hold the timber now", [Mention("a", "x"), Mention("b", "y")], 1,
                  [QuoteVariant("a", "hold the timber now"), QuoteVariant("b", "hold the rifles now", "diff")])
    story, articles = story_with(quotes=[quote])
    html = render_report([story], articles)
    assert "<del>timber</del>" in html and "<ins>rifles</ins>" in html


def test_map_projects_places_inside_the_box_with_a_grid():
    story, _ = story_with(facts=[place_fact("Karvik", 42.2, 130.3), place_fact("Telmar", 45.9, 40.1)])
    view = map_view(story)
    assert {p.label for p in view["points"]} == {"Karvik", "Telmar"}
    assert all(0 <= p.x <= view["width"] and 0 <= p.y <= view["height"] for p in view["points"])
    east = max(view["points"], key=lambda p: p.x)
    assert east.label == "Karvik" and east.anchor == "end"
    assert view["meridians"] and view["parallels"]


def test_map_and_timeline_are_absent_without_places_or_dates():
    story, _ = story_with()
    assert map_view(story) is None and timeline_view(story) is None


def test_timeline_orders_dates():
    later = Fact("F2", "date", {"start": "2031-05-09", "end": "2031-05-09"}, [Mention("a", "Friday")], 2)
    earlier = Fact("F3", "date", {"start": "2031-05-01", "end": "2031-05-31"}, [Mention("b", "May")], 1)
    rows = timeline_view(story_with(facts=[later, earlier])[0])["rows"]
    assert [r.label for r in rows] == ["May", "Friday"] and rows[0].when == "2031-05-01 \u2013 2031-05-31"
