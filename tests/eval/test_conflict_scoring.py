"""The conflict gold's scoring (CONFLICTS-GUIDE.md): true, trap and unlisted reports, recall."""
from __future__ import annotations

import json

from newsfuse.eval._conflict_gold import GoldStory, Totals, load_gold, row_article, score_story

GOLD = {"subtopic": "s1", "articles": ["a", "b", "c"],
        "conflicts": [{"id": "s1-C1", "types": ["value"], "a_re": "(?<![\\w.,])7(?![\\w]|[.,]\\d)", "b_re": "nine|9",
                       "a_articles": ["a"], "b_articles": ["b"], "why": "toll", "update": True},
                      {"id": "s1-C2", "types": ["temporal_order"], "a_re": "before", "b_re": "after",
                       "a_articles": ["a"], "b_articles": ["c"], "why": "order"}],
        "debatable": [{"id": "s1-D1", "types": ["place"], "a_re": "harbour", "b_re": "quay",
                       "a_articles": ["a"], "b_articles": ["c"], "why": "near"}],
        "not_conflicts": [{"why": "30 miles = 48 km", "a_re": "30 miles", "b_re": "48 km"}]}


def conflict(kind, *sides, status="dispute"):
    return {"type": kind, "status": status, "sides": [{"value": v, "articles": list(a)} for v, a in sides]}


def test_true_debatable_trap_and_unlisted_reports_are_told_apart():
    story = GoldStory(GOLD, "train", [])
    reported = [conflict("value", ("9 dead", "b"), ("7 dead", "a"), status="revision"),
                conflict("place", ("the harbour", "a"), ("the quay", "c")),
                conflict("value", ("30 miles", "a"), ("48 km", "b")),
                conflict("value", ("7.5 dead", "a"), ("9 dead", "b")),
                conflict("temporal_order", ("before", "a"), ("after", "c"))]
    score = score_story(story, reported)
    assert (score.reported, score.true, score.typed_right) == (4, 2, 2)
    assert score.found == {"s1-C1"} and score.revised == {"s1-C1"}
    assert [why for _, why in score.false_alarms] == ["trap: 30 miles = 48 km", "unlisted"]
    totals = Totals()
    totals.add(story, score)
    assert totals.gold == 1 and "precision 0.500" in totals.line() and "recall 1.000" in totals.line()


def test_a_side_citing_the_wrong_article_does_not_match():
    story = GoldStory(GOLD, "train", [])
    score = score_story(story, [conflict("value", ("7 dead", "c"), ("9 dead", "b"))])
    assert score.true == 0 and score.false_alarms[0][1] == "unlisted"


def test_both_row_forms_load_and_a_story_with_missing_rows_is_skipped(tmp_path):
    data = tmp_path / "part.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in (
        {"doc_id": "a", "text": "One.\nTwo.", "date": "2010-01-02"},
        {"id": "b", "text": "Three.\n\nFour.", "published": "2010-01-03", "title": "T"},
        {"id": "c", "text": "Five."})))
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(GOLD) + "\n" + json.dumps({**GOLD, "subtopic": "s2", "articles": ["a", "z"]}))
    stories, missing = load_gold(gold, [data])
    assert [s.id for s in stories] == ["s1"] and missing == ["s2"] and stories[0].part == "part"
    assert row_article({"doc_id": "a", "text": "One.\nTwo.", "date": "2010-01-02"}, "x").body == ["One.", "Two."]
    assert stories[0].articles[1].published == "2010-01-03"
