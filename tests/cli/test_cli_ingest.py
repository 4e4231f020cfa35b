"""newsfuse ingest and newsfuse report (CONTRACT: ingest INPUT... --db; report --db --out)."""
from __future__ import annotations

import json
from pathlib import Path

from newsfuse.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ferry-fire"


def test_ingest_then_report_writes_the_three_files_of_the_store(tmp_path, capsys):
    db = f"sqlite:///{tmp_path}/store.sqlite"
    assert main(["ingest", str(EXAMPLE / "apa-wire.txt"), "--db", db]) == 0
    assert main(["ingest", str(EXAMPLE), "--db", db]) == 0
    assert "4 new or changed articles, 1 unchanged" in capsys.readouterr().err
    assert main(["report", "--db", db, "--out", str(tmp_path / "out")]) == 0
    stories = json.loads((tmp_path / "out" / "stories.json").read_text())
    assert len(stories) == 1 and len(stories[0]["articles"]) == 5
    assert len((tmp_path / "out" / "articles.jsonl").read_text().splitlines()) == 5
    assert (tmp_path / "out" / "report.html").exists()


def test_report_of_a_missing_store_is_one_line_and_exit_2(tmp_path, capsys):
    assert main(["report", "--db", str(tmp_path / "none.sqlite"), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no store there" in err[0]
    assert not (tmp_path / "none.sqlite").exists()


def test_ingest_of_nothing_readable_is_exit_2(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert main(["ingest", str(empty), "--db", str(tmp_path / "store.sqlite")]) == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == "newsfuse: no input could be processed"
