"""Quantities: earthquake magnitudes in their several spellings, ages set after a name, and the
numbers of a "four-by-four" (a type, not a count)."""
from __future__ import annotations

import pytest

from newsfuse.facts.nlp import load_nlp
from newsfuse.facts.quantities import find_quantities


def quantities(text: str) -> list:
    return find_quantities("t", load_nlp()(text))


@pytest.mark.parametrize("text, surface, amount, bound", [
    ("The island was rocked by a magnitude-5.9 earthquake on Sunday.", "magnitude-5.9", 5.9, "exact"),
    ("The 6.1-magnitude quake struck the island.", "6.1-magnitude", 6.1, "exact"),
    ("An earthquake registering 6.1 on the Richter scale hit the port.", "6.1 on the Richter scale", 6.1, "exact"),
    ("It was a quake of magnitude 6.4, the survey said.", "magnitude 6.4", 6.4, "exact"),
    ("A quake measuring at least magnitude-5.9 shook the area.", "at least magnitude-5.9", 5.9, "lower"),
])
def test_magnitudes_are_one_kind_of_amount_however_written(text, surface, amount, bound):
    found = [f for f in quantities(text) if f.key == "magnitude"]
    assert [(f.mention.text, f.value["amount"], f.value["bound"]) for f in found] == [(surface, amount, bound)]
    assert found[0].value["unit"] == "magnitude"


def test_a_magnitude_replaces_the_count_read_at_its_number():
    found = quantities("A 5.9 magnitude earthquake has leveled seven villages.")
    assert sorted(f.key for f in found) == ["count:village", "magnitude"]


def test_an_age_after_a_name_is_an_age():
    found = quantities("The bodies of Jane Doe, 61, and Mary Roe, 48, were found on Tuesday.")
    assert [(f.mention.text, f.key, f.value["amount"]) for f in found] == [("61", "age", 61), ("48", "age", 48)]


def test_numbers_after_a_name_that_are_no_age_are_left():
    assert quantities("Chapters 2, 3 and 4 were read by Smith, 2003, in full.") == []


def test_a_four_by_four_is_no_count():
    assert quantities("The men drove a large four-by-four car into the store.") == []
    assert [f.mention.text for f in quantities("Four cars drove by the store.")] == ["Four cars"]


def test_a_footnote_mark_after_a_name_is_no_age():
    """"²" counts as a digit for ``str.isdigit`` but ``int`` cannot read it: no age, no error."""
    assert quantities("Jane Doe, ², said the storm damaged the port.") == []
