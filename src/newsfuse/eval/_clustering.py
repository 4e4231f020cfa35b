"""Clustering scores: BCubed precision, recall and F1, and the adjusted Rand index."""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class ClusterScores:
    precision: float
    recall: float
    f1: float
    ari: float
    clusters: int
    gold_clusters: int


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 of item -> cluster labels (every item in both)."""
    items = list(gold)
    pair_counts = Counter((predicted[i], gold[i]) for i in items)
    predicted_sizes = Counter(predicted[i] for i in items)
    gold_sizes = Counter(gold[i] for i in items)
    precision = sum(pair_counts[(predicted[i], gold[i])] / predicted_sizes[predicted[i]] for i in items) / len(items)
    recall = sum(pair_counts[(predicted[i], gold[i])] / gold_sizes[gold[i]] for i in items) / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_clusters(groups: list[list[str]], gold: Mapping[str, str]) -> ClusterScores:
    """BCubed and ARI of predicted ``groups`` against ``gold`` item -> label."""
    from sklearn.metrics import adjusted_rand_score

    predicted = {item: str(index) for index, group in enumerate(groups) for item in group}
    items = sorted(gold)
    precision, recall, f1 = bcubed(predicted, gold)
    ari = adjusted_rand_score([gold[i] for i in items], [predicted[i] for i in items])
    return ClusterScores(precision, recall, f1, float(ari), len(groups), len(set(gold.values())))
