"""Fixtures for the web application's tests."""
from __future__ import annotations

from pathlib import Path

import pytest
from serve_fixtures import TOKEN, fictional_data, postgres_database, write_store


@pytest.fixture
def store_path(tmp_path) -> Path:
    return write_store(tmp_path / "store.sqlite", *fictional_data())


@pytest.fixture(params=["sqlite", "postgresql"])
def store_on_each_backend(request, tmp_path):
    """The fictional store on each backend (PostgreSQL where ``NEWSFUSE_TEST_PG`` names a server)."""
    if request.param == "sqlite":
        yield write_store(tmp_path / "store.sqlite", *fictional_data())
        return
    for url in postgres_database():
        yield write_store(url, *fictional_data())


@pytest.fixture
def client(store_path):
    from starlette.testclient import TestClient

    from newsfuse.serve.app import create_app
    with TestClient(create_app(str(store_path), TOKEN)) as test_client:
        yield test_client


def pytest_collection_modifyitems(items):
    """Starlette's test client warns that it will move from httpx to httpx2; that is not ours to act on here."""
    for item in items:
        if "serve" in item.path.parts:
            item.add_marker(pytest.mark.filterwarnings("ignore:Using `httpx`"))
