"""Kept finds in the store (schema 7, issue 22): an ingest keeps every article's finder results
with its parse, in the derivation's transaction; a later ingest that derives the story again
reads the stored members' back instead of running their finders again."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import newsfuse.facts as facts
from newsfuse import pipeline
from newsfuse.config import Config
from newsfuse.facts.kept import finds_key
from newsfuse.pipeline import extract_inputs, ingest
from newsfuse.store import SCHEMA_VERSION, Store
from _old_store import store_at_version

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ferry-fire"
FINDS_VERSION = 7  # the migration that adds article_finds


def _ingest(url: str, *inputs: Path) -> None:
    with Store(url) as store:
        result, errors = ingest(list(inputs), store, Config())
    assert not errors and result.read


def test_finds_are_kept_and_a_joined_story_reads_its_members_back(store_url, tmp_path, monkeypatch):
    files = sorted(EXAMPLE.iterdir())
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, part in ((first, files[:3]), (second, files[3:])):
        folder.mkdir()
        for file in part:
            shutil.copy(file, folder)
    _ingest(store_url, first)
    articles = {a.id: a for a in extract_inputs([EXAMPLE], Config(), print)}
    first_ids = {a.id for a in extract_inputs([first], Config(), print)}
    with Store(store_url) as store:
        assert set(store.stored_finds(finds_key(a, articles[a].text) for a in articles)) == \
               {finds_key(a, articles[a].text) for a in first_ids}
    quoted: list[str] = []
    find_quotes = facts.find_quotes
    monkeypatch.setattr(facts, "find_quotes", lambda article_id, doc: quoted.append(article_id) or
                        find_quotes(article_id, doc))
    _ingest(store_url, second)
    with Store(store_url) as store:
        stories = store.stories()
        assert store.count("article_finds") == len(articles)
    assert any(first_ids & set(s.articles) and set(s.articles) - first_ids for s in stories)  # a story joined
    assert sorted(quoted) == sorted(set(articles) - first_ids)  # the stored members' finds read back


def test_finds_are_written_with_the_derivation_or_not_at_all(tmp_path, monkeypatch):
    url = str(tmp_path / "store.sqlite")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "reconcile_story", interrupted)  # after facts, in the same transaction
        with pytest.raises(KeyboardInterrupt):
            _ingest(url, EXAMPLE)
    with Store(url) as store:
        assert store.count("article_finds") == 0 and store.count("stories") == 0


def test_the_finds_table_on_each_backend(store_url):
    with Store(store_url) as store:
        assert SCHEMA_VERSION >= FINDS_VERSION
        with store.transaction():
            store.keep_finds({"k": b"first", "j": b"other"})
            store.keep_finds({"k": b"second"})  # found again in a changed context: replaced
        assert store.stored_finds(["k", "j", "no-such-key"]) == {"k": b"second", "j": b"other"}


def test_a_schema_6_store_is_migrated(store_url):
    """A store made before finds were kept gains the table; its parses are kept."""
    store_at_version(store_url, FINDS_VERSION - 1,
                     "INSERT INTO article_parses (text_hash, model, data) VALUES ('p', 'm', 'x')")
    with Store(store_url) as store:
        assert store.count("article_finds") == 0 and store.count("article_parses") == 1
        with store.transaction():
            store.keep_finds({"k": b"finds"})
        assert store.stored_finds(["k"]) == {"k": b"finds"}
