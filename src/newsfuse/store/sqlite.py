"""The embedded store: one SQLite file in WAL mode (readers never wait for the writer).

Migrations are versioned by ``PRAGMA user_version`` and run under ``BEGIN IMMEDIATE``;
a writer holds ``BEGIN IMMEDIATE`` for its transaction, and another one waits its turn
(up to ``WRITER_WAIT_SECONDS``).
"""
from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsfuse.store.base import BaseStore, StoreError
from newsfuse.store.schema import SCHEMA_VERSION, SQLITE_MIGRATIONS, statements

WRITER_WAIT_SECONDS = 3600.0  # how long a writer waits for another one (an ingest of a large batch) to finish


def path_of(url_or_path: str | Path) -> str:
    """The SQLite file of a path or an ``sqlite:///path`` URL; raises ``StoreError`` for any other URL."""
    text = str(url_or_path)
    if text.startswith("sqlite:///"):
        return text.removeprefix("sqlite:///")  # sqlite:///relative/path, sqlite:////absolute/path
    scheme = text.split("://", 1)[0] if "://" in text else ""
    if scheme:
        hint = "sqlite:///PATH (three slashes)" if scheme == "sqlite" else "a path, sqlite:///PATH or postgresql://..."
        raise StoreError(f"{text}: not a store this newsfuse can open (give {hint})")
    if not text:
        raise StoreError("an empty --db is not a store")
    return text


class SQLiteStore(BaseStore):
    backend = "sqlite"

    def __init__(self, url_or_path: str | Path):
        path = path_of(url_or_path)
        try:
            if path != ":memory:":
                if Path(path).is_dir():
                    raise StoreError(f"{path}: cannot open store: it is a folder")
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.connection = sqlite3.connect(path, timeout=WRITER_WAIT_SECONDS, isolation_level=None,
                                              check_same_thread=False)
        except (sqlite3.Error, OSError) as error:
            raise StoreError(f"{path}: cannot open store: {getattr(error, 'strerror', None) or error}") from error
        try:
            self.connection.execute("PRAGMA foreign_keys = ON")
            self._migrate()
            if path != ":memory:":
                self._use_wal()
            self.connection.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.Error as error:
            self.connection.close()
            raise StoreError(f"{path}: cannot open store: {error}") from error
        except StoreError:
            self.connection.close()
            raise

    def _migrate(self) -> None:
        """Bring the schema up to date. Two processes creating one store take turns:
        ``BEGIN IMMEDIATE`` holds the write lock, and the version is read again under it."""
        if self._version() == SCHEMA_VERSION:
            return
        with self.transaction():
            version = self._version()
            for number, script in enumerate(SQLITE_MIGRATIONS[version:], start=version + 1):
                for statement in statements(script):
                    self.connection.execute(statement)
                self.connection.execute(f"PRAGMA user_version = {number}")

    def _use_wal(self) -> None:
        """Switch the file to WAL once. The switch needs the file to itself and SQLite does not
        wait for that (no busy handler), so a store being opened by others at that moment retries."""
        deadline = time.monotonic() + WRITER_WAIT_SECONDS
        while self.connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            try:
                self.connection.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    def _version(self) -> int:
        version = self.connection.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(f"store schema {version} is newer than this newsfuse ({SCHEMA_VERSION})")
        return version

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One writer's transaction: all of it or nothing."""
        if self.connection.in_transaction:  # nested: part of the enclosing transaction
            yield
            return
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")


Store = SQLiteStore  # the name earlier versions exported from here
