"""Copy detection and provenance on a generated benchmark, with ECB+ same-event reports as hard negatives.

The benchmark (``newsfuse.eval._copies_bench``, seeded) derives duplicates, copies,
excerpts and versions from real article bodies in ``DATA/textdumps`` and adds
every ECB+ document. All articles go through ``trace_copies`` in one batch, so
candidate generation is tested too. Pairs count as linked when they land in one
independent group. Printed last: pair precision, recall and F1 over same-origin
pairs, relation-type and direction accuracy, and the share of same-subtopic ECB+
pairs not linked.

ECB+ is not made only of independent reports: some documents of a subtopic are
the same wire text republished (identical, or one wholly inside the other) or
share whole passages word for word. The share not linked is therefore also
printed without such pairs, each class measured from the texts alone (words in
runs of ``VERBATIM_RUN_WORDS`` words that occur word for word in the other
document), independently of the detector.
"""
from __future__ import annotations

import argparse
import time
from collections import Counter
from itertools import combinations
from pathlib import Path

VERBATIM_RUN_WORDS = 10  # a run of this many words found word for word in the other text is copied text
SAME_TEXT_SHARE = 0.9  # this share of a document copied word for word: the same text (or inside the other)
HALF_COPIED_SHARE = 0.5  # this share of the shorter document copied word for word: shares wire passages


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=Path("../shared/data"), help="the shared data folder")
    parser.add_argument("--seed", type=int, default=None, help="benchmark seed (default: the generator's)")
    parser.add_argument("--no-ecbplus", action="store_true", help="leave the ECB+ documents out")
    parser.add_argument("--show", type=int, default=5, help="errors of each kind to print")


def _group_pairs(groups: list[list[str]]) -> set[frozenset[str]]:
    return {frozenset(pair) for group in groups if len(group) > 1 for pair in combinations(group, 2)}


def _words(body: list[str]) -> list[str]:
    from newsfuse.copies.shingles import words

    return words(" ".join(body))


def _verbatim_share(side: list[str], other_runs: set[tuple[str, ...]]) -> float:
    """Share of ``side``'s words inside a run of VERBATIM_RUN_WORDS words that ``other_runs`` holds."""
    covered = [False] * len(side)
    for start in range(len(side) - VERBATIM_RUN_WORDS + 1):
        if tuple(side[start:start + VERBATIM_RUN_WORDS]) in other_runs:
            covered[start:start + VERBATIM_RUN_WORDS] = [True] * VERBATIM_RUN_WORDS
    return sum(covered) / max(len(side), 1)


def _text_class(left: list[str], right: list[str]) -> str:
    """identical, same text (near-identical or one inside the other), half copied, or independent."""
    if left == right:
        return "identical"
    runs = [{tuple(w[i:i + VERBATIM_RUN_WORDS]) for i in range(len(w) - VERBATIM_RUN_WORDS + 1)} for w in (left, right)]
    if not runs[0] & runs[1]:
        return "independent"
    shorter, longer = sorted((left, right), key=len)
    shorter_runs = runs[0] if shorter is left else runs[1]
    longer_runs = runs[1] if shorter is left else runs[0]
    if _verbatim_share(shorter, longer_runs) >= SAME_TEXT_SHARE:
        return "same text"
    if _verbatim_share(shorter, longer_runs) >= HALF_COPIED_SHARE:
        return "half copied"
    return "independent"


TEXT_CLASSES = ("identical", "same text", "half copied", "independent")


def _ecb_report(benchmark, linked: set[frozenset[str]], by_id: dict, show: int) -> list[tuple[str, int, int]]:
    """Same-subtopic ECB+ pairs by text class: (label, pairs, linked), cumulatively without the copied classes."""
    by_subtopic: dict[str, list[str]] = {}
    for article_id, subtopic in benchmark.ecb_subtopic.items():
        by_subtopic.setdefault(subtopic, []).append(article_id)
    pairs = [tuple(p) for ids in by_subtopic.values() for p in combinations(sorted(ids), 2)]
    tokens = {a: _words(by_id[a].body) for ids in by_subtopic.values() for a in ids}
    classes = {p: _text_class(tokens[p[0]], tokens[p[1]]) for p in pairs}
    counts = Counter(classes.values())
    is_linked = {p: frozenset(p) in linked for p in pairs}
    linked_counts = Counter(classes[p] for p in pairs if is_linked[p])
    print(f"ECB+ same-subtopic pairs by text class, from the texts alone (same text: >= {SAME_TEXT_SHARE:.0%} of the "
          f"shorter document in {VERBATIM_RUN_WORDS}-word runs found word for word in the other; half copied: "
          f">= {HALF_COPIED_SHARE:.0%}), pairs (linked): "
          + ", ".join(f"{c} {counts[c]} ({linked_counts[c]})" for c in TEXT_CLASSES))
    for pair in [p for p in pairs if is_linked[p] and classes[p] == "independent"][:show]:
        print(f"  ECB+ linked without a copied half: {' ~ '.join(pair)}")
    rows = []
    for dropped in range(len(TEXT_CLASSES)):
        kept = TEXT_CLASSES[dropped:]
        label = "all" if dropped == 0 else "without " + ", ".join(TEXT_CLASSES[:dropped])
        rows.append((label, sum(counts[c] for c in kept), sum(linked_counts[c] for c in kept)))
    return rows


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
    ecb_rows = _ecb_report(benchmark, linked, by_id, args.show) if ecb else []
    print(f"relation-type accuracy {type_accuracy:.4f} ({typed} linked gold pairs)")
    print(f"direction accuracy {direction_accuracy:.4f} ({len(directed_gold)} gold pairs with a known direction)")
    for label, pairs, linked_pairs in reversed(ecb_rows):
        print(f"ECB+ same-subtopic pairs not linked ({label}) {1 - linked_pairs / max(pairs, 1):.4f} "
              f"({linked_pairs} of {pairs} linked)")
    print(f"pair precision {precision:.4f} recall {recall:.4f} F1 {f1:.4f}")
    return 0
