"""The team store: PostgreSQL through psycopg 3, selected by a ``postgresql://`` URL.

The schema version is the one row of ``schema_version``; migrations run under a
session advisory lock, so two processes creating one store take turns. A writer's
transaction takes an advisory transaction lock: one writer at a time, as with SQLite,
and readers never wait.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from newsfuse.store.base import BaseStore, StoreError
from newsfuse.store.schema import POSTGRES_MIGRATIONS, SCHEMA_VERSION, statements

MIGRATION_LOCK = 0x6E657773  # advisory lock keys ("news", "fuse")
WRITER_LOCK = 0x66757365
CONNECT_SECONDS = 10


class PostgresStore(BaseStore):
    backend = "postgresql"
    placeholder = "%s"

    def __init__(self, url: str):
        try:
            import psycopg
        except ImportError as error:
            raise StoreError(f"{_safe(url)}: a PostgreSQL store needs psycopg (pip install 'psycopg[binary]')") from error
        self._errors = psycopg.Error
        try:
            self.connection = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_SECONDS)
        except (psycopg.Error, ValueError) as error:
            raise StoreError(f"{_safe(url)}: cannot open store: {_first_line(error)}") from error
        try:
            self._migrate()
        except psycopg.Error as error:
            self.connection.close()
            raise StoreError(f"{_safe(url)}: cannot open store: {_first_line(error)}") from error
        except StoreError:
            self.connection.close()
            raise

    def _migrate(self) -> None:
        self.connection.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
        try:
            self.connection.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = self.connection.execute("SELECT version FROM schema_version").fetchone()
            version = row[0] if row else 0
            if version > SCHEMA_VERSION:
                raise StoreError(f"store schema {version} is newer than this newsfuse ({SCHEMA_VERSION})")
            with self.connection.transaction():
                for script in POSTGRES_MIGRATIONS[version:]:
                    for statement in statements(script):
                        self.connection.execute(statement)
                if row is None:
                    self.connection.execute("INSERT INTO schema_version (version) VALUES (%s)", (SCHEMA_VERSION,))
                elif version != SCHEMA_VERSION:
                    self.connection.execute("UPDATE schema_version SET version = %s", (SCHEMA_VERSION,))
        finally:
            self.connection.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))

    def version(self) -> int:
        return self.connection.execute("SELECT version FROM schema_version").fetchone()[0]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One writer's transaction: all of it or nothing."""
        if self.connection.info.transaction_status != 0:  # nested: part of the enclosing transaction
            yield
            return
        with self.connection.transaction():
            self.connection.execute("SELECT pg_advisory_xact_lock(%s)", (WRITER_LOCK,))
            yield


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    head, at, tail = url.rpartition("@")
    if not at or ":" not in head.split("://", 1)[-1]:
        return url
    scheme, _, user_password = head.partition("://")
    return f"{scheme}://{user_password.split(':', 1)[0]}:***@{tail}"


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
