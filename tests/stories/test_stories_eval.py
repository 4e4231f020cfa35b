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
    args = argparse.Namespace(data=shared_dir / "data" / "ecbplus", split="dev", gold=None, batches=1)
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
    assert stories.main(argparse.Namespace(data=data, split="dev", gold=gold, batches=1)) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("set.jsonl: 4 articles with a gold event")
    assert any(line.startswith("event tf-idf baseline:") for line in lines)
    assert lines[-1].startswith("event newsfuse: clusters 2 (gold 2)")
    assert _f1(lines[-1]) == 1.0


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
