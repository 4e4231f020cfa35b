"""The store, the system of record: one interface (``base.BaseStore``), two backends.

``Store(url_or_path)`` opens SQLite for a path or an ``sqlite:///path`` URL (the embedded
default) and PostgreSQL for a ``postgresql://`` URL; ``StoreError`` for anything else.
"""
from __future__ import annotations

from pathlib import Path

from newsfuse.store.base import PENDING_PLACE, PENDING_TRACE, PLACED, BaseStore, StoreError, content_hash
from newsfuse.store.schema import SCHEMA_VERSION

__all__ = ["Store", "StoreError", "SCHEMA_VERSION", "BaseStore", "content_hash", "PENDING_TRACE", "PENDING_PLACE",
           "PLACED"]

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def Store(url_or_path: str | Path) -> BaseStore:  # noqa: N802 - called like the class it was
    """The store at ``url_or_path``, its schema brought up to date."""
    if str(url_or_path).startswith(POSTGRES_SCHEMES):
        from newsfuse.store.postgres import PostgresStore  # psycopg is loaded only for a PostgreSQL store
        return PostgresStore(str(url_or_path))
    from newsfuse.store.sqlite import SQLiteStore
    return SQLiteStore(url_or_path)
