"""A seeded fuzz run through ingest (issue 22): mutated HTML, text, JSONL, WARC and gzip inputs
ingested into a store give articles or one-line errors each, never a traceback, a hang,
silence or a half-written store."""
from __future__ import annotations

from newsfuse.bench.fuzz import run_ingest_fuzz, store_problem
from newsfuse.config import Config, ExtractConfig
from newsfuse.model import Article
from newsfuse.store import PENDING_PLACE, Store

MUTANTS = 24


def test_mutants_ingested_into_a_store_give_no_traceback_hang_silence_or_half_written_store(capfd):
    config = Config(extract=ExtractConfig(max_seconds=10.0))
    report = run_ingest_fuzz(MUTANTS, seed=22, config=config, max_bytes=300_000, batch=12)
    assert report.mutants == MUTANTS
    assert not report.tracebacks, report.tracebacks[0][1]
    assert not report.hangs and not report.silent and not report.multi_line_errors, report.summary()
    assert not report.half_written, report.half_written
    assert report.articles > MUTANTS // 4 and report.error_lines > MUTANTS // 4, report.summary()
    assert capfd.readouterr().err == ""


def test_a_store_with_an_article_left_pending_or_in_no_story_is_half_written(tmp_path):
    with Store(tmp_path / "store.sqlite") as store:
        assert store_problem(store) == ""
        with store.transaction():
            store.put_articles([Article(id="a", source="a.txt", body=["One paragraph."])], PENDING_PLACE)
        assert store_problem(store) == "articles left pending"
        store.set_pending(["a"], 0)
        assert store_problem(store) == "1 articles in no story"
