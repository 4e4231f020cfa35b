"""Kept parses and finds in the store (schemas 6 and 7, issue 22): an ingest keeps every parsed
article's parse, and its finder results, in the transaction of its story's derivation; a later
ingest that derives the story again reads them back instead of parsing its stored members again
or running their finders again; a changed article is parsed again."""
from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

import newsfuse.facts as facts
from newsfuse import pipeline
from newsfuse.config import Config
from newsfuse.facts.kept import finds_key
from newsfuse.facts.nlp import doc_bytes, doc_from_bytes, model_name, parse_key, parse_texts
from newsfuse.pipeline import extract_inputs, ingest, ingest_articles
from newsfuse.store import SCHEMA_VERSION, Store
from _old_store import store_at_version

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ferry-fire"
PARSES_VERSION = 6  # the migration that adds article_parses
FINDS_VERSION = 7  # the migration that adds article_finds


def _ingest(url: str, *inputs: Path) -> None:
    with Store(url) as store:
        result, errors = ingest(list(inputs), store, Config())
    assert not errors and result.read


def _split(tmp_path: Path) -> list[Path]:
    files = sorted(EXAMPLE.iterdir())
    batches = []
    for number, part in enumerate((files[:3], files[3:])):
        folder = tmp_path / f"batch{number}"
        folder.mkdir()
        for file in part:
            shutil.copy(file, folder)
        batches.append(folder)
    return batches


def test_parses_and_finds_are_kept_and_a_joined_story_reads_its_members_back(store_url, tmp_path, parsed,
                                                                             monkeypatch):
    first, second = _split(tmp_path)
    _ingest(store_url, first)
    texts = {a.id: a.text for a in extract_inputs([EXAMPLE], Config(), print)}
    first_ids = {a.id for a in extract_inputs([first], Config(), print)}
    with Store(store_url) as store:
        assert set(store.stored_parses(parse_key(t) for t in texts.values())) == \
               {parse_key(texts[a]) for a in first_ids}
        assert set(store.stored_finds(finds_key(a, texts[a]) for a in texts)) == \
               {finds_key(a, texts[a]) for a in first_ids}
    assert sorted(parsed) == sorted({texts[a] for a in first_ids})  # a text held by two articles parsed once
    del parsed[:]
    quoted: list[str] = []
    find_quotes = facts.find_quotes
    monkeypatch.setattr(facts, "find_quotes", lambda article_id, doc: quoted.append(article_id) or
                        find_quotes(article_id, doc))
    _ingest(store_url, second)
    with Store(store_url) as store:
        stories = store.stories()
        assert store.count("article_parses") == len(set(texts.values()))
        assert store.count("article_finds") == len(texts)
    assert any(first_ids & set(s.articles) and set(s.articles) - first_ids for s in stories)  # a story joined
    assert sorted(parsed) == sorted({t for a, t in texts.items() if a not in first_ids})  # only the new ones
    assert sorted(quoted) == sorted(set(texts) - first_ids)  # the stored members' finds read back


def test_a_changed_article_is_parsed_again(tmp_path, seed_articles, parsed):
    url = str(tmp_path / "store.sqlite")
    with Store(url) as store:
        ingest_articles(store, seed_articles, Config())
        del parsed[:]
        edited = replace(seed_articles[1], body=[*seed_articles[1].body, "A line added at the end of the article."])
        assert ingest_articles(store, [edited], Config()).new == 1
    assert parsed == [edited.text]  # the story's other members are read back


def test_parses_and_finds_are_written_with_the_derivation_or_not_at_all(tmp_path, monkeypatch):
    url = str(tmp_path / "store.sqlite")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "reconcile_story", interrupted)  # after facts, in the same transaction
        with pytest.raises(KeyboardInterrupt):
            _ingest(url, EXAMPLE)
    with Store(url) as store:
        assert store.count("article_parses") == store.count("article_finds") == store.count("stories") == 0
    _ingest(url, EXAMPLE)
    texts = {a.text for a in extract_inputs([EXAMPLE], Config(), print)}
    with Store(url) as store:
        assert len(store.stored_parses(parse_key(text) for text in texts)) == len(texts) == 4


def test_the_parses_table_on_each_backend(store_url):
    doc = parse_texts(["Ana Ruiz said 12 boats left Lisbon on Monday."])[0]
    key = parse_key(doc.text)
    with Store(store_url) as store:
        assert SCHEMA_VERSION >= PARSES_VERSION
        with store.transaction():
            store.keep_parses({key: doc_bytes(doc)}, model_name())
            store.keep_parses({key: b"a second write of one key changes nothing"}, model_name())
        back = doc_from_bytes(store.stored_parses([key, "no-such-key"])[key])
    assert [(t.text, t.dep_, t.head.i, t.ent_type_) for t in back] == [(t.text, t.dep_, t.head.i, t.ent_type_)
                                                                         for t in doc]


def test_a_schema_5_store_is_migrated(store_url):
    """A store made before parses were kept gains the table; its articles are kept."""
    store_at_version(store_url, PARSES_VERSION - 1,
                     "INSERT INTO articles (id, source, content_hash, data) VALUES ('a', 's', 'h', '{}')")
    with Store(store_url) as store:
        assert store.count("article_parses") == 0 and store.count("articles") == 1
        with store.transaction():
            store.keep_parses({"k": b"parse"}, model_name())
        assert store.stored_parses(["k"]) == {"k": b"parse"}


def test_run_keeps_the_parses_too(tmp_path):
    out = tmp_path / "out"
    pipeline.run([EXAMPLE], out)
    texts = {a.text for a in extract_inputs([EXAMPLE], Config(), print)}
    with Store(out / "newsfuse.sqlite") as store:
        assert set(store.stored_parses(parse_key(text) for text in texts)) == {parse_key(text) for text in texts}


def test_the_finds_table_on_each_backend(store_url):
    with Store(store_url) as store:
        assert SCHEMA_VERSION >= FINDS_VERSION
        with store.transaction():
            store.keep_finds({"k": b"first", "j": b"other"})
            store.keep_finds({"k": b"second"})  # found again in a changed context: replaced
        assert store.stored_finds(["k", "j", "no-such-key"]) == {"k": b"second", "j": b"other"}


def test_a_schema_6_store_is_migrated(store_url):
    """A store made before finds were kept gains the table; its parses are kept."""
    store_at_version(store_url, PARSES_VERSION,
                     "INSERT INTO article_parses (text_hash, model, data) VALUES ('p', 'm', 'x')")
    with Store(store_url) as store:
        assert store.count("article_finds") == 0 and store.count("article_parses") == 1
        with store.transaction():
            store.keep_finds({"k": b"finds"})
        assert store.stored_finds(["k"]) == {"k": b"finds"}
