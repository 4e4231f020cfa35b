"""Runs the stages in order: read -> extract -> copies -> stories -> facts -> reconcile -> report.

``ingest`` adds documents to the store (the system of record) and brings the stories they
touch up to date; ``report`` writes the contract's files from the store; ``run`` is both.

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
from typing import TYPE_CHECKING

from newsfuse.config import Config
from newsfuse.copies import set_provenance, trace_copies
from newsfuse.extract import NoArticleError, extract_document
from newsfuse.model import Article, InputError, Story, error_text, story_error
from newsfuse.read import read_inputs
from newsfuse.reconcile import reconcile_story
from newsfuse.report import OUTPUT_FILES, StoredArticles, StoredStories, write_outputs
from newsfuse.store import PENDING_PLACE, PENDING_TRACE, BaseStore, Store, content_hash
from newsfuse.store.copyindex import trace_new, unindex
from newsfuse.store.regions import Placement, place_pending

if TYPE_CHECKING:
    from newsfuse.facts.nlp import ParseStore  # spaCy: loaded only when facts are derived

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
    ingest: "IngestResult | None" = None


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
            on_error(InputError(item.source, f"extraction failed, a bug to report: {error_text(error)}"))
            continue
        seen.add(item.id)
        yield article


def build_stories(articles: list[Article], config: Config, progress: Progress | None = None) -> list[Story]:
    """Copies, stories, facts and reconciliation over articles in memory, with no store
    (evaluations that fix a batch use it; ``ingest`` places articles through the store)."""
    from newsfuse.stories import cluster_articles

    progress = progress or _no_progress
    progress("copies", 0, len(articles))
    relations = trace_copies(articles, config.copies)
    progress("copies", len(articles), len(articles))
    progress("stories", 0, len(articles))
    stories = cluster_articles(articles, relations, config.stories)
    progress("stories", len(articles), len(articles))
    set_provenance(stories, relations)
    derive_stories(stories, {a.id: a for a in articles}, config, progress)
    return stories


def derive_stories(stories: list[Story], by_id: dict[str, Article], config: Config,
                   progress: Progress | None = None, parses: ParseStore | None = None,
                   on_error: Callable[[InputError], None] | None = None) -> None:
    """Facts and reconciliation of stories whose articles and provenance are set; ``parses`` (the
    store) gives the articles' kept parses and keeps the new ones. With ``on_error``, a story that
    meets a bug in either stage is kept without that stage's output and reported there in one line
    (the batch goes on); without it, the error is raised."""
    from newsfuse.facts import extract_facts  # heavy (spaCy, scikit-learn): ``extract`` alone needs neither

    progress = progress or _no_progress
    progress("facts", 0, len(stories))
    if stories:
        extract_facts(stories, by_id, config.facts, parses, on_error)
    progress("facts", len(stories), len(stories))
    for done, story in enumerate(stories):
        progress("reconcile", done, len(stories))
        try:
            reconcile_story(story, by_id, config.reconcile)
        except Exception as error:
            if on_error is None:
                raise
            story.facts, story.quotes, story.conflicts, story.single_source, story.brief = [], [], [], [], []
            on_error(story_error(story.id, story.articles, "reconciliation", error_text(error)))
    progress("reconcile", len(stories), len(stories))


@dataclass
class IngestResult:
    read: int = 0  # articles extracted from the inputs
    new: int = 0  # articles added or changed
    unchanged: int = 0  # articles already stored with the same content
    placement: Placement = field(default_factory=Placement)


def ingest_articles(store: BaseStore, articles: list[Article], config: Config,
                    progress: Progress | None = None, derive: bool = True,
                    on_error: Callable[[InputError], None] | None = None) -> IngestResult:
    """Add ``articles`` to ``store`` and bring every story they touch up to date.

    Two transactions, each whole or not at all: (1) new and changed articles are written,
    traced for copies against the store's index and marked pending; (2) pending articles,
    these and any an interrupted ingest left, are placed in stories, whose facts and
    reconciliation are derived again where their membership changed (the articles' parses kept in
    the store are read back, and new ones kept, in that transaction). Articles stored with
    the same content are left alone, so ingesting the same documents again changes nothing.
    With ``on_error``, a story whose derivation meets a bug is stored without what that stage
    gives and reported there (``derive_stories``), so that one story cannot stop every later ingest.
    """
    progress = progress or _no_progress
    result = IngestResult(read=len(articles))
    with store.transaction():
        hashes = store.article_hashes(a.id for a in articles)
        fresh = [a for a in articles if hashes.get(a.id) != content_hash(a)]
        result.new, result.unchanged = len(fresh), len(articles) - len(fresh)
        progress("copies", 0, len(fresh))
        untraced_ids = store.pending(PENDING_TRACE)  # left by an older schema: never indexed
        changed = store.load_articles(a.id for a in fresh if a.id in hashes and a.id not in set(untraced_ids))
        unindex(store, list(changed.values()), store.seqs_of(changed), config.copies, config.stories)
        fresh_ids = {a.id for a in fresh}
        untraced = [a for a in store.load_articles(untraced_ids).values() if a.id not in fresh_ids]
        seqs = store.put_articles(fresh, PENDING_TRACE)
        seqs.update(store.seqs_of(a.id for a in untraced))
        traced = sorted(fresh + untraced, key=lambda a: seqs[a.id])
        trace_new(store, traced, seqs, config.copies, config.stories)
        store.set_pending((a.id for a in traced), PENDING_PLACE)
        progress("copies", len(fresh), len(fresh))
    with store.transaction():
        derive_step = (lambda stories, by_id: derive_stories(stories, by_id, config, progress, store, on_error)
                       ) if derive else None
        result.placement = place_pending(store, config.stories, derive_step, progress)
    return result


def ingest(paths: Iterable[str | Path], store: BaseStore, config: Config | None = None,
           progress: Progress | None = None, on_error: Callable[[InputError], None] | None = None,
           exclude: Iterable[Path] = ()) -> tuple[IngestResult, list[InputError]]:
    """Read and extract the inputs, then ``ingest_articles``; per-input problems, and a story whose
    derivation meets a bug, go to ``on_error``."""
    config = config or Config()
    errors: list[InputError] = []

    def report_error(error: InputError) -> None:
        errors.append(error)
        if on_error:
            on_error(error)

    articles = list(extract_inputs(paths, config, report_error, progress, exclude=exclude))
    if not articles:
        return IngestResult(), errors
    return ingest_articles(store, articles, config, progress, on_error=report_error), errors


def report(store: BaseStore, out_dir: Path, progress: Progress | None = None) -> tuple[list[Path], RunResult]:
    """The contract's three files from the store, written as one set with Ctrl-C held back; the store is
    read in pages as the files are written (the result's articles and stories are counted, not loaded)."""
    progress = progress or _no_progress
    result = RunResult(articles=StoredArticles(store), stories=StoredStories(store))
    progress("report", 0, len(OUTPUT_FILES))
    with interrupts_deferred():
        result.outputs = write_outputs(out_dir, result.articles, result.stories)
    progress("report", len(result.outputs), len(OUTPUT_FILES))
    return result.outputs, result


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
    """``ingest`` into ``out_dir``'s store (or ``db``), then ``report``: ``articles.jsonl``,
    ``stories.json`` and ``report.html`` of everything in the store.

    A bad ``db`` (``StoreError``) or an unwritable ``out_dir`` (``OSError``) fails before any
    input is read. Each ingest step is one transaction; the outputs are written last, as one
    set, with Ctrl-C held back.
    """
    config = config or Config()
    prepare_out_dir(out_dir)
    with Store(db or out_dir / "newsfuse.sqlite") as store:
        ingested, errors = ingest(paths, store, config, progress, on_error, exclude=[out_dir])
        if not ingested.read:
            return RunResult(errors=errors)
        _, result = report(store, out_dir, progress)
    result.errors = errors
    result.ingest = ingested
    return result
