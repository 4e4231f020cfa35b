"""The store read in pages, for readers of the whole store (the report): what they hold at a time is
one page of rows, however large the store.

One query streams its rows (SQLite steps its statement, sorting through its own spill files where
the order needs it; PostgreSQL reads a server-side cursor) and hands them on ``page`` at a time.
"""
from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator, Sequence

from newsfuse.model import Article, Story
from newsfuse.store.base import BaseStore
from newsfuse.store.codec import story_from_dict

PAGE = 500  # rows handed on at a time
_cursor_numbers = itertools.count()


def _pages(store: BaseStore, sql: str, params: Sequence = (), page: int | None = None) -> Iterator[list[tuple]]:
    page = page or PAGE
    if store.backend == "postgresql":  # a server-side cursor: the client holds one page
        cursor = store.connection.cursor(name=f"newsfuse_pages_{next(_cursor_numbers)}", withhold=True)
    else:
        cursor = store.connection.cursor()
    try:
        cursor.execute(store._sql(sql), tuple(params))
        while rows := cursor.fetchmany(page):
            yield rows
    finally:
        cursor.close()


def article_pages(store: BaseStore, page: int | None = None) -> Iterator[list[Article]]:
    """Every article, in arrival order (``BaseStore.articles``), ``page`` at a time."""
    for rows in _pages(store, "SELECT data FROM articles ORDER BY seq, id", page=page):
        yield [Article.from_dict(json.loads(data)) for (data,) in rows]


def story_pages(store: BaseStore, page: int | None = None) -> Iterator[list[Story]]:
    """Every story, in ``BaseStore.stories`` order (first date, undated last, then id), ``page`` at a time."""
    for rows in _pages(store, "SELECT data FROM stories ORDER BY first_date IS NULL, first_date, id", page=page):
        yield [story_from_dict(json.loads(data)) for (data,) in rows]


def load_stories(store: BaseStore, ids: Iterable[str]) -> dict[str, Story]:
    """Stories by id (those stored)."""
    return {story_id: story_from_dict(json.loads(data))
            for story_id, data in store._rows_in("SELECT id, data FROM stories WHERE id IN ({marks})", ids)}


def stories_between(store: BaseStore, first: str, last: str, limit: int) -> list[str]:
    """Ids of up to ``limit`` stories whose last date is between ``first`` and ``last``, by id."""
    return [row[0] for row in store._rows("SELECT id FROM stories WHERE last_date >= ? AND last_date <= ? "
                                          "ORDER BY id LIMIT ?", (first, last, limit))]
