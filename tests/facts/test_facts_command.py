"""``newsfuse facts``: exact offsets, one error line per bad document, ``published`` as the reference."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfuse.cli import main
from newsfuse.facts import standalone
from newsfuse.facts.placevariants import skeleton
from newsfuse.facts.standalone import clean_input, document_facts, exact_span

ARTICLE = (
    "KABUL, Afghanistan (AP) _\n\n"
    "About 3,000 troops will leave Kabul by May 4, the minister said Friday.\n\n\n"
    "\u201c We are done here,\u201d Defence Minister Anna Berg said. She added: \"It took 20 years.\"\n\n"
    "Berg spoke in Berlin, 560 km (348 miles) from Hamburg, in early September 2019."
)


def run_cli(tmp_path: Path, rows: list, capsys) -> tuple[int, list[dict], list[str]]:
    path = tmp_path / "in.jsonl"
    path.write_text("".join((row if isinstance(row, str) else json.dumps(row)) + "\n" for row in rows))
    status = main(["facts", str(path)])
    captured = capsys.readouterr()
    return status, [json.loads(line) for line in captured.out.splitlines()], captured.err.splitlines()


def test_every_fact_and_quote_offset_indexes_the_given_text(tmp_path: Path, capsys) -> None:
    status, printed, errors = run_cli(tmp_path, [{"id": "a", "text": ARTICLE, "published": "2021-08-27"}], capsys)
    assert status == 0 and not errors
    row = printed[0]
    assert row["id"] == "a"
    kinds = {fact["kind"] for fact in row["facts"]}
    assert {"place", "date", "quantity", "person"} <= kinds
    assert len(row["quotes"]) == 2
    for item in row["facts"] + row["quotes"]:
        assert ARTICLE[item["start"]:item["end"]] == item["text"]
    assert set(printed[0]["quotes"][0]) >= {"text", "speaker", "start", "end"}


def test_a_failing_finder_costs_one_error_line_and_only_its_own_mentions(tmp_path: Path, capsys, monkeypatch) -> None:
    def failing_places(doc_id, doc, reference):
        if "Nowhere" in doc.text:
            raise IndexError("string index out of range")
        return []
    steps = tuple((name, kinds, failing_places if name == "places" else step) for name, kinds, step in standalone.FACT_STEPS)
    monkeypatch.setattr(standalone, "FACT_STEPS", steps)
    rows = [{"id": "bad", "text": "Nowhere, on Friday, 40 people left.", "published": "2020-03-06"},
            "{not json",
            {"id": "good", "text": "On Friday, 12 people left.", "published": "2020-03-06"}]
    status, printed, errors = run_cli(tmp_path, rows, capsys)
    assert status == 0
    assert [row["id"] for row in printed] == ["bad", "good"]
    assert len(errors) == 2  # documents are read a batch ahead of their facts, so in either order
    finder_error = next(line for line in errors if "places failed" in line)
    assert "bad" in finder_error and "IndexError" in finder_error and "in.jsonl:1" in finder_error
    assert any("in.jsonl:2" in line and "not JSON" in line for line in errors)
    bad = printed[0]
    assert bad["error"] and {f["kind"] for f in bad["facts"]} >= {"date", "quantity"}


def test_published_is_the_reference_date_with_granularity() -> None:
    text = "The plant closed on Friday, and the strike began last month."
    friday, month = None, None
    for found in document_facts([clean_input("r", text, "2020-03-10")], kinds=frozenset({"date"})):
        dates = {fact["text"]: fact["value"] for fact in found.to_dict()["facts"]}
        friday, month = dates["Friday"], dates["last month"]
    assert (friday["start"], friday["granularity"]) == ("2020-03-06", "day")
    assert (month["start"], month["end"], month["granularity"]) == ("2020-02-01", "2020-02-29", "month")


def test_nothing_processed_is_exit_status_2(tmp_path: Path, capsys) -> None:
    status, printed, errors = run_cli(tmp_path, [{"id": "x"}], capsys)
    assert status == 2 and not printed and len(errors) == 1


@pytest.mark.parametrize(("surface", "start", "expected"), [
    ("done here", 5, (5, 14)), ("done here", 4, (5, 14)), ("absent", 0, None), ("", 3, None)])
def test_exact_span_finds_the_surface_near_its_start(surface: str, start: int, expected) -> None:
    assert exact_span("\u201c We done here,\u201d she said", surface, start) == expected


def test_a_place_name_without_letters_has_an_empty_skeleton() -> None:
    assert skeleton("") == ""
