"""A smaller event of a thread is its own story only where it is clearly apart from the large one."""
from __future__ import annotations

from dataclasses import replace

from newsfuse.config import StoriesConfig
from newsfuse.stories import EventClusterer
from newsfuse.stories.calibration import resolve
from newsfuse.stories.features import ArticleFeatures

LARGE_TERMS = ["quake", "l1", "l2", "l3", "l4", "l5"]
APART_TERMS = ["quake", "s1", "s2", "s3", "s4", "s5"]  # shares one term of six with the large event
CLOSE_TERMS = ["quake", "l1", "l2", "l3", "s1", "s2"]  # shares four


def _clusterer(**settings) -> EventClusterer:
    settings = {"event_min_size": 6, "event_apart_size": 3, "event_apart_threshold": 0.2, **settings}
    config = replace(resolve(StoriesConfig()), **settings)
    return EventClusterer(config)


def _thread(clusterer: EventClusterer, small_terms: list[str], small_size: int) -> list[str]:
    """Members of a thread with a large event (number 0) and a smaller one (number 1)."""
    members = []
    for event, terms, size in ((0, LARGE_TERMS, 8), (1, small_terms, small_size)):
        for index in range(size):
            article_id = f"{event}-{index}"
            weight = 1 / len(terms) ** 0.5
            clusterer.features[article_id] = ArticleFeatures(article_id, {t: weight for t in terms}, {})
            clusterer.event_of[article_id] = event
            members.append(article_id)
    return members


def _stories(clusterer: EventClusterer, members: list[str]) -> set[frozenset[str]]:
    return {frozenset(group) for group in clusterer.split(members)}


def test_a_smaller_event_apart_from_the_large_one_is_its_own_story() -> None:
    clusterer = _clusterer()
    members = _thread(clusterer, APART_TERMS, 4)
    assert _stories(clusterer, members) == {frozenset(members[:8]), frozenset(members[8:])}


def test_a_smaller_event_close_to_the_large_one_stays_with_it() -> None:
    clusterer = _clusterer()
    members = _thread(clusterer, CLOSE_TERMS, 4)
    assert _stories(clusterer, members) == {frozenset(members)}


def test_an_apart_event_below_the_size_stays_with_the_large_one() -> None:
    clusterer = _clusterer()
    members = _thread(clusterer, APART_TERMS, 2)
    assert _stories(clusterer, members) == {frozenset(members)}


def test_a_zero_threshold_turns_the_rule_off() -> None:
    clusterer = _clusterer(event_apart_threshold=0.0)
    members = _thread(clusterer, APART_TERMS, 4)
    assert _stories(clusterer, members) == {frozenset(members)}
