"""Extraction speed and memory: the HTML path against trafilatura alone, and text dumps.

For an HTML folder (``*.html``/``*.htm``, also gzipped, found recursively) each
page goes through ``newsfuse.extract.extract_document`` and through
``trafilatura.extract(html, include_comments=False)`` in the same process,
alternating page by page so both see the same machine load; the ratio of
their times is printed last. For a text-dump folder (``*.txt``) it measures
``extract_document`` pages per CPU second in one process (one core), and
splits that time into steps timed in place inside the product path: the line
classifier, the chrome rules, the metadata (``finish_article``) and the rest.
CPU rates use ``time.process_time``: the machine is shared, so wall-clock
rates depend on other load. The warm-up pages' CPU time is reported apart as
start-up (imports, models, loading or compiling the numba kernels). Peak memory
is the tracemalloc peak of each path over the pages, and the process's peak RSS.
With ``--baseline-html DIR`` (the HTML pages the dumps were made from, named by
the dumps' ids) trafilatura also runs on those pages in the same process, pass
for pass with the text path, and the ratio of the two rates is printed: the
machine's speed swings between runs, the ratio much less.
"""
from __future__ import annotations

import argparse
import resource
import time
import tracemalloc
from dataclasses import dataclass
from collections.abc import Callable
from pathlib import Path

HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
WARMUP_PAGES = 2
BYTES_PER_MIB = 1024 * 1024
TEXT_TARGET_RATE = 300  # text-dump pages per CPU second on one core (issue 3)


@dataclass
class Timing:
    seconds: float = 0.0  # wall clock
    cpu_seconds: float = 0.0  # this process's CPU time: fair on a shared machine
    pages: int = 0
    peak_bytes: int = 0
    start_cpu_seconds: float = 0.0  # the warm-up pages: imports, model loading, compiled kernels

    @property
    def rate(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def cpu_rate(self) -> float:
        return self.pages / self.cpu_seconds if self.cpu_seconds else 0.0

    def describe(self) -> str:
        return (f"{self.rate:.1f} pages/s wall clock, {self.cpu_rate:.1f} pages per CPU second, "
                f"peak memory per page {_mib(self.peak_bytes)}")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", required=True, type=Path, help="a folder of HTML pages or of text dumps (.txt)")
    parser.add_argument("--limit", type=int, help="use the first N pages only")
    parser.add_argument("--text", action="store_true", help="measure the text dumps even where HTML pages exist")
    parser.add_argument("--repeat", type=int, default=1,
                        help="text dumps: time this many passes and report the fastest (shared machines)")
    parser.add_argument("--baseline-html", type=Path,
                        help="text dumps: the HTML pages they were made from (named by the dumps' ids), "
                             "timed with trafilatura in the same process as a baseline")


def _documents(folder: Path, html: bool, limit: int | None) -> list:
    from newsfuse.model import RawDocument
    from newsfuse.read import read_path

    paths = [p for p in sorted(folder.rglob("*")) if p.is_file()
             and (p.name.lower().endswith(HTML_SUFFIXES) if html else p.name.endswith(".txt"))]
    documents = []
    for path in paths[:limit] if limit else paths:
        item = next(iter(read_path(path)), None)
        if isinstance(item, RawDocument):
            documents.append(item)
    return documents


def _source_pages(folder: Path, documents: list) -> list:
    """The HTML pages in ``folder`` whose names are the dumps' ids, in the dumps' order."""
    by_id = {document.id: document for document in _documents(folder, True, None)}
    return [by_id[document.id] for document in documents if document.id in by_id]


def _call(function: Callable, document) -> None:
    try:
        function(document)
    except Exception:  # noqa: BLE001 - a page without an article still costs its time
        pass


def _time_interleaved(functions: list[Callable], documents: list,
                      after_warmup: Callable[[], None] | None = None) -> list[Timing]:
    """Seconds of each function over the pages, alternating page by page (same machine load)."""
    timings = [Timing() for _ in functions]
    for document in documents[:WARMUP_PAGES]:  # imports and model loading are not per-page costs
        for function, timing in zip(functions, timings):
            started_cpu = time.process_time()
            _call(function, document)
            timing.start_cpu_seconds += time.process_time() - started_cpu
    if after_warmup:
        after_warmup()
    for document in documents:
        for function, timing in zip(functions, timings):
            started, started_cpu = time.perf_counter(), time.process_time()
            _call(function, document)
            timing.seconds += time.perf_counter() - started
            timing.cpu_seconds += time.process_time() - started_cpu
            timing.pages += 1
    return timings


class _TimedStep:
    """A function wrapped so that its own CPU seconds add up while the caller runs."""

    def __init__(self, function: Callable) -> None:
        self.function, self.cpu_seconds = function, 0.0

    def __call__(self, *args, **kwargs):
        started = time.process_time()
        try:
            return self.function(*args, **kwargs)
        finally:
            self.cpu_seconds += time.process_time() - started

    def reset(self) -> None:
        self.cpu_seconds = 0.0


class _TimedClassifier:
    """The line classifier with its ``probabilities`` timed as a ``_TimedStep``."""

    def __init__(self, classifier, step: _TimedStep) -> None:
        self.threshold = classifier.threshold
        self.probabilities = step


def _time_text_path(extract: Callable, documents: list) -> tuple[Timing, dict[str, float]]:
    """``extract`` over the text dumps, and the CPU seconds of its steps timed in place: the line
    classifier (features and trees), the chrome rules (``drop_chrome``) and the metadata
    (``finish_article``); inside them, the features of both passes (cohesion apart), the title
    search and the language identification."""
    from newsfuse.extract import lineclassifier, metadata, textdump

    classifier = textdump.load_classifier()
    steps = {name: _TimedStep(function) for name, function in (
        ("classifier", classifier.probabilities), ("chrome", textdump.drop_chrome),
        ("metadata", textdump.finish_article), ("first features", lineclassifier.line_features),
        ("second features", lineclassifier.context_features), ("cohesion", lineclassifier.cohesion),
        ("title", metadata.find_title_line),
        ("language", metadata.identify_language))}
    patches = [(textdump, "load_classifier", lambda: _TimedClassifier(classifier, steps["classifier"])),
               (textdump, "drop_chrome", steps["chrome"]), (textdump, "finish_article", steps["metadata"]),
               (lineclassifier, "line_features", steps["first features"]),
               (lineclassifier, "context_features", steps["second features"]),
               (lineclassifier, "cohesion", steps["cohesion"]),
               (metadata, "find_title_line", steps["title"]), (metadata, "identify_language", steps["language"])]
    originals = [(module, name, getattr(module, name)) for module, name, _ in patches]
    for module, name, replacement in patches:
        setattr(module, name, replacement)

    def reset() -> None:
        for step in steps.values():
            step.reset()

    try:
        (timing,) = _time_interleaved([extract], documents, after_warmup=reset)
    finally:
        for module, name, original in originals:
            setattr(module, name, original)
    return timing, {name: step.cpu_seconds for name, step in steps.items()}


def _describe_text(total: Timing, step_seconds: dict[str, float]) -> list[str]:
    per_page = {name: 1000 * seconds / total.pages for name, seconds in step_seconds.items()}
    features = per_page["first features"] + per_page["second features"] + per_page["cohesion"]
    rest = 1000 * total.cpu_seconds / total.pages - per_page["classifier"] - per_page["chrome"] - per_page["metadata"]
    return [f"  total (extract_document): {total.cpu_rate:.1f} pages per CPU second "
            f"({1000 * total.cpu_seconds / total.pages:.2f} ms/page; target >= {TEXT_TARGET_RATE}), "
            f"{total.rate:.1f} pages/s wall clock",
            f"  line classifier (features and both tree passes): {per_page['classifier']:.2f} ms/page",
            f"    of which features of both passes: {features:.2f} ms/page (cohesion "
            f"{per_page['cohesion']:.2f}), tree passes: {per_page['classifier'] - features:.2f} ms/page",
            f"  chrome rules (textdump.drop_chrome): {per_page['chrome']:.2f} ms/page",
            f"  metadata (finish_article): {per_page['metadata']:.2f} ms/page",
            f"    of which title search: {per_page['title']:.2f} ms/page, "
            f"language identification: {per_page['language']:.2f} ms/page",
            f"  the rest (reading and cleaning lines, the article): {rest:.2f} ms/page",
            f"  peak memory per page {_mib(total.peak_bytes)}; start-up (the first {WARMUP_PAGES} pages: "
            f"imports, models, compiled kernels): {total.start_cpu_seconds:.2f} CPU seconds"]


def _peak_memory(function: Callable, documents: list) -> int:
    """The largest tracemalloc peak of one page."""
    peak = 0
    tracemalloc.start()
    for document in documents:
        tracemalloc.reset_peak()
        _call(function, document)
        peak = max(peak, tracemalloc.get_traced_memory()[1])
    tracemalloc.stop()
    return peak


def _extractors() -> tuple[Callable, Callable]:
    import trafilatura

    from newsfuse.config import ExtractConfig
    from newsfuse.extract import extract_document

    config = ExtractConfig()
    return (lambda d: extract_document(d, config)), (lambda d: trafilatura.extract(d.content, include_comments=False))


def _mib(count: int) -> str:
    return f"{count / BYTES_PER_MIB:.1f} MiB"


def main(args: argparse.Namespace) -> int:
    html = not args.text and bool(_documents(args.data, True, 1))
    documents = _documents(args.data, html, args.limit)
    if not documents:
        print(f"newsfuse: no pages found in {args.data}")
        return 2
    ours, baseline = _extractors()
    if html:
        mine, theirs = _time_interleaved([ours, baseline], documents)
        mine.peak_bytes, theirs.peak_bytes = _peak_memory(ours, documents), _peak_memory(baseline, documents)
        print(f"trafilatura alone: {theirs.describe()}")
        print(f"newsfuse HTML path: {mine.describe()}")
    else:
        sources = _source_pages(args.baseline_html, documents) if args.baseline_html else []
        passes, baseline_passes = [], []
        for _ in range(max(args.repeat, 1)):  # pass for pass: both see the same machine state
            passes.append(_time_text_path(ours, documents))
            if sources:
                baseline_passes.extend(_time_interleaved([baseline], sources))
        mine, step_seconds = min(passes, key=lambda timed: timed[0].cpu_seconds)
        mine.start_cpu_seconds = passes[0][0].start_cpu_seconds  # later passes start warm
        mine.peak_bytes = _peak_memory(ours, documents)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(f"{len(documents)} pages; process peak RSS {_mib(rss)}")
    if html:
        print(f"time ratio newsfuse/trafilatura: wall {mine.seconds / theirs.seconds:.3f}, "
              f"CPU {mine.cpu_seconds / theirs.cpu_seconds:.3f} (target <= 1.2)")
    else:
        print(f"text dumps, one process on one core (CPU time from time.process_time; "
              f"fastest of {len(passes)} passes):")
        print("\n".join(_describe_text(mine, step_seconds)))
        if args.baseline_html:
            _print_baseline(mine, baseline_passes, len(documents))
    return 0


def _print_baseline(mine: Timing, baseline_passes: list[Timing], dumps: int) -> None:
    if not baseline_passes:
        print("baseline: no HTML page in --baseline-html is named like a dump")
        return
    theirs = min(baseline_passes, key=lambda timing: timing.cpu_seconds / timing.pages)
    print(f"baseline, trafilatura alone on the HTML of {theirs.pages} of the {dumps} pages, same passes: "
          f"{theirs.cpu_rate:.1f} pages per CPU second; text-dump path / trafilatura rate: "
          f"{mine.cpu_rate / theirs.cpu_rate:.2f}")
