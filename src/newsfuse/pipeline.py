"""Runs the stages in order: read -> extract -> copies -> stories -> facts -> reconcile -> report.

Progress goes to an optional callback ``progress(stage, done, total)``: ``total``
is ``None`` where it is not known ahead (extract), and a stage is done when
the next one starts (or the run ends).
"""
from __future__ import annotations

import errno
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.config import Config
from newsfuse.copies import provenance_for, trace_copies
from newsfuse.extract import NoArticleError, extract_document
from newsfuse.model import Article, InputError, Story
from newsfuse.read import read_inputs
from newsfuse.reconcile import reconcile_story
from newsfuse.report import OUTPUT_FILES, write_outputs
from newsfuse.store import Store

Progress = Callable[[str, int, "int | None"], None]
# Each stage and what its counts count (singular, plural).
STAGES = {"extract": ("input document", "input documents"), "copies": ("article", "articles"),
          "stories": ("article", "articles"), "facts": ("story", "stories"),
          "reconcile": ("story", "stories"), "report": ("file", "files")}


@dataclass
class RunResult:
    articles: list[Article] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)


def _no_progress(stage: str, done: int, total: int | None) -> None:
    pass


def extract_inputs(paths: Iterable[str | Path], config: Config, on_error: Callable[[InputError], None],
                   progress: Progress | None = None, exclude: Iterable[Path] = ()) -> Iterable[Article]:
    """Articles of every readable input; each problem goes to ``on_error`` and the batch goes on."""
    progress = progress or _no_progress
    seen: set[str] = set()
    done = 0
    for item in read_inputs(paths, config.read, exclude):
        done += 1
        progress("extract", done, None)
        if isinstance(item, InputError):
            on_error(item)
            continue
        if item.id in seen:
            on_error(InputError(item.source, f"duplicate id {item.id!r}, skipped"))
            continue
        try:
            article = extract_document(item, config.extract)
        except NoArticleError as error:
            on_error(InputError(item.source, str(error)))
            continue
        except Exception as error:  # a bug in extraction must not end the batch; ``bench fuzz`` hunts these
            on_error(InputError(item.source, f"extraction failed, a bug to report: {type(error).__name__}: {error}"))
            continue
        seen.add(item.id)
        yield article


def build_stories(articles: list[Article], config: Config, progress: Progress | None = None) -> list[Story]:
    """Copies, stories, facts and reconciliation over extracted articles."""
    from newsfuse.facts import extract_facts  # heavy (spaCy, scikit-learn): ``extract`` alone needs neither
    from newsfuse.stories import cluster_articles

    progress = progress or _no_progress
    progress("copies", 0, len(articles))
    relations = trace_copies(articles, config.copies)
    progress("copies", len(articles), len(articles))
    progress("stories", 0, len(articles))
    stories = cluster_articles(articles, relations, config.stories)
    progress("stories", len(articles), len(articles))
    by_id = {a.id: a for a in articles}
    for story in stories:
        story.provenance = provenance_for(story.articles, relations)
    progress("facts", 0, len(stories))
    extract_facts(stories, by_id, config.facts)
    progress("facts", len(stories), len(stories))
    for done, story in enumerate(stories):
        progress("reconcile", done, len(stories))
        reconcile_story(story, by_id, config.reconcile)
    progress("reconcile", len(stories), len(stories))
    return stories


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold back Ctrl-C until the block is done, so that what it writes is written whole."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: received.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if received:
        raise KeyboardInterrupt


def prepare_out_dir(out_dir: Path) -> None:
    """Make ``out_dir``, or raise ``OSError`` naming it if it cannot be written."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OSError(error.errno, f"cannot make the output folder ({error.strerror})", str(out_dir)) from error
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise PermissionError(errno.EACCES, "the output folder is not writable", str(out_dir))


def run(paths: Iterable[str | Path], out_dir: Path, db: str | Path | None = None,
        config: Config | None = None, progress: Progress | None = None,
        on_error: Callable[[InputError], None] | None = None) -> RunResult:
    """The main job: inputs to ``articles.jsonl``, ``stories.json``, ``report.html`` and the store.

    A bad ``db`` (``StoreError``) or an unwritable ``out_dir`` (``OSError``) fails before any
    input is read. The store and the outputs are written last, together, with Ctrl-C held back.
    """
    config = config or Config()
    progress = progress or _no_progress
    result = RunResult()

    def report_error(error: InputError) -> None:
        result.errors.append(error)
        if on_error:
            on_error(error)

    prepare_out_dir(out_dir)
    with Store(db or out_dir / "newsfuse.sqlite") as store:
        result.articles = list(extract_inputs(paths, config, report_error, progress, exclude=[out_dir]))
        if not result.articles:
            return result
        result.stories = build_stories(result.articles, config, progress)
        progress("report", 0, len(OUTPUT_FILES))
        with interrupts_deferred():
            store.save_batch(result.articles, result.stories)
            result.outputs = write_outputs(out_dir, result.articles, result.stories)
        progress("report", len(result.outputs), len(OUTPUT_FILES))
    return result
