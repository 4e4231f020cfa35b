"""The store's tests run on both backends: SQLite always, PostgreSQL where a server is given.

``NEWSFUSE_TEST_PG`` names a PostgreSQL server (``postgresql://user@host:port/dbname``) on which
each test gets a fresh database of its own; ``.ci/run`` starts a throw-away server and sets it.
"""
from __future__ import annotations

import os
import uuid

import pytest

PG_ENV = "NEWSFUSE_TEST_PG"


def _postgres_database():
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"PostgreSQL store tests need a server: set {PG_ENV}=postgresql://user@host:port/dbname")
    psycopg = pytest.importorskip("psycopg")
    name = f"newsfuse_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = url.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A new, empty store's URL on each backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.sqlite")
        return
    yield from _postgres_database()
