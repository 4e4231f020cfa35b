"""``newsfuse eval stories``: ECB+ mode and the JSONL + gold TSV mode, each with the TF-IDF baseline."""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from newsfuse.eval import stories
from newsfuse.model import Article

DEV_SUBTOPIC_F1_FLOOR = 0.9  # measured 0.956; guards against regressions, not the 0.95 target


def _f1(line: str) -> float:
    return float(re.search(r"F1 ([0-9.]+)", line).group(1))


def test_eval_stories_on_ecb_dev(shared_dir: Path, capsys) -> None:
    args = argparse.Namespace(data=shared_dir / "data" / "ecbplus", split="dev", gold=None, batches=1, within_days=0)
    assert stories.main(args) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert any(line.startswith("topic newsfuse:") for line in lines)
    assert any(line.startswith("subtopic tf-idf baseline:") for line in lines)
    assert lines[-1].startswith("subtopic newsfuse:")
    assert _f1(lines[-1]) >= DEV_SUBTOPIC_F1_FLOOR


def test_eval_stories_reads_any_jsonl_with_a_gold_tsv(tmp_path: Path, capsys) -> None:
    rows = [
        ("a1", "2031-05-02", "Dam bursts above Korvel", "The Korvel dam burst on Friday and flooded 300 homes in the valley below."),
        ("a2", "2031-05-02", "Korvel flood: 300 homes under water", "Water from the burst Korvel dam flooded 300 homes, the mayor said."),
        ("b1", "2031-09-20", "Tram strike halts Linsey", "Tram drivers in Linsey walked out over pay, halting the city's 12 lines."),
        ("b2", "2031-09-21", "Linsey tram drivers strike over pay", "All 12 tram lines of Linsey stopped as drivers went on strike over pay."),
    ]
    data = tmp_path / "set.jsonl"
    data.write_text("".join(json.dumps({"id": i, "published": d, "title": t, "text": x}) + "\n" for i, d, t, x in rows))
    gold = tmp_path / "gold.tsv"
    gold.write_text("id\tevent\n" + "".join(f"{i}\t{i[0]}\n" for i, *_ in rows))
    assert stories.main(argparse.Namespace(data=data, split="dev", gold=gold, batches=1, within_days=7)) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("set.jsonl: 4 articles with a gold event")
    assert any(line.startswith("event tf-idf baseline:") for line in lines)
    newsfuse = next(line for line in lines if line.startswith("event newsfuse: "))
    assert newsfuse.startswith("event newsfuse: clusters 2 (gold 2)") and _f1(newsfuse) == 1.0
    assert lines[-2].startswith("event tf-idf baseline, events within 7 days:")
    assert lines[-1].startswith("event newsfuse, events within 7 days: clusters 2 (gold 2)")


def test_baseline_splits_unrelated_and_joins_rewrites() -> None:
    articles = [Article(id=i, source=i, title=None, body=[text]) for i, text in (
        ("x", "Volcano erupts on Teyla island, ash cloud closes the airport"),
        ("y", "Ash cloud from Teyla island volcano eruption closes airport"),
        ("z", "Chess champion retains title after twelve games in Orvik"),
        ("v", "Bakers in Dunmere protest against flour prices with a march"),
        ("w", "New bridge over the Salt river opens to traffic in Ebbsford"),
    )]
    groups = {frozenset(g) for g in stories.baseline_groups(articles)}
    assert groups == {frozenset({"x", "y"}), frozenset({"z"}), frozenset({"v"}), frozenset({"w"})}


def test_squeezed_events_keep_their_gaps_and_fall_within_the_span() -> None:
    from datetime import date

    from newsfuse.eval.stories import squeezed

    articles = [Article(id=f"{event}-{n}", source="s", body=["x"], published=day)
                for event, days in (("a", ["2011-03-01", "2011-03-03"]), ("b", ["2019-10-20", "2019-10-20"]))
                for n, day in enumerate(days)] + [Article(id="c-0", source="s", body=["x"])]
    gold = {a.id: a.id.split("-")[0] for a in articles}
    moved = {a.id: a.reference_date for a in squeezed(articles, gold, 7)}
    days = {key: date.fromisoformat(value) for key, value in moved.items() if value}
    assert (days["a-1"] - days["a-0"]).days == 2 and days["b-0"] == days["b-1"]
    assert (max(days["a-0"], days["b-0"]) - min(days["a-0"], days["b-0"])).days < 7
    assert moved["c-0"] is None
