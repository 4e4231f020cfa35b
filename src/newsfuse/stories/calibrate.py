"""Calibrate the story scores on ECB+ train: ``python -m newsfuse.stories.calibrate [ECBPLUS_DIR]``.

Procedure: feed ECB+ train online in ``arrival_order`` (no cluster count given) for
every setting in the grid below and keep the one with the highest subtopic BCubed F1
(ties: the first in grid order). The time penalty is a fixed prior, not fitted: ECB+
subtopics are years apart where both halves are dated, so train cannot tell its size.
Writes ``calibration.json`` (settings, grid and train scores). Dev is never read here.
"""
from __future__ import annotations

import itertools
import json
import sys
from dataclasses import replace
from pathlib import Path

from newsfuse.config import StoriesConfig
from newsfuse.eval._clustering import score_clusters
from newsfuse.eval._ecbplus import load_split
from newsfuse.stories import arrival_order, cluster_features
from newsfuse.stories.calibration import CALIBRATION_PATH
from newsfuse.stories.features import article_features
from newsfuse.stories.idf import shipped_idf

DEFAULT_DATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "ecbplus"
TIME_PENALTY_PRIOR = 0.4
GRID = {
    "threshold": [0.1, 0.125, 0.15, 0.175, 0.2, 0.25, 0.3],
    "merge_threshold": [0.2, 0.3, 0.4],
    "name_weight": [0.4, 0.6],
    "cohesion_weight": [0.0, 0.25, 0.5],
}


def search(data_dir: Path) -> dict:
    documents = load_split(data_dir, "train")
    ordered = arrival_order([d.article for d in documents], lambda a: a.reference_date, lambda a: a.id)
    idf = shipped_idf()
    features = [article_features(a, idf, a.reference_date) for a in ordered]
    gold = {d.article.id: d.subtopic for d in documents}
    base = StoriesConfig(time_penalty=TIME_PENALTY_PRIOR)
    best: dict | None = None
    for values in itertools.product(*GRID.values()):
        settings = dict(zip(GRID, values))
        scores = score_clusters(cluster_features(features, replace(base, **settings)), gold)
        if best is None or scores.f1 > best["train_subtopic"]["f1"]:
            best = {"settings": {**settings, "time_penalty": TIME_PENALTY_PRIOR},
                    "train_subtopic": {"precision": round(scores.precision, 4), "recall": round(scores.recall, 4),
                                       "f1": round(scores.f1, 4), "ari": round(scores.ari, 4)}}
    best["procedure"] = __doc__.split("\n\n")[1].replace("\n", " ")
    best["grid"] = GRID
    return best


def main(argv: list[str]) -> int:
    data_dir = Path(argv[0]) if argv else DEFAULT_DATA
    result = search(data_dir.resolve())
    CALIBRATION_PATH.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result["settings"]), json.dumps(result["train_subtopic"]), f"-> {CALIBRATION_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
