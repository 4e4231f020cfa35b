"""Stage 2, copies: find copy relations between articles and independent groups.

Reads ``Article.body``; returns ``Relation`` lists; ``provenance_for`` sets a
story's ``Provenance`` (relations among its articles and independent groups).
"""
from __future__ import annotations

from newsfuse.config import CopiesConfig
from newsfuse.copies.candidates import candidate_pairs
from newsfuse.copies.groups import independent_groups
from newsfuse.model import Article, Provenance, Relation

__all__ = ["trace_copies", "provenance_for", "independent_groups"]

COPY_JACCARD = 0.5


def trace_copies(articles: list[Article], config: CopiesConfig | None = None) -> list[Relation]:
    """Copy relations among ``articles``."""
    config = config or CopiesConfig()
    relations = []
    for left, right, similarity in candidate_pairs(articles, config):
        if similarity >= COPY_JACCARD:
            relations.append(Relation(left.id, right.id, "copy", score=similarity))
    return relations


def provenance_for(article_ids: list[str], relations: list[Relation]) -> Provenance:
    """The provenance of a story holding ``article_ids``."""
    members = set(article_ids)
    inside = [r for r in relations if r.source in members and r.target in members]
    return Provenance(relations=inside, independent_groups=independent_groups(article_ids, inside))
