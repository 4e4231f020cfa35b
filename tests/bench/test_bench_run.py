"""``newsfuse bench run``'s feed (real bodies, copies, months of dates) and its stage clock."""
from __future__ import annotations

import json

import pytest

from newsfuse.bench.run import StageClock, write_feed
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
    assert set(clock.seconds) == set(clock.peak_mb) == {"extract", "copies", "facts"}
    assert all(seconds >= 0 for seconds in clock.seconds.values())
