"""The JSON side: each page as JSON (suffix and Accept), the OpenAPI description, CSV exports, the write token."""
from __future__ import annotations

import csv
import io
from urllib.parse import quote

import pytest

from newsfuse.serve.ingest import IngestResult
from serve_fixtures import (CHROME, ODD_ID, OTHER_ID, STORY_ID, TOKEN, _article, fictional_data,
                            write_store)


@pytest.fixture
def store_path(store_on_each_backend):
    """Every test here, and its ``client``, on each backend."""
    return store_on_each_backend


def test_index_as_json_by_suffix_and_by_accept(client):
    by_suffix = client.get("/index.json").json()
    by_accept = client.get("/", headers={"accept": "application/json"}).json()
    assert by_suffix == by_accept
    assert by_suffix["total"] == 2
    assert [s["id"] for s in by_suffix["stories"]] == [OTHER_ID, STORY_ID]  # newest first
    assert {f["value"] for f in by_suffix["facets"]["outlet"]} >= {"Port Weekly", "Valley Post"}


@pytest.mark.parametrize("sort, first", [("covered", STORY_ID), ("disputed", STORY_ID), ("newest", OTHER_ID)])
def test_index_orders(client, sort, first):
    assert client.get(f"/index.json?sort={sort}").json()["stories"][0]["id"] == first


def test_search_and_facets_narrow_the_index(client):
    assert [s["id"] for s in client.get("/index.json?q=glass").json()["stories"]] == [OTHER_ID]
    assert [s["id"] for s in client.get("/index.json?q=timber").json()["stories"]] == [STORY_ID]  # body text
    assert client.get("/index.json?q=zzzz").json()["total"] == 0
    assert client.get('/index.json?q=" OR * NEAR(').json()["total"] == 0  # no FTS syntax reaches SQLite
    assert [s["id"] for s in client.get("/index.json?outlet=Valley%20Post").json()["stories"]] == [OTHER_ID]
    assert [s["id"] for s in client.get("/index.json?language=fr").json()["stories"]] == [STORY_ID]
    assert [s["id"] for s in client.get("/index.json?place=geonames:2").json()["stories"]] == [OTHER_ID]
    assert [s["id"] for s in client.get("/index.json?from=2031-06-01").json()["stories"]] == [OTHER_ID]
    assert [s["id"] for s in client.get("/index.json?to=2031-05-31").json()["stories"]] == [STORY_ID]
    narrowed = client.get("/index.json?q=crates").json()
    assert narrowed["total"] == 1 and {f["value"] for f in narrowed["facets"]["outlet"]} == {
        "Outlet A <img src=x onerror=\"window.__pwned=2\">", "Port Weekly", "Odd Outlet"}


def test_the_article_page_shows_the_dropped_chrome_closed_and_escaped_and_its_json_carries_it(client):
    assert client.get("/article/a.json").json()["article"]["chrome"] == CHROME
    html = client.get("/article/a").text
    assert '<details class="chrome"><summary>Page chrome dropped by extraction (4 lines)</summary>' in html
    assert "<li>News &lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "<li>&lt;a href=&#34;javascript:window.__pwned=4&#34;&gt;Related: crates&lt;/a&gt;</li>" in html
    old = client.get("/article/b")  # stored before extraction kept its chrome: no field at all
    assert "chrome" not in client.get("/article/b.json").json()["article"]
    assert old.status_code == 200 and "About 420 crates" in old.text and "Page chrome dropped" not in old.text


def test_story_article_person_place_as_json(client):
    story = client.get(f"/story/{STORY_ID}.json").json()
    assert story["story"]["id"] == STORY_ID and len(story["sources"]) == 3
    assert {s["article"]: s["url"] for s in story["sources"]} == {"a": None, "b": "https://b.example/news/crates", ODD_ID: None}
    assert story["timeline"][0]["start"] == "2031-05-05"
    assert story["map"]["points"][0]["label"].startswith("Telmar")
    assert client.get(f"/story/{STORY_ID}", headers={"accept": "application/json"}).json() == story
    article = client.get(f"/article/{quote(ODD_ID, safe='')}.json").json()
    assert article["article"]["id"] == ODD_ID and article["stories"][0]["id"] == STORY_ID
    assert article["links"][0]["other"] == "b"
    person = client.get(f"/person/{quote('Mira Tal <script>window.__pwned=1</script>', safe='')}.json").json()
    assert person["quotes"][0]["story"] == STORY_ID
    place = client.get("/place/geonames:1.json").json()
    assert [s["id"] for s in place["stories"]] == [STORY_ID]
    for missing in ("/story/nope.json", "/article/nope.json", "/person/nobody.json", "/place/nowhere.json"):
        response = client.get(missing)
        assert response.status_code == 404 and "error" in response.json()


def test_openapi_is_valid(client):
    from openapi_spec_validator import validate
    document = client.get("/openapi.json").json()
    validate(document)
    assert "/index.json" in document["paths"] and "/ingest" in document["paths"]


def test_csv_exports(client):
    index = client.get("/index.csv?sort=covered")
    assert index.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(index.text)))
    assert [r["id"] for r in rows] == [STORY_ID, OTHER_ID] and rows[0]["independent_sources"] == "2"
    facts = list(csv.DictReader(io.StringIO(client.get(f"/story/{STORY_ID}/facts.csv").text)))
    assert {r["fact"] for r in facts} == {"F1", "F2", "F3", "F4"} and len(facts) == 5
    assert client.get("/story/nope/facts.csv").status_code == 404


def test_csv_cells_are_no_formulas(store_path):
    from starlette.testclient import TestClient

    from newsfuse.serve.app import create_app
    story = {"id": "s1", "headline": "=HYPERLINK(\"http://x\")", "event_date": None, "articles": [],
             "provenance": {"relations": [], "independent_groups": []}, "facts": [], "quotes": [], "conflicts": [],
             "single_source": [], "brief": []}
    with TestClient(create_app(str(write_store(store_path, [], [story])))) as client:
        assert "'=HYPERLINK" in client.get("/index.csv").text


def test_writes_refused_without_a_token_configured(store_path):
    from starlette.testclient import TestClient

    from newsfuse.serve.app import create_app
    with TestClient(create_app(str(store_path), None)) as client:
        response = client.post("/ingest", files={"files": ("x.txt", b"A headline\n\nSome text.")},
                               headers={"authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 403
        assert "Writing is off" in client.get("/ingest").text


def test_token_enforced_and_new_article_visible_without_restart(client, store_path):
    upload = {"files": ("new.txt", b"Crates arrive in Telmar\n\nThe crates arrived in Telmar on Tuesday.")}
    assert client.post("/ingest", files=upload).status_code == 401
    assert client.post("/ingest", files=upload, data={"token": "wrong"}).status_code == 403
    assert client.post("/ingest", files=upload, headers={"authorization": "Bearer wrong"}).status_code == 403
    assert client.post("/ingest", data={"token": TOKEN}).status_code in (400, 422)

    def fake_ingest(uploads):  # stands in for the pipeline: what it writes is what the store gets
        articles = [_article("new", "Crates arrive in Telmar", ["The crates arrived in Telmar on Tuesday."])]
        story = client.get(f"/story/{STORY_ID}.json").json()["story"]
        story["articles"].append("new")
        write_store(store_path, articles, [story])
        return IngestResult(articles=["new"], how="test")

    client.app.state.app.ingester.ingest = fake_ingest
    response = client.post("/ingest", files=upload, headers={"authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200, response.text
    assert response.json()["articles"][0]["stories"][0]["id"] == STORY_ID
    assert any(s["article"] == "new" for s in client.get(f"/story/{STORY_ID}.json").json()["sources"])
    assert client.post("/ingest", files=upload, data={"token": TOKEN}).status_code == 200


def test_the_warm_up_ingests_into_a_store_of_its_own(store_path, monkeypatch, capsys):
    from newsfuse.serve.ingest import WARM_DONE, Ingester
    seen = []

    def record(self, paths, result):
        seen.append((self.db, [p.read_text(encoding="utf-8") for p in paths]))
    monkeypatch.setattr(Ingester, "_ingest_paths", record)
    Ingester(str(store_path)).warm()
    (db, texts), = seen
    assert db != str(store_path) and "warm" in db and len(texts) == 2 and all(texts)
    assert WARM_DONE in capsys.readouterr().err


def test_a_worker_process_builds_its_app_from_the_environment(tmp_path, monkeypatch):
    from starlette.testclient import TestClient

    from newsfuse.serve import DB_VARIABLE, TOKEN_VARIABLE
    from newsfuse.serve.app import app_from_environment
    from newsfuse.serve.ingest import Ingester
    monkeypatch.setattr(Ingester, "warm", lambda self: None)
    monkeypatch.setenv(DB_VARIABLE, str(write_store(tmp_path / "store.sqlite", *fictional_data())))
    monkeypatch.setenv(TOKEN_VARIABLE, TOKEN)
    with TestClient(app_from_environment()) as client:
        assert client.get("/index.json").json()["total"] == 2
        assert client.app.state.app.token == TOKEN
