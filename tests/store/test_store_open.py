"""Opening a store (RELIABILITY.md F5, F7): concurrent creation, bad URLs and files are one StoreError."""
from __future__ import annotations

import sqlite3
import threading

import pytest

from newsfuse.store import SCHEMA_VERSION, Store, StoreError


def test_processes_creating_one_new_store_at_once_take_turns(tmp_path):
    for trial in range(10):
        path = tmp_path / f"store{trial}.sqlite"
        barrier = threading.Barrier(6)
        failures: list[BaseException] = []

        def open_store():
            barrier.wait()
            try:
                Store(path).close()
            except BaseException as error:  # "table articles already exists" before
                failures.append(error)

        threads = [threading.Thread(target=open_store) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not failures, failures
        with Store(path) as store:
            assert store.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


@pytest.mark.parametrize("url", ["sqlite://x.sqlite", "mysql://user@host/db", "http://example.com/db", ""])
def test_a_url_this_newsfuse_cannot_open_is_a_store_error_and_creates_nothing(tmp_path, monkeypatch, url):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StoreError):
        Store(url)
    assert not list(tmp_path.iterdir())


def test_sqlite_urls_with_three_slashes_are_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Store("sqlite:///relative.sqlite").close()
    Store(f"sqlite:///{tmp_path}/absolute.sqlite").close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["absolute.sqlite", "relative.sqlite"]


def test_a_folder_a_non_database_and_a_newer_schema_are_store_errors(tmp_path):
    with pytest.raises(StoreError, match="folder"):
        Store(tmp_path)
    (tmp_path / "notes.txt").write_text("not a database\n" * 100)
    with pytest.raises(StoreError, match="not a database"):
        Store(tmp_path / "notes.txt")
    newer = tmp_path / "newer.sqlite"
    connection = sqlite3.connect(newer)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    with pytest.raises(StoreError, match="newer"):
        Store(newer)
