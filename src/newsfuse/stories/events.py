"""Events within a thread: telling apart two events of one topic, online.

The ``OnlineClusterer`` groups articles into threads (one topic, possibly several
events: two earthquakes in one region, two hosts named for one ceremony). Terms
that nearly every member of a thread uses (the topic's own vocabulary) cannot tell
its events apart, so within a thread articles are compared on a thread-local
weighting: each term's weight is multiplied by ``1 - (df - 1) / (n - 1)``, ``df``
being how many of the thread's ``n`` recent members use it (a term every member uses
weighs nothing; one only some use keeps most of its weight). Names, numbers and
words that only part of the thread shares then decide.

On arrival an article joins the event of its thread it links best to (average
thread-local similarity at least ``event_threshold``), else starts an event; then
events of the thread whose average link reaches ``event_merge_threshold`` merge.
A thread is reported as several stories where it holds at least two events of
``event_min_size`` articles or more, or one such large event and a smaller one of at
least ``event_apart_size`` articles that is clearly apart from every large event: its
average link on the ordinary (global) weighting stays below ``event_apart_threshold``.
Any other event is reported with the story it matches best on the global weighting,
and a thread without a large event is one story. Small fragments that share the
thread's vocabulary thus never split a story.
"""
from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence

from newsfuse.config import StoriesConfig
from newsfuse.stories.features import ArticleFeatures
from newsfuse.stories.live import blend, day_number, mean_similarity, square, time_factor
from newsfuse.stories.online import OnlineClusterer

Vectors = tuple[dict[str, float], dict[str, float]]  # words, names
MIN_LOCAL_OTHERS = 2  # thread-local weights need at least this many other members


class EventClusterer(OnlineClusterer):
    """Threads from ``OnlineClusterer``, split into events by thread-local weights."""

    def __init__(self, config: StoriesConfig, keep_closed: bool = True):
        super().__init__(config, keep_closed)
        self.features: dict[str, ArticleFeatures] = {}  # live articles only
        self.event_of: dict[str, int] = {}  # live articles only
        self._next_event = 0

    def add(self, features: ArticleFeatures, forced_with: Sequence[str] = ()) -> int:
        self.features[features.id] = features
        number = super().add(features, forced_with)
        story = self.live.get(number)
        if story is not None:
            self._place(features.id, story.members[-self.config.event_window:], forced_with)
        return number

    def _place(self, article: str, recent: list[str], forced_with: Sequence[str]) -> None:
        """Put ``article`` into an event of its thread, then merge events that now match."""
        window = recent if article in recent else recent + [article]
        local = _LocalSimilarity(_local_vectors([self.features[m] for m in window]), self._days(window), self.config)
        events: dict[int, list[str]] = defaultdict(list)
        for member in window:
            if member != article:
                events[self.event_of[member]].append(member)
        forced = [self.event_of[p] for p in forced_with if p in self.event_of and self.event_of[p] in events]
        best, best_score = (forced[0], math.inf) if forced else (None, self.config.event_threshold)
        for number, members in events.items():
            score = local.link([article], members)
            if score >= best_score:
                best, best_score = number, score
        if best is None:
            best = self._next_event
            self._next_event += 1
        self.event_of[article] = best
        events[best].append(article)
        self._merge_events(events, local)

    def _merge_events(self, events: dict[int, list[str]], local: _LocalSimilarity) -> None:
        while len(events) > 1:
            pairs = [(local.link(events[a], events[b]), a, b)
                     for a, b in itertools.combinations(sorted(events), 2)]
            score, keep, drop = max(pairs)
            if score < self.config.event_merge_threshold:
                return
            for member in events.pop(drop):
                self.event_of[member] = keep
                events[keep].append(member)

    def _close(self, story) -> None:
        members = list(story.members)
        groups = self.split(members)
        super()._close(story)
        if self.keep_closed:
            self.closed[-1:] = groups
        for member in members:
            self.features.pop(member, None)
            self.event_of.pop(member, None)

    def split(self, members: list[str]) -> list[list[str]]:
        """A thread's stories: its large and clearly apart events, with the rest where they match best."""
        events: dict[int, list[str]] = defaultdict(list)
        for member in members:
            events[self.event_of.get(member, -1)].append(member)
        large = [group for group in events.values() if len(group) >= self.config.event_min_size]
        stories = large + [group for group in events.values() if self._apart(group, large)]
        if len(stories) < 2:
            return [members]
        for group in events.values():
            if not any(group is story for story in stories):
                best = max(stories, key=lambda story: self._global_link(group, story))
                best.extend(group)
        return stories

    def _apart(self, group: list[str], large: list[list[str]]) -> bool:
        """A smaller event that links to no large event of its thread: a story of its own."""
        return (bool(large) and self.config.event_apart_size <= len(group) < self.config.event_min_size
                and max(self._global_link(group, big) for big in large) < self.config.event_apart_threshold)

    def _global_link(self, left: list[str], right: list[str]) -> float:
        return sum(_similarity(_vectors(self.features[a]), _vectors(self.features[b]), self.config)
                   * _pair_time_factor(self.features[a].date, self.features[b].date, self.config)
                   for a in left for b in right) / (len(left) * len(right))

    def _days(self, members: list[str]) -> dict[str, str | None]:
        return {m: self.features[m].date for m in members}

    def clusters(self) -> Iterator[list[str]]:
        """Every story's members: closed ones, then live threads split into events."""
        yield from self.closed
        for story in self.live.values():
            yield from self.split(list(story.members))


def _vectors(features: ArticleFeatures) -> Vectors:
    return features.words, features.names


def _local_vectors(window: list[ArticleFeatures]) -> dict[str, Vectors]:
    """Each article's words and names reweighted by the thread-local document frequency."""
    others = len(window) - 1
    if others < MIN_LOCAL_OTHERS:
        return {f.id: _vectors(f) for f in window}
    frequency: Counter = Counter()
    for features in window:
        frequency.update(features.words.keys())
        frequency.update(features.names.keys())

    def reweigh(vector: dict[str, float]) -> dict[str, float]:
        weighted = {t: w * (1.0 - (frequency[t] - 1) / others) for t, w in vector.items()}
        norm = math.sqrt(square(weighted))
        return {t: w / norm for t, w in weighted.items() if w} if norm else {}

    return {f.id: (reweigh(f.words), reweigh(f.names)) for f in window}


def _similarity(left: Vectors, right: Vectors, config: StoriesConfig) -> float:
    words = mean_similarity(left[0], 1, right[0], 1)
    names = mean_similarity(left[1], 1, right[1], 1)
    return blend(words, names, config, bool(left[1]) and bool(right[1]))


def _pair_time_factor(left: str | None, right: str | None, config: StoriesConfig) -> float:
    """The time factor of two articles' own dates (``undated_factor`` where one is undated, 1
    where both are)."""
    left_day, right_day = day_number(left), day_number(right)
    if left_day is None and right_day is None:
        return 1.0
    if left_day is None or right_day is None:
        return config.undated_factor
    return time_factor(abs(left_day - right_day), config)


class _LocalSimilarity:
    """Thread-local similarities of one arrival's window, each pair computed once."""

    def __init__(self, vectors: dict[str, Vectors], dates: dict[str, str | None], config: StoriesConfig):
        self.vectors = vectors
        self.dates = dates
        self.config = config
        self.pairs: dict[tuple[str, str], float] = {}

    def pair(self, left: str, right: str) -> float:
        key = (left, right) if left < right else (right, left)
        if key not in self.pairs:
            self.pairs[key] = (_similarity(self.vectors[left], self.vectors[right], self.config)
                               * _pair_time_factor(self.dates[left], self.dates[right], self.config))
        return self.pairs[key]

    def link(self, left: list[str], right: list[str]) -> float:
        """Average thread-local similarity over all pairs across two groups."""
        return sum(self.pair(a, b) for a in left for b in right) / (len(left) * len(right))
