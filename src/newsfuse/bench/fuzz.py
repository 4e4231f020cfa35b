"""Fuzzing of reading and extraction, or of the whole ingest: mutated HTML, text, JSONL, WARC and gzip inputs.

Each mutant is written to a file and read and extracted as ``newsfuse extract``
would, or (``--through ingest``) ingested as ``newsfuse ingest`` would into a store
in a temporary folder: a new store every ``--batch`` mutants, filled in two ingests,
so that the second half meets stored articles of the same ids, copies and stories.
Counted: tracebacks (must be 0), hangs (past the per-page time limit), silent inputs
(neither an article nor an error line), bad-input lines, and the peak memory of the
process; through ingest also half-written stores (an article left pending, not in
exactly one story, a story without members, an integrity check failed). Mutations
are seeded: ``--seed`` and a mutant's number reproduce it, and ``--keep DIR`` saves
the mutants that failed.
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import resource
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.config import Config
from newsfuse.extract import NoArticleError, extract_document
from newsfuse.model import InputError
from newsfuse.read import read_inputs

HANG_GRACE_SECONDS = 2.0  # a page may overrun the time limit by this much before it counts as a hang
PARAGRAPH = ("The harbour reopened on Monday after a storm that closed it for three days, the port "
             "authority said in a statement. Fishing boats returned to their moorings in the afternoon.")
HTML = ("<!doctype html><html><head><title>Harbour reopens | Gazette</title>"
        "<meta property='article:published_time' content='2024-05-02'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav><article><h1>Harbour reopens after storm</h1>"
        "<p class='byline'>By Ann Lee</p>" + "".join(f"<p>{PARAGRAPH} ({n})</p>" for n in range(6))
        + "</article><footer>Contact us</footer></body></html>")
TEXT = "Home\nNews\nHarbour reopens after storm\nBy Ann Lee\n" + "\n".join(f"{PARAGRAPH} ({n})" for n in range(6)) + "\nContact us\n"
NASTY = [
    b"\x00", b"\xff\xfe", b"\xed\xa0\x80", b"\\ud800", b"\\udc80", "\u2028".encode(), b"\x1b[2J", b"\x1b]0;x\x07",
    b"\r", b"\n" * 50, b"<script>alert(1)</script>", b"<noscript>x</noscript>" * 200, b"[" * 3000,
    b"9" * 5000, b"NaN", b"-Infinity", b"&amp;" * 2000, b"A" * 60_000, b"<" * 1000, b"<!--", b"<![CDATA[",
    b"\xef\xbb\xbf", b"\x1f\x8b", b"WARC/1.0\r\n", b"Content-Length: 999999999\r\n", b"Content-Length: -5\r\n",
    b"WARC-Target-URI: javascript:x\r\n", b"http://[x/", "\u202e".encode(), b'"title": 42, ', b'"id": null, ',
]
JSON_VALUES = [None, True, 0, 10**30, -1.5, float("nan"), [], ["x"], {}, {"a": [1]}, "", "\ud800", "a\u2028b",
               "x\nnewsfuse: forged", "\x1b[31mred", "2024-13-45", [[[[]]]], "http://[x/", "A" * 5000]
EXTENSIONS = {"html": [".html", ".htm", ".php", ""], "text": [".txt", "", ".md"], "jsonl": [".jsonl"], "warc": [".warc"]}


@dataclass
class FuzzReport:
    mutants: int = 0
    articles: int = 0
    error_lines: int = 0
    silent: list[int] = field(default_factory=list)
    tracebacks: list[tuple[int, str]] = field(default_factory=list)
    hangs: list[tuple[int, float]] = field(default_factory=list)
    multi_line_errors: list[int] = field(default_factory=list)
    half_written: list[tuple[int, str]] = field(default_factory=list)  # through ingest: (mutant, what)
    slowest_seconds: float = 0.0
    peak_mb: float = 0.0

    def summary(self) -> str:
        return (f"mutants {self.mutants}, articles {self.articles}, bad-input lines {self.error_lines}, "
                f"tracebacks {len(self.tracebacks)}, hangs {len(self.hangs)}, silent {len(self.silent)}, "
                f"multi-line errors {len(self.multi_line_errors)}, half-written stores {len(self.half_written)}, slowest {self.slowest_seconds:.2f} s, "
                f"peak memory {self.peak_mb:.0f} MB")


def _jsonl_base() -> bytes:
    rows = [{"id": "r1", "url": "https://news.example/1", "outlet": "Gazette", "html": HTML, "published": "2024-05-02"},
            {"id": "r2", "title": "Harbour reopens", "text": TEXT}, {"id": "r3", "text": PARAGRAPH * 3}]
    return "".join(json.dumps(row) + "\n" for row in rows).encode()


def _warc_base() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=False)
    for number, (body, kind) in enumerate([(HTML, "text/html"), (TEXT, "text/plain"), ("{}", "application/json")]):
        headers = StatusAndHeaders("200 OK", [("Content-Type", f"{kind}; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://news.example/{number}", "response",
                                                      payload=io.BytesIO(body.encode()), http_headers=headers))
    return stream.getvalue()


def _mutate_bytes(data: bytes, rng: random.Random, max_bytes: int) -> bytes:
    """One to four byte-level edits: flips, nasty inserts, cuts, repeats, truncation."""
    for _ in range(rng.randint(1, 4)):
        where = rng.randrange(len(data) + 1)
        operation = rng.choice(["flip", "insert", "insert", "delete", "repeat", "truncate"])
        if operation == "flip" and data:
            spots = {rng.randrange(len(data)) for _ in range(rng.randint(1, 8))}
            data = bytes(rng.randrange(256) if i in spots else b for i, b in enumerate(data))
        elif operation == "insert":
            data = data[:where] + rng.choice(NASTY) + data[where:]
        elif operation == "delete":
            data = data[:where] + data[where + rng.randint(1, 400):]
        elif operation == "repeat":
            piece = data[where:where + rng.randint(1, 300)]
            times = max(1, min(rng.choice([2, 10, 1000]), (max_bytes - len(data)) // max(len(piece), 1)))
            data = data[:where] + piece * times + data[where:]
        elif operation == "truncate":
            data = data[:where]
    return data[:max_bytes]


def _mutate_jsonl(rng: random.Random) -> bytes:
    """Rows with fields replaced by values of other types, dropped, or added."""
    lines = []
    for line in _jsonl_base().decode().splitlines():
        row = json.loads(line)
        for _ in range(rng.randint(0, 3)):
            name = rng.choice(["id", "url", "outlet", "html", "text", "title", "published", "fetched_at"])
            if rng.random() < 0.2:
                row.pop(name, None)
            else:
                row[name] = rng.choice(JSON_VALUES)
        lines.append(json.dumps(row, ensure_ascii=rng.random() < 0.5) if rng.random() < 0.9 else json.dumps([row]))
    return ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")


def mutant(number: int, seed: int, max_bytes: int) -> tuple[str, bytes]:
    """The mutant ``number`` of a seeded run: a file name extension and its bytes."""
    rng = random.Random(f"{seed}:{number}")
    kind = rng.choice(["html", "text", "jsonl", "jsonl", "warc", "gzip"])
    zipped = kind == "gzip"
    if zipped:
        kind = rng.choice(["html", "text", "jsonl", "warc"])
    base = {"html": HTML.encode(), "text": TEXT.encode(), "jsonl": _jsonl_base(), "warc": _warc_base()}[kind]
    if kind == "jsonl" and rng.random() < 0.6:
        data = _mutate_jsonl(rng)
        data = _mutate_bytes(data, rng, max_bytes) if rng.random() < 0.3 else data
    else:
        data = _mutate_bytes(base, rng, max_bytes)
    extension = rng.choice(EXTENSIONS[kind])
    if zipped:
        if rng.random() < 0.1:  # a bomb: small on disk, large inflated
            data = gzip.compress(data + b"\x00" * rng.choice([1_000_000, 30_000_000]), compresslevel=9)
        else:
            data = gzip.compress(data)
            data = _mutate_bytes(data, rng, max_bytes) if rng.random() < 0.5 else data
        extension = (extension or ".html") + ".gz"
    return extension, data


def run_fuzz(count: int, seed: int = 0, config: Config | None = None, max_bytes: int = 2_000_000,
             keep: Path | None = None, start: int = 0) -> FuzzReport:
    """Read and extract ``count`` mutants; returns what happened."""
    config = config or Config()
    report = FuzzReport()
    with tempfile.TemporaryDirectory(prefix="newsfuse-fuzz-") as folder:
        for number in range(start, start + count):
            extension, data = mutant(number, seed, max_bytes)
            path = Path(folder) / f"mutant-{number}{extension}"
            path.write_bytes(data)
            failed = _check(number, path, config, report)
            if failed and keep:
                keep.mkdir(parents=True, exist_ok=True)
                (keep / path.name).write_bytes(data)
            path.unlink()
    report.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return report


def _check(number: int, path: Path, config: Config, report: FuzzReport) -> bool:
    """Read and extract one mutant into ``report``; true where it failed a check."""
    report.mutants += 1
    outputs, started = 0, time.monotonic()
    try:
        for item in read_inputs([path], config.read):
            outputs += 1
            if isinstance(item, InputError):
                report.error_lines += 1
                if "\n" in str(item):
                    report.multi_line_errors.append(number)
                continue
            page_started = time.monotonic()
            try:
                extract_document(item, config.extract)
                report.articles += 1
            except NoArticleError:
                report.error_lines += 1
            seconds = time.monotonic() - page_started
            report.slowest_seconds = max(report.slowest_seconds, seconds)
            if seconds > config.extract.max_seconds + HANG_GRACE_SECONDS:
                report.hangs.append((number, seconds))
    except Exception:
        report.tracebacks.append((number, traceback.format_exc()))
        return True
    if not outputs:
        report.silent.append(number)
    failed = not outputs or number in report.multi_line_errors or any(n == number for n, _ in report.hangs)
    return failed or time.monotonic() - started > config.extract.max_seconds * 4


def run_ingest_fuzz(count: int, seed: int = 0, config: Config | None = None, max_bytes: int = 2_000_000,
                    keep: Path | None = None, start: int = 0, batch: int = 24) -> FuzzReport:
    """Ingest ``count`` mutants into a new store every ``batch`` mutants, in two ingests (the
    second half meets the first half's stored articles, ids, copies and stories); after each
    ingest the store must be whole. Returns what happened."""
    from newsfuse.store import Store

    config = config or Config()
    report = FuzzReport()
    with tempfile.TemporaryDirectory(prefix="newsfuse-fuzz-ingest-") as folder:
        for first in range(start, start + count, batch):
            numbers = list(range(first, min(first + batch, start + count)))
            with Store(Path(folder) / f"store-{first}.sqlite") as store:
                for half in (numbers[:len(numbers) // 2], numbers[len(numbers) // 2:]):
                    failed = _ingest_mutants(half, seed, max_bytes, Path(folder), store, config, report)
                    for number in failed if keep else ():
                        keep.mkdir(parents=True, exist_ok=True)
                        (keep / f"mutant-{number}{mutant(number, seed, max_bytes)[0]}").write_bytes(
                            mutant(number, seed, max_bytes)[1])
    report.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return report


def _ingest_mutants(numbers: list[int], seed: int, max_bytes: int, folder: Path, store, config: Config,
                    report: FuzzReport) -> set[int]:
    """One ingest of the mutants ``numbers`` as ``pipeline.ingest`` does it (read and extract each,
    a duplicate id is a bad input, then ``ingest_articles``), each mutant's articles and error
    lines counted on their own; returns the mutants that failed a check."""
    from newsfuse.pipeline import extract_inputs, ingest_articles

    failed: set[int] = set()
    articles, seen = [], set()
    for number in numbers:
        report.mutants += 1
        extension, data = mutant(number, seed, max_bytes)
        path = folder / f"mutant-{number}{extension}"
        path.write_bytes(data)
        errors: list[InputError] = []
        started = time.monotonic()
        try:
            found = list(extract_inputs([path], config, errors.append))
        except Exception:
            report.tracebacks.append((number, traceback.format_exc()))
            failed.add(number)
            continue
        finally:
            path.unlink()
        seconds = time.monotonic() - started
        report.slowest_seconds = max(report.slowest_seconds, seconds)
        for article in found:
            if article.id in seen:
                errors.append(InputError(article.source, f"duplicate id {article.id!r}, skipped"))
            else:
                seen.add(article.id)
                articles.append(article)
        report.articles += len(found)
        report.error_lines += len(errors)
        if any("\n" in str(error) for error in errors):
            report.multi_line_errors.append(number)
        if not found and not errors:
            report.silent.append(number)
        if seconds > (config.extract.max_seconds + HANG_GRACE_SECONDS) * max(1, len(found) + len(errors)):
            report.hangs.append((number, seconds))
        if number in report.multi_line_errors or number in report.silent or number in dict(report.hangs):
            failed.add(number)
    started = time.monotonic()
    try:
        ingest_articles(store, articles, config)
    except Exception:
        report.tracebacks.append((numbers[0], traceback.format_exc()))
        return failed | set(numbers)
    seconds = time.monotonic() - started  # the later stages have no limit of their own: a page's share
    if seconds > (config.extract.max_seconds + HANG_GRACE_SECONDS) * max(1, len(articles)):
        report.hangs.append((numbers[0], seconds))
        failed |= set(numbers)
    problem = store_problem(store)
    if problem:
        report.half_written.append((numbers[0], problem))
        return failed | set(numbers)
    return failed


def store_problem(store) -> str:
    """What is half-written in ``store`` ('' where nothing): pending articles, an article not in
    exactly one story, a story without members, or a failed integrity check."""
    from newsfuse.store import PENDING_PLACE, PENDING_TRACE

    if store.pending(PENDING_TRACE) or store.pending(PENDING_PLACE):
        return "articles left pending"
    ids = store.all_ids()
    held = store.stories_of(ids)
    if len(held) != len(ids):
        return f"{len(ids) - len(held)} articles in no story"
    stories = [row[0] for row in store._rows("SELECT id FROM stories")]
    members = store.members(stories)
    if len(members) != len(stories):
        return f"{len(stories) - len(members)} stories without members"
    if sorted(a for group in members.values() for a in group) != sorted(ids):
        return "an article in more than one story, or a member not stored"
    if store.backend == "sqlite" and store._rows("PRAGMA integrity_check")[0][0] != "ok":
        return "integrity check failed"
    return ""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--count", type=int, default=5000, help="mutants to try")
    parser.add_argument("--seed", type=int, default=0, help="the run's seed; a mutant is (seed, number)")
    parser.add_argument("--start", type=int, default=0, help="number of the first mutant")
    parser.add_argument("--max-bytes", type=int, default=2_000_000, help="largest mutant on disk")
    parser.add_argument("--keep", type=Path, help="save the mutants that failed a check into this folder")
    parser.add_argument("--through", choices=["extract", "ingest"], default="extract",
                        help="read and extract each mutant, or ingest it into a store (facts and all)")
    parser.add_argument("--batch", type=int, default=24, help="with --through ingest: mutants per new store")


def main(args: argparse.Namespace) -> int:
    started = time.monotonic()
    if args.through == "ingest":
        report = run_ingest_fuzz(args.count, args.seed, max_bytes=args.max_bytes, keep=args.keep, start=args.start,
                                 batch=args.batch)
    else:
        report = run_fuzz(args.count, args.seed, max_bytes=args.max_bytes, keep=args.keep, start=args.start)
    for number, text in report.tracebacks:
        print(f"mutant {number}: traceback\n{text}")
    for number, seconds in report.hangs:
        print(f"mutant {number}: hang, {seconds:.1f} s")
    for number in report.silent:
        print(f"mutant {number}: silent, neither an article nor an error line")
    for number, problem in report.half_written:
        print(f"mutant {number}: store half-written: {problem}")
    print(f"through {args.through}: {report.summary()}, {time.monotonic() - started:.0f} s in all")
    failed = report.tracebacks or report.hangs or report.silent or report.multi_line_errors or report.half_written
    return 1 if failed else 0
