"""Independent groups: articles joined by any copy relation share one origin."""
from __future__ import annotations

from collections.abc import Iterable

from newsfuse.model import Relation


def connected_components(items: list[str], pairs: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Components (union-find) of ``items`` under ``pairs``; pairs naming other items are ignored.
    Components come in first-seen order, their members in ``items`` order."""
    parent = {item: item for item in items}

    def find(item: str) -> str:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for left, right in pairs:
        if left in parent and right in parent:
            parent[find(left)] = find(right)
    components: dict[str, list[str]] = {}
    for item in items:
        components.setdefault(find(item), []).append(item)
    return list(components.values())


def independent_groups(article_ids: list[str], relations: list[Relation]) -> list[list[str]]:
    """Articles joined by copy relations, each group sorted, groups by first id."""
    pairs = ((r.source, r.target) for r in relations)
    return sorted((sorted(g) for g in connected_components(article_ids, pairs)), key=lambda g: g[0])
