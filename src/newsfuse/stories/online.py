"""Online assignment: each article joins the best-matching live story or starts one.

- Candidates come from an inverted index over each live story's strongest word and
  name terms, so an article is scored against a few dozen stories, not all of them.
- The stream clock is the latest reliable date seen. A story that has a dated member
  closes when the clock passes its last activity by ``window_days``; any story closes
  after ``max_idle_articles`` arrivals without a new member (the rule for undated
  streams). Closed stories leave the index and their vectors are dropped.
- After each join the grown story is compared with its own candidates, and merged
  with any that now scores at least ``merge_threshold``.
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Sequence

from newsfuse.config import StoriesConfig
from newsfuse.stories.features import ArticleFeatures
from newsfuse.stories.live import LiveStory, TermIndex, article_score, day_number, index_terms, story_score


class OnlineClusterer:
    """Single-pass story clustering over a time-ordered stream of article features."""

    def __init__(self, config: StoriesConfig, keep_closed: bool = True):
        self.config = config
        self.keep_closed = keep_closed
        self.live: dict[int, LiveStory] = {}
        self.closed: list[list[str]] = []
        self.story_of: dict[str, int] = {}  # live articles only, so memory stays bounded
        self._index = TermIndex()
        self._dated: OrderedDict[int, tuple[int, int]] = OrderedDict()  # story -> (day, arrival)
        self._undated: OrderedDict[int, int] = OrderedDict()  # story -> arrival
        self._next_number = 0
        self._arrivals = 0
        self.clock: int | None = None

    def add(self, features: ArticleFeatures, forced_with: Sequence[str] = ()) -> int:
        """Place one article; ``forced_with`` names articles it must share a story with."""
        self._arrivals += 1
        day = day_number(features.date)
        if day is not None and (self.clock is None or day > self.clock):
            self.clock = day
        story = self._forced_story(forced_with) or self._best_story(features, day)
        if story is None:
            story = LiveStory(self._next_number)
            self._next_number += 1
            self.live[story.number] = story
        story.add(features, day)
        self.story_of[features.id] = story.number
        self._touch(story)
        self._reindex(story)
        self._merge_similar(story)
        self._expire()  # after placing: an article with a wrong, late date cannot shut its own story
        return self.story_of[features.id]

    @property
    def index_size(self) -> int:
        """Distinct terms in the candidate index."""
        return len(self._index.postings)

    def story_of_article(self, article_id: str) -> int | None:
        """The live story holding ``article_id``, or None once that story has closed."""
        return self.story_of.get(article_id)

    def _forced_story(self, partners: Sequence[str]) -> LiveStory | None:
        for partner in partners:
            number = self.story_of_article(partner)
            if number is not None and number in self.live:
                return self.live[number]
        return None

    def candidates(self, terms: list[str], limit: int, exclude: int | None = None) -> list[LiveStory]:
        """The ``limit`` live stories sharing the most indexed terms with ``terms``."""
        return [self.live[n] for n in self._index.candidates(terms, limit, exclude)]

    def _best_story(self, features: ArticleFeatures, day: int | None) -> LiveStory | None:
        best, best_score = None, self.config.threshold
        for story in self.candidates(index_terms(features.words, features.names, self.config), self.config.max_candidates):
            score = article_score(features, day, story, self.config)
            if score >= best_score:
                best, best_score = story, score
        return best

    def _merge_similar(self, story: LiveStory) -> None:
        if len(story.members) < 2:
            return
        terms = list(story.indexed)  # its top terms, as ``_reindex`` just indexed them
        for other in self.candidates(terms, self.config.max_merge_candidates, exclude=story.number):
            if story_score(story, other, self.config) >= self.config.merge_threshold:
                keep, drop = (story, other) if len(story.members) >= len(other.members) else (other, story)
                keep.absorb(drop)
                self._retire(drop)
                for member in drop.members:
                    self.story_of[member] = keep.number
                self._touch(keep)
                self._reindex(keep)
                self._merge_similar(keep)
                return

    def _touch(self, story: LiveStory) -> None:
        """Mark ``story`` as active now, at the back of its ageing queue."""
        self._dated.pop(story.number, None)
        self._undated.pop(story.number, None)
        if story.last_day is not None:
            self._dated[story.number] = (self.clock, self._arrivals)
        else:
            self._undated[story.number] = self._arrivals

    def _reindex(self, story: LiveStory) -> None:
        terms = tuple(story.top_terms(self.config))
        if terms == story.indexed:
            return
        self._unindex(story)
        self._index.add(story.number, terms)
        story.indexed = terms

    def _unindex(self, story: LiveStory) -> None:
        self._index.remove(story.number, story.indexed)
        story.indexed = ()

    def _retire(self, story: LiveStory) -> None:
        """Remove ``story`` from the live set (it closed, or merged into another)."""
        self._unindex(story)
        self._dated.pop(story.number, None)
        self._undated.pop(story.number, None)
        del self.live[story.number]

    def _expire(self) -> None:
        idle_limit = self._arrivals - self.config.max_idle_articles
        while self._dated:
            number, (day, arrival) = next(iter(self._dated.items()))
            if arrival > idle_limit and self.clock - day <= self.config.window_days:
                break
            self._close(self.live[number])
        while self._undated:
            number, arrival = next(iter(self._undated.items()))
            if arrival > idle_limit:
                break
            self._close(self.live[number])

    def _close(self, story: LiveStory) -> None:
        self._retire(story)
        for member in story.members:
            del self.story_of[member]
        if self.keep_closed:
            self.closed.append(story.members)

    def clusters(self) -> Iterator[list[str]]:
        """Every story's members: closed ones, then live ones."""
        yield from self.closed
        for story in self.live.values():
            yield story.members
