"""Stage 3, stories: cluster articles into stories, online, in arrival order.

Reads ``Article`` title, body, ``reference_date`` (dateline date with a year, else the
publication date) and the copy relations; creates ``Story`` objects with ``id``,
``articles`` and ``headline`` set. Articles are fed in ``arrival_order``; copies
always share a story. Threads of related articles (``online``) are split into events
on thread-local weights (``events``): two events of one topic are two stories.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from itertools import chain

from newsfuse.config import StoriesConfig
from newsfuse.copies.groups import connected_components
from newsfuse.model import Article, Relation, Story
from newsfuse.stories.calibration import resolve
from newsfuse.stories.features import ArticleFeatures, ArticleTerms, article_terms, stream_features, stream_features_of_terms
from newsfuse.stories.events import EventClusterer
from newsfuse.stories.online import OnlineClusterer
from newsfuse.stories.order import arrival_order
from newsfuse.stories.revise import revise

__all__ = ["cluster_articles", "cluster_ids", "cluster_terms", "cluster_features", "stories_of_groups", "article_terms",
           "story_id", "EventClusterer", "OnlineClusterer", "arrival_order"]


def cluster_ids(articles: list[Article], relations: list[Relation],
                config: StoriesConfig | None = None) -> list[list[str]]:
    """Groups of article ids, one per story, articles fed in arrival order."""
    ordered = arrival_order(articles, lambda a: a.reference_date, lambda a: a.id)
    return _cluster_stream(stream_features(ordered), relations, config)


def cluster_terms(terms: list[ArticleTerms], relations: list[Relation],
                  config: StoriesConfig | None = None) -> list[list[str]]:
    """``cluster_ids`` from articles' term counts made elsewhere (``article_terms``): the same groups."""
    ordered = arrival_order(terms, lambda t: t.reference_date, lambda t: t.id)
    return _cluster_stream(stream_features_of_terms(ordered), relations, config)


def _cluster_stream(features: list[ArticleFeatures], relations: list[Relation],
                    config: StoriesConfig | None) -> list[list[str]]:
    config = resolve(config or StoriesConfig())
    partners: dict[str, list[str]] = defaultdict(list)
    for relation in relations:
        partners[relation.source].append(relation.target)
        partners[relation.target].append(relation.source)
    return _join_related(cluster_features(features, config, partners), relations)


def cluster_features(features: list[ArticleFeatures], config: StoriesConfig,
                     partners: dict[str, list[str]] | None = None) -> list[list[str]]:
    """Groups of ids from features already in arrival order (``config`` resolved)."""
    partners = partners or {}
    clusterer = EventClusterer(config)
    for item in features:
        clusterer.add(item, partners.get(item.id, []))
    groups = [list(members) for members in clusterer.clusters()]
    return revise(groups, {item.id: item for item in features}, config, fixed=partners.keys())


def _join_related(groups: list[list[str]], relations: list[Relation]) -> list[list[str]]:
    """Union of groups that a copy relation links (a copy may arrive after its story closed)."""
    within = ((group[0], member) for group in groups for member in group[1:])
    across = ((r.source, r.target) for r in relations)
    return connected_components([m for group in groups for m in group], chain(within, across))


def cluster_articles(articles: list[Article], relations: list[Relation],
                     config: StoriesConfig | None = None) -> list[Story]:
    """Stories of ``articles``; each story's headline is its first real title."""
    return stories_of_groups(cluster_ids(articles, relations, config), {a.id: a for a in articles})


def stories_of_groups(groups: list[list[str]], by_id: dict[str, Article]) -> list[Story]:
    """One ``Story`` per group of article ids, as ``cluster_articles`` makes them."""
    stories = []
    for members in groups:
        members = sorted(members)
        titled = [by_id[m].title for m in members if by_id[m].title and not by_id[m].title_derived]
        headline = titled[0] if titled else (by_id[members[0]].title or "")
        stories.append(Story(id=story_id(members), articles=members, headline=headline))
    return stories


def story_id(members: list[str]) -> str:
    """A stable id for a story: the same articles give the same id in every run."""
    return "story-" + hashlib.sha1("\n".join(sorted(members)).encode()).hexdigest()[:12]
