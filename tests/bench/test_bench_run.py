"""``newsfuse bench run``'s feed (real bodies, copies, months of dates) and its stage clock."""
from __future__ import annotations

import json

import pytest

from newsfuse.bench._processes import StageClock
from newsfuse.bench.run import write_feed
from newsfuse.copies import trace_copies
from newsfuse.model import Article


def test_the_feed_holds_dated_documents_over_the_months_with_copies(shared_dir, tmp_path):
    data = shared_dir / "data" / "ecbplus"
    if not (data / "train.jsonl").exists():
        pytest.skip(f"{data} not found")
    feed = tmp_path / "feed.jsonl"
    write_feed(feed, 300, 6, data, seed=3)
    rows = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 300 and len({row["id"] for row in rows}) == 300
    months = {row["published"][:7] for row in rows}
    assert len(months) >= 5 and all(row["outlet"] and row["text"] for row in rows)
    articles = [Article(id=row["id"], source="feed", title=row["title"], body=row["text"].split("\n\n"),
                        published=row["published"]) for row in rows]
    assert len(trace_copies(articles)) >= 5  # some documents copy others


def test_the_stage_clock_times_each_stage_from_its_first_call_to_the_next_stage():
    clock = StageClock()
    for stage, done in [("extract", 1), ("extract", 2), ("copies", 0), ("copies", 5), ("facts", 0)]:
        clock(stage, done, None)
    clock.finish()
    assert clock.order == ["extract", "copies", "facts"]
    assert set(clock.seconds) == set(clock.cpu_seconds) == set(clock.peak_mb) == {"extract", "copies", "facts"}
    assert all(seconds >= 0 for seconds in [*clock.seconds.values(), *clock.cpu_seconds.values()])


def test_the_cpu_of_a_process_tree_counts_its_live_workers(tmp_path):
    import multiprocessing

    from newsfuse.bench._processes import descendants, tree_cpu_seconds

    stop = multiprocessing.get_context("fork").Event()
    worker = multiprocessing.get_context("fork").Process(target=_spin, args=(stop,))
    worker.start()
    try:
        import os
        import time
        deadline = time.monotonic() + 30
        while tree_cpu_seconds(worker.pid) < 0.3 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert worker.pid in descendants(os.getpid())
        assert tree_cpu_seconds(os.getpid()) - tree_cpu_seconds(worker.pid) >= 0
        assert tree_cpu_seconds(worker.pid) >= 0.3
    finally:
        stop.set()
        worker.join()


def _spin(stop) -> None:
    while not stop.is_set():
        sum(range(10_000))
