"""The application file for ``spark-submit``: ``newsfuse run --engine spark``, run by Spark's driver.

    PYSPARK_PYTHON=./env/bin/python spark-submit --master URL --archives newsfuse-env.tar.gz#env \\
        "$(python -c 'import newsfuse.spark.submit as m; print(m.__file__)')" INPUT... --out DIR

The executors need newsfuse installed (a packed virtual environment, see the README): it reads
its shipped models and tables from disk, so it does not run from a ``--py-files`` zip. The master
is spark-submit's ``--master`` unless ``--spark-master`` says otherwise.
"""
from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    from newsfuse.cli import StageProgress, report_error
    from newsfuse.spark.command import run_command

    parser = argparse.ArgumentParser(prog="newsfuse (spark-submit)", description="newsfuse run --engine spark under spark-submit")
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders or .parquet inputs")
    parser.add_argument("--out", required=True, metavar="DIR", help="output folder")
    parser.add_argument("--spark-master", metavar="URL", help="overrides spark-submit's --master")
    args = parser.parse_args(argv)
    args.db = None
    return run_command(args, StageProgress, report_error)


if __name__ == "__main__":
    sys.exit(main())
