"""Quantities: a win-loss record after a name is a record of that name; a score stays passed over."""
from __future__ import annotations

import pytest

from newsfuse.facts.nlp import load_nlp
from newsfuse.facts.quantities import find_quantities


def records(text: str) -> list[tuple[str, float, str]]:
    return [(f.mention.text, f.value["amount"], f.context["of"]) for f in find_quantities("t", load_nlp()(text))
            if f.key == "record"]


@pytest.mark.parametrize("text, expected", [
    ("Jon Doe (52-3, 46 KOs) beat a sluggish Rob Roe in the fifth round.", [("52-3", 52, "Doe")]),
    ("Former champion, Rick Bowe, 43-1, returned to the ring on Saturday.", [("43-1", 43, "Bowe")]),
    ("The victory took Doe's record to 52-3 on Saturday night.", [("52-3", 52, "Doe")]),
    ("He calmly led Indianapolis (10-5) downfield.", [("10-5", 10, "Indianapolis")]),
])
def test_a_record_after_a_name_belongs_to_that_name(text, expected):
    assert records(text) == expected


@pytest.mark.parametrize("text", ["Burnley came from behind to beat Charlton 2-1 on Sunday.",
                                  "He was on the mound with a 9-2 lead in the ninth inning."])
def test_a_score_is_no_quantity(text):
    assert find_quantities("t", load_nlp()(text)) == []
