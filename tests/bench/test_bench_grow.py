"""``newsfuse bench grow``: the store it fills holds what an ingest leaves, and a tiny run prints its figures."""
from __future__ import annotations

import json

import pytest

from newsfuse.bench.grow import Filler, new_batch
from newsfuse.bench.ingest import DEFAULT_ECBPLUS
from newsfuse.cli import main
from newsfuse.config import Config
from newsfuse.pipeline import ingest_articles
from newsfuse.store import Store

pytestmark = pytest.mark.skipif(not (DEFAULT_ECBPLUS / "train.jsonl").exists(), reason="needs ../shared/data/ecbplus")
TABLES = {"articles": "id, seq, date, language, outlet, pending, content_hash", "copy_bands": "band, key, seq",
          "copy_samples": "hash, seq", "article_terms": "term, seq, dated, date", "relations": "source, target, kind, data"}


def test_the_fill_leaves_what_an_ingest_of_the_same_articles_leaves():
    with Store(":memory:") as filled, Store(":memory:") as ingested:
        Filler(DEFAULT_ECBPLUS, 7, per_day=20).write(filled, 100)
        articles, groups = Filler(DEFAULT_ECBPLUS, 7, per_day=20)._generate(100)
        ingest_articles(ingested, articles, Config(), derive=False)
        for table, columns in TABLES.items():
            rows = sorted(filled._rows(f"SELECT {columns} FROM {table}"))
            assert rows and rows == sorted(ingested._rows(f"SELECT {columns} FROM {table}")), table
        stories = filled.members(row[0] for row in filled._rows("SELECT id FROM stories"))
        assert sorted(map(sorted, stories.values())) == sorted(map(sorted, groups))
        assert filled.count("relations") > filled.count("stories")  # versions within stories, as ingest traces them

        batch = new_batch(filled, DEFAULT_ECBPLUS, 8, 20)
        assert len({a.id for a in batch}) == 20 and not filled.load_articles(a.id for a in batch)
        assert min(a.published for a in batch if a.published) >= filled.latest_date()
        stored_bodies = {tuple(a.body[:-1]) for a in filled.articles()}
        assert any(tuple(a.body[:-1]) in stored_bodies for a in batch)  # copies of stored articles


def test_a_tiny_run_measures_ingest_and_report_at_each_size(tmp_path, capsys):
    assert main(["bench", "grow", "--sizes", "40", "--batch", "3", "--no-facts", "--store-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "fill to 40: 40 articles" in out
    assert "40: ingest of 3 into the store" in out and "into an empty store" in out and "40: report" in out
    rows = json.loads(next(line for line in out.splitlines() if line.startswith("[")))
    assert rows[0]["store"]["region"] > rows[0]["empty"]["region"] == 3
    assert rows[0]["store"]["peak_mb"] > 0 and rows[0]["report"]["output_mb"] > 0
    with Store(tmp_path / "grow.sqlite") as store:
        assert store.count("articles") == 40  # the measured ingest was rolled back
    assert main(["bench", "grow", "--sizes", "20", "--store-dir", str(tmp_path)]) == 0
    assert "20: skipped, the kept store holds 40 articles" in capsys.readouterr().out
