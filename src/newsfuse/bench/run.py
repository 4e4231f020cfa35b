"""End to end: ``newsfuse run`` on 1k, 10k and 50k documents, time and peak memory per stage.

What it measures. For each ``--sizes`` N, a JSONL feed of N documents is written first (untimed):
real bodies (the sentences of ECB+ train and dev articles, retold per story with the story's own
names, numbers and words, as ``bench ingest`` makes them), about five documents a story, 10 % of a
story's later documents lightly edited copies of an earlier one, dated over ``--months`` months,
each with an outlet. Then, in a fresh child process (so that its peak memory, ``ru_maxrss``, is
its own), ``pipeline.run`` reads, extracts, ingests into a new SQLite store and writes the report,
as ``newsfuse run FEED --out DIR`` does. Each stage's time is from its first progress call to the
next stage's; its peak is the process's peak when it ends. The baseline is the smallest size in
the same run: the time per document at each size is printed as a ratio to it (the issue's bar:
at most 1.5 from 1k to 50k). Models load before the clock starts. Wall-clock on a shared machine:
the load average is printed with each size.
"""
from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from newsfuse.bench.ingest import DEFAULT_ECBPLUS, Synthetic
from newsfuse.bench._processes import StageClock, own_peak_mb, own_tree_cpu_seconds, result_in_child


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sizes", type=lambda text: [int(n) for n in text.split(",")], default=[1_000, 10_000, 50_000],
                        help="documents per run, comma-separated (1000,10000,50000)")
    parser.add_argument("--months", type=int, default=12, help="months the documents are dated over")
    parser.add_argument("--data", type=Path, default=DEFAULT_ECBPLUS, help="ECB+ folder (train.jsonl, dev.jsonl)")
    parser.add_argument("--seed", type=int, default=7)


def write_feed(path: Path, size: int, months: int, data: Path, seed: int) -> None:
    """A JSONL feed of ``size`` documents (see the module's docstring)."""
    synthetic = Synthetic(data, seed, months * 30)
    with path.open("w", encoding="utf-8") as feed:
        for article in synthetic.stored(size):
            row = {"id": article.id, "title": article.title, "text": "\n\n".join(article.body),
                   "published": article.published, "outlet": article.outlet}
            feed.write(json.dumps(row, ensure_ascii=False) + "\n")


def _run_child(feed: str, out: str, queue) -> None:
    from newsfuse.bench.ingest import _warm
    from newsfuse.config import Config
    from newsfuse.pipeline import run

    config = Config()
    _warm(config)
    base = own_peak_mb()
    clock = StageClock()
    errors: list = []
    started, started_cpu = time.perf_counter(), own_tree_cpu_seconds()
    result = run([feed], Path(out), config=config, progress=clock, on_error=errors.append)
    clock.finish()
    queue.put({"seconds": time.perf_counter() - started, "cpu_seconds": own_tree_cpu_seconds() - started_cpu,
               "stages": [(s, clock.seconds[s], clock.cpu_seconds[s], clock.peak_mb[s]) for s in clock.order],
               "base_mb": base, "peak_mb": own_peak_mb(), "articles": len(result.articles),
               "stories": len(result.stories), "errors": len(errors)})


def main(args: argparse.Namespace) -> int:
    per_document: dict[int, float] = {}
    cpu_per_document: dict[int, float] = {}
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="newsfuse-bench-run-") as folder:
            feed = Path(folder) / "feed.jsonl"
            write_feed(feed, size, args.months, args.data, args.seed)
            result = result_in_child(_run_child, str(feed), str(Path(folder) / "out"))
        per_document[size] = result["seconds"] / size
        cpu_per_document[size] = result["cpu_seconds"] / size
        stages = ", ".join(f"{stage} {seconds:.1f} s, CPU {cpu:.1f} s (peak {peak:.0f} MB)"
                           for stage, seconds, cpu, peak in result["stages"])
        print(f"{size} documents over {args.months} months: {result['seconds']:.1f} s, "
              f"{1000 * per_document[size]:.1f} ms a document, CPU {1000 * cpu_per_document[size]:.1f} ms a document; "
              f"{result['articles']} articles, "
              f"{result['stories']} stories, {result['errors']} bad inputs; peak {result['peak_mb']:.0f} MB "
              f"(models {result['base_mb']:.0f} MB); load average {os.getloadavg()[0]:.1f}", flush=True)
        print(f"  {stages}", flush=True)
    smallest = min(per_document)
    ratios = ", ".join(f"{size}: x{seconds / per_document[smallest]:.2f} wall, "
                       f"x{cpu_per_document[size] / cpu_per_document[smallest]:.2f} CPU"
                       for size, seconds in per_document.items())
    print(f"time per document against {smallest} documents (the same-run baseline): {ratios}")
    return 0
