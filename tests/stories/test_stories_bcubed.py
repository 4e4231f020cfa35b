"""BCubed against a hand-computed example, and ARI bounds."""
from __future__ import annotations

import pytest

from newsfuse.eval._clustering import bcubed, score_clusters


def test_bcubed_hand_computed() -> None:
    # gold: {a, b, c} {d, e}; predicted: {a, b} {c, d, e}
    gold = {"a": "G1", "b": "G1", "c": "G1", "d": "G2", "e": "G2"}
    predicted = {"a": "P1", "b": "P1", "c": "P2", "d": "P2", "e": "P2"}
    precision, recall, f1 = bcubed(predicted, gold)
    # precision per item: a 1, b 1, c 1/3, d 2/3, e 2/3 -> 11/3 / 5 = 11/15
    # recall per item: a 2/3, b 2/3, c 1/3, d 1, e 1 -> 11/3 / 5 = 11/15
    assert precision == pytest.approx(11 / 15)
    assert recall == pytest.approx(11 / 15)
    assert f1 == pytest.approx(11 / 15)


def test_perfect_and_singleton_clusterings() -> None:
    gold = {"a": "x", "b": "x", "c": "y"}
    perfect = score_clusters([["a", "b"], ["c"]], gold)
    assert (perfect.precision, perfect.recall, perfect.f1, perfect.ari) == (1.0, 1.0, 1.0, 1.0)
    singletons = score_clusters([["a"], ["b"], ["c"]], gold)
    assert singletons.precision == 1.0
    assert singletons.recall == pytest.approx((0.5 + 0.5 + 1) / 3)
