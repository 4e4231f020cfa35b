"""Atomic output files: the usual file mode, and no half-written file on failure."""
from __future__ import annotations

import os

import pytest

from newsfuse.report import atomic_write


def test_written_file_has_the_umask_mode(tmp_path):
    previous = os.umask(0o022)
    try:
        path = atomic_write(tmp_path / "stories.json", "[]\n")
    finally:
        os.umask(previous)
    assert path.read_text() == "[]\n"
    assert path.stat().st_mode & 0o777 == 0o644


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "articles.jsonl"
    path.write_text("old\n")
    with pytest.raises(UnicodeEncodeError):
        atomic_write(path, "new \ud800 text")  # a lone surrogate cannot be encoded
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["articles.jsonl"]
