"""The same inputs give the same outputs in every run, whatever Python's hash seed."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _run(out: Path, hash_seed: str) -> bytes:
    env = dict(os.environ, PYTHONHASHSEED=hash_seed)
    subprocess.run([sys.executable, "-m", "newsfuse.cli", "run", str(EXAMPLES), "--out", str(out)],
                   check=True, env=env, capture_output=True)
    return (out / "stories.json").read_bytes()


def test_outputs_do_not_depend_on_the_hash_seed(tmp_path):
    assert _run(tmp_path / "a", "1") == _run(tmp_path / "b", "2")
