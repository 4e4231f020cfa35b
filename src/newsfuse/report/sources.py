"""What the report reads: the articles and the stories, from memory (a batch) or from the store.

Both kinds count their items, iterate them in the report's order and fetch some by id. The
store's kinds read in pages (``store.pages``) and fetch one story's articles at a time, so the
report holds a page of the store, never all of it; their counts are taken once, when made, so a
result still says how many it wrote after the store is closed.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from newsfuse.model import Article, Story
from newsfuse.store import BaseStore
from newsfuse.store.pages import article_pages, load_stories, story_pages


class InMemory:
    """Articles or stories held in memory (a batch), in their given order, fetched by id through a dict."""

    def __init__(self, items: Iterable[Article] | Iterable[Story]):
        self.items = list(items)
        self._by_id = {item.id: item for item in self.items}

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator:
        return iter(self.items)

    def pages(self) -> Iterator[list]:
        yield self.items

    def by_id(self, ids: Iterable[str]) -> dict:
        return {i: self._by_id[i] for i in ids if i in self._by_id}


class StoredArticles:
    """The store's articles in arrival order."""

    def __init__(self, store: BaseStore):
        self.store, self.count = store, store.count("articles")

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Article]:
        for page in article_pages(self.store):
            yield from page

    def by_id(self, ids: Iterable[str]) -> dict[str, Article]:
        return self.store.load_articles(ids)


class StoredStories:
    """The store's stories by first date (undated last), then id."""

    def __init__(self, store: BaseStore):
        self.store, self.count = store, store.count("stories")

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Story]:
        for page in story_pages(self.store):
            yield from page

    def pages(self) -> Iterator[list[Story]]:
        return story_pages(self.store)

    def by_id(self, ids: Iterable[str]) -> dict[str, Story]:
        return load_stories(self.store, ids)


def as_articles(articles) -> InMemory | StoredArticles:
    """``articles`` as a report source: a list or a dict by id is held in memory."""
    if isinstance(articles, (InMemory, StoredArticles)):
        return articles
    return InMemory(articles.values() if isinstance(articles, dict) else articles)


def as_stories(stories) -> InMemory | StoredStories:
    if isinstance(stories, (InMemory, StoredStories)):
        return stories
    return InMemory(stories)
