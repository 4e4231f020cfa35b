"""Independent groups: articles joined by any copy relation share one origin."""
from __future__ import annotations

from newsfuse.model import Relation


def independent_groups(article_ids: list[str], relations: list[Relation]) -> list[list[str]]:
    """Connected components (union-find) of ``article_ids`` under ``relations``, sorted."""
    parent = {a: a for a in article_ids}

    def find(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for relation in relations:
        if relation.source in parent and relation.target in parent:
            parent[find(relation.source)] = find(relation.target)
    groups: dict[str, list[str]] = {}
    for article_id in article_ids:
        groups.setdefault(find(article_id), []).append(article_id)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])
