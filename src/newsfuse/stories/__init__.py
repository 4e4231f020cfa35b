"""Stage 3, stories: cluster articles into stories, online, in arrival order.

Reads ``Article`` title, body and dates, and the copy relations; creates
``Story`` objects with ``id``, ``articles`` and ``headline`` set.
"""
from __future__ import annotations

import hashlib

from newsfuse.config import StoriesConfig
from newsfuse.model import Article, Relation, Story
from newsfuse.stories.online import OnlineClusterer

__all__ = ["cluster_articles", "OnlineClusterer"]


def cluster_articles(articles: list[Article], relations: list[Relation],
                     config: StoriesConfig | None = None) -> list[Story]:
    """Stories of ``articles`` fed in date order; copies always share a story."""
    clusterer = OnlineClusterer(config or StoriesConfig())
    ordered = sorted(articles, key=lambda a: (a.reference_date or "9999", a.id))
    for article in ordered:
        clusterer.add(article)
    for relation in relations:
        clusterer.merge_articles(relation.source, relation.target)
    by_id = {a.id: a for a in articles}
    stories = []
    for members in clusterer.clusters():
        members = sorted(members)
        headline = next((by_id[m].title for m in members if by_id[m].title and not by_id[m].title_derived),
                        by_id[members[0]].title or "")
        stories.append(Story(id=story_id(members), articles=members, headline=headline))
    return stories


def story_id(members: list[str]) -> str:
    """A stable id for a story: the same articles give the same id in every run."""
    return "story-" + hashlib.sha1("\n".join(sorted(members)).encode()).hexdigest()[:12]
