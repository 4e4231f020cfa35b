"""The facts-bench evaluations map newsfuse and the peers as the reference scorers expect."""
from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from newsfuse.eval import _factsbench, _heideltime, places, quantities, quotes
from newsfuse.facts.nlp import load_nlp
from newsfuse.facts.standalone import clean_input, find_in_doc


@pytest.fixture(scope="module")
def scorers(shared_dir: Path) -> Path:
    folder = _factsbench.SCORERS
    if not folder.is_dir():
        pytest.skip(f"{folder} not found")
    return folder


def test_heideltime_timexes_index_the_input_text() -> None:
    text = "AT&T said Friday it would\nsell shares in 1999."
    tml = ('<?xml version="1.0"?>\n<!DOCTYPE TimeML SYSTEM "TimeML.dtd">\n<TimeML>\nAT&amp;T said '
           '<TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3> it would\nsell shares in '
           '<TIMEX3 tid="t2" type="DATE" value="1999">1999</TIMEX3>.\n</TimeML>\n')
    found = _heideltime.timexes(tml, text)
    assert [(t["text"], t["value"], t["type"]) for t in found] == [("Friday", "1998-08-07", "DATE"), ("1999", "1999", "DATE")]
    assert all(text[t["start"]:t["end"]] == t["text"] for t in found)


def test_newsfuse_dates_and_heideltime_rows_score_through_te3(scorers: Path) -> None:
    text = "Rebels attacked on Friday, officials said."
    doc = load_nlp()(text)
    row = find_in_doc(clean_input("d1", text, "1998-08-07"), doc, frozenset({"date"})).to_dict()
    gold = {"id": "d1", "dct": "1998-08-07", "timexes": [
        {"tid": "t1", "type": "DATE", "value": "1998-08-07", "mod": None, "text": "Friday", "start": 19, "end": 25}]}
    heideltime = {"id": "d1", "preds": [{"start": 19, "end": 25, "text": "Friday", "value": "1998-08-07", "type": "DATE"}]}
    for system, predicted in (("newsfuse", row), ("generic", heideltime)):
        result, _ = _factsbench.run_scorer(scorers, "te3_score", ["gold", "pred", system],
                                           {"gold": [gold], "pred": [predicted]})
        assert result["value"]["F1"] == 1.0


def test_textacy_quotes_have_offsets_and_survive_an_unclosed_mark() -> None:
    text = '"We will win this race," Smith said.\n\nShe added that "the vote is close.'
    found = quotes.textacy_quotes(load_nlp()(text))
    assert [q["speaker"] for q in found] == ["Smith"]
    assert all(text[q["start"]:q["end"]] == q["text"] for q in found)


def test_population_baseline_links_the_most_populous_name(monkeypatch) -> None:
    index = {"paris": places.place_value("Paris", "FR", 48.85, 2.35, "geonames:2988507", "city")}
    monkeypatch.setattr(places, "population_index", lambda: index)
    text = "She flew from Paris to Narnia."
    facts = places.baseline_facts(load_nlp()(text))
    by_text = {f["text"]: f for f in facts}
    assert by_text["Paris"]["value"]["gazetteer_id"] == "geonames:2988507"
    assert by_text["Paris"]["context"] == {"kind": "city"}
    assert all(text[f["start"]:f["end"]] == f["text"] for f in facts)
    assert all(f["value"]["lat"] is None for t, f in by_text.items() if t != "Paris")


def test_weighted_point_leans_to_the_populous_city() -> None:
    lat, lon = places.weighted_point([{"latitude": 0.0, "longitude": 0.0, "population": 0},
                                      {"latitude": 10.0, "longitude": 20.0, "population": 99}])
    assert (lat, lon) == pytest.approx((1000 / 101, 2000 / 101))  # weights: population + 1


def test_quantulum_rows_read_as_the_scorer_reads_them(scorers: Path) -> None:
    quantity = SimpleNamespace(value=35.0, unit=SimpleNamespace(name="mile"), surface="35 miles", uncertainty=None)
    row = quantities.quantulum_row("nq1", [quantity])
    scorer = _factsbench.load_scorer(scorers, "newsquant")
    assert scorer.predictions(json.loads(json.dumps(row)), "quantulum") == [
        {"value": 35.0, "unit": "mile", "bound": "exact", "text": "35 miles"}]


def test_cached_parses_give_the_same_facts(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSFUSE_CACHE_DIR", str(tmp_path))
    texts = ['"The bridge will reopen in May," Mayor Tom Berg said on Friday in Split, Croatia, 40 km away.']
    fresh = _factsbench.parse_texts_cached(texts)
    cached = _factsbench.parse_texts_cached(texts)
    assert list(tmp_path.rglob("*.spacy"))
    item = clean_input("c", texts[0], "2020-03-06")
    assert find_in_doc(item, cached[0]).to_dict() == find_in_doc(item, fresh[0]).to_dict()
