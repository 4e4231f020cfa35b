"""Quotes: quotation-mark conventions, lines, markup, exact offsets."""
from __future__ import annotations

import pytest

from newsfuse.facts.quotes import quote_spans


def stretches(text: str) -> list[str]:
    return [text[q.start:q.end] for q in quote_spans(text)]


@pytest.mark.parametrize("text", [
    "She said, \u201cWe will win the vote.\u201d",
    "She said, \"We will win the vote.\"",
    "She said, ''We will win the vote.''",
    "She said, \u201cWe will win the vote.\"",
    "She said, \u00abWe will win the vote.\u00bb",
    "She said, \u201eWe will win the vote.\u201c",
])
def test_every_double_mark_convention(text: str) -> None:
    assert stretches(text) == ["We will win the vote."]


def test_single_marks_count_only_where_the_article_uses_no_double_marks() -> None:
    british = "The minister said: \u2018We will not bow to pressure.\u2019 Aides\u2019 notes agree."
    assert stretches(british) == ["We will not bow to pressure."]
    nested = "\u201cThey told me \u2018wait\u2019 and I did,\u201d he said. Then \u2018ok\u2019 came."
    assert stretches(nested) == ["They told me \u2018wait\u2019 and I did,"]


def test_a_quote_open_at_a_line_end_runs_to_it_and_the_next_paragraph_reopens() -> None:
    text = "\u201cWe will rebuild,\u201d she said. \u201cAnd fast.\n\n\u201cNobody is left behind.\u201d"
    spans = quote_spans(text)
    assert [text[q.start:q.end] for q in spans] == ["We will rebuild,", "And fast.", "Nobody is left behind."]
    assert spans[1].open_ended and spans[2].opens_line


def test_markup_attributes_and_empty_stretches_are_not_quotes() -> None:
    text = '<tweet author="@someone" datetime="2016-01-01">\u201cBig news today.\u201d</tweet> Then "" was all.'
    assert stretches(text) == ["Big news today."]
