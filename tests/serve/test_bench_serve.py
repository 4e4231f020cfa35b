"""``newsfuse bench serve`` on a tiny synthetic store: every kind of request answered and timed beside the
same reads in process, and a store it did not make left alone."""
from __future__ import annotations

import pytest
from serve_fixtures import fictional_data, write_store

from newsfuse.cli import main


def test_a_small_run_times_every_kind_of_page(shared_dir, tmp_path, capsys):
    data = shared_dir / "data" / "ecbplus"
    if not (data / "train.jsonl").exists():
        pytest.skip(f"{data} not found")
    store = tmp_path / "bench.sqlite"
    arguments = ["bench", "serve", "--sqlite", str(store), "--stories", "40", "--requests", "6", "--clients", "2",
                 "--no-ingest", "--data", str(data)]
    assert main(arguments) == 0
    printed = capsys.readouterr().out
    for kind in ("floor", "index", "facet", "search", "search 2 words", "story", "story.json"):
        assert f"[SQLite] {kind} " in printed
    assert "errors 0" in printed and "errors 1" not in printed
    assert "SQLite, 40 stories / 200 articles, 2 clients, 1 worker(s): p95 index" in printed
    assert main(arguments) == 0 and "reusing the store" in capsys.readouterr().out


def test_a_store_it_did_not_make_is_refused(tmp_path, capsys):
    store = write_store(tmp_path / "other.sqlite", *fictional_data())
    assert main(["bench", "serve", "--sqlite", str(store), "--no-ingest"]) == 1
    assert "holds articles this bench did not make" in capsys.readouterr().err
