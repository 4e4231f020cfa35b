"""Fit the name-channel weights: ``python -m newsfuse.stories.fit_channels [ECBPLUS_DIR]``.

Pairs: every two ECB+ train documents of one topic, labelled by whether they report
the same event (subtopic); same-topic pairs are the hard ones. Each pair is described by
the cosine of its word vectors and the cosine of each name channel alone (proper
names, numbers, days; ``features.CHANNELS``). A logistic regression on the
standardised cosines (``C`` 1) weighs them; its coefficients of the three channels,
on the cosine scale and normalised to sum 1, are the channel weights. The share of
names against words is calibrated separately (``name_weight``, ``calibrate.py``).
Writes ``channels.json`` (weights, pair count, the fit's pooled AUC). Deterministic.
Run it before ``newsfuse.stories.calibrate``, whose thresholds depend on the weights.
"""
from __future__ import annotations

import itertools
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

from newsfuse.eval._ecbplus import load_split
from newsfuse.stories.features import CHANNELS, CHANNELS_PATH, channel_vectors, document_terms, weigh
from newsfuse.stories.idf import shipped_idf
from newsfuse.stories.live import mean_similarity

DEFAULT_DATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "ecbplus"
REGULARISATION = 1.0


def topic_pairs(data_dir: Path) -> tuple[np.ndarray, np.ndarray]:
    """Cosines (words, then each channel) and same-event labels of all same-topic train pairs."""
    idf = shipped_idf()
    by_topic: dict[str, list[tuple[str, list[dict[str, float]]]]] = defaultdict(list)
    for document in load_split(data_dir, "train"):
        words, names = document_terms(document.article)
        channels = channel_vectors(names, idf)
        by_topic[document.topic].append((document.subtopic, [weigh(words, idf)] + [channels[p] for p in CHANNELS]))
    rows, labels = [], []
    for members in by_topic.values():
        for (left_event, left), (right_event, right) in itertools.combinations(members, 2):
            rows.append([mean_similarity(a, 1, b, 1) for a, b in zip(left, right)])  # cosines
            labels.append(left_event == right_event)
    return np.array(rows), np.array(labels)


def fit_weights(cosines: np.ndarray, same: np.ndarray) -> tuple[dict[str, float], float]:
    """The channel weights and the pooled AUC of the fitted pair score."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    model = make_pipeline(StandardScaler(), LogisticRegression(C=REGULARISATION, max_iter=5000)).fit(cosines, same)
    scaler, regression = model
    coefficients = regression.coef_[0] / scaler.scale_
    channel = np.clip(coefficients[1:], 0.0, None)
    weights = {prefix: round(float(w / channel.sum()), 4) for prefix, w in zip(CHANNELS, channel)}
    return weights, float(roc_auc_score(same, model.decision_function(cosines)))


def main(argv: list[str]) -> int:
    data_dir = Path(argv[0]) if argv else DEFAULT_DATA
    cosines, same = topic_pairs(data_dir.resolve())
    weights, auc = fit_weights(cosines, same)
    result = {"weights": weights, "pairs": int(len(same)), "same_event_share": round(float(same.mean()), 4),
              "pair_auc": round(auc, 4), "procedure": __doc__.split("\n\n")[1].replace("\n", " ").strip()}
    CHANNELS_PATH.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(weights), f"pairs {len(same)} AUC {auc:.4f} -> {CHANNELS_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
