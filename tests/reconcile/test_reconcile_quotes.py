"""The quote ledger: alignment across outlets, word diffs, wording and attribution conflicts."""
from __future__ import annotations

from newsfuse.config import ReconcileConfig
from newsfuse.reconcile import reconcile_story
from newsfuse.reconcile.quotes import changed_key_words, word_diff

CONFIG = ReconcileConfig()
BASE = "These crates may hold the first supplies of timber from Pelmora"


def test_changed_content_noun_is_a_key_word_change():
    assert changed_key_words(BASE, "These crates may hold the first supplies of rifles from Pelmora", CONFIG) \
        == [("timber", "rifles")]


def test_punctuation_inflection_and_near_synonym_spelling_are_variants():
    assert changed_key_words(BASE, "These crates, may hold the first supply of timber from Pelmora.", CONFIG) == []
    assert changed_key_words("equipment and munitions", "equipment and ammunition", CONFIG) == []
    assert changed_key_words("surface-to air missiles", "surface-to-air missiles", CONFIG) == []


def test_paraphrase_is_not_a_wording_conflict():
    paraphrase = "We think the boxes might contain initial deliveries of wood sent by the Pelmora government"
    assert changed_key_words(BASE, paraphrase, CONFIG) == []


def test_word_diff_marks_removed_and_added_words():
    runs = word_diff("hold the timber now", "hold the rifles now")
    assert ("delete", "timber") in runs and ("insert", "rifles") in runs and runs[0] == ("equal", "hold the")


def test_ledger_aligns_a_quote_and_reports_wording_with_sides(builder):
    b = builder([["a1", "a2"], ["b"], ["c"]])
    for article, text in (("a1", BASE), ("a2", BASE), ("b", BASE + ".")):
        b.quote(article, b.sentence(article, f"\u201c{text}\u201d, Mira Tal said."), text, "Mira Tal")
    changed = "these crates may hold a first supply of rifles from Pelmora"
    b.quote("c", b.sentence("c", f"Tal said that \u201c{changed}\u201d."), changed, "Mira Tal")
    reconcile_story(b.story, b.articles, CONFIG)
    assert len(b.story.quotes) == 1 and b.story.quotes[0].independent_support == 3
    wording = [c for c in b.story.conflicts if c.type == "quote_wording"]
    assert len(wording) == 1
    sides = {s.value: s.articles for s in wording[0].sides}  # each side is the quotation as it renders it
    assert sides == {BASE: ["a1", "a2", "b"], changed: ["c"]}
    assert "'timber' becomes 'rifles'" in wording[0].explanation
    assert not [c for c in b.story.conflicts if c.type == "attribution"]


def test_same_quote_from_different_speakers_is_an_attribution_conflict(builder):
    b = builder([["a"], ["a2"], ["b"], ["b2"]])
    for article, speaker in (("a", "Mira Tal"), ("a2", "Mira Tal"), ("b", "Oren Vask"), ("b2", "Oren Vask")):
        b.quote(article, b.sentence(article, f"\u201c{BASE}\u201d, {speaker} said."), BASE, speaker)
    reconcile_story(b.story, b.articles, CONFIG)
    assert [c.type for c in b.story.conflicts] == ["attribution"]
    assert {s.value for s in b.story.conflicts[0].sides} == {"Mira Tal", "Oren Vask"}


def test_one_outlets_other_speaker_is_not_reported(builder):
    """A speaker only one source names may be the speaker stage's misreading: not a confident attribution."""
    b = builder([["a"], ["b"]])
    b.quote("a", b.sentence("a", f"\u201c{BASE}\u201d, Mira Tal said."), BASE, "Mira Tal")
    b.quote("b", b.sentence("b", f"\u201c{BASE}\u201d, Oren Vask said."), BASE, "Oren Vask")
    reconcile_story(b.story, b.articles, CONFIG)
    assert b.story.conflicts == []


def test_a_reworded_quote_is_no_wording_conflict_and_glued_words_are_one_word(builder):
    b = builder([["a"], ["b"]])
    first, second = "The gulf is not deep enough so that we can expect waves", "Because the gulf is not very deep, waves are not expected"
    b.quote("a", b.sentence("a", f"\u201c{first}\u201d, Mira Tal said."), first, "Mira Tal")
    b.quote("b", b.sentence("b", f"\u201c{second}\u201d, Mira Tal said."), second, "Mira Tal")
    reconcile_story(b.story, b.articles, CONFIG)
    assert b.story.conflicts == []


def test_short_and_full_name_of_one_speaker_is_not_an_attribution_conflict(builder):
    b = builder([["a"], ["b"]])
    b.quote("a", b.sentence("a", f"\u201c{BASE}\u201d, Mira Tal said."), BASE, "Mira Tal")
    b.quote("b", b.sentence("b", f"\u201c{BASE}\u201d, Tal said."), BASE, "Tal")
    reconcile_story(b.story, b.articles, CONFIG)
    assert b.story.conflicts == []
