"""The command line: parses arguments, calls the pipeline, prints. Nothing else."""
from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import sys
import time
from pathlib import Path

from newsfuse import __version__
from newsfuse.config import Config
from newsfuse.model import InputError
from newsfuse.pipeline import STAGES, extract_inputs, ingest, prepare_out_dir, report, run
from newsfuse.store import POSTGRES_SCHEMES, Store, StoreError
from newsfuse.store.sqlite import path_of

EXIT_OK, EXIT_NOTHING_PROCESSED, EXIT_INTERRUPTED = 0, 2, 130


def report_error(error: InputError) -> None:
    print(str(error), file=sys.stderr, flush=True)


class StageProgress:
    """The pipeline's progress callback: per stage, live counts and rates on a terminal,
    one plain line as each stage ends otherwise."""

    def __init__(self) -> None:
        self.stage: str | None = None
        self.done, self.started, self.bar, self.task = 0, 0.0, None, None

    def __enter__(self) -> StageProgress:
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn
            self.bar = Progress(TextColumn("{task.description:<9}"), BarColumn(), MofNCompleteColumn(),
                                TaskProgressColumn(show_speed=True), TimeElapsedColumn(), console=Console(stderr=True))
            self.bar.start()
        return self

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if stage != self.stage:
            self._end_stage()
            self.stage, self.started = stage, time.monotonic()
            if self.bar:
                self.task = self.bar.add_task(stage, total=total)
        self.done = done
        if self.bar:
            self.bar.update(self.task, completed=done, total=total)

    def _end_stage(self) -> None:
        if self.stage is None:
            return
        if self.bar:
            self.bar.update(self.task, total=self.done, completed=self.done)
        else:
            seconds = time.monotonic() - self.started
            print(f"newsfuse: {self.stage}: {counted(self.done, *STAGES[self.stage])} in {seconds:.1f} s",
                  file=sys.stderr, flush=True)

    def __exit__(self, error_type, *_) -> None:
        if error_type is None:
            self._end_stage()
        if self.bar:
            self.bar.stop()


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``number`` and ``noun`` in the number's form: "1 story", "2 stories"."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def command_run(args: argparse.Namespace) -> int:
    if args.engine == "spark":
        from newsfuse.spark.command import run_command  # pyspark is optional: imported for this engine only
        return run_command(args, StageProgress, report_error)
    with StageProgress() as progress:
        result = run(args.inputs, Path(args.out), db=args.db, config=Config(), progress=progress, on_error=report_error)
    if not result.articles and not (result.ingest and result.ingest.read):
        print("newsfuse: no input could be processed", file=sys.stderr)
        return EXIT_NOTHING_PROCESSED
    print(f"{counted(len(result.articles), 'article')}, {counted(len(result.stories), 'story', 'stories')} -> {args.out}",
          file=sys.stderr)
    return EXIT_OK


def command_ingest(args: argparse.Namespace) -> int:
    with Store(args.db) as store:
        with StageProgress() as progress:
            result, _ = ingest(args.inputs, store, Config(), progress, report_error)
        if not result.read:
            print("newsfuse: no input could be processed", file=sys.stderr)
            return EXIT_NOTHING_PROCESSED
        placement = result.placement
        print(f"{counted(result.new, 'new or changed article')}, {result.unchanged} unchanged; "
              f"{counted(len(placement.changed), 'story', 'stories')} written, {placement.removed} replaced; "
              f"the store holds {counted(store.count('articles'), 'article')} in "
              f"{counted(store.count('stories'), 'story', 'stories')}", file=sys.stderr)
    return EXIT_OK


def command_report(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if not str(args.db).startswith(POSTGRES_SCHEMES) and not Path(path_of(args.db)).is_file():
        raise StoreError(f"{args.db}: no store there (make one with newsfuse ingest)")
    prepare_out_dir(out)
    with Store(args.db) as store, StageProgress() as progress:
        _, result = report(store, out, progress)
    print(f"{counted(len(result.articles), 'article')}, {counted(len(result.stories), 'story', 'stories')} -> {out}",
          file=sys.stderr)
    return EXIT_OK


def command_extract(args: argparse.Namespace) -> int:
    count = 0
    for article in extract_inputs(args.inputs, Config(), report_error):
        print(json.dumps(article.to_dict(), ensure_ascii=False), flush=True)
        count += 1
    return EXIT_OK if count else EXIT_NOTHING_PROCESSED


def command_facts(args: argparse.Namespace) -> int:
    from newsfuse.facts.standalone import document_facts, read_facts_inputs  # heavy (spaCy): loaded for this command only
    count = 0
    for found in document_facts(read_facts_inputs(args.inputs, Config(), report_error)):
        if found.errors:
            report_error(found.input_error())
        print(json.dumps(found.to_dict(), ensure_ascii=False), flush=True)
        count += 1
    return EXIT_OK if count else EXIT_NOTHING_PROCESSED


def _add_plugins(subparsers, package: str) -> None:
    """Each module of ``newsfuse.<package>`` is a subcommand: it adds its own
    arguments (``add_arguments``) and runs itself (``main``)."""
    for info in pkgutil.iter_modules(importlib.import_module(f"newsfuse.{package}").__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"newsfuse.{package}.{info.name}")
        name = info.name
        sub = subparsers.add_parser(name, help=module.__doc__.strip().splitlines()[0], description=module.__doc__)
        module.add_arguments(sub)
        sub.set_defaults(handler=module.main)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsfuse", description="From raw news pages of many outlets to verified, cited stories.")
    parser.add_argument("--version", action="version", version=f"newsfuse {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    run_parser = commands.add_parser("run", help="extract, trace copies, cluster, reconcile and report",
                                     description="Turn news pages into stories: writes DIR/articles.jsonl, DIR/stories.json, DIR/report.html and an SQLite store.")
    run_parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders (.html, .htm, .txt, .jsonl, .warc, also gzipped)")
    run_parser.add_argument("--out", required=True, metavar="DIR", help="output folder")
    run_parser.add_argument("--db", metavar="URL_OR_PATH", help="store: a path, sqlite:///PATH or postgresql://user:password@host:port/dbname "
                                                                 "(default: DIR/newsfuse.sqlite)")
    run_parser.add_argument("--engine", choices=["local", "spark"], default="local",
                            help="where the stages run: this machine's processes (default) or a Spark job (pip install 'newsfuse[spark]')")
    run_parser.add_argument("--spark-master", metavar="URL", help="Spark master for --engine spark (default local[*]; under spark-submit, its --master)")
    run_parser.set_defaults(handler=command_run)

    ingest_parser = commands.add_parser("ingest", help="add documents to the store and bring the stories they touch up to date",
                                        description="Extract each input, trace copies against the stored articles, place the new "
                                                    "articles in stories and derive the facts of every story that changed. "
                                                    "The same documents again change nothing.")
    ingest_parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders (.html, .htm, .txt, .jsonl, .warc, also gzipped)")
    ingest_parser.add_argument("--db", required=True, metavar="URL_OR_PATH",
                               help="a path, sqlite:///PATH or postgresql://user:password@host:port/dbname")
    ingest_parser.set_defaults(handler=command_ingest)

    report_parser = commands.add_parser("report", help="write articles.jsonl, stories.json and report.html from the store",
                                        description="Write DIR/articles.jsonl, DIR/stories.json and DIR/report.html of everything in the store.")
    report_parser.add_argument("--db", required=True, metavar="URL_OR_PATH")
    report_parser.add_argument("--out", required=True, metavar="DIR", help="output folder")
    report_parser.set_defaults(handler=command_report)

    extract_parser = commands.add_parser("extract", help="print one JSON article per input document",
                                         description="Extract title, byline, dateline, date and body from each input document; one JSON line each.")
    extract_parser.add_argument("inputs", nargs="+", metavar="INPUT")
    extract_parser.add_argument("--format", choices=["jsonl"], default="jsonl")
    extract_parser.set_defaults(handler=command_extract)

    facts_parser = commands.add_parser("facts", help="print each input document's facts and quotes, one JSON line each",
                                       description="Facts (people, organisations, places, quantities, dates) and quotes of "
                                                   "each document on its own, with character offsets into its text.")
    facts_parser.add_argument("inputs", nargs="+", metavar="INPUT")
    facts_parser.set_defaults(handler=command_facts)

    eval_parser = commands.add_parser("eval", help="measure quality on ../shared/data; metrics print last")
    _add_plugins(eval_parser.add_subparsers(dest="evaluation", required=True), "eval")
    bench_parser = commands.add_parser("bench", help="measure throughput and peak memory")
    _add_plugins(bench_parser.add_subparsers(dest="benchmark", required=True), "bench")

    from newsfuse import serve  # light: the web stack is imported when the command runs
    serve_parser = commands.add_parser("serve", help="the web application over the store (HTML, JSON, CSV)",
                                       description="Serve the store as a web application: HTML pages for people, the same data as JSON and CSV for programs.")
    serve.add_arguments(serve_parser)
    serve_parser.set_defaults(handler=serve.main)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except BrokenPipeError:  # output piped into a reader that stopped early (``| head``)
        _drop_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        return _fail("interrupted", EXIT_INTERRUPTED)
    except StoreError as error:
        return _fail(str(error))
    except OSError as error:  # an unwritable --out, a full disk, standard output on /dev/full
        if not error.filename:
            _drop_stdout()
        where = f"{os.fsdecode(error.filename)}: " if error.filename else ""
        return _fail(f"{where}{error.strerror or error}")


def _fail(message: str, status: int = EXIT_NOTHING_PROCESSED) -> int:
    """One line on standard error instead of a traceback."""
    try:
        print(f"newsfuse: {message}", file=sys.stderr, flush=True)
    except OSError:
        pass
    return status


def _drop_stdout() -> None:
    """Send what is left in standard output's buffer nowhere, so that exiting does not fail on it again."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # standard output is no file (replaced, closed)
        pass


if __name__ == "__main__":
    sys.exit(main())
