"""``--engine spark --db URL``: the run's articles, relations and stories (with their facts,
quotes and conflicts) written into the store through its public API, so ``serve`` shows them.

The writes are one transaction on the driver, after the job: the store is the system of record
of one machine (SQLite or PostgreSQL), so the run's results come to it there. A story already
in the store that holds any of the run's articles is replaced, as ``ingest`` replaces them.
The store's copy index and term index are not written: a later local ``ingest`` into the same
store does not link its new articles to the Spark run's ones (run the batch again instead).
"""
from __future__ import annotations

from newsfuse.model import Article, Relation, Story
from newsfuse.store import PLACED, BaseStore


def fill_store(store: BaseStore, articles: list[Article], relations: list[Relation], stories: list[Story]) -> None:
    """Write a run's ``articles`` (placed), ``relations`` and ``stories`` in one transaction."""
    dates = {article.id: article.reference_date for article in articles}
    with store.transaction():
        store.put_articles(articles, PLACED)
        store.put_relations(relations)
        held = store.stories_of(member for story in stories for member in story.articles)
        store.replace_stories(set(held.values()), stories, dates)
