"""The chrome rules' shortcuts give what the plain tests give: one match for a chrome opening
or a byline, the mark test before the breadcrumb pattern."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from newsfuse.extract.chrome import CHROME_OPENING
from newsfuse.extract.textdump import BREADCRUMB, BYLINE, CHROME_OR_BYLINE, _is_breadcrumb, split_lines


def _lines(shared_dir: Path) -> list[str]:
    rng = random.Random(47)
    pieces = ["By ", "by", "From ", "Jane Doe", " ", "Read more", "Related: ", "Photo: ", "© 2024", "Home > News > ",
              "x", "Tags:", "Advertisement", "von ", "door ", "sponsored content", "Share this", ".", "\n"]
    lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))) for _ in range(3000)]
    paths = sorted((shared_dir / "data" / "textdumps" / "wcxb-dev").glob("*.txt"))[:20]
    if not paths:
        pytest.skip("no text dumps found")
    return lines + [line for path in paths for line in split_lines(path.read_text(encoding="utf-8"))]


def test_one_match_finds_a_chrome_opening_or_a_byline(shared_dir: Path) -> None:
    for line in _lines(shared_dir):
        assert bool(CHROME_OR_BYLINE.match(line)) == bool(CHROME_OPENING.match(line) or BYLINE.match(line)), line


def test_breadcrumb_test_is_the_pattern_search(shared_dir: Path) -> None:
    for line in _lines(shared_dir):
        assert _is_breadcrumb(line) == (BREADCRUMB.search(line) is not None), line
