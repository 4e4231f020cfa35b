"""The online clusterer: ageing out of the live set, forced joins, merging, arrival order."""
from __future__ import annotations

from dataclasses import replace

from newsfuse.config import StoriesConfig
from newsfuse.stories import arrival_order
from newsfuse.stories.calibration import resolve
from newsfuse.stories.features import ArticleFeatures
from newsfuse.stories.online import OnlineClusterer


def _features(article_id: str, terms: list[str], day: str | None) -> ArticleFeatures:
    weight = 1 / len(terms) ** 0.5
    return ArticleFeatures(id=article_id, words={t: weight for t in terms}, names={}, date=day)


def _config(**changes) -> StoriesConfig:
    return replace(resolve(StoriesConfig()), **changes)


def test_dated_story_ages_out_of_live_set() -> None:
    clusterer = OnlineClusterer(_config(window_days=10))
    first = clusterer.add(_features("a", ["flood", "river", "dam"], "2030-01-01"))
    assert first in clusterer.live
    clusterer.add(_features("b", ["election", "ballot", "vote"], "2030-02-01"))
    assert first not in clusterer.live
    late = clusterer.add(_features("c", ["flood", "river", "dam"], "2030-02-01"))
    assert late != first
    assert ["a"] in list(clusterer.clusters())


def test_undated_story_ages_out_after_idle_arrivals() -> None:
    clusterer = OnlineClusterer(_config(max_idle_articles=3))
    first = clusterer.add(_features("a", ["flood", "river"], None))
    for index in range(3):
        clusterer.add(_features(f"x{index}", [f"topic{index}", f"word{index}"], None))
    assert first not in clusterer.live
    assert len(clusterer.live) == 3


def test_closed_stories_are_dropped_when_not_kept() -> None:
    clusterer = OnlineClusterer(_config(window_days=1), keep_closed=False)
    for day in range(1, 30):
        clusterer.add(_features(f"a{day}", [f"event{day}", f"place{day}"], f"2030-01-{day:02d}"))
    assert len(clusterer.live) <= 3
    assert not clusterer.closed
    assert clusterer.index_size <= 3 * 2


def test_forced_partner_joins_its_story() -> None:
    clusterer = OnlineClusterer(_config())
    first = clusterer.add(_features("a", ["flood", "river", "dam"], None))
    forced = clusterer.add(_features("b", ["election", "ballot", "vote"], None), ["a"])
    assert forced == first


def test_stories_bridged_by_articles_merge() -> None:
    clusterer = OnlineClusterer(_config(threshold=0.3, merge_threshold=0.3))
    left = clusterer.add(_features("a", ["storm", "harbour", "ferry", "pier"], None))
    right = clusterer.add(_features("b", ["storm", "bridge", "train", "rail"], None))
    assert left != right
    bridging = ["storm", "harbour", "ferry", "pier", "bridge", "train", "rail"]
    clusterer.add(_features("m", bridging, None))
    assert len(clusterer.live) == 1
    assert clusterer.story_of_article("a") == clusterer.story_of_article("b")


def test_arrival_order_spreads_undated_items_among_dated_ones() -> None:
    items = [("u2", None), ("d2", "2030-01-02"), ("u10", None), ("d1", "2030-01-01"), ("d3", "2030-01-03")]
    order = [i for i, _ in arrival_order(items, lambda item: item[1], lambda item: item[0])]
    assert order == ["d1", "u2", "d2", "u10", "d3"]


def test_arrival_order_takes_any_id() -> None:
    """Ids from the wild: a digit run past Python's integer-string limit, and a part of
    superscript digits (``isdigit`` but no integer) keep their natural order, never an error."""
    long_run = "9" * 5_000
    items = [(f"page-{long_run}", None), ("page-10", None), ("page-9", None), ("x1\u00b2", None), ("x1\u00b3", None)]
    order = [i for i, _ in arrival_order(items, lambda item: item[1], lambda item: item[0])]
    assert order == ["page-9", "page-10", f"page-{long_run}", "x1\u00b2", "x1\u00b3"]
