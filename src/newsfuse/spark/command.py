"""``newsfuse run --engine spark``: checks that Spark can run, runs the job, prints like the local run."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from newsfuse.model import InputError

EXIT_OK, EXIT_NOTHING_PROCESSED = 0, 2


def run_command(args: argparse.Namespace, progress_factory: Callable, report_error: Callable[[InputError], None]) -> int:
    from newsfuse.spark import unavailable_reason

    reason = unavailable_reason()
    if reason:
        print(f"newsfuse: {reason}", file=sys.stderr)
        return EXIT_NOTHING_PROCESSED
    from newsfuse.config import Config
    from newsfuse.spark.job import run_spark

    if args.db:
        print("newsfuse: --engine spark writes the output files and DIR/parquet/, not a store: --db is not used",
              file=sys.stderr)
    with progress_factory() as progress:
        result = run_spark(args.inputs, Path(args.out), config=Config(), master=args.spark_master,
                           progress=progress, on_error=report_error)
    if not result.articles:
        print("newsfuse: no input could be processed", file=sys.stderr)
        return EXIT_NOTHING_PROCESSED
    stories = len(result.stories)
    print(f"{len(result.articles)} article{'s' if len(result.articles) != 1 else ''}, "
          f"{stories} stor{'ies' if stories != 1 else 'y'} -> {args.out} (Spark)", file=sys.stderr)
    return EXIT_OK
