"""The store's tests run on both backends: SQLite always, PostgreSQL where a server is given.

``NEWSFUSE_TEST_PG`` names a PostgreSQL server (``postgresql://user@host:port/dbname``) on which
each test gets a fresh database of its own; ``.ci/run`` starts a throw-away server and sets it.
"""
from __future__ import annotations

import pytest
from _postgres import throwaway_database


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A new, empty store's URL on each backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.sqlite")
        return
    yield from throwaway_database("newsfuse_test", "store")
