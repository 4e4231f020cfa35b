"""``newsfuse run --engine spark``: checks that Spark can run, runs the job (filling ``--db`` if given), prints like the local run."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from contextlib import ExitStack
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
    from newsfuse.store import Store

    with ExitStack() as stack:
        store = stack.enter_context(Store(args.db)) if args.db else None  # a bad --db fails before any input is read
        with progress_factory() as progress:
            result = run_spark(args.inputs, Path(args.out), config=Config(), master=args.spark_master,
                               progress=progress, on_error=report_error, store=store)
    if not result.articles:
        print("newsfuse: no input could be processed", file=sys.stderr)
        return EXIT_NOTHING_PROCESSED
    stories = len(result.stories)
    print(f"{len(result.articles)} article{'s' if len(result.articles) != 1 else ''}, "
          f"{stories} stor{'ies' if stories != 1 else 'y'} -> {args.out} (Spark)", file=sys.stderr)
    return EXIT_OK
