"""Story clustering: BCubed P/R/F1 and ARI, newsfuse against a TF-IDF baseline in the same run.

Two modes:

- ECB+ (``--data`` a folder with ``train.jsonl``/``dev.jsonl``, ``--split``): scores at topic
  and subtopic (same event) level;
- any JSONL input with a gold TSV (``--data FILE.jsonl --gold FILE.tsv``, columns ``id`` and
  ``event``): the documents go through extraction and copy tracing as in ``run``, then
  clustering; scores at event level.

With ``--batches N`` the articles are also ingested in N chronological batches into an
in-memory store (``store.regions``: each batch re-derives the stories of its time region) and
scored against one batch's stories. With ``--within-days N`` both systems are also scored
with every gold event's dated articles moved into one span of N days (gaps within an event
kept): dates then cannot tell events apart, as in a week of political coverage.

Articles are fed online in ``newsfuse.stories.arrival_order`` (dated ones by date, undated
ones spread evenly among them by document id); no cluster count is given. The baseline is
TF-IDF (sublinear tf, English stop words, ``max_df`` 0.5) over title and body, clustered by
average link cut at cosine distance 0.8, offline over the whole batch. The event-level scores
print last.
"""
from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

from newsfuse.model import Article, Relation

DEFAULT_DATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "ecbplus"
BASELINE_DISTANCE = 0.8


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="ECB+ folder (train.jsonl, dev.jsonl), or a JSONL input file with --gold")
    parser.add_argument("--split", choices=["train", "dev"], default="dev", help="ECB+ split")
    parser.add_argument("--gold", type=Path, help="TSV with columns id and event, for a JSONL --data")
    parser.add_argument("--batches", type=int, default=1,
                        help="also ingest the articles in this many chronological batches into a store, one after "
                             "the other, and score those stories against one batch's")
    parser.add_argument("--within-days", type=int, default=0,
                        help="also score with every gold event's dated articles moved into one span of this many "
                             "days (their gaps kept), so that dates cannot tell events apart: a week of coverage "
                             "with 7")


def _print_scores(level: str, name: str, scores) -> None:
    print(f"{level} {name}: clusters {scores.clusters} (gold {scores.gold_clusters})  ARI {scores.ari:.4f}  "
          f"BCubed P {scores.precision:.4f}  R {scores.recall:.4f}  F1 {scores.f1:.4f}")


def baseline_groups(articles: list[Article]) -> list[list[str]]:
    """TF-IDF average-link clustering cut at cosine distance ``BASELINE_DISTANCE``."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(articles) < 2:
        return [[a.id for a in articles]]
    texts = [f"{a.title or ''}\n{a.text}" for a in articles]
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english", max_df=0.5).fit_transform(texts)
    labels = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                     distance_threshold=BASELINE_DISTANCE).fit_predict(matrix.toarray())
    groups: dict[int, list[str]] = {}
    for article, label in zip(articles, labels):
        groups.setdefault(int(label), []).append(article.id)
    return list(groups.values())


def load_gold(path: Path) -> dict[str, str]:
    """Article id -> gold event from a TSV with ``id`` and ``event`` columns."""
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["id"]: row["event"] for row in csv.DictReader(handle, delimiter="\t")}


def _extracted(path: Path) -> tuple[list[Article], list[Relation]]:
    from newsfuse.cli import report_error
    from newsfuse.config import Config
    from newsfuse.copies import trace_copies
    from newsfuse.pipeline import extract_inputs

    config = Config()
    articles = list(extract_inputs([path], config, report_error))
    return articles, trace_copies(articles, config.copies)


def squeezed(articles: list[Article], gold: dict[str, str], days: int, seed: int = 7) -> list[Article]:
    """``articles`` with each gold event's dates shifted to start on a random day of one ``days``-day span
    (the gaps within an event kept, datelines' own dates dropped, undated articles as they are)."""
    import random
    from dataclasses import replace
    from datetime import date, timedelta

    first: dict[str, date] = {}
    for article in articles:
        if article.reference_date:
            day, event = date.fromisoformat(article.reference_date[:10]), gold[article.id]
            first[event] = min(first.get(event, day), day)
    chooser = random.Random(seed)
    start = date(2030, 1, 7)
    shift = {event: start + timedelta(days=chooser.randrange(days)) - day for event, day in sorted(first.items())}
    return [replace(a, published=(date.fromisoformat(a.reference_date[:10]) + shift[gold[a.id]]).isoformat(),
                    dateline=replace(a.dateline, date=None) if a.dateline else None)
            if a.reference_date else a for a in articles]


def _compare(level: str, articles: list[Article], relations: list[Relation], gold: dict[str, str],
             batches: int = 1, within_days: int = 0) -> None:
    from newsfuse.eval._clustering import score_clusters
    from newsfuse.stories import cluster_ids

    started = time.perf_counter()
    groups = cluster_ids(articles, relations)
    elapsed = time.perf_counter() - started
    print(f"newsfuse clustering: {elapsed:.2f} s, {len(articles) / elapsed:.0f} articles/s")
    _print_scores(level, "tf-idf baseline", score_clusters(baseline_groups(articles), gold))
    _print_scores(level, "newsfuse", score_clusters(groups, gold))
    if batches > 1:
        from newsfuse.store.regions import cluster_in_batches

        started = time.perf_counter()
        in_batches = cluster_in_batches(articles, relations, batches)
        print(f"newsfuse in {batches} batches through the store: {time.perf_counter() - started:.2f} s")
        one, split = score_clusters(groups, gold), score_clusters(in_batches, gold)
        _print_scores(level, f"newsfuse, {batches} batches", split)
        print(f"{level} BCubed F1 {batches} batches - one batch: {split.f1 - one.f1:+.4f}")
    if within_days > 0:
        moved = squeezed(articles, gold, within_days)
        _print_scores(level, f"tf-idf baseline, events within {within_days} days",
                      score_clusters(baseline_groups(moved), gold))
        _print_scores(level, f"newsfuse, events within {within_days} days",
                      score_clusters(cluster_ids(moved, relations), gold))


def main(args: argparse.Namespace) -> int:
    if args.gold:
        articles, relations = _extracted(args.data)
        gold = load_gold(args.gold)
        scored = [a for a in articles if a.id in gold]
        missing = len(gold) - len(scored)
        print(f"{args.data.name}: {len(scored)} articles with a gold event ({missing} of the gold not read), "
              f"{len(set(gold[a.id] for a in scored))} events, {len(relations)} copy relations")
        _compare("event", scored, relations, {a.id: gold[a.id] for a in scored}, args.batches,
                 args.within_days)
        return 0

    from newsfuse.eval._ecbplus import load_split

    documents = load_split(args.data, args.split)
    articles = [d.article for d in documents]
    dated = sum(1 for a in articles if a.published)
    print(f"ECB+ {args.split}: {len(documents)} documents ({dated} dated)")
    from newsfuse.eval._clustering import score_clusters
    from newsfuse.stories import cluster_ids
    groups = cluster_ids(articles, [])
    _print_scores("topic", "newsfuse", score_clusters(groups, {d.article.id: d.topic for d in documents}))
    _compare("subtopic", articles, [], {d.article.id: d.subtopic for d in documents}, args.batches,
             args.within_days)
    return 0
