"""The Spark engine on local[2] agrees with the local engine, and spark-submit runs it.

One session writes a Parquet input and runs the Spark engine's command in process on the
examples, generated copies, a Parquet file and a bad page; the local engine runs on the same
documents. A second, small run goes through ``spark-submit`` as the README shows.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from _postgres import server_url, throwaway_database

from newsfuse.spark import unavailable_reason

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
pytestmark = pytest.mark.skipif(unavailable_reason() is not None, reason=unavailable_reason() or "")


def _edited(text: str, rng: random.Random, rate: float = 0.02) -> str:
    words = text.split(" ")
    return " ".join("newly" if rng.random() < rate else w for w in words)


def _copy_rows(articles) -> list[dict]:
    """Copies of the examples' articles (lightly edited, one a day later), as JSONL rows."""
    rng = random.Random(5)
    rows = []
    for number, article in enumerate(articles[:3]):
        rows.append({"id": f"copy-{number}", "url": f"https://copies.example/{number}",
                     "title": f"Copy: {article.title}", "published": "2025-03-05",
                     "text": "\n\n".join(_edited(p, rng) for p in article.body)})
    rows.append({"id": "other-1", "url": "https://copies.example/other", "title": "Council approves budget",
                 "published": "2025-03-05", "text": "The city council approved the budget for next year on Monday. "
                 "The mayor said the budget would fund new schools and repair roads across the city. "
                 "Opposition members voted against it, saying taxes would rise."})
    return rows


@pytest.fixture(scope="module")
def db():
    """The store the Spark run fills: a fresh PostgreSQL database where ``NEWSFUSE_TEST_PG`` names a
    server (as in CI), else SQLite."""
    if not server_url():
        folder = Path(tempfile.mkdtemp(prefix="newsfuse-spark-store-"))
        yield str(folder / "store.sqlite")
        shutil.rmtree(folder, ignore_errors=True)
        return
    yield from throwaway_database("newsfuse_spark", "Spark")


@pytest.fixture(scope="module")
def runs(db):
    """The Spark run (outputs, stderr lines, filling ``db``) and the local run on the same inputs."""
    from newsfuse import cli
    from newsfuse.config import Config
    from newsfuse.pipeline import build_stories, extract_inputs
    from newsfuse.spark.command import run_command
    from newsfuse.spark.session import spark_session

    base = Path(tempfile.mkdtemp(prefix="newsfuse-spark-test-"))  # not pytest's: other runs may rotate those
    examples = list(extract_inputs([EXAMPLES], Config(), lambda e: None))
    rows = _copy_rows(examples)
    (base / "copies.jsonl").write_text("\n".join(json.dumps(r) for r in rows[:2]) + "\n", encoding="utf-8")
    (base / "parquet-as.jsonl").write_text("\n".join(json.dumps(r) for r in rows[2:]) + "\n", encoding="utf-8")
    (base / "bad.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    parquet = base / "feed.parquet"
    with spark_session("local[2]") as spark:
        columns = ["id", "url", "title", "published", "text"]
        spark.createDataFrame([tuple(r[c] for c in columns) for r in rows[2:]], columns).write.parquet(str(parquet))
        out = base / "out"
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr):
            inputs = [str(EXAMPLES), str(base / "copies.jsonl"), str(parquet), str(base / "bad.html")]
            status = run_command(argparse.Namespace(inputs=inputs, out=str(out), db=db, spark_master="local[2]"),
                                 cli.StageProgress, cli.report_error)
    local_errors: list = []
    articles = list(extract_inputs([EXAMPLES, base / "copies.jsonl", base / "parquet-as.jsonl", base / "bad.html"],
                                   Config(), local_errors.append))
    stories = build_stories(articles, Config())
    yield {"status": status, "out": out, "articles": articles, "stories": stories, "base": base,
           "local_errors": local_errors, "stderr": stderr.getvalue().splitlines()}
    shutil.rmtree(base, ignore_errors=True)


def _spark_stories(out: Path) -> dict[str, dict]:
    return {s["id"]: s for s in json.loads((out / "stories.json").read_text(encoding="utf-8"))}


def test_spark_agrees_with_local(runs):
    assert runs["status"] == 0
    out = runs["out"]
    spark_articles = [json.loads(line) for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [a["id"] for a in spark_articles] == [a.id for a in runs["articles"]]
    spark = _spark_stories(out)
    local = {s.id: json.loads(json.dumps(s.to_dict())) for s in runs["stories"]}
    assert spark.keys() == local.keys()  # the same stories (ids are made from their articles)
    for story_id, story in local.items():
        assert spark[story_id]["provenance"]["relations"] == story["provenance"]["relations"]
        assert spark[story_id]["provenance"]["independent_groups"] == story["provenance"]["independent_groups"]
        assert spark[story_id]["facts"] == story["facts"]  # facts identical per story
        assert spark[story_id] == story
    assert any(len(s["provenance"]["relations"]) >= 3 for s in spark.values())  # the copies were found
    for table in ("articles", "relations", "stories", "facts"):
        assert (out / "parquet" / table / "_SUCCESS").exists()


def test_serve_shows_the_spark_run_from_the_store(runs, db):
    from starlette.testclient import TestClient

    from newsfuse.serve.app import create_app

    spark = _spark_stories(runs["out"])
    with TestClient(create_app(db, None)) as client:
        index = client.get("/index.json").json()
        assert index["total"] == len(spark)
        copied = max(spark.values(), key=lambda s: len(s["provenance"]["relations"]))
        shown = client.get(f"/story/{copied['id']}.json").json()
        assert shown["story"]["id"] == copied["id"]
        assert sorted(source["article"] for source in shown["sources"]) == sorted(copied["articles"])
        assert client.get(f"/article/{copied['articles'][0]}.json").json()["stories"][0]["id"] == copied["id"]
    from newsfuse.store import Store

    with Store(db) as store:
        stored = {s.id: json.loads(json.dumps([f.to_dict() for f in s.facts])) for s in store.stories()}
        assert stored == {story_id: story["facts"] for story_id, story in spark.items()}  # facts, as the run wrote them
        assert store.count("relations") == sum(len(s["provenance"]["relations"]) for s in spark.values())


def test_bad_document_is_one_error_line(runs):
    lines = [line for line in runs["stderr"] if "bad.html" in line]
    assert len(lines) == 1, runs["stderr"]
    assert [str(e) for e in runs["local_errors"]] == lines  # the local engine's line, word for word
    assert runs["status"] == 0  # the job went on


def test_spark_submit_runs_the_job(runs):
    """spark-submit with the workers' Python being an environment where newsfuse is installed
    (on a cluster: the README's venv archive, ``PYSPARK_PYTHON=./env/bin/python``)."""
    base = runs["base"]
    spark_submit = Path(sys.executable).parent / "spark-submit"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable,
               SPARK_LOCAL_IP="127.0.0.1")
    out = base / "submitted"
    completed = subprocess.run(
        [str(spark_submit), "--master", "local[2]", "--driver-memory", "1g", "--conf", "spark.ui.enabled=false",
         str(REPO / "src" / "newsfuse" / "spark" / "submit.py"),
         str(base / "copies.jsonl"), "--out", str(out)],
        env=env, capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stderr[-2000:]
    stories = json.loads((out / "stories.json").read_text(encoding="utf-8"))
    assert sorted(a for s in stories for a in s["articles"]) == ["copy-0", "copy-1"]
    assert (out / "parquet" / "stories" / "_SUCCESS").exists()
