"""``newsfuse run --engine spark``: the flags, and one line with exit 2 where Spark cannot run."""
from __future__ import annotations

from newsfuse import cli


def test_engine_flags_parse():
    args = cli.build_parser().parse_args(["run", "in", "--out", "out", "--engine", "spark", "--spark-master", "local[2]"])
    assert (args.engine, args.spark_master) == ("spark", "local[2]")
    assert cli.build_parser().parse_args(["run", "in", "--out", "out"]).engine == "local"


def test_without_spark_is_one_line_and_exit_2(monkeypatch, tmp_path, capsys):
    import newsfuse.spark

    monkeypatch.setattr(newsfuse.spark, "unavailable_reason", lambda: "the Spark engine needs pyspark: pip install 'newsfuse[spark]'")
    status = cli.main(["run", str(tmp_path), "--out", str(tmp_path / "out"), "--engine", "spark"])
    assert status == 2
    assert capsys.readouterr().err.strip().splitlines() == ["newsfuse: the Spark engine needs pyspark: pip install 'newsfuse[spark]'"]
