"""Revision at the end of a batch: fix what a single pass in arrival order got wrong.

Online assignment sees each article once, when few of its story's articles have
arrived, so a stream leaves two kinds of error: small fragments of a story (an
article that came before its story was recognisable), and articles that joined a
neighbouring event of the same topic. Two passes over the finished stories fix them:

1. ``absorb``: a story of at most ``revise_small_size`` articles joins the larger
   story it links to best (average link at least ``revise_join_threshold``);
2. ``reassign``: each article moves to the story it links to best, if that link
   beats its link to the rest of its own story by ``revise_margin`` (a lone article:
   reaches ``revise_join_threshold``)
   (``REASSIGN_ROUNDS`` rounds at most). Articles tied to others by a copy relation stay.
   No link exceeds 1, so a margin of 1 or more turns this pass off;
3. ``split``: a story whose articles fall into groups clearly apart in their words
   (average-link clustering cut at ``split_distance``, each group of at least
   ``split_min_part`` articles, each group's own average link at least ``split_ratio``
   times its link to the rest) becomes one story per group: different events of one
   topic in the same days, which dates cannot tell apart, share names but not words.

Links are average links over summed unit vectors, as in ``live``; candidate stories
come from an inverted index over each story's strongest terms, so each article is
compared with a few dozen stories, not all.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Collection

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.cluster import AgglomerativeClustering

from newsfuse.config import StoriesConfig
from newsfuse.stories.features import ArticleFeatures
from newsfuse.stories.live import (TermIndex, blend, day_number, day_time_factor, dot, index_terms, mean_similarity,
                                   pairwise_time_factor, square)

REASSIGN_ROUNDS = 3
MAX_LINK = 1.0  # an average of cosines
MAX_SPLIT_SIZE = 2_000  # larger stories are not examined for a split (its matrix grows with the square)


class _Story:
    """Summed member vectors of one story under revision."""

    def __init__(self, members: list[ArticleFeatures]):
        self.members: dict[str, ArticleFeatures] = {}
        self.words: dict[str, float] = {}
        self.names: dict[str, float] = {}
        self.named = 0
        self.days: Counter = Counter()  # members' reliable days
        for member in members:
            self.add(member)

    def add(self, features: ArticleFeatures, sign: int = 1) -> None:
        for total, vector in ((self.words, features.words), (self.names, features.names)):
            for term, weight in vector.items():
                total[term] = total.get(term, 0.0) + sign * weight
        self.named += sign * bool(features.names)
        day = day_number(features.date)
        if day is not None:
            self.days[day] += sign
            if not self.days[day]:
                del self.days[day]
        if sign > 0:
            self.members[features.id] = features
        else:
            del self.members[features.id]

    def link(self, features: ArticleFeatures, config: StoriesConfig, without_it: bool = False) -> float:
        """Average link of ``features`` to the members (leaving it out where ``without_it``), less the time penalty."""
        factor = day_time_factor(day_number(features.date), self.days, len(self.members), config, without_it)
        return self._content_link(features, config, without_it) * factor

    def _content_link(self, features: ArticleFeatures, config: StoriesConfig, without_it: bool) -> float:
        size, named = len(self.members) - without_it, self.named - (without_it and bool(features.names))
        if size <= 0:
            return 0.0
        words = _dot(features.words, self.words, without_it) / size
        if not (features.names and named > 0):
            return words
        names = _dot(features.names, self.names, without_it) / named
        return blend(words, names, config, True)

    def group_link(self, other: _Story, config: StoriesConfig) -> float:
        words = mean_similarity(self.words, len(self.members), other.words, len(other.members))
        names = mean_similarity(self.names, self.named, other.names, other.named)
        link = blend(words, names, config, self.named > 0 and other.named > 0)
        if link >= config.strong_link:
            return link
        factor = pairwise_time_factor(self.days, len(self.members), other.days, len(other.members), config)
        return link * factor


def _dot(vector: dict[str, float], total: dict[str, float], leave_out: bool) -> float:
    """``vector`` dotted with ``total``, less its own share where ``total`` includes it."""
    result = dot(vector, total)
    return result - square(vector) if leave_out else result


def _story_index(stories: dict[int, _Story], config: StoriesConfig) -> TermIndex:
    index = TermIndex()
    for number, story in stories.items():
        index.add(number, index_terms(story.words, story.names, config))
    return index


def revise(groups: list[list[str]], features: dict[str, ArticleFeatures], config: StoriesConfig,
           fixed: Collection[str] = ()) -> list[list[str]]:
    """``groups`` after absorbing small stories and reassigning articles; ``fixed`` ids stay."""
    stories = {n: _Story([features[m] for m in group]) for n, group in enumerate(groups)}
    _absorb(stories, config)
    _reassign(stories, config, set(fixed))
    return [part for story in stories.values() if story.members for part in _split(list(story.members.values()), config)]


def _absorb(stories: dict[int, _Story], config: StoriesConfig) -> None:
    index = _story_index(stories, config)
    small = sorted((n for n, s in stories.items() if len(s.members) <= config.revise_small_size),
                   key=lambda n: len(stories[n].members))
    for number in small:
        story = stories[number]
        best, best_link = None, config.revise_join_threshold
        for other in index.candidates(index_terms(story.words, story.names, config), config.max_candidates, number):
            if other in stories and len(stories[other].members) > config.revise_small_size:
                link = story.group_link(stories[other], config)
                if link >= best_link:
                    best, best_link = other, link
        if best is not None:
            for member in list(story.members.values()):
                stories[best].add(member)
            del stories[number]


def _stay_link(home: _Story, features: ArticleFeatures, config: StoriesConfig) -> float:
    """The link another story must beat to take an article: a lone article moves only as a
    small story joins (``revise_join_threshold``); others on their own story's link plus the margin."""
    if len(home.members) == 1:
        return config.revise_join_threshold
    return home.link(features, config, without_it=True) + config.revise_margin


def _reassign(stories: dict[int, _Story], config: StoriesConfig, fixed: set[str]) -> None:
    if config.revise_margin >= MAX_LINK:
        return
    index = _story_index(stories, config)
    story_of = {m: n for n, s in stories.items() for m in s.members}
    for _ in range(REASSIGN_ROUNDS):
        moved = 0
        for article_id in list(story_of):
            if article_id in fixed:
                continue
            home = story_of[article_id]
            features = stories[home].members[article_id]
            best, best_link = home, _stay_link(stories[home], features, config)
            for other in index.candidates(index_terms(features.words, features.names, config), config.max_candidates, home):
                if other in stories and stories[other].members:
                    link = stories[other].link(features, config)
                    if link > best_link:
                        best, best_link = other, link
            if best != home:
                stories[home].add(features, sign=-1)
                stories[best].add(features)
                story_of[article_id] = best
                moved += 1
        if not moved:
            return


def _split(members: list[ArticleFeatures], config: StoriesConfig) -> list[list[str]]:
    """``members`` as one story, or one story per group of articles clearly apart in their words."""
    ids = [member.id for member in members]
    if not 2 * config.split_min_part <= len(members) <= MAX_SPLIT_SIZE:
        return [ids]
    similarity = _word_similarities(members)
    labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                     distance_threshold=config.split_distance).fit_predict(1.0 - similarity)
    parts: dict[int, list[int]] = {}
    for position, label in enumerate(labels):
        parts.setdefault(int(label), []).append(position)
    large = [part for part in parts.values() if len(part) >= config.split_min_part]
    if len(large) < 2 or not all(_apart(part, similarity, config) for part in large):
        return [ids]
    for part in parts.values():
        if len(part) < config.split_min_part:
            for position in part:
                max(large, key=lambda group: float(similarity[position, group].mean())).append(position)
    return [[ids[position] for position in sorted(part)] for part in large]


def _word_similarities(members: list[ArticleFeatures]) -> np.ndarray:
    """Cosines of the members' word vectors (unit length), one row per member."""
    columns: dict[str, int] = {}
    rows, cols, values = [], [], []
    for row, member in enumerate(members):
        for term, weight in member.words.items():
            rows.append(row)
            cols.append(columns.setdefault(term, len(columns)))
            values.append(weight)
    matrix = csr_matrix((values, (rows, cols)), shape=(len(members), max(1, len(columns))))
    similarity = (matrix @ matrix.T).toarray()
    np.fill_diagonal(similarity, 1.0)
    return np.clip(similarity, 0.0, 1.0)


def _apart(part: list[int], similarity: np.ndarray, config: StoriesConfig) -> bool:
    """Whether a group's own average link is ``split_ratio`` times its average link to the rest."""
    inside = similarity[np.ix_(part, part)]
    own = (inside.sum() - len(part)) / (len(part) * (len(part) - 1))
    rest = np.setdiff1d(np.arange(len(similarity)), part)
    return bool(own >= config.split_ratio * similarity[np.ix_(part, rest)].mean())
