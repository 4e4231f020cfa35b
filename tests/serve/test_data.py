"""The read module: derived tables follow the store without a restart, moved stories redirect, a read-only
store still serves, and the basemap draws real countries."""
from __future__ import annotations

import os
import sqlite3
import stat
import time

from serve_fixtures import OTHER_ID, STORY_ID, fictional_data, write_store

from newsfuse.serve.basemap import country_paths, frame_around, iso_numeric
from newsfuse.serve.data import IndexQuery, StoreReader, fts_query


def test_fts_query_quotes_every_word():
    assert fts_query('ferry "fire" OR NEAR(') == '"ferry" "fire" "OR" "NEAR"'
    assert fts_query("  ") == ""


def _within(seconds: float, check) -> bool:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_changes_in_the_store_show_without_restart(store_on_each_backend):
    reader = StoreReader(str(store_on_each_backend))
    assert reader.index(IndexQuery(q="walrus")).total == 0
    articles, stories = fictional_data()
    story = stories[0]
    story["brief"].append({"text": "A walrus was seen.", "citations": ["a"], "status": "single_source",
                           "independent_support": 1, "section": "brief"})
    write_store(store_on_each_backend, [], [story])
    assert _within(2, lambda: [s["id"] for s in reader.index(IndexQuery(q="walrus")).stories] == [STORY_ID])
    assert reader.index(IndexQuery(q="walrus seen", sort="relevance")).total == 1
    assert reader.index(IndexQuery(q="walrus narwhal")).total == 0  # every word must occur


def test_a_removed_story_is_forgotten_and_its_id_followed(store_on_each_backend):
    reader = StoreReader(str(store_on_each_backend))
    articles, stories = fictional_data()
    grown = dict(stories[0], id="story-cccccccccccc")
    if str(store_on_each_backend).startswith("postgresql://"):
        import psycopg
        with psycopg.connect(str(store_on_each_backend)) as connection:
            connection.execute("DELETE FROM stories WHERE id = %s", (STORY_ID,))
    else:
        connection = sqlite3.connect(store_on_each_backend)
        with connection:
            connection.execute("DELETE FROM story_articles WHERE story_id = ?", (STORY_ID,))
            connection.execute("DELETE FROM stories WHERE id = ?", (STORY_ID,))
        connection.close()
    write_store(store_on_each_backend, [], [grown])
    assert _within(2, lambda: reader.moved(STORY_ID) == "story-cccccccccccc")
    assert {s["id"] for s in reader.index(IndexQuery()).stories} == {"story-cccccccccccc", OTHER_ID}
    assert [s["id"] for s in reader.index(IndexQuery(place="geonames:1")).stories] == ["story-cccccccccccc"]


def test_a_story_replaced_by_a_new_id_redirects(store_path, client):
    articles, stories = fictional_data()
    grown = dict(stories[0], id="story-cccccccccccc")
    import sqlite3
    connection = sqlite3.connect(store_path)
    with connection:
        connection.execute("DELETE FROM story_articles WHERE story_id = ?", (STORY_ID,))
        connection.execute("DELETE FROM stories WHERE id = ?", (STORY_ID,))
    connection.close()
    write_store(store_path, [], [grown])
    response = client.get(f"/story/{STORY_ID}", follow_redirects=False)
    assert response.status_code == 307 and response.headers["location"] == "/story/story-cccccccccccc"
    assert client.get(f"/story/{STORY_ID}").status_code == 200


def test_a_read_only_store_is_served(tmp_path):
    path = write_store(tmp_path / "ro.sqlite", *fictional_data())
    os.chmod(path, stat.S_IRUSR)
    os.chmod(tmp_path, stat.S_IRUSR | stat.S_IXUSR)
    try:
        if os.access(path, os.W_OK):  # root writes anyway: nothing to check here
            return
        reader = StoreReader(str(path))
        assert reader.index(IndexQuery(q="glass")).total == 1
    finally:
        os.chmod(tmp_path, stat.S_IRWXU)
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def test_basemap_draws_the_countries_around_a_place():
    frame = frame_around([(53.55, 9.99)])  # a point in northern Germany
    names = {name for _, name, _ in country_paths(frame)}
    assert "Germany" in names and "Denmark" in names and "United States of America" not in names
    assert iso_numeric()["DE"] == 276
    world = frame_around([(-33.9, 151.2), (64.1, -21.9)])
    assert world.west >= -180 and world.east <= 180 and world.north <= 90 and world.south >= -90


def test_a_frame_holds_its_places_and_nearby_stories_share_one():
    for points in ([(53.55, 9.99)], [(43.5, 16.4), (43.3, 16.6)], [(-33.9, 151.2), (64.1, -21.9)], [(10.0, 179.0)]):
        frame = frame_around(points)
        assert all(frame.west < lon < frame.east and frame.south < lat < frame.north for lat, lon in points)
    assert frame_around([(43.51, 16.44)]) == frame_around([(43.52, 16.47)])  # one drawn basemap for both


def test_a_route_is_drawn_where_a_sentence_says_what_moved_where():
    from newsfuse.serve.views import story_view

    def place(fact_id, name, lat, lon, sentence):
        return {"id": fact_id, "kind": "place", "independent_support": 1,
                "value": {"name": name, "country": "HR", "lat": lat, "lon": lon, "gazetteer_id": f"geonames:{fact_id}"},
                "mentions": [{"article": "a", "text": name, "sentence": sentence}]}
    moved = "Crates were shipped from the port of Karvik to Telmar on Monday."
    story = {"id": "s", "articles": ["a"], "headline": "Crates", "facts": [
        place("1", "Karvik", 45.3, 14.4, moved), place("2", "Telmar", 43.5, 16.4, moved),
        place("3", "Orvane", 44.1, 15.2, "A factory opened in Orvane, not far from Telmar.")]}
    view = story_view(story, {"a": {"id": "a", "body": [moved]}})
    assert [(r["from_label"], r["to_label"]) for r in view["routes"]] == [("Karvik (HR)", "Telmar (HR)")]
    assert len(view["map"]["routes"]) == 1 and view["map"]["routes"][0]["d"].startswith("M")
    story["facts"][0]["mentions"][0]["sentence"] = "Crates were counted in Karvik and in Telmar."
    story["facts"][1]["mentions"][0]["sentence"] = "Crates were counted in Karvik and in Telmar."
    assert story_view(story, {"a": {"id": "a", "body": []}})["routes"] == []


def test_a_facet_filter_pages_alike_walking_the_order_or_listing_its_stories(store_on_each_backend, monkeypatch):
    import newsfuse.serve.data as data
    answers = []
    for share in (0.0, 1e9):  # every value common (probes along the order's index) / none (the value's list)
        monkeypatch.setattr(data, "WALK_SHARE", share)
        reader = StoreReader(str(store_on_each_backend))
        result = reader.index(IndexQuery(outlet="Port Weekly", sort="newest"))
        answers.append(([s["id"] for s in result.stories], result.total, result.facets))
        reader.close()
    assert answers[0] == answers[1] and answers[0][0] == [STORY_ID] and answers[0][1] == 1
    outlets = {f["label"]: f["count"] for f in answers[0][2]["outlet"]}
    assert outlets["Port Weekly"] == 1 and len(outlets) == 3  # the story's three outlets, one story each


def test_an_index_row_lists_its_outlets_places_and_languages(store_on_each_backend):
    row = next(s for s in StoreReader(str(store_on_each_backend)).index(IndexQuery()).stories if s["id"] == STORY_ID)
    assert "Port Weekly" in row["outlets"] and row["languages"] == ["en", "fr"]
    assert [p.startswith("Telmar") for p in row["places"]] == [True]
