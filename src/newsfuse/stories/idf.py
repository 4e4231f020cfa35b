"""Inverse document frequencies shipped with the package (``idf.json.gz``).

Fitted by ``python -m newsfuse.stories.fit_idf`` on ECB+ train and WCXB dev article
text; terms seen in fewer than ``MIN_DOCUMENT_FREQUENCY`` documents are left out and
weigh as unseen (the highest weight).
"""
from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

IDF_PATH = Path(__file__).with_name("idf.json.gz")
MIN_DOCUMENT_FREQUENCY = 2


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
