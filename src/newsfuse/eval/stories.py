"""Story clustering on ECB+: BCubed P/R/F1 and ARI at subtopic and topic level.

Articles are fed online in ``newsfuse.stories.arrival_order`` (dated ones by date,
undated ones spread evenly among them by document id); no cluster count is given.
The subtopic (same event) scores print last.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "ecbplus"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ECB+ folder (train.jsonl, dev.jsonl)")
    parser.add_argument("--split", choices=["train", "dev"], default="dev")


def _print_scores(level: str, scores) -> None:
    print(f"{level}: clusters {scores.clusters} (gold {scores.gold_clusters})")
    print(f"{level}: ARI {scores.ari:.4f}")
    print(f"{level}: BCubed precision {scores.precision:.4f}  recall {scores.recall:.4f}  F1 {scores.f1:.4f}")


def main(args: argparse.Namespace) -> int:
    from newsfuse.eval._clustering import score_clusters
    from newsfuse.eval._ecbplus import load_split
    from newsfuse.stories import cluster_ids

    documents = load_split(args.data, args.split)
    started = time.perf_counter()
    groups = cluster_ids([d.article for d in documents], [])
    elapsed = time.perf_counter() - started
    dated = sum(1 for d in documents if d.article.published)
    print(f"ECB+ {args.split}: {len(documents)} documents ({dated} dated), "
          f"{elapsed:.2f} s, {len(documents) / elapsed:.0f} documents/s")
    _print_scores("topic", score_clusters(groups, {d.article.id: d.topic for d in documents}))
    _print_scores("subtopic", score_clusters(groups, {d.article.id: d.subtopic for d in documents}))
    return 0
