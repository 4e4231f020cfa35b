"""Name channels (proper names, numbers, days) weigh in the article cosine by their fitted weights."""
from __future__ import annotations

import json
from collections import Counter

import numpy as np

from newsfuse.stories import fit_channels
from newsfuse.stories.features import (
    CHANNELS, CHANNELS_PATH, DAY_PREFIX, NAME_PREFIX, NUMBER_PREFIX, channel_vectors, combine_channels,
)
from newsfuse.stories.idf import IdfTable

FLAT_IDF = IdfTable(1, {})


def _names(*terms: str) -> dict[str, float]:
    return combine_channels(channel_vectors(Counter(terms), FLAT_IDF), WEIGHTS)


def _cosine(left: dict[str, float], right: dict[str, float]) -> float:
    return sum(value * right.get(term, 0.0) for term, value in left.items())


WEIGHTS = {NAME_PREFIX: 0.2, NUMBER_PREFIX: 0.0, DAY_PREFIX: 0.8}


def test_a_channel_counts_by_its_weight():
    base = ("n:lima", "#:7", "d:3-14")
    shares_day = _names("n:quito", "#:9", "d:3-14")
    shares_name = _names("n:lima", "#:9", "d:5-2")
    shares_number = _names("n:quito", "#:7", "d:5-2")
    assert _cosine(_names(*base), shares_day) > _cosine(_names(*base), shares_name) > 0
    assert _cosine(_names(*base), shares_number) == 0.0  # numbers weigh nothing here


def test_each_channel_is_normalised_alone():
    """Many proper names do not drown a single shared day."""
    many_names = _names(*(f"n:name{i}" for i in range(20)), "d:3-14")
    assert _cosine(many_names, _names("d:3-14")) > 0.8


def test_the_fit_weighs_the_channel_that_tells_events_apart():
    generator = np.random.default_rng(0)
    cosines = generator.uniform(size=(400, 1 + len(CHANNELS)))
    same = cosines[:, 2] + 0.1 * generator.normal(size=400) > 0.5  # only the number channel decides
    weights, auc = fit_channels.fit_weights(cosines, same)
    assert weights[NUMBER_PREFIX] > 0.8 and auc > 0.9
    assert abs(sum(weights.values()) - 1) < 1e-3


def test_the_shipped_weights_are_what_the_fit_writes(shared_dir):
    cosines, same = fit_channels.topic_pairs(shared_dir / "data" / "ecbplus")
    weights, _ = fit_channels.fit_weights(cosines, same)
    assert weights == json.loads(CHANNELS_PATH.read_text(encoding="utf-8"))["weights"]
