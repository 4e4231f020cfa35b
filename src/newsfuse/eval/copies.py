"""Copy detection and provenance on a generated benchmark, with ECB+ same-event reports as hard negatives.

The benchmark (``newsfuse.eval._copies_bench``, seeded) derives duplicates, copies,
excerpts and versions from real article bodies in ``DATA/textdumps`` and adds
every ECB+ document. All articles go through ``trace_copies`` in one batch, so
candidate generation is tested too. Pairs count as linked when they land in one
independent group. Printed last: pair precision, recall and F1 over same-origin
pairs, relation-type and direction accuracy, and the share of same-subtopic ECB+
pairs not linked.
"""
from __future__ import annotations

import argparse
import time
from collections import Counter
from itertools import combinations
from pathlib import Path

LONG_PASSAGE_WORDS = 20  # a verbatim run this long is shared text, not independent writing


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=Path("../shared/data"), help="the shared data folder")
    parser.add_argument("--seed", type=int, default=None, help="benchmark seed (default: the generator's)")
    parser.add_argument("--no-ecbplus", action="store_true", help="leave the ECB+ documents out")
    parser.add_argument("--show", type=int, default=5, help="errors of each kind to print")


def _group_pairs(groups: list[list[str]]) -> set[frozenset[str]]:
    return {frozenset(pair) for group in groups if len(group) > 1 for pair in combinations(group, 2)}


def _longest_shared_run(left: list[str], right: list[str]) -> int:
    """Words in the longest verbatim run the two bodies share (lower-cased words)."""
    from difflib import SequenceMatcher

    a = " ".join(left).lower().split()
    b = " ".join(right).lower().split()
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


def _ecb_report(benchmark, linked: set[frozenset[str]], by_id: dict, show: int) -> tuple[int, int, int, int]:
    """Same-subtopic ECB+ pairs: (pairs, linked, pairs without a long shared run, linked among those)."""
    by_subtopic: dict[str, list[str]] = {}
    for article_id, subtopic in benchmark.ecb_subtopic.items():
        by_subtopic.setdefault(subtopic, []).append(article_id)
    pairs = [frozenset(p) for ids in by_subtopic.values() for p in combinations(sorted(ids), 2)]
    linked_pairs = [p for p in pairs if p in linked]
    runs = {p: _longest_shared_run(*(by_id[a].body for a in sorted(p))) for p in linked_pairs}
    for pair in sorted(linked_pairs, key=lambda p: runs[p])[:show]:
        print(f"  ECB+ linked: {' ~ '.join(sorted(pair))} longest verbatim run {runs[pair]} words")
    short_linked = sum(1 for p in linked_pairs if runs[p] < LONG_PASSAGE_WORDS)
    long_pairs = sum(1 for p in linked_pairs if runs[p] >= LONG_PASSAGE_WORDS)
    print(f"ECB+ linked pairs sharing a verbatim run of >= {LONG_PASSAGE_WORDS} words: {long_pairs} of {len(linked_pairs)}")
    return len(pairs), len(linked_pairs), len(pairs) - long_pairs, short_linked


def main(args: argparse.Namespace) -> int:
    from newsfuse.config import CopiesConfig
    from newsfuse.copies import independent_groups, trace_copies
    from newsfuse.eval._copies_bench import SEED, build_benchmark

    benchmark = build_benchmark(args.data, args.seed if args.seed is not None else SEED, not args.no_ecbplus)
    by_id = {a.id: a for a in benchmark.articles}
    started = time.perf_counter()
    relations = trace_copies(benchmark.articles, CopiesConfig())
    elapsed = time.perf_counter() - started
    groups = independent_groups([a.id for a in benchmark.articles], relations)
    linked = _group_pairs(groups)
    direct = {frozenset((r.source, r.target)): r for r in relations}
    gold = {frozenset((p.left, p.right)): p for p in benchmark.pairs}
    ecb = set(benchmark.ecb_subtopic)
    scored = {p for p in linked if not p <= ecb}
    true_positive = scored & set(gold)
    precision = len(true_positive) / max(len(scored), 1)
    recall = len(true_positive) / max(len(gold), 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)

    confusion = Counter((g.relation, direct[k].relation) for k, g in gold.items() if k in direct)
    typed = sum(confusion.values())
    type_accuracy = sum(n for (want, got), n in confusion.items() if want == got) / max(typed, 1)
    directed_gold = [g for k, g in gold.items() if g.derived and k in direct]
    direction_right = sum(1 for g in directed_gold if direct[frozenset((g.left, g.right))].directed
                          and direct[frozenset((g.left, g.right))].source == g.derived)
    direction_accuracy = direction_right / max(len(directed_gold), 1)

    print(f"articles {len(benchmark.articles)} (ECB+ {len(ecb)}), gold same-origin pairs {len(gold)} "
          f"{dict(Counter(g.relation for g in gold.values()))}")
    print(f"trace_copies: {elapsed:.1f} s, {len(relations)} relations")
    print("relation types (gold -> predicted): " + ", ".join(f"{w}->{g} {n}" for (w, g), n in sorted(confusion.items())))
    for key in sorted(set(gold) - linked, key=sorted)[:args.show]:
        print(f"  missed {gold[key].relation}: {' ~ '.join(sorted(key))}")
    for key in sorted(scored - set(gold), key=sorted)[:args.show]:
        print(f"  false link: {' ~ '.join(sorted(key))}")
    ecb_pairs = ecb_linked = clean_pairs = clean_linked = 0
    if ecb:
        ecb_pairs, ecb_linked, clean_pairs, clean_linked = _ecb_report(benchmark, linked, by_id, args.show)
    print(f"relation-type accuracy {type_accuracy:.4f} ({typed} linked gold pairs)")
    print(f"direction accuracy {direction_accuracy:.4f} ({len(directed_gold)} gold pairs with a known direction)")
    if ecb:
        print(f"ECB+ same-subtopic pairs not linked {1 - ecb_linked / max(ecb_pairs, 1):.4f} ({ecb_linked} of {ecb_pairs} linked)")
        print(f"ECB+ same-subtopic pairs without a shared verbatim run of >= {LONG_PASSAGE_WORDS} words, not linked "
              f"{1 - clean_linked / max(clean_pairs, 1):.4f} ({clean_linked} of {clean_pairs} linked)")
    print(f"pair precision {precision:.4f} recall {recall:.4f} F1 {f1:.4f}")
    return 0
