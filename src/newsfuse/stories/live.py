"""A live story: summed member vectors, date range and last activity; and how two compare.

Scores are average links (the mean cosine over member pairs) of words and of names,
mixed by ``StoriesConfig.name_weight``; less ``cohesion_weight`` times how much
tighter the story is than a lone article (``singleton_cohesion``), so a tight story
asks more of a newcomer; then scaled by the mean time factor over member pairs: 1
between reliable dates up to ``grace_days`` apart, falling linearly to
``1 - time_penalty`` over ``penalty_ramp_days``, 0 past ``window_days``. Taken pair by
pair, the factor cannot be dodged by a story whose dates chain from week to week.
"""
from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field
from datetime import date as Date
from itertools import repeat
from operator import mul

from newsfuse.config import StoriesConfig
from newsfuse.stories.features import ArticleFeatures

CENTROID_TERMS = 400  # a story keeps its strongest terms only, so memory stays bounded


def day_number(value: str | None) -> int | None:
    """Days since 0001-01-01 of an ISO date, or None where it is missing or malformed."""
    if not value or len(value) < 10:
        return None
    try:
        return Date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


@dataclass
class LiveStory:
    """A story still open to new articles."""

    number: int
    members: list[str] = field(default_factory=list)
    words: dict[str, float] = field(default_factory=dict)
    names: dict[str, float] = field(default_factory=dict)
    size: int = 0  # members
    named: int = 0  # members with at least one name term
    words_square: float = 0.0  # squared norm of ``words``
    names_square: float = 0.0
    first_day: int | None = None
    last_day: int | None = None
    days: Counter = field(default_factory=Counter)  # members per reliable day
    indexed: tuple[str, ...] = ()

    def add(self, features: ArticleFeatures, day: int | None) -> None:
        self.members.append(features.id)
        _accumulate(self.words, features.words)
        _accumulate(self.names, features.names)
        self.size += 1
        self.named += bool(features.names)
        if day is not None:
            self.days[day] += 1
            self.first_day = day if self.first_day is None else min(self.first_day, day)
            self.last_day = day if self.last_day is None else max(self.last_day, day)
        self._prune()

    def absorb(self, other: LiveStory) -> None:
        """Take in every member and vector of ``other``."""
        self.members.extend(other.members)
        _accumulate(self.words, other.words)
        _accumulate(self.names, other.names)
        self.size += other.size
        self.named += other.named
        self.days.update(other.days)
        for day in (other.first_day, other.last_day):
            if day is not None:
                self.first_day = day if self.first_day is None else min(self.first_day, day)
                self.last_day = day if self.last_day is None else max(self.last_day, day)
        self._prune()

    def _prune(self) -> None:
        for vector in (self.words, self.names):
            if len(vector) > 2 * CENTROID_TERMS:
                kept = heapq.nlargest(CENTROID_TERMS, vector.items(), key=lambda item: item[1])
                vector.clear()
                vector.update(kept)
        self.words_square = square(self.words)
        self.names_square = square(self.names)

    def cohesion(self, config: StoriesConfig) -> float:
        """Mean similarity between the story's own members (a prior for a single article)."""
        if self.size < 2:
            return config.singleton_cohesion
        words = _mean_pair_similarity(self.words_square, self.size)
        if self.named < 2:
            return words
        return blend(words, _mean_pair_similarity(self.names_square, self.named), config, True)

    def top_terms(self, config: StoriesConfig) -> list[str]:
        """The story's strongest word and name terms, for the candidate index."""
        return index_terms(self.words, self.names, config)


def _mean_pair_similarity(square: float, count: int) -> float:
    """Mean cosine over distinct member pairs, from the squared norm of their summed unit vectors."""
    return max(0.0, (square - count) / (count * (count - 1)))


def top_terms(vector: dict[str, float], count: int) -> list[str]:
    return [term for term, _ in heapq.nlargest(count, vector.items(), key=lambda item: item[1])]


def index_terms(words: dict[str, float], names: dict[str, float], config: StoriesConfig) -> list[str]:
    """The strongest word and name terms of a story or an article, for the candidate index."""
    return top_terms(words, config.index_words) + top_terms(names, config.index_names)


class TermIndex:
    """Inverted index from terms to the numbers of the stories that hold them."""

    def __init__(self) -> None:
        self.postings: dict[str, set[int]] = {}

    def add(self, number: int, terms: tuple[str, ...] | list[str]) -> None:
        for term in terms:
            self.postings.setdefault(term, set()).add(number)

    def remove(self, number: int, terms: tuple[str, ...] | list[str]) -> None:
        for term in terms:
            postings = self.postings.get(term)
            if postings is not None:
                postings.discard(number)
                if not postings:
                    del self.postings[term]

    def candidates(self, terms: list[str], limit: int, exclude: int | None = None) -> list[int]:
        """The ``limit`` story numbers sharing the most terms with ``terms``."""
        hits: Counter = Counter()
        for term in terms:
            for number in self.postings.get(term, ()):
                if number != exclude:
                    hits[number] += 1
        return [number for number, _ in hits.most_common(limit)]


def dot(left: dict[str, float], right: dict[str, float]) -> float:
    """The dot product of two sparse vectors, summed in ``left``'s order."""
    return sum(map(mul, left.values(), map(right.get, left, repeat(0.0))))


def square(vector: dict[str, float]) -> float:
    """The squared norm of a sparse vector."""
    return sum(map(mul, vector.values(), vector.values()))


def _accumulate(target: dict[str, float], vector: dict[str, float]) -> None:
    for term, weight in vector.items():
        target[term] = target.get(term, 0.0) + weight


def pairwise_time_factor(left_days: Counter, left_size: int, right_days: Counter, right_size: int,
                         config: StoriesConfig) -> float:
    """The mean ``time_factor`` over all member pairs of two groups, so that a story whose members
    are mostly far in time from a newcomer fits it less, however its dates chain together. A pair
    of which one member is undated counts ``undated_factor``; two undated members count 1."""
    left_dated, right_dated = sum(left_days.values()), sum(right_days.values())
    if not left_dated and not right_dated:
        return 1.0
    factor_sum = sum(lc * rc * time_factor(abs(ld - rd), config)
                     for ld, lc in left_days.items() for rd, rc in right_days.items())
    left_undated, right_undated = left_size - left_dated, right_size - right_dated
    one_dated = left_dated * right_undated + left_undated * right_dated
    return (factor_sum + one_dated * config.undated_factor + left_undated * right_undated) / (left_size * right_size)


def day_time_factor(day: int | None, days: Counter, size: int, config: StoriesConfig, leave_out: bool = False) -> float:
    """``pairwise_time_factor`` of one article on ``day`` against a group of ``size`` members on
    ``days`` (the article itself left out where ``leave_out``), without building counters."""
    size -= leave_out
    dated = sum(days.values())
    if size <= 0:
        return 1.0
    if day is None:
        undated = size - dated
        return (dated * config.undated_factor + undated) / size
    dated -= leave_out
    if dated <= 0:
        return config.undated_factor
    factor_sum = sum(count * time_factor(abs(other - day), config) for other, count in days.items()) - leave_out
    return (factor_sum + (size - dated) * config.undated_factor) / size


def time_factor(gap: int | None, config: StoriesConfig) -> float:
    """1 within the grace period or without two reliable dates, down to ``1 - time_penalty``;
    0 past ``window_days``, the longest a story stays open without a new article."""
    if gap is None or gap <= config.grace_days:
        return 1.0
    if gap > config.window_days:
        return 0.0
    return 1.0 - config.time_penalty * min(1.0, (gap - config.grace_days) / config.penalty_ramp_days)


def blend(word_score: float, name_score: float, config: StoriesConfig, has_names: bool) -> float:
    """Word and name similarity in one score; words alone where a side has no names."""
    if not has_names:
        return word_score
    return (1.0 - config.name_weight) * word_score + config.name_weight * name_score


def mean_similarity(left: dict[str, float], left_count: int, right: dict[str, float], right_count: int) -> float:
    """Average cosine over all pairs of members: summed unit vectors, dotted, over the pair count."""
    if not left_count or not right_count:
        return 0.0
    if len(left) > len(right):
        left, right = right, left
    return dot(left, right) / (left_count * right_count)


def article_score(features: ArticleFeatures, day: int | None, story: LiveStory, config: StoriesConfig) -> float:
    """How well an article fits a live story: average link to its members, less the time penalty."""
    words = mean_similarity(features.words, 1, story.words, story.size)
    names = mean_similarity(features.names, 1, story.names, story.named)
    has_names = bool(features.names) and story.named > 0
    relative = blend(words, names, config, has_names) - _cohesion_offset(story.cohesion(config), config)
    return relative * day_time_factor(day, story.days, story.size, config)


def story_score(left: LiveStory, right: LiveStory, config: StoriesConfig) -> float:
    """How well two live stories fit each other (for merging): average link."""
    words = mean_similarity(left.words, left.size, right.words, right.size)
    names = mean_similarity(left.names, left.named, right.names, right.named)
    has_names = left.named > 0 and right.named > 0
    cohesion = (left.cohesion(config) + right.cohesion(config)) / 2
    relative = blend(words, names, config, has_names) - _cohesion_offset(cohesion, config)
    return relative * pairwise_time_factor(left.days, left.size, right.days, right.size, config)


def _cohesion_offset(cohesion: float, config: StoriesConfig) -> float:
    """A tight story asks more of a newcomer than a loose one does."""
    return config.cohesion_weight * (cohesion - config.singleton_cohesion)
