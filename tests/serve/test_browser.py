"""The web application in Debian's chromium: every page renders without console errors, search and facets
narrow the index, scraped script never runs, and an upload through the form shows the new article in its story."""
from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
from _browser import chromium_missing, launch_chromium, open_page
from serve_fixtures import CHROME, ODD_ID, SCRIPT, STORY_ID, TOKEN, LiveServer, fictional_data, write_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "ferry-fire"
HELD_OUT = "harbour-times.html"

pytestmark = pytest.mark.skipif(chromium_missing(), reason="Debian's chromium is not installed")


@pytest.fixture(scope="module")
def browser():
    with launch_chromium() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    path = write_store(tmp_path_factory.mktemp("hostile") / "store.sqlite", *fictional_data())
    with LiveServer(path) as server:
        yield server


@pytest.mark.parametrize("path, heading", [
    ("/", "Stories"), (f"/story/{STORY_ID}", "Crates leave Karvik"), ("/article/a", "Crates leave Karvik"),
    (f"/article/{quote(ODD_ID, safe='')}", "A third report"),
    (f"/person/{quote('Mira Tal ' + SCRIPT, safe='')}", "Mira Tal"), ("/place/geonames:1", "Telmar"),
    ("/ingest", "Add articles")])
def test_pages_render_without_errors_and_scraped_script_never_runs(browser, hostile_server, path, heading):
    page, errors, response = open_page(browser, hostile_server.url + path)
    assert response.status == 200
    page.wait_for_timeout(100)
    assert page.locator("h1").first.inner_text().startswith(heading)
    assert page.evaluate("window.__pwned === undefined")
    assert page.title().endswith("newsfuse")
    assert errors == []
    page.close()


def test_story_page_sections_and_map(browser, hostile_server):
    page, errors, _ = open_page(browser, f"{hostile_server.url}/story/{STORY_ID}")
    for section in ("Sources", "Brief", "Disputed", "Only one source says", "Quote ledger", "Timeline", "Map", "Facts"):
        assert section in page.locator("h2").all_inner_texts()
    assert page.locator("svg.map path.land").count() > 3  # a real basemap: coastlines and borders
    assert page.locator("svg.map circle.place").count() == 1
    assert page.locator(".conflict .side").count() == 2 and page.locator("blockquote.evidence").count() == 2
    assert "<script>window.__pwned=1</script>" in page.locator("h1").inner_text()  # shown as text
    assert page.locator("a.original").get_attribute("href") == "https://b.example/news/crates"
    assert errors == []
    page.close()


def test_dropped_chrome_opens_on_request_and_its_script_and_links_stay_inert(browser, hostile_server):
    page, errors, _ = open_page(browser, f"{hostile_server.url}/article/a")
    details = page.locator("details.chrome")
    assert details.get_attribute("open") is None and not page.locator("ol.chrome").is_visible()
    page.click("details.chrome > summary")
    assert page.locator("ol.chrome").is_visible()
    assert page.locator("ol.chrome li").all_inner_texts() == CHROME  # shown as text, links not made live
    assert details.locator("a, script, img").count() == 0
    page.wait_for_timeout(100)
    assert page.evaluate("window.__pwned === undefined")
    assert errors == []
    page.close()


def test_search_and_facets_narrow_the_index(browser, hostile_server):
    page, errors, _ = open_page(browser, hostile_server.url + "/")
    assert page.locator("ol.stories li.card").count() == 2
    page.fill("header input[name=q]", "glass")
    page.click("header button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("ol.stories li.card").count() == 1
    assert "Glass factory" in page.locator("ol.stories").inner_text()
    page.goto(hostile_server.url + "/")
    page.click("ul.facet[data-facet=language] a:text('fr')")
    page.wait_for_load_state()
    assert page.locator("ol.stories li.card").count() == 1 and "Karvik" in page.locator("ol.stories").inner_text()
    assert errors == []
    page.close()


@pytest.fixture(scope="module")
def example_server(tmp_path_factory):
    """The example minus one article, through the real pipeline."""
    from newsfuse.pipeline import run
    inputs = tmp_path_factory.mktemp("inputs")
    for path in EXAMPLES.iterdir():
        if path.name != HELD_OUT:
            shutil.copy(path, inputs / path.name)
    out = tmp_path_factory.mktemp("out")
    run([inputs], out)
    with LiveServer(out / "newsfuse.sqlite") as server:
        yield server


@pytest.mark.parametrize("article, chrome, body", [
    ("coastal-daily", ["Home World Travel Subscribe", "Related",
                       "Copyright 2025 Coastal Daily News. All rights reserved."], "caught fire about 20 kilometers"),
    ("dalmacija-online", ["Naslovnica", "Vijesti", "Sva prava pridržana © Dalmacija Online"], "caught fire")])
def test_example_article_pages_show_the_menus_and_footers_extraction_dropped(browser, example_server, article,
                                                                              chrome, body):
    """An HTML page and a text dump through the real pipeline: their menu and footer lines are under the
    chrome block, and not in the article text."""
    page, errors, _ = open_page(browser, f"{example_server.url}/article/{article}")
    page.click("details.chrome > summary")
    dropped = page.locator("ol.chrome li").all_inner_texts()
    text = page.locator("div.body").inner_text()
    assert set(chrome) <= set(dropped) and body in text
    assert not any(line in text for line in chrome)
    assert errors == []
    page.close()


def test_upload_through_the_form_shows_the_new_article_in_its_story(browser, example_server):
    page, errors, _ = open_page(browser, example_server.url + "/")
    page.click("ol.stories li.card a.headline")
    page.wait_for_load_state()
    story_url = page.url
    assert "The Harbour Times" not in page.locator("table.sources").inner_text()
    page.goto(example_server.url + "/ingest")
    page.set_input_files("input[name=files]", str(EXAMPLES / HELD_OUT))
    page.fill("input[name=token]", TOKEN)
    page.click("form.ingest button[type=submit]")
    page.wait_for_selector("ul.ingested a.story-link", timeout=120_000)
    assert "harbour-times" in page.locator("ul.ingested").inner_text()
    page.goto(story_url)  # the story's old address follows it to its new id
    assert "The Harbour Times" in page.locator("table.sources").inner_text()
    assert errors == []
    page.close()
