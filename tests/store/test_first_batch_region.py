"""A first batch into an empty store has no stored article to look for: its region is the batch, found
without reading the term index once per article (which made a 50k-document ``run`` quadratic). A later
batch still looks up its stored neighbours."""
from __future__ import annotations

from pathlib import Path

from newsfuse.config import Config
from newsfuse.pipeline import ingest
from newsfuse.store import Store
from newsfuse.store.base import BaseStore

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ferry-fire"


def test_a_first_batch_reads_no_term_holders_and_a_later_one_does(tmp_path, monkeypatch):
    calls: list[int] = []
    holders = BaseStore.term_holders
    monkeypatch.setattr(BaseStore, "term_holders", lambda self, *a, **k: calls.append(1) or holders(self, *a, **k))
    files = sorted(EXAMPLE.iterdir())
    with Store(tmp_path / "store.sqlite") as store:
        result, errors = ingest(files[:-1], store, Config())
        assert not errors and len(store.stories()) == 1
        assert calls == []
        result, errors = ingest(files[-1:], store, Config())
        assert not errors and calls
        assert len(store.stories()) == 1 and len(store.stories()[0].articles) == len(store.all_ids())
