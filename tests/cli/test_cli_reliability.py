"""The command line under misuse and hostile inputs (RELIABILITY.md F2, F4, F7, F8, F12;
issue 22's CLI defects): one clear line, never a traceback; Ctrl-C is exit 130 with
nothing half-written; progress per stage."""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsfuse import pipeline
from newsfuse.cli import StageProgress, main

REPRO = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "reliability-repro"
NEWSFUSE = [sys.executable, "-m", "newsfuse.cli"]
STAGE_NAMES = ["extract", "copies", "stories", "facts", "reconcile", "report"]
STAGE_LINE = re.compile(r"newsfuse: (\w+): [\d,]+ [a-z ]+ in [\d.]+ s$")


@pytest.fixture(scope="module")
def repro() -> Path:
    if not REPRO.is_dir():
        pytest.skip(f"{REPRO} not found")
    return REPRO.resolve()


def _one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in text, text
    return lines[0]


@pytest.mark.parametrize("db, message", [
    ("sqlite://x.sqlite", "sqlite:///PATH"), ("mysql://user@host/db", "not a store"),
    ("{tmp}", "folder"), ("{tmp}/notes.txt", "not a database"),
])
def test_a_bad_db_is_one_line_and_exit_2_before_any_input_is_read(repro, tmp_path, monkeypatch, capsys, db, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("not a database\n" * 100)
    status = main(["run", str(repro / "good.txt"), "--out", str(tmp_path / "out"), "--db", db.format(tmp=tmp_path)])
    assert status == 2
    assert message in _one_line(capsys.readouterr().err)
    assert not (tmp_path / "sqlite:").exists()


@pytest.mark.parametrize("out", ["{tmp}/file.txt", "{tmp}/file.txt/sub", "/proc/newsfuse-out"])
def test_an_unwritable_out_is_one_line_and_exit_2(repro, tmp_path, capsys, out):
    (tmp_path / "file.txt").write_text("a file, not a folder\n")
    out = out.format(tmp=tmp_path)
    assert main(["run", str(repro / "good.txt"), "--out", out]) == 2
    assert _one_line(capsys.readouterr().err).startswith(f"newsfuse: {out}: cannot make the output folder")


def test_standard_output_on_a_full_disk_is_one_line(repro):
    with open("/dev/full", "w") as full:
        finished = subprocess.run(NEWSFUSE + ["extract", str(repro / "good.txt")], stdout=full,
                                  stderr=subprocess.PIPE, text=True, timeout=120)
    assert finished.returncode == 2
    assert "No space left on device" in _one_line(finished.stderr)


def test_ctrl_c_is_one_line_exit_130_and_writes_nothing(repro, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(repro / "good.txt", inputs)
    shutil.copy(repro / "noscript_16000.html", inputs)  # about 15 s of extraction
    out = tmp_path / "out"
    process = subprocess.Popen(NEWSFUSE + ["run", str(inputs), "--out", str(out)],
                               stderr=subprocess.PIPE, text=True)
    time.sleep(6)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert _one_line(err) == "newsfuse: interrupted"
    assert {p.name for p in out.iterdir()} <= {"newsfuse.sqlite"}
    connection = sqlite3.connect(out / "newsfuse.sqlite")
    assert connection.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    connection.close()


def test_ctrl_c_while_stories_are_built_leaves_the_old_outputs_and_store(repro, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.html").write_text("old report\n")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "derive_stories", interrupted)
    assert main(["run", str(repro / "good.txt"), "--out", str(out)]) == 130
    assert capsys.readouterr().err.strip().splitlines()[-1] == "newsfuse: interrupted"
    assert sorted(p.name for p in out.iterdir()) == ["newsfuse.sqlite", "report.html"]
    assert (out / "report.html").read_text() == "old report\n"


def test_ctrl_c_while_writing_is_held_until_the_set_is_written(repro, tmp_path, monkeypatch):
    written = {}
    real_write = pipeline.write_outputs

    def write_then_interrupt(out_dir, articles, stories):
        os.kill(os.getpid(), signal.SIGINT)
        written["paths"] = real_write(out_dir, articles, stories)
        return written["paths"]

    monkeypatch.setattr(pipeline, "derive_stories", lambda *args, **kwargs: None)
    monkeypatch.setattr(pipeline, "write_outputs", write_then_interrupt)
    assert main(["run", str(repro / "good.txt"), "--out", str(tmp_path)]) == 130
    assert all(path.exists() for path in written["paths"])
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_hostile_batch_runs_through_with_one_line_per_bad_input_and_stage(repro, tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("good.txt", "es_article.txt", "long_article_1.2MB.html", "run_published_int.jsonl",
                 "run_surrogate_dc80.jsonl", "jsonl_url_newline.jsonl", "jsonl_url_ansi.jsonl"):
        shutil.copy(repro / name, inputs)
    shutil.copytree(repro / "badname", inputs / "badname")
    good = json.loads(json.dumps({"id": "gazette-1", "outlet": "The Harbour Gazette",
                                  "text": (repro / "good2.txt").read_text()}))
    (inputs / "feed.jsonl").write_text(json.dumps(good) + "\n")
    out = inputs / "out"  # inside the input folder: not read back on the second run
    for _ in range(2):
        assert main(["run", str(inputs), "--out", str(out)]) == 0
        err = capsys.readouterr().err
        assert "\x1b" not in err and "Traceback" not in err
        lines = err.strip().splitlines()
        stages = [m.group(1) for m in map(STAGE_LINE.match, lines) if m]
        assert stages == STAGE_NAMES, lines
        bad = [line for line in lines if not STAGE_LINE.match(line)][:-1]
        for name in ("long_article_1.2MB.html", "run_published_int.jsonl:1", "x.example/\\n", "x.example/\\x1b"):
            assert sum(name in line for line in bad) == 1, (name, bad)
        assert len(bad) == 4, bad
        assert not any(line.startswith("newsfuse: /etc/passwd") for line in lines)
    articles = [json.loads(line) for line in (out / "articles.jsonl").read_text().splitlines()]
    assert sorted(a["id"] for a in articles) == ["bad\ufffd", "es_article", "gazette-1", "good", "s1"]
    assert {a["id"]: a["outlet"] for a in articles}["gazette-1"] == "The Harbour Gazette"
    assert "The Harbour Gazette" in (out / "report.html").read_text()


def test_progress_on_a_terminal_shows_each_stage_with_counts(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with StageProgress() as progress:
        for done in range(1, 151):
            progress("extract", done, None)
        progress("copies", 0, 150)
        progress("copies", 150, 150)
    shown = terminal.getvalue()
    assert "extract" in shown and "150" in shown and "copies" in shown
