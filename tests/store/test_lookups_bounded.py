"""What an ingest looks up in the store's indexes is read a key at a time, at most a bucket's limit of rows a
key: a term, a band key or a sampled shingle the whole store holds (boilerplate) costs no more to look up
in a big store than in a small one, and the look-ups find what reading every holder found."""
from __future__ import annotations

import pytest

from newsfuse.config import CopiesConfig
from newsfuse.copies.candidates import index_chunk
from newsfuse.store import Store
from newsfuse.store.base import BaseStore
from newsfuse.store.copyindex import _stored_candidates, index_rows

BOILERPLATE = ("Copyright Harbour Wire Services, all rights reserved; no part of this report may be reproduced, "
               "stored or sent on without the written permission of the agency's licensing desk in Varnholm.")


@pytest.fixture
def counted(monkeypatch) -> list[int]:
    """The number of rows each store query returns."""
    sizes: list[int] = []
    rows, rows_in = BaseStore._rows, BaseStore._rows_in
    monkeypatch.setattr(BaseStore, "_rows", lambda self, *a, **k: sizes.append(len(found := rows(self, *a, **k))) or found)
    monkeypatch.setattr(BaseStore, "_rows_in", lambda self, *a, **k: sizes.append(len(found := rows_in(self, *a, **k))) or found)
    return sizes


def _store(tmp_path):
    store = Store(tmp_path / "store.sqlite")
    rows = [("common", seq, f"2031-01-{1 + seq % 28:02d}") for seq in range(1, 61)]
    rows += [("common", seq, None) for seq in range(61, 66)]
    rows += [("rare", seq, "2031-01-05") for seq in (3, 4)] + [("rare", 70, None)]
    rows += [("mid", seq, f"2031-01-{1 + seq % 28:02d}") for seq in range(1, 11)]
    store.add_terms(rows)
    return store


def test_a_widely_held_term_is_dropped_after_reading_most_plus_one_rows(tmp_path, counted):
    sizes = counted
    with _store(tmp_path) as store:
        assert sorted(store.term_holders(["common", "rare"], None, None, most=10)) == [("rare", 3), ("rare", 4), ("rare", 70)]
        assert max(sizes) <= 11
        sizes.clear()
        store.term_holders(["common", "rare", "mid"], "2031-01-01", "2031-01-06", most=10)
        assert max(sizes) <= 11


def test_the_holders_are_those_of_the_whole_index_under_the_limit(tmp_path):
    with _store(tmp_path) as store:
        every = store._rows("SELECT term, seq, date FROM article_terms")
        for first, last, most in ((None, None, 100), (None, None, 10), ("2031-01-01", "2031-01-06", 30),
                                  ("2031-01-01", "2031-01-06", 12), ("2031-01-04", "2031-01-05", 5)):
            held = [(t, s) for t, s, d in every if first is None or d is None or first <= d <= last]
            counts = {t: sum(1 for u, _ in held if u == t) for t, _ in held}
            expected = sorted((t, s) for t, s in held if counts[t] <= most)
            assert sorted(store.term_holders(["common", "rare", "mid"], first, last, most)) == expected, (first, most)


def _texts(count: int) -> list[str]:
    """Articles of their own words, each ending in the same boilerplate paragraph; the first three are one text."""
    words = ["ferry", "crane", "harbour", "quay", "storm", "pilot", "cargo", "tug", "dock", "berth", "mooring", "hull"]
    own = [" ".join(f"{words[(n * 7 + k) % len(words)]}{n}x{k}" for k in range(60)) for n in range(count)]
    own[1] = own[2] = own[0]
    return [f"{text}.\n{BOILERPLATE}" for text in own]


def test_copy_candidates_read_a_bucket_limit_of_holders_and_find_the_same_pairs(tmp_path, counted, monkeypatch):
    config = CopiesConfig()
    stored_texts = _texts(3 * config.max_bucket)
    with Store(tmp_path / "store.sqlite") as store:
        store.add_copy_index(*index_rows(index_chunk(stored_texts, config), list(range(1, len(stored_texts) + 1))))
        new = index_chunk([stored_texts[0], _texts(3 * config.max_bucket + 1)[-1]], config)
        counted.clear()
        bounded = _stored_candidates(store, new, config)
        assert max(counted) <= config.max_bucket + 1
        for name in ("band_matches", "sample_matches"):  # every holder read, as before
            whole = getattr(BaseStore, name)
            monkeypatch.setattr(BaseStore, name, lambda self, keys_or_band, *rest, whole=whole, **_: whole(self, keys_or_band, *rest))
        counted.clear()
        assert _stored_candidates(store, new, config) == bounded
        assert max(counted) > config.max_bucket + 1  # the boilerplate's holders: every stored article
        assert {(0, 1), (0, 2), (0, 3)} <= bounded
