"""The shipped two-pass line classifier for text dumps, evaluated without scikit-learn.

Both passes are gradient-boosted tree ensembles trained by ``newsfuse.extract.train``
and stored as flat numpy arrays (``models/textdump_lines.joblib``); prediction is one
compiled walk of all rows through all trees (``kernels.py``). The first pass scores
each line from its own and its neighbours' features; the second adds the first
pass's probabilities around the line and each line's cohesion with the main block
they mark (``cohesion.py``).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

import numpy as np

from newsfuse.extract.cohesion import cohesion
from newsfuse.extract.linefeatures import context_features, line_features

MODEL_FILE = "textdump_lines.joblib"


@dataclass(frozen=True)
class TreeEnsemble:
    """Binary boosted trees as flat node arrays; leaves point to themselves."""

    feature: np.ndarray  # int, per node
    threshold: np.ndarray  # float, go left when value <= threshold (inf at leaves)
    children: np.ndarray  # int, [2 * node] left and [2 * node + 1] right child (global index)
    value: np.ndarray  # float, leaf value (0 inside the tree)
    roots: np.ndarray  # int, first node of each tree
    depth: int
    baseline: float

    @cached_property
    def _sibling_layout(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The nodes renumbered tree by tree, level by level, so that a right child directly follows
        its left one: feature, threshold, left child (a leaf's is itself), value, roots."""
        left, right = self.children[0::2], self.children[1::2]
        order: list[int] = []
        for root in self.roots.tolist():
            level = [root]
            order.append(root)
            while level:
                inner = [node for node in level if left[node] != node]
                level = [int(child) for node in inner for child in (left[node], right[node])]
                order.extend(level)
        old = np.array(order, dtype=np.intp)
        new_of = np.empty(len(old), dtype=np.intp)
        new_of[old] = np.arange(len(old))
        return (self.feature[old].astype(np.intp), self.threshold[old], new_of[left[old]], self.value[old],
                new_of[self.roots])

    def raw_score(self, features: np.ndarray) -> np.ndarray:
        """Sum of the trees' leaf values plus the baseline: the log-odds per row.

        The compiled walk (``kernels.tree_leaf_values``) reads the features column after
        column (as ``linefeatures`` stores them: no copy) and gives each row's leaf value
        per tree; numpy adds them up row by row as it always did."""
        from newsfuse.extract.kernels import tree_leaf_values

        feature, threshold, left, value, roots = self._sibling_layout
        n_rows = features.shape[0]
        by_column = np.ascontiguousarray(features.T, dtype=np.float64).ravel()
        leaf_values = np.empty((n_rows, len(roots)))  # C order: the leaf sum adds along rows
        tree_leaf_values(by_column, n_rows, feature, threshold, left, value, roots, self.depth, leaf_values)
        return leaf_values.sum(axis=1) + self.baseline

    def probability(self, features: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.raw_score(features)))

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}

    @classmethod
    def from_sklearn(cls, model: Any) -> TreeEnsemble:
        """Flatten a fitted binary ``HistGradientBoostingClassifier`` (numeric features, no NaN)."""
        parts, roots, offset, depth = [], [], 0, 0
        for (predictor,) in model._predictors:
            nodes = predictor.nodes
            index = np.arange(len(nodes)) + offset
            leaf = nodes["is_leaf"].astype(bool)
            parts.append((
                np.where(leaf, 0, nodes["feature_idx"]).astype(np.int64),
                np.where(leaf, np.inf, nodes["num_threshold"]).astype(np.float64),
                np.where(leaf, index, nodes["left"] + offset).astype(np.int64),
                np.where(leaf, index, nodes["right"] + offset).astype(np.int64),
                np.where(leaf, nodes["value"], 0.0).astype(np.float64),
            ))
            roots.append(offset)
            depth = max(depth, int(nodes["depth"].max()))
            offset += len(nodes)
        feature, threshold, left, right, value = (np.concatenate(column) for column in zip(*parts))
        children = np.column_stack([left, right]).ravel()
        return cls(feature, threshold, children, value, np.array(roots, dtype=np.int64), depth,
                   float(np.ravel(model._baseline_prediction)[0]))


@dataclass(frozen=True)
class LineClassifier:
    """First and second pass, and the probability above which a line is body."""

    first: TreeEnsemble
    second: TreeEnsemble
    threshold: float

    def probabilities(self, lines: list[str]) -> np.ndarray:
        """Body probability of each cleaned, non-empty line."""
        if not lines:
            return np.zeros(0)
        features = line_features(lines)
        first = self.first.probability(features)
        return self.second.probability(context_features(features, first, cohesion(lines, first)))

    def to_dict(self) -> dict[str, Any]:
        return {"first": self.first.to_dict(), "second": self.second.to_dict(), "threshold": self.threshold}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LineClassifier:
        return cls(TreeEnsemble(**data["first"]), TreeEnsemble(**data["second"]), float(data["threshold"]))


@lru_cache(maxsize=1)
def load_classifier() -> LineClassifier:
    """The classifier shipped in ``newsfuse/extract/models`` (loaded once)."""
    import joblib

    with resources.files("newsfuse.extract").joinpath("models", MODEL_FILE).open("rb") as handle:
        return LineClassifier.from_dict(joblib.load(handle))
