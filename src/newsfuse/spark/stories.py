"""Stories in Spark: term counts per partition, the online clustering on the driver.

The local clustering is online: each article is weighed by the stream's document frequencies
so far and joins live stories in arrival order, and a pass at the end of the batch revises
them. Tasks make each article's term counts (``stories.article_terms``, the tokenising that is
most of the cost of features); the driver collects these compact counts, puts them in arrival
order and runs the local ``cluster_terms``, so the groups are the local engine's. Independent
groups come from Spark's connected components over the relations.
"""
from __future__ import annotations

from collections import defaultdict
from types import SimpleNamespace

from newsfuse.config import StoriesConfig
from newsfuse.model import Article, Provenance, Relation, Story
from newsfuse.stories import article_terms, cluster_terms, stories_of_groups


def _terms(pair: tuple[int, Article]) -> tuple:
    article = pair[1]
    return article_terms(article), article.title_derived


def cluster_stories(articles, relations: list[Relation], config: StoriesConfig) -> list[Story]:
    """Stories (ids, articles, headline) of an RDD of (index, Article), grouped as locally."""
    collected = articles.map(_terms).collect()
    terms = [item for item, _ in collected]
    titles = {item.id: SimpleNamespace(title=item.title, title_derived=derived) for item, derived in collected}
    return stories_of_groups(cluster_terms(terms, relations, config), titles)


def set_provenance(stories: list[Story], relations: list[Relation], labels: dict[str, str]) -> None:
    """Each story's relations and independent groups; ``labels`` maps an article with a relation
    to its component's label (Spark's connected components), others are groups of one."""
    story_of = {member: story.id for story in stories for member in story.articles}
    inside: dict[str, list[Relation]] = defaultdict(list)
    for relation in relations:  # copies always share a story (``stories`` joins them)
        inside[story_of[relation.source]].append(relation)
    for story in stories:
        groups: dict[str, list[str]] = defaultdict(list)
        for member in story.articles:
            groups[labels.get(member, member)].append(member)
        story.provenance = Provenance(relations=inside.get(story.id, []),
                                      independent_groups=sorted((sorted(g) for g in groups.values()), key=lambda g: g[0]))
