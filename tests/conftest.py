"""Shared fixtures: the founding pages and data in ../shared."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not found")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    return shared_dir / "seeds"


@pytest.fixture(scope="session")
def seeds_gold(shared_dir: Path) -> dict:
    import json
    return json.loads((shared_dir / "eval" / "seeds.gold.json").read_text())


@pytest.fixture(scope="session")
def seed_articles(seeds_dir: Path) -> list:
    """The founding pages through the real extraction stage."""
    from newsfuse.config import Config
    from newsfuse.pipeline import extract_inputs
    errors: list = []
    articles = list(extract_inputs([seeds_dir], Config(), errors.append))
    assert not errors, errors
    return articles


@pytest.fixture
def parsed(monkeypatch) -> list:
    """The texts the fact stage parses (not read back from kept parses), in order."""
    import newsfuse.facts as facts
    from newsfuse.facts.nlp import parse_texts
    texts: list = []

    def counting(batch, **kwargs):
        batch = list(batch)
        texts.extend(batch)
        return parse_texts(batch, **kwargs)
    monkeypatch.setattr(facts, "parse_texts", counting)
    return texts


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A new, empty store's URL on each backend: SQLite always; PostgreSQL where ``NEWSFUSE_TEST_PG`` names
    a server (``postgresql://user@host:port/dbname``, which ``.ci/run`` starts), a fresh database per test."""
    from _postgres import throwaway_database
    if request.param == "sqlite":
        yield str(tmp_path / "store.sqlite")
        return
    yield from throwaway_database("newsfuse_test", "store")
