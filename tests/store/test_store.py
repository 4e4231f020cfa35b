"""The SQLite store: versioned schema, idempotent ingest, transactions."""
from __future__ import annotations

import sqlite3

import pytest

from newsfuse.model import Article, Story
from newsfuse.store import SCHEMA_VERSION, Store, StoreError


def _articles():
    return [Article(id="a", source="a.txt", body=["First paragraph."]),
            Article(id="b", source="b.txt", body=["Another paragraph."])]


def test_schema_version_is_recorded(tmp_path):
    with Store(tmp_path / "db.sqlite") as store:
        assert store.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_ingesting_twice_leaves_the_same_rows(tmp_path):
    path = tmp_path / "db.sqlite"
    for _ in range(2):
        with Store(path) as store:
            store.save_articles(_articles())
            store.save_stories([Story(id="s1", articles=["a", "b"], headline="h")])
    with Store(path) as store:
        assert store.count("articles") == 2
        assert store.count("stories") == 1
        assert store.count("story_articles") == 2
        assert [a.id for a in store.articles()] == ["a", "b"]


def test_a_new_story_replaces_the_old_one_holding_its_articles(tmp_path):
    with Store(tmp_path / "db.sqlite") as store:
        store.save_stories([Story(id="s1", articles=["a"]), Story(id="s2", articles=["b"])])
        store.save_stories([Story(id="s3", articles=["a", "b"])])
        ids = [row[0] for row in store.connection.execute("SELECT id FROM stories")]
        assert ids == ["s3"]


def test_a_failed_write_leaves_nothing_half_written(tmp_path):
    with Store(tmp_path / "db.sqlite") as store:
        store.save_articles(_articles()[:1])
        bad = _articles()
        bad[1].id = None  # NOT NULL violation on the second row
        with pytest.raises(sqlite3.IntegrityError):
            store.save_articles(bad)
        assert store.count("articles") == 1


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "db.sqlite"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    with pytest.raises(StoreError):
        Store(path)


def test_sqlite_url_form(tmp_path):
    with Store(f"sqlite:///{tmp_path}/via-url.sqlite") as store:
        store.save_articles(_articles())
    assert (tmp_path / "via-url.sqlite").exists()
