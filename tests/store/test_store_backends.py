"""The one store interface on both backends: migrations, idempotent writes, transactions, index, relations."""
from __future__ import annotations

import pytest

from newsfuse.model import Article, Relation, Story
from newsfuse.store import PENDING_PLACE, PLACED, SCHEMA_VERSION, Store, StoreError


def _articles():
    return [Article(id="a", source="a.txt", body=["First paragraph."], published="2025-03-04"),
            Article(id="b", source="b.txt", body=["Another paragraph."]),
            Article(id="c", source="c.txt", body=["A third one."], published="2025-05-01", language="hr")]


def _version(store) -> int:
    if store.backend == "sqlite":
        return store.connection.execute("PRAGMA user_version").fetchone()[0]
    return store.version()


def test_the_schema_is_migrated_to_the_current_version_once(store_url):
    with Store(store_url) as store:
        assert _version(store) == SCHEMA_VERSION
    with Store(store_url) as store:  # opening again migrates nothing
        assert _version(store) == SCHEMA_VERSION
        assert store.count("articles") == 0


def test_articles_keep_their_arrival_order_and_their_seq_when_updated(store_url):
    with Store(store_url) as store:
        with store.transaction():
            first = store.put_articles(_articles()[:2])
        with store.transaction():
            updated = Article(id="a", source="a2.txt", body=["First paragraph, edited."], published="2025-03-04")
            second = store.put_articles([_articles()[2], updated])
        assert second["a"] == first["a"] and second["c"] > first["b"]
        assert [a.id for a in store.articles()] == ["a", "b", "c"]
        assert store.articles()[0].body == ["First paragraph, edited."]
        assert store.pending(PENDING_PLACE) == ["a", "b", "c"]
        assert store.dates_of(["a", "b", "c"]) == {"a": "2025-03-04", "b": None, "c": "2025-05-01"}
        assert store.latest_date() == "2025-05-01"
        assert store.has_other_language(["en"]) and store.has_other_language(["hr"])
        assert not store.has_other_language(["en", "hr"]) and store.has_other_language(["de", "fr"])


def test_stories_replace_the_stories_holding_their_articles_with_their_facts(store_url):
    with Store(store_url) as store:
        store.save_articles(_articles())
        store.save_stories([Story(id="s1", articles=["a"]), Story(id="s2", articles=["b"])])
        store.save_stories([Story(id="s3", articles=["a", "b"], headline="h")])
        assert [s.id for s in store.stories()] == ["s3"]
        assert store.count("story_articles") == 2
        assert store.stories_of(["a", "b", "c"]) == {"a": "s3", "b": "s3"}
        assert store.members(["s3"]) == {"s3": ["a", "b"]}


def test_a_failed_transaction_leaves_nothing_half_written(store_url):
    with Store(store_url) as store:
        store.save_articles(_articles()[:1])
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.put_articles(_articles()[1:])
                raise RuntimeError("interrupted")
        assert store.count("articles") == 1


def test_the_copy_index_and_relations_round_trip(store_url):
    with Store(store_url) as store:
        with store.transaction():
            store.put_articles(_articles(), PLACED)
            store.add_copy_index([(0, -5, 1), (0, 7, 2), (1, -5, 3)], [(2**62, 1), (2**62, 3)])
            store.put_relations([Relation("b", "a", "copy", 0.9, True, ["why"]),
                                 Relation("c", "a", "translation", 0.8)])
        assert sorted(store.band_matches(0, [-5, 8])) == [(-5, 1)]
        assert sorted(store.sample_matches([2**62])) == [(2**62, 1), (2**62, 3)]
        among = store.relations_among(["a", "b", "c"])
        assert [(r.source, r.target, r.relation) for r in among] == [("b", "a", "copy"), ("c", "a", "translation")]
        assert among[0].evidence == ["why"] and among[0].directed
        assert store.partners(["a"]) == {"b", "c"}
        with store.transaction():
            store.remove_relations_of(["c"])
            store.remove_copy_index([(0, -5, 1)], [(2**62, 3)])
        assert store.partners(["a"]) == {"b"}
        assert store.band_matches(0, [-5]) == []


def test_a_newer_schema_is_refused(store_url):
    with Store(store_url) as store:
        if store.backend == "sqlite":
            store.connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        else:
            store.connection.execute("UPDATE schema_version SET version = %s", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError, match="newer"):
        Store(store_url)


def test_sqlite_runs_in_wal_mode(tmp_path):
    with Store(tmp_path / "wal.sqlite") as store:
        assert store.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_bad_postgresql_url_is_one_store_error():
    with pytest.raises(StoreError, match="cannot open store"):
        Store("postgresql://nobody:secret@127.0.0.1:1/nothing")
    with pytest.raises(StoreError) as raised:
        Store("postgresql://nobody:secret@127.0.0.1:1/nothing")
    assert "secret" not in str(raised.value)
