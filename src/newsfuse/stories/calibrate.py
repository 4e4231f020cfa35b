"""Calibrate the story scores on ECB+ train: ``python -m newsfuse.stories.calibrate [ECBPLUS_DIR]``.

Procedure: feed ECB+ train online in ``arrival_order`` (no cluster count given) and
keep, for each grid below in turn, the setting with the highest subtopic BCubed F1
(ties: the first in grid order). Stage 1 fits the thread scores (``THREAD_GRID``) with
event splitting off (every thread one story); stage 2 fixes them and fits the event
settings (``EVENT_GRID``); stage 3 fixes them and fits when a smaller event that is
clearly apart is a story of its own (``APART_GRID``, ordered so that ties go to the
more conservative setting; threshold 0 turns it off); stage 4 fixes all of these and
fits the end-of-batch revision (``REVISE_GRID``); stages 1 to 3 run without revision.
The time penalty is a fixed prior, not fitted: ECB+ subtopics are years apart where
both halves are dated, so train cannot tell its size.
Writes ``calibration.json`` (settings, grids and train scores). Dev is never read here.

The article vectors use the shipped name-channel weights (``channels.json``): refit
those first (``python -m newsfuse.stories.fit_channels``) when the features change.
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
from newsfuse.stories.features import ArticleFeatures, article_features
from newsfuse.stories.idf import shipped_idf

DEFAULT_DATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "ecbplus"
TIME_PENALTY_PRIOR = 0.7
NO_EVENTS = {"event_threshold": 1.0, "event_merge_threshold": 1.0, "event_min_size": 10**9}
NO_APART = {"event_apart_size": 10**9, "event_apart_threshold": 0.0}
NO_REVISION = {"revise_small_size": 0, "revise_join_threshold": 1.0, "revise_margin": 1.0}
THREAD_GRID = {
    "threshold": [0.1, 0.125, 0.15, 0.175, 0.2, 0.25, 0.3],
    "merge_threshold": [0.2, 0.3, 0.4],
    "name_weight": [0.4, 0.6],
    "cohesion_weight": [0.0, 0.25, 0.5],
}
EVENT_GRID = {
    "event_threshold": [0.06, 0.08, 0.1, 0.12],
    "event_merge_threshold": [0.06, 0.08, 0.1, 0.12],
    "event_min_size": [3, 4, 5, 6, 7, 8],
}
APART_GRID = {
    "event_apart_size": [5, 4, 3],
    "event_apart_threshold": [0.0, 0.1, 0.15, 0.2, 0.25, 0.3],
}
REVISE_GRID = {
    "revise_small_size": [0, 1, 2, 3, 4, 5, 6],
    "revise_join_threshold": [0.1, 0.15, 0.2, 0.25, 0.3],
    "revise_margin": [0.0, 0.01, 0.02, 0.03, 0.05, 0.1],
}


def _best(features: list[ArticleFeatures], gold: dict[str, str], base: StoriesConfig, grid: dict) -> tuple[dict, dict]:
    """The grid setting with the highest subtopic BCubed F1, and its scores."""
    best_settings, best_scores = {}, None
    for values in itertools.product(*grid.values()):
        settings = dict(zip(grid, values))
        scores = score_clusters(cluster_features(features, replace(base, **settings)), gold)
        if best_scores is None or scores.f1 > best_scores.f1:
            best_settings, best_scores = settings, scores
    return best_settings, {"precision": round(best_scores.precision, 4), "recall": round(best_scores.recall, 4),
                           "f1": round(best_scores.f1, 4), "ari": round(best_scores.ari, 4)}


def search(data_dir: Path) -> dict:
    documents = load_split(data_dir, "train")
    ordered = arrival_order([d.article for d in documents], lambda a: a.reference_date, lambda a: a.id)
    idf = shipped_idf()
    features = [article_features(a, idf, a.reference_date) for a in ordered]
    gold = {d.article.id: d.subtopic for d in documents}
    base = StoriesConfig(time_penalty=TIME_PENALTY_PRIOR)
    threads, thread_scores = _best(features, gold, replace(base, **NO_EVENTS, **NO_APART, **NO_REVISION),
                                   THREAD_GRID)
    events, event_scores = _best(features, gold, replace(base, **threads, **NO_APART, **NO_REVISION), EVENT_GRID)
    apart, apart_scores = _best(features, gold, replace(base, **threads, **events, **NO_REVISION), APART_GRID)
    revision, revised_scores = _best(features, gold, replace(base, **threads, **events, **apart), REVISE_GRID)
    return {"settings": {**threads, "time_penalty": TIME_PENALTY_PRIOR, **events, **apart, **revision},
            "train_subtopic": revised_scores, "train_subtopic_without_revision": apart_scores,
            "train_subtopic_without_apart_events": event_scores,
            "train_subtopic_threads_only": thread_scores,
            "procedure": __doc__.split("\n\n")[1].replace("\n", " "),
            "grid": {**THREAD_GRID, **EVENT_GRID, **APART_GRID, **REVISE_GRID}}


def main(argv: list[str]) -> int:
    data_dir = Path(argv[0]) if argv else DEFAULT_DATA
    result = search(data_dir.resolve())
    CALIBRATION_PATH.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result["settings"]), json.dumps(result["train_subtopic"]), f"-> {CALIBRATION_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
