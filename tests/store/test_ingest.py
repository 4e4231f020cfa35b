"""Incremental ingest (issue 22): batches give what one batch gives, the same documents change
nothing, an interrupted ingest is completed by the next, stored stories survive re-ingesting."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsfuse import pipeline
from newsfuse.config import Config
from newsfuse.pipeline import build_stories, extract_inputs, ingest
from newsfuse.store import PENDING_PLACE, Store

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ferry-fire"
TABLES = ("articles", "stories", "story_articles", "facts", "quotes", "copy_bands", "copy_samples", "relations")


def _ingest(url: str, *inputs: Path) -> None:
    with Store(url) as store:
        result, errors = ingest(list(inputs), store, Config())
    assert not errors and result.read


def _stories(url: str) -> list[dict]:
    with Store(url) as store:
        return [s.to_dict() for s in store.stories()]


def _snapshot(url: str) -> dict:
    with Store(url) as store:
        return {t: sorted(store._rows(f"SELECT * FROM {t}")) for t in TABLES}


def _split(tmp_path: Path, files: list[Path], sizes: list[int]) -> list[Path]:
    batches, start = [], 0
    for number, size in enumerate(sizes):
        folder = tmp_path / f"batch{number}"
        folder.mkdir()
        for file in files[start:start + size]:
            shutil.copy(file, folder)
        batches.append(folder)
        start += size
    return batches


def test_the_example_in_two_batches_gives_what_one_batch_gives(store_url, tmp_path):
    one = str(tmp_path / "one.sqlite")
    _ingest(one, EXAMPLE)
    for batch in _split(tmp_path, sorted(EXAMPLE.iterdir()), [2, 3]):
        _ingest(store_url, batch)
    assert _stories(store_url) == _stories(one)
    in_memory = build_stories(list(extract_inputs([EXAMPLE], Config(), print)), Config())
    assert _stories(one) == [s.to_dict() for s in in_memory]  # the store path is the one-shot path
    stories = _stories(one)
    assert stories[0]["facts"] and stories[0]["quotes"] and stories[0]["provenance"]["relations"]


def test_the_seeds_one_file_at_a_time_give_what_one_batch_gives(seeds_dir, tmp_path):
    one, each = str(tmp_path / "one.sqlite"), str(tmp_path / "each.sqlite")
    _ingest(one, seeds_dir)
    for file in sorted(seeds_dir.iterdir()):
        _ingest(each, file)
    assert _stories(each) == _stories(one)
    assert len(_stories(one)) == 1 and len(_stories(one)[0]["articles"]) == 5


def test_ingesting_the_same_documents_again_changes_nothing(store_url):
    _ingest(store_url, EXAMPLE)
    first = _snapshot(store_url)
    _ingest(store_url, EXAMPLE)
    assert _snapshot(store_url) == first


def test_reingesting_one_article_of_a_stored_story_keeps_the_story_f9(seeds_dir, tmp_path):
    """RELIABILITY F9: the seeds, then one of them again into the same store."""
    url = str(tmp_path / "store.sqlite")
    _ingest(url, seeds_dir)
    before = _snapshot(url)
    assert len(before["stories"]) == 1 and before["facts"] and before["quotes"]
    _ingest(url, seeds_dir / "002_e8232062b0a90d45.txt")
    assert _snapshot(url) == before
    edited = tmp_path / "002_e8232062b0a90d45.txt"  # the same article, changed: its story is derived again
    edited.write_text((seeds_dir / edited.name).read_text() + "\nA line added at the end of the page.\n")
    _ingest(url, edited)
    after = _snapshot(url)
    assert len(after["stories"]) == 1 and len(after["story_articles"]) == 5 and after["facts"] and after["quotes"]


def test_an_interrupted_ingest_is_completed_by_the_next(tmp_path, monkeypatch):
    whole, cut = str(tmp_path / "whole.sqlite"), str(tmp_path / "cut.sqlite")
    _ingest(whole, EXAMPLE)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "derive_stories", interrupted)
        with pytest.raises(KeyboardInterrupt):
            _ingest(cut, EXAMPLE)
    with Store(cut) as store:
        assert store.count("articles") == 5 and store.count("stories") == 0
        assert len(store.pending(PENDING_PLACE)) == 5
    _ingest(cut, EXAMPLE)  # nothing new to read: the pending articles are placed
    with Store(cut) as store:
        assert store.pending(PENDING_PLACE) == []
    assert _stories(cut) == _stories(whole)


def test_ecbplus_dev_in_ten_chronological_batches_scores_within_a_hundredth_of_one_batch(shared_dir):
    from newsfuse.eval._clustering import score_clusters
    from newsfuse.eval._ecbplus import load_split
    from newsfuse.store.regions import cluster_in_batches
    from newsfuse.stories import cluster_ids

    data = shared_dir / "data" / "ecbplus"
    if not (data / "dev.jsonl").exists():
        pytest.skip(f"{data} not found")
    documents = load_split(data, "dev")
    articles = [d.article for d in documents]
    gold = {d.article.id: d.subtopic for d in documents}
    one = score_clusters(cluster_ids(articles, []), gold).f1
    split = score_clusters(cluster_in_batches(articles, [], 10), gold).f1
    assert abs(split - one) <= 0.01, (one, split)
