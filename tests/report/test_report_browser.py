"""The HTML report in headless Chromium: renders, no console errors, sections, no script execution."""
from __future__ import annotations

from pathlib import Path

import pytest
from _browser import chromium_missing, launch_chromium, open_page

from newsfuse.config import ReconcileConfig
from newsfuse.model import Article, FactMention, Mention, Provenance, Story
from newsfuse.reconcile import reconcile_story
from newsfuse.report import render_report

SECTIONS = ["Sources", "Brief", "Disputed", "Only one source says", "Quote ledger", "Timeline", "Map"]
HOSTILE = "<script>document.title='pwned';window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">"

pytestmark = pytest.mark.skipif(chromium_missing(), reason="Debian's chromium is not installed")


def fictional_story(extra: str = "") -> tuple[list[Story], dict[str, Article]]:
    bodies = {
        "a": [f"More than 400 crates were shipped from Karvik to Telmar on Monday. {extra}".strip(),
              "\u201cThese crates hold timber,\u201d said Mira Tal."],
        "b": ["More than 400 crates were shipped from Karvik to Telmar on Monday, the port said."],
    }
    articles = {a: Article(id=a, source=f"{a}.html", title=f"Crates leave Karvik ({a})", body=body,
                           published="2031-05-05", site=f"outlet-{a}.example") for a, body in bodies.items()}
    story = Story(id="S1", articles=["a", "b"], headline="Crates leave Karvik", event_date="2031-05-05",
                  provenance=Provenance(independent_groups=[["a"], ["b"]]))
    for article in ("a", "b"):
        sentence = articles[article].body[0]
        story.fact_mentions += [
            FactMention("place", {"name": "Telmar", "country": "XX", "lat": 42.9, "lon": 132.3, "gazetteer_id": "g:1"},
                        Mention(article, "Telmar", sentence, sentence.find("Telmar")), "g:1"),
            FactMention("date", {"start": "2031-05-05", "end": "2031-05-05"},
                        Mention(article, "Monday", sentence, sentence.find("Monday")), "", {"granularity": "day"})]
    reconcile_story(story, articles, ReconcileConfig())
    return [story], articles


@pytest.fixture
def browser():
    with launch_chromium() as chromium:
        yield chromium


def open_report(browser, path: Path):
    page, errors, _ = open_page(browser, path.as_uri())
    return page, errors


def test_report_renders_sections_without_console_errors(browser, tmp_path):
    stories, articles = fictional_story()
    report = tmp_path / "report.html"
    report.write_text(render_report(stories, articles), encoding="utf-8")
    page, errors = open_report(browser, report)
    headings = page.locator("h3").all_inner_texts()
    assert all(section in headings for section in SECTIONS)
    assert page.locator("ol.brief li").count() >= 1
    assert page.locator("svg.map circle").count() == 1  # Telmar on the offline map
    assert page.locator("svg.timeline circle").count() == 1  # Monday
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    assert (tmp_path / "report.png").stat().st_size > 10_000
    assert errors == []


def test_script_in_article_text_is_shown_not_run(browser, tmp_path):
    stories, articles = fictional_story(HOSTILE)
    html = render_report(stories, articles)
    assert "<script>document.title" not in html
    report = tmp_path / "hostile.html"
    report.write_text(html, encoding="utf-8")
    page, errors = open_report(browser, report)
    page.wait_for_timeout(200)
    assert page.title() == "newsfuse report"
    assert page.evaluate("window.__pwned === undefined")
    assert "<script>document.title" in page.locator("body").inner_text()
    assert errors == []
