"""Inverse document frequencies shipped with the package (``idf.json.gz``).

Fitted by ``python -m newsfuse.stories.fit_idf`` on ECB+ train and WCXB dev article
text; terms seen in fewer than ``MIN_DOCUMENT_FREQUENCY`` documents are left out and
weigh as unseen (the highest weight). ``StreamIdf`` adds the stream's own document
frequencies as articles arrive.
"""
from __future__ import annotations

import gzip
import heapq
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

IDF_PATH = Path(__file__).with_name("idf.json.gz")
MIN_DOCUMENT_FREQUENCY = 2
MAX_STREAM_TERMS = 2_000_000  # stream document frequencies kept, so memory stays bounded


@dataclass(frozen=True)
class IdfTable:
    """Smoothed IDF, ``log((n + 1) / (df + 1)) + 1``, from document frequencies."""

    documents: int
    frequencies: dict[str, int]

    def weight(self, term: str) -> float:
        return math.log((self.documents + 1) / (self.frequencies.get(term, 0) + 1)) + 1.0

    def save(self, path: Path) -> None:
        kept = {t: f for t, f in sorted(self.frequencies.items()) if f >= MIN_DOCUMENT_FREQUENCY}
        payload = {"documents": self.documents, "frequencies": kept}
        with gzip.open(path, "wt", encoding="utf-8") as handle:
            json.dump(payload, handle, separators=(",", ":"))

    @classmethod
    def load(cls, path: Path) -> IdfTable:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            payload = json.load(handle)
        return cls(payload["documents"], payload["frequencies"])


@lru_cache(maxsize=1)
def shipped_idf() -> IdfTable:
    """The IDF table shipped in the package, or a flat one if it is missing."""
    if not IDF_PATH.exists():
        return IdfTable(1, {})
    return IdfTable.load(IDF_PATH)


class StreamIdf:
    """The shipped IDF updated by the stream so far: what most articles of this stream share
    (its recurring names and institutions) weighs less as it recurs. Online: an article's
    weights use only the articles that arrived before it, and itself."""

    def __init__(self, prior: IdfTable, max_terms: int = MAX_STREAM_TERMS):
        self.prior = prior
        self.max_terms = max_terms
        self.documents = 0
        self.frequencies: dict[str, int] = {}

    def weight(self, term: str) -> float:
        documents = self.prior.documents + self.documents
        frequency = self.prior.frequencies.get(term, 0) + self.frequencies.get(term, 0)
        return math.log((documents + 1) / (frequency + 1)) + 1.0

    def see(self, terms: set[str]) -> None:
        """Count one more document holding ``terms``; past ``max_terms`` terms, the rarer half go
        (so the pruning, a pass over all terms, happens at most once per ``max_terms / 2`` new terms)."""
        self.documents += 1
        for term in terms:
            self.frequencies[term] = self.frequencies.get(term, 0) + 1
        if len(self.frequencies) > self.max_terms:
            kept = heapq.nlargest(self.max_terms // 2, self.frequencies.items(), key=lambda item: item[1])
            self.frequencies = dict(kept)
