"""Two processes ingesting into one store at once lose nothing (issue 22), on both backends."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from newsfuse.store import PENDING_PLACE, PENDING_TRACE, Store

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ferry-fire"
NEWSFUSE = [sys.executable, "-m", "newsfuse.cli"]


def test_two_processes_ingesting_into_one_store_at_once_lose_nothing(store_url, seeds_dir):
    Store(store_url).close()  # created first: the test is about ingesting, not creating
    processes = [subprocess.Popen(NEWSFUSE + ["ingest", str(folder), "--db", store_url],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for folder in (seeds_dir, EXAMPLE)]
    for process in processes:
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
    with Store(store_url) as store:
        ids = store.all_ids()
        assert len(ids) == 10
        assert store.pending(PENDING_TRACE) == [] and store.pending(PENDING_PLACE) == []
        held = store.stories_of(ids)
        assert sorted(held) == sorted(ids)  # every article in exactly one story
        members = store.members(set(held.values()))
        assert sorted(a for group in members.values() for a in group) == sorted(ids)
        seeds = {path.stem for path in seeds_dir.iterdir()}
        assert all(set(group) <= seeds or not set(group) & seeds for group in members.values())  # two events apart
        stories = store.stories()
        assert stories and all(story.facts for story in stories)  # each story derived, none lost half-way
