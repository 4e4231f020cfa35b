"""The dates eval's breakdown of the scorer's "newsfuse" reading: which gold values it can express,
where predictions go, and its ceiling."""
from __future__ import annotations

import pytest

from newsfuse.eval._factsbench import SCORERS, load_scorer
from newsfuse.eval.dates import breakdown, readable_only, value_kind


@pytest.mark.parametrize("value, kind", [
    ("1998-08-07", "readable"), ("1998-W32", "readable"), ("1998-08", "readable"), ("1998", "readable"),
    ("199", "readable"), ("1989-Q3", "quarter or half"), ("1989-H2", "quarter or half"), ("1998-SU", "season"),
    ("1990-W32-WE", "weekend"), ("PRESENT_REF", "PRESENT_REF"), ("1998-08-05TNI", "time of day"),
    ("1998-W5", "other (X-digits, century, P...)"), ("19", "other (X-digits, century, P...)"),
])
def test_value_kinds(value: str, kind: str) -> None:
    assert value_kind(value) == kind


def date_fact(start: int, text: str, first: str, last: str, granularity: str) -> dict:
    return {"kind": "date", "start": start, "end": start + len(text), "text": text,
            "value": {"start": first, "end": last, "granularity": granularity},
            "context": {"granularity": granularity, "part": "", "range": False, "season": ""}}


@pytest.mark.skipif(not (SCORERS / "te3_score.py").exists(), reason="facts-bench scorers not present")
def test_breakdown_counts_and_ceiling() -> None:
    gold = [{"id": "d", "timexes": [
        {"start": 0, "end": 6, "text": "Friday", "type": "DATE", "value": "1998-08-07"},
        {"start": 10, "end": 23, "text": "third quarter", "type": "DATE", "value": "1998-Q3"},
        {"start": 30, "end": 33, "text": "now", "type": "DATE", "value": "PRESENT_REF"},
        {"start": 40, "end": 44, "text": "1997", "type": "DATE", "value": "1997"},
        {"start": 50, "end": 57, "text": "2 hours", "type": "DURATION", "value": "PT2H"}]}]
    found = [{"id": "d", "facts": [
        date_fact(0, "Friday", "1998-08-07", "1998-08-07", "day"),
        date_fact(10, "third quarter", "1998-07-01", "1998-09-30", "quarter"),
        date_fact(40, "1997", "1996-01-01", "1996-12-31", "year"),
        date_fact(60, "May", "1998-05-01", "1998-05-31", "month")]}]
    gold_line, predictions_line, ceiling_line = breakdown(load_scorer(SCORERS, "te3_score"), gold, found)
    assert gold_line.startswith("gold DATE timexes: 4; 2 with a value")
    assert "1 right, 1 value wrong" in gold_line and "1 quarter or half (1 right in the TIMEX3 view)" in gold_line
    assert predictions_line.startswith("counted predictions: 4 (")
    assert "1 on a value the reading cannot express" in predictions_line and "1 on no timex" in predictions_line
    assert "recall 0.5000; F1 0.6667" in ceiling_line  # 2 of 4 gold expressible, P 1
    assert "0.5714 keeping the 1 true facts" in ceiling_line  # P 2/3, R 1/2


def test_readable_only_holds_a_peer_to_the_reading() -> None:
    rows = [{"id": "d", "preds": [{"start": 0, "end": 3, "value": "1998-Q3"}, {"start": 5, "end": 9, "value": "1998"},
                                  {"start": 10, "end": 13, "value": "PRESENT_REF"}]}]
    values = [pred["value"] for pred in readable_only(rows)[0]["preds"]]
    assert values == ["UNREADABLE", "1998", "UNREADABLE"]
