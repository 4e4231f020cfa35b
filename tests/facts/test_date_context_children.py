"""The per-document index of children answers as spaCy's own ``children`` does."""
from __future__ import annotations

from newsfuse.facts.date_context import children_of
from newsfuse.facts.nlp import load_nlp

TEXT = ("The talks, which had been postponed until Tuesday, will resume on Monday, and the ministers "
        "who met in March said they would sign the deal by June 1 after it was approved on Friday.")
DEPS = (frozenset({"aux", "auxpass"}), frozenset({"nsubj"}), frozenset({"conj"}), frozenset({"prep", "cop"}))


def test_children_of_equals_spacys_children_for_every_token_and_dependency() -> None:
    doc = load_nlp()(TEXT)
    checked = 0
    for token in doc:
        for deps in DEPS:
            expected = [child.i for child in token.children if child.dep_ in deps]
            assert [child.i for child in children_of(token, deps)] == expected
            checked += bool(expected)
    assert checked >= 5
