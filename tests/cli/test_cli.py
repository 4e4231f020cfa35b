"""The command line: contract outputs, exit statuses and per-input errors."""
from __future__ import annotations

import json
import os

import pytest

from newsfuse.cli import main

ARTICLE_FIELDS = {"id", "source", "title", "title_derived", "byline", "dateline", "published",
                  "language", "body", "body_lines"}
GOOD_DUMP = """Home
News
Sport
Harbour reopens after storm
The harbour reopened on Monday after a storm that closed it for three days, the port authority said in a statement.
Fishing boats returned to their moorings in the afternoon, and ferries resumed their normal timetable by evening.
Officials said repairs to the breakwater would take several weeks and cost more than two million euros.
Contact us
"""
NO_ARTICLE_HTML = "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a> <a href='/b'>About</a></nav></body></html>"


@pytest.fixture
def bad_batch(tmp_path):
    """One good page next to every kind of bad input."""
    (tmp_path / "good.txt").write_text(GOOD_DUMP)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.html").write_bytes(bytes(range(256)) * 64)
    (tmp_path / "random.html").write_bytes(os.urandom(50 * 1024 * 1024))
    (tmp_path / "no-article.html").write_text(NO_ARTICLE_HTML)
    (tmp_path / "unreadable.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "feed.jsonl").write_text('{"id": "row1", "text": "' + GOOD_DUMP.replace("\n", "\\n") + '"}\nnot json at all\n')
    return tmp_path


def test_extract_prints_contract_fields(seeds_dir, capsys):
    status = main(["extract", str(seeds_dir / "004_422477f4c2499d09.txt")])
    lines = capsys.readouterr().out.splitlines()
    assert status == 0 and len(lines) == 1
    article = json.loads(lines[0])
    assert ARTICLE_FIELDS <= set(article)
    assert article["id"] == "004_422477f4c2499d09"
    assert article["body"] and article["body_lines"]


def test_each_bad_input_is_one_named_line_and_the_batch_goes_on(bad_batch, capsys):
    status = main(["extract", str(bad_batch), str(bad_batch / "absent.txt")])
    captured = capsys.readouterr()
    ids = [json.loads(line)["id"] for line in captured.out.splitlines()]
    assert sorted(ids) == ["good", "row1"]
    errors = captured.err.strip().splitlines()
    named = ["empty.txt", "binary.html", "random.html", "no-article.html", "unreadable.txt",
             "feed.jsonl:2", "absent.txt"]
    for name in named:
        assert sum(name in line for line in errors) == 1, (name, errors)
    assert len(errors) == len(named)
    assert status == 0


def test_nothing_processed_exits_2(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("")
    assert main(["extract", str(tmp_path)]) == 2
    assert main(["run", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    assert not (tmp_path / "out" / "stories.json").exists()


def test_run_on_the_founding_pages(seeds_dir, seeds_gold, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", str(seeds_dir), "--out", str(out)]) == 0
    assert capsys.readouterr().err.strip().endswith(f"5 articles, 1 story -> {out}")
    assert {p.name for p in out.iterdir()} >= {"articles.jsonl", "stories.json", "report.html"}
    articles = [json.loads(line) for line in (out / "articles.jsonl").read_text().splitlines()]
    ids = sorted(a["id"] for a in articles)
    assert ids == sorted(p.name.removesuffix(".txt") for p in seeds_dir.glob("*.txt"))
    for article in articles:
        assert article["body"], article["id"]
        gold = seeds_gold["documents"][article["id"][:3]]
        lines = (seeds_dir / f"{article['id']}.txt").read_text().splitlines()
        trailing = {lines[n].strip() for n in range(max(gold["body_lines"]), len(lines)) if lines[n].strip()}
        assert not trailing & set(article["body"]), article["id"]  # no related-headline lists
    stories = json.loads((out / "stories.json").read_text())
    assert len(stories) == 1 and sorted(stories[0]["articles"]) == ids


def test_run_twice_leaves_the_store_unchanged(seeds_dir, tmp_path):
    import sqlite3
    db = tmp_path / "store.sqlite"

    def snapshot():
        connection = sqlite3.connect(db)
        rows = {t: sorted(connection.execute(f"SELECT * FROM {t}").fetchall())
                for t in ("articles", "stories", "story_articles", "facts", "quotes")}
        connection.close()
        return rows

    assert main(["run", str(seeds_dir), "--out", str(tmp_path / "one"), "--db", str(db)]) == 0
    first = snapshot()
    assert main(["run", str(seeds_dir), "--out", str(tmp_path / "two"), "--db", str(db)]) == 0
    assert snapshot() == first
    assert len(first["articles"]) == 5


def test_help_for_every_command(capsys):
    for command in (["run"], ["extract"], ["eval"], ["bench"]):
        with pytest.raises(SystemExit) as exit_info:
            main(command + ["--help"])
        assert exit_info.value.code == 0
    assert "--out" in capsys.readouterr().out
