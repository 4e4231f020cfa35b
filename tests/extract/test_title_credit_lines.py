"""The title search passes over credit lines between the headline and the body."""
from __future__ import annotations

import pytest

from newsfuse.extract.titles import LineIndex, _is_candidate, find_title_line

PROSE = "The council voted on Tuesday to close the old bridge to lorries while engineers inspect it."


@pytest.mark.parametrize("credit", [
    "Written By: Ana Lopez Senior Science Editor",
    "Reviewed by Dr Sam Okafor, Consultant Cardiologist",
    "Credit: Lee Park for the Daily Courier",
    "Contributions From: Ana Lopez and Sam Okafor",
    "2025-11-03 14 min read Ana Lopez",
])
def test_credit_line_below_the_headline_is_not_the_title(credit):
    lines = ["Menu", "Home News Sport", "Bridge to close to lorries after a failed inspection", credit, PROSE, PROSE, PROSE]
    assert not _is_candidate(credit)
    assert find_title_line(LineIndex(lines), 4) == 2


def test_headline_that_mentions_a_review_stays_a_candidate():
    assert _is_candidate("Best Hiking Boots of the Year, Reviewed by a Mountain Guide")
