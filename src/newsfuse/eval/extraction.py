"""Article extraction quality: AEB shingle F1, line F1, titles, dates, pages per second.

Runs the product's own ``extract_document`` over a benchmark folder:
a text-dump folder (``<id>.txt`` with ``<id>.json`` labels and gold, as in
``../shared/data/textdumps/*``), an HTML benchmark folder with ``--html``
(AEB: ``html/`` and ``ground-truth.json``; WCXB: ``html/`` and
``ground-truth/<id>.json``), or the founding pages with ``--seeds-gold``
(``body_lines`` of ``seeds.gold.json``). Metrics print last.
"""
from __future__ import annotations

import argparse
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

WARMUP_PAGES = 2  # their time is start-up (imports, model files, compiled kernels), reported apart


@dataclass
class GoldPage:
    id: str
    path: Path
    body: str | None = None
    body_lines: set[int] | None = None
    title: str | None = None
    date: str | None = None


@dataclass
class Tally:
    """Per-page results summed over a run."""

    matches: list[tuple[float, float, float]] = field(default_factory=list)
    line_tp: int = 0
    line_fp: int = 0
    line_fn: int = 0
    line_pages: int = 0
    titles: int = 0
    title_exact: int = 0
    title_contained: int = 0
    dates: int = 0
    dates_same_day: int = 0
    failures: int = 0
    seconds: float = 0.0  # extract_document after the warm-up pages
    cpu_seconds: float = 0.0
    timed_pages: int = 0
    start_cpu_seconds: float = 0.0  # the warm-up pages: imports, models, compiled kernels
    classifier_cpu_seconds: float = 0.0
    classified_pages: int = 0
    pages: int = 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", required=True, type=Path, help="benchmark folder")
    parser.add_argument("--html", action="store_true", help="an HTML benchmark folder (AEB or WCXB layout)")
    parser.add_argument("--seeds-gold", type=Path, help="seeds.gold.json: score --data's .txt pages by body_lines")
    parser.add_argument("--page-type", help="WCXB HTML only: keep pages of this type (e.g. article)")
    parser.add_argument("--limit", type=int, help="evaluate the first N pages only")
    parser.add_argument("--worst", type=int, default=0, help="also list the N pages with the lowest shingle F1")


def _text_dump_pages(folder: Path) -> list[GoldPage]:
    pages = []
    for path in sorted(folder.glob("*.txt")):
        sidecar = path.with_suffix(".json")
        if not sidecar.exists():
            continue
        info = json.loads(sidecar.read_text(encoding="utf-8"))
        lines = {i + 1 for i, label in enumerate(info["labels"]) if label}
        pages.append(GoldPage(path.stem, path, info.get("gold_body"), lines, info.get("gold_title"), info.get("gold_date")))
    return pages


def _seed_pages(folder: Path, gold_file: Path) -> list[GoldPage]:
    documents = json.loads(gold_file.read_text(encoding="utf-8"))["documents"]
    pages = []
    for path in sorted(folder.glob("*.txt")):
        gold = documents.get(path.stem.split("_", 1)[0])
        if gold:
            pages.append(GoldPage(path.stem, path, None, set(gold["body_lines"])))
    return pages


def _html_pages(folder: Path, page_type: str | None) -> list[GoldPage]:
    html = {path.name.split(".", 1)[0]: path for path in sorted((folder / "html").glob("*.htm*"))}
    if (folder / "ground-truth.json").exists():
        gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
        return [GoldPage(key, html[key], value.get("articleBody", "")) for key, value in sorted(gold.items()) if key in html]
    types = {}
    if (folder / "metadata.json").exists():
        types = {k: v.get("page_type") for k, v in json.loads((folder / "metadata.json").read_text())["files"].items()}
    pages = []
    for key, path in html.items():
        truth_file = folder / "ground-truth" / f"{key}.json"
        if not truth_file.exists() or (page_type and types.get(key) != page_type):
            continue
        truth = json.loads(truth_file.read_text(encoding="utf-8")).get("ground_truth", {})
        if truth.get("main_content"):
            pages.append(GoldPage(key, path, truth["main_content"], None, truth.get("title"), truth.get("publish_date")))
    return pages


def _normal(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _score_page(page: GoldPage, article, tally: Tally) -> float | None:
    """Add one page's results to ``tally``; its shingle F1 where the page has a gold body."""
    from newsfuse.eval._aeb_metric import shingle_match

    f1 = None
    if page.body is not None:
        tp, fp, fn = shingle_match(page.body, article.text if article else "")
        tally.matches.append((tp, fp, fn))
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    if page.body_lines is not None:
        kept = set(article.body_lines or []) if article else set()
        tally.line_pages += 1
        tally.line_tp += len(kept & page.body_lines)
        tally.line_fp += len(kept - page.body_lines)
        tally.line_fn += len(page.body_lines - kept)
    if page.title:
        tally.titles += 1
        gold, guess = _normal(page.title), _normal(article.title or "") if article else ""
        tally.title_exact += gold == guess
        tally.title_contained += bool(guess) and (gold in guess or guess in gold)
    if page.date:
        tally.dates += 1
        tally.dates_same_day += bool(article and article.published and article.published[:10] == page.date[:10])
    return f1


def _time_line_classifier(content: str, tally: Tally) -> None:
    """CPU time of the text path alone (cleaning, features, both passes), without metadata."""
    from newsfuse.extract.linefeatures import clean_lines
    from newsfuse.extract.textdump import body_line_indexes, split_lines

    started = time.process_time()
    body_line_indexes(clean_lines(split_lines(content))[0])
    tally.classifier_cpu_seconds += time.process_time() - started
    tally.classified_pages += 1


def _add_time(tally: Tally, seconds: float, cpu_seconds: float, total_pages: int) -> None:
    """Count one page's time as start-up while it is among the first ``WARMUP_PAGES`` of a
    longer run, else as steady-state throughput."""
    if tally.pages < WARMUP_PAGES < total_pages:
        tally.start_cpu_seconds += cpu_seconds
        return
    tally.seconds += seconds
    tally.cpu_seconds += cpu_seconds
    tally.timed_pages += 1


def _run(pages: list[GoldPage]) -> tuple[Tally, list[tuple[float, str]]]:
    from newsfuse.config import ExtractConfig
    from newsfuse.extract import NoArticleError, extract_document
    from newsfuse.read import read_path

    config, tally, per_page = ExtractConfig(), Tally(), []
    for page in pages:
        document = next(iter(read_path(page.path)))
        started, cpu_started = time.perf_counter(), time.process_time()
        try:
            article = extract_document(document, config) if hasattr(document, "content") else None
        except NoArticleError:
            article = None
        _add_time(tally, time.perf_counter() - started, time.process_time() - cpu_started, len(pages))
        if getattr(document, "kind", None) == "text":
            _time_line_classifier(document.content, tally)
        tally.pages += 1
        tally.failures += article is None
        f1 = _score_page(page, article, tally)
        if f1 is not None:
            per_page.append((f1, page.id))
    return tally, per_page


def _print(tally: Tally, label: str) -> None:
    from newsfuse.eval._aeb_metric import aeb_metrics

    print(f"set: {label}; pages {tally.pages}, no article {tally.failures}")
    if tally.titles:
        print(f"title: exact {tally.title_exact / tally.titles:.3f}  containment "
              f"{tally.title_contained / tally.titles:.3f}  (pages with a gold title: {tally.titles})")
    if tally.dates:
        print(f"date: same day {tally.dates_same_day / tally.dates:.3f}  (pages with a gold date: {tally.dates})")
    warmed = f"after {tally.pages - tally.timed_pages} warm-up pages" if tally.timed_pages < tally.pages else "no warm-up"
    print(f"speed: {tally.timed_pages / max(tally.cpu_seconds, 1e-9):.1f} pages per CPU second, "
          f"{tally.timed_pages / max(tally.seconds, 1e-9):.1f} per second wall clock (extract_document, one process, "
          f"{warmed}; start-up {tally.start_cpu_seconds:.2f} CPU s: imports, models, compiled kernels)")
    if tally.classified_pages:
        print(f"speed: {tally.classified_pages / max(tally.classifier_cpu_seconds, 1e-9):.1f} pages per CPU second "
              "for the text-dump line classifier alone (features and both passes, no metadata)")
    if tally.line_pages:
        precision = tally.line_tp / max(tally.line_tp + tally.line_fp, 1)
        recall = tally.line_tp / max(tally.line_tp + tally.line_fn, 1)
        line_f1 = 2 * tally.line_tp / max(2 * tally.line_tp + tally.line_fp + tally.line_fn, 1)
        print(f"line F1 {line_f1:.4f}  precision {precision:.4f}  recall {recall:.4f}  "
              f"(body lines over {tally.line_pages} pages)")
    if tally.matches:
        metrics = aeb_metrics(tally.matches)
        print(f"shingle F1 {metrics['f1']:.4f}  precision {metrics['precision']:.4f}  "
              f"recall {metrics['recall']:.4f}  (AEB metric, {len(tally.matches)} pages)")


def main(args: argparse.Namespace) -> int:
    if args.seeds_gold:
        pages, label = _seed_pages(args.data, args.seeds_gold), f"founding pages {args.data}"
    elif args.html:
        pages, label = _html_pages(args.data, args.page_type), f"HTML {args.data}"
    else:
        pages, label = _text_dump_pages(args.data), f"text dumps {args.data}"
    pages = pages[: args.limit] if args.limit else pages
    if not pages:
        print(f"newsfuse: no benchmark pages found in {args.data}")
        return 2
    tally, per_page = _run(pages)
    for f1, page_id in sorted(per_page)[: args.worst]:
        print(f"worst: {page_id} shingle F1 {f1:.3f}")
    _print(tally, label)
    return 0
