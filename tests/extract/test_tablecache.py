"""The table cache: tables built once, read back read-only by later calls, rebuilt when what they
depend on changes, and never half-written."""
from __future__ import annotations


import numpy as np
import pytest

from newsfuse.extract import tablecache


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv(tablecache.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def _counting_builder(calls: list[int]):
    def build() -> dict[str, np.ndarray]:
        calls.append(1)
        return {"squares": np.arange(10) ** 2, "labels": np.array(["en", "de"])}
    return build


def test_a_table_is_built_once_then_read_back_read_only(cache):
    calls: list[int] = []
    build = _counting_builder(calls)
    first = tablecache.cached_arrays("demo", build, "v1")
    second = tablecache.cached_arrays("demo", build, "v1")
    assert len(calls) == 1
    for arrays in (first, second):
        assert np.array_equal(arrays["squares"], np.arange(10) ** 2)
        assert arrays["labels"].tolist() == ["en", "de"]
        assert not arrays["squares"].flags.writeable
        assert type(arrays["squares"]) is np.ndarray  # not a memmap: numba's fast dispatch takes it


def test_another_key_builds_another_entry(cache):
    calls: list[int] = []
    build = _counting_builder(calls)
    tablecache.cached_arrays("demo", build, "v1")
    tablecache.cached_arrays("demo", build, "v2")
    assert len(calls) == 2
    assert len([path for path in cache.iterdir() if path.name.startswith("demo-")]) == 2


def test_entries_are_whole_with_no_scratch_left(cache):
    tablecache.cached_arrays("demo", _counting_builder([]), "v1")
    (entry,) = cache.iterdir()
    assert sorted(path.name for path in entry.iterdir()) == ["labels.npy", "squares.npy"]


def test_an_unwritable_cache_gives_the_tables_as_built(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(tablecache.CACHE_ENV, str(blocker / "cache"))
    calls: list[int] = []
    arrays = tablecache.cached_arrays("demo", _counting_builder(calls))
    tablecache.cached_arrays("demo", _counting_builder(calls))
    assert len(calls) == 2 and np.array_equal(arrays["squares"], np.arange(10) ** 2)


def test_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv(tablecache.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert tablecache.cache_dir() == tmp_path / "newsfuse"


def test_cached_unicode_tables_equal_the_built_ones():
    from newsfuse.extract import linefeatures

    built, cached = linefeatures._unicode_arrays(), linefeatures._unicode_tables()
    assert sorted(built) == sorted(cached)
    for name in built:
        assert np.array_equal(built[name], cached[name]), name


def test_cached_language_model_equals_py3langid_model():
    from py3langid import langid

    from newsfuse.extract.language import _classify

    fast, stock = _classify().__self__, langid._get_identifier()
    assert np.array_equal(fast.next_move, np.frombuffer(stock.tk_nextmove, dtype=np.uint32))
    assert np.array_equal(fast.row_base, np.asarray(stock._rowbase))
    assert np.array_equal(fast.output, np.asarray(stock.tk_output))
    assert fast.classes == list(stock.nb_classes) and np.array_equal(fast.class_scores, stock.nb_pc)
    assert fast.alias_pairs == stock._alias_pairs
