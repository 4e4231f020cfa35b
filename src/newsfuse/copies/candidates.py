"""Candidate pairs: MinHash signatures with LSH."""
from __future__ import annotations

import re
from collections.abc import Iterator

from datasketch import MinHash, MinHashLSH

from newsfuse.config import CopiesConfig
from newsfuse.model import Article

WORD = re.compile(r"\w+")


def shingles(text: str, size: int) -> set[str]:
    words = WORD.findall(text.lower())
    return {" ".join(words[i:i + size]) for i in range(max(len(words) - size + 1, 1))}


def candidate_pairs(articles: list[Article], config: CopiesConfig) -> Iterator[tuple[Article, Article, float]]:
    """Pairs whose estimated shingle Jaccard similarity passes the LSH threshold."""
    lsh = MinHashLSH(threshold=config.lsh_threshold, num_perm=config.num_perm)
    signatures = {}
    for article in articles:
        signature = MinHash(num_perm=config.num_perm)
        signature.update_batch([s.encode() for s in shingles(article.text, config.shingle_words)])
        signatures[article.id] = signature
        lsh.insert(article.id, signature)
    by_id = {a.id: a for a in articles}
    for article in articles:
        for other in lsh.query(signatures[article.id]):
            if other > article.id:
                yield article, by_id[other], signatures[article.id].jaccard(signatures[other])
