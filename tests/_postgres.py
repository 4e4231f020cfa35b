"""A throw-away PostgreSQL database per test, on the server ``NEWSFUSE_TEST_PG`` names (``.ci/run`` starts one)."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

PG_ENV = "NEWSFUSE_TEST_PG"


def server_url() -> str | None:
    return os.environ.get(PG_ENV)


def throwaway_database(prefix: str, what: str) -> Iterator[str]:
    """The URL of a fresh database named ``prefix_<random>``, dropped afterwards; without a server
    the test is skipped (``what`` names the tests in the reason)."""
    url = server_url()
    if not url:
        pytest.skip(f"PostgreSQL {what} tests need a server: set {PG_ENV}=postgresql://user@host:port/dbname")
    psycopg = pytest.importorskip("psycopg")
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{url.rpartition('/')[0]}/{name}"
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
