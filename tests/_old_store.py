"""A store as an older schema version left it, on either backend (for migration tests)."""
from __future__ import annotations

import sqlite3

from newsfuse.store.schema import POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS, statements


def store_at_version(url: str, version: int, row: str) -> None:
    """Make the store at ``url`` with the migrations up to ``version`` only, holding one row
    (``row``: an INSERT statement in SQL both backends read)."""
    if url.startswith("postgresql"):
        import psycopg
        with psycopg.connect(url, autocommit=True) as connection:
            for script in POSTGRES_MIGRATIONS[:version]:
                for statement in statements(script):
                    connection.execute(statement)
            connection.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
            connection.execute("INSERT INTO schema_version VALUES (%s)", (version,))
            connection.execute(row)
        return
    connection = sqlite3.connect(url)
    for script in SQLITE_MIGRATIONS[:version]:
        for statement in statements(script):
            connection.execute(statement)
    connection.execute(f"PRAGMA user_version = {version}")
    connection.execute(row)
    connection.commit()
    connection.close()
