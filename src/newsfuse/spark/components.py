"""Connected components in plain PySpark: large-star / small-star (Kiveris et al., 2014).

Edges are pairs of integer node ids. Each round, large-star links every neighbour larger than
a node to the smallest node of its neighbourhood, and small-star links a node and its smaller
neighbours to the smallest of them. Both keep the components and shrink every path; when a
round changes no edge, each edge joins a node to its component's smallest node. The number of
rounds grows with the logarithm of the components' size.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

MAX_ROUNDS = 100  # a safeguard; rounds grow as log(component size)


def _large_star(node_neighbours: tuple[int, Iterable[int]]) -> Iterator[tuple[int, int]]:
    node, neighbours = node_neighbours
    neighbours = set(neighbours)
    smallest = min(min(neighbours), node)
    return ((other, smallest) for other in neighbours if other > node)


def _small_star(node_neighbours: tuple[int, Iterable[int]]) -> Iterator[tuple[int, int]]:
    node, smaller = node_neighbours
    smaller = set(smaller)
    smallest = min(min(smaller), node)
    return ((other, smallest) for other in smaller | {node} if other != smallest)


def component_labels(edges, partitions: int = 1, max_rounds: int = MAX_ROUNDS):
    """An RDD of (node, smallest node of its component) for every node that has an edge
    (a node without one is its own component). ``edges``: an RDD of (u, v) pairs of comparable
    node ids; ``partitions``: how many partitions each round's shuffles use."""
    from pyspark import StorageLevel

    current = edges.filter(lambda e: e[0] != e[1]).map(lambda e: (max(e), min(e))).distinct(partitions)
    current.persist(StorageLevel.MEMORY_AND_DISK)
    for _ in range(max_rounds):
        large = (current.flatMap(lambda e: ((e[0], e[1]), (e[1], e[0]))).groupByKey(partitions)
                 .flatMap(_large_star).distinct(partitions))
        small = (large.map(lambda e: (max(e), min(e))).groupByKey(partitions)
                 .flatMap(_small_star).distinct(partitions))
        small.persist(StorageLevel.MEMORY_AND_DISK)
        changed = small.subtract(current, partitions).union(current.subtract(small, partitions)).count() > 0
        current.unpersist()
        current = small
        if not changed:  # one job a round
            break
    labels = current.map(lambda e: (max(e), min(e)))
    roots = labels.values().distinct(partitions).map(lambda root: (root, root))
    return labels.union(roots).reduceByKey(min, partitions)
