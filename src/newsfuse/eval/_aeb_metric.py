"""The Article Extraction Benchmark's own metric, re-implemented faithfully.

Same as ``string_shingle_matching`` and ``metrics_from_tp_fp_fns`` in the
benchmark's ``evaluate.py``: case-sensitive ``\\w+`` tokens, 4-word shingles,
per-page TP/FP/FN normalised to sum 1, precision and recall averaged over the
pages where they are defined, F1 from the two averages.
"""
from __future__ import annotations

import re
import statistics
from collections import Counter

TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)
SHINGLE_WORDS = 4


def _shingles(text: str, n: int = SHINGLE_WORDS) -> Counter:
    tokens = TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def shingle_match(true: str, pred: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one page."""
    gold, guess = _shingles(true), _shingles(pred)
    tp = float(sum((gold & guess).values()))
    fp = float(sum((guess - gold).values()))
    fn = float(sum((gold - guess).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total > 0 else (tp, fp, fn)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def aeb_metrics(tp_fp_fns: list[tuple[float, float, float]]) -> dict[str, float]:
    """F1, precision and recall over pages, as the benchmark computes them."""
    precision = statistics.mean(_precision(*t) for t in tp_fp_fns if t[0] + t[1] > 0)
    recall = statistics.mean(_recall(*t) for t in tp_fp_fns if t[0] + t[2] > 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}
