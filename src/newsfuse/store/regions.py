"""Stories brought up to date after an ingest: the affected time region is derived again.

The articles waiting to be placed (``pending``) touch a region of the store: the stored
articles dated within the stories window (``StoriesConfig.window_days``) of their dates,
the articles they are copies of, every member of the stories those belong to (undated
members included). That region is clustered again with the one-batch function
(``stories.cluster_articles``, arrival order, stream IDF, end-of-batch revision), and
its stories replace the touched ones. Only stories whose membership changed, or that hold
an article whose content changed, are handed on to facts and reconciliation; the others
keep their stored rows. An undated pending article takes the span of its batch's dated
ones, or the last window of the store when none is dated (all of the store when nothing in
it is dated): the same rule every time, so the same documents give the same stories.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date as Date, timedelta

from newsfuse.config import StoriesConfig
from newsfuse.copies import provenance_for
from newsfuse.model import Article, Story
from newsfuse.store.base import PENDING_PLACE, PLACED, BaseStore

Derive = Callable[[list[Story], dict[str, Article]], None]  # sets facts, quotes, conflicts, brief


@dataclass
class Placement:
    placed: list[str] = field(default_factory=list)  # the pending articles now in stories
    region: int = 0  # articles clustered again
    touched: int = 0  # stored stories the region held
    changed: list[Story] = field(default_factory=list)  # stories written (new or changed membership)
    removed: int = 0  # stored stories gone (merged, split)


def _parse(day: str | None) -> Date | None:
    try:
        return Date.fromisoformat(day) if day else None
    except ValueError:
        return None


def _spans(dates: list[Date | None], latest: Date | None, days: float) -> list[tuple[Date, Date]] | None:
    """Date spans whose stored articles the pending ones touch; None for all of the store."""
    window = timedelta(days=days)
    dated = sorted(d for d in dates if d)
    spans = [(d - window, d + window) for d in dated]
    if len(dated) < len(dates):  # undated ones: their batch's dated span, else the store's last window
        if dated:
            spans.append((dated[0] - window, dated[-1] + window))
        elif latest:
            spans.append((latest - window, latest))
        else:
            return None
    merged: list[tuple[Date, Date]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def affected_region(store: BaseStore, pending: list[str], days: float) -> tuple[set[str], set[str]]:
    """The article ids to cluster again and the stored stories they hold."""
    dates = store.dates_of(pending)
    spans = _spans([_parse(dates.get(a)) for a in pending], _parse(store.latest_date()), days)
    if spans is None:
        seeds = set(store.all_ids())
    else:
        seeds = set(pending) | store.partners(pending)
        for first, last in spans:
            seeds.update(store.ids_dated_between(first.isoformat(), last.isoformat()))
    touched = set(store.stories_of(seeds).values())
    region = seeds | {a for members in store.members(touched).values() for a in members}
    return region, touched


def place_pending(store: BaseStore, config: StoriesConfig, derive: Derive | None = None,
                  progress: Callable[[str, int, int | None], None] | None = None) -> Placement:
    """Place every pending article in a story; runs inside the caller's transaction."""
    from newsfuse.stories import cluster_articles  # heavy (scikit-learn): loaded when stories are built

    result = Placement(placed=store.pending(PENDING_PLACE))
    if not result.placed:  # every stage still says it ran, with nothing to do
        if progress:
            progress("stories", 0, 0)
        if derive:
            derive([], {})
        return result
    region, touched = affected_region(store, result.placed, config.window_days)
    articles = store.load_articles(region)
    relations = store.relations_among(region)
    if progress:
        progress("stories", 0, len(articles))
    stories = cluster_articles(list(articles.values()), relations, config)
    if progress:
        progress("stories", len(articles), len(articles))
    dirty = set(result.placed)
    result.changed = [s for s in stories if s.id not in touched or dirty.intersection(s.articles)]
    for story in result.changed:
        story.provenance = provenance_for(story.articles, relations)
    if derive:
        derive(result.changed, articles)
    removed = touched - {s.id for s in stories}
    store.replace_stories(removed, result.changed, store.dates_of(a for s in result.changed for a in s.articles))
    store.set_pending(result.placed, PLACED)
    result.region, result.touched, result.removed = len(region), len(touched), len(removed)
    return result
