"""Language of an article body: ISO 639-1, offline, with py3langid's shipped model.

py3langid scores a text by walking its bytes through an Aho-Corasick automaton of
byte n-grams, one Python step per byte, and weighting the n-grams found by a
float16 table. ``VectorisedIdentifier`` gives the same answers with numpy: the
automaton's state after a byte depends only on the last ``walk_bytes`` bytes (the
deepest n-gram's length), so every position's state comes from that many
vectorised steps, and the table's rows are widened to float32 through a lookup of
the 65,536 float16 bit patterns (exact) instead of numpy's slow cast.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Any

import numpy as np

SAMPLE_CHARS = 400  # the body's start is enough; identification time grows with the text
MIN_LETTERS = 20
FALLBACK = "en"
BYTE_VALUES = 256
FLOAT16_PATTERNS = 1 << 16
BFS_BLOCK = 1024  # states expanded at once when measuring the automaton's depth


def _deepest_state(next_move: np.ndarray, row_base: np.ndarray) -> int:
    """Bytes needed to reach the automaton's farthest state from the start (breadth first, a
    block of states at a time to keep memory small)."""
    seen = np.zeros(len(row_base), dtype=bool)
    seen[0] = True
    frontier, depth = np.zeros(1, dtype=np.int64), 0
    while frontier.size:
        reached = np.zeros(len(row_base), dtype=bool)
        for start in range(0, len(frontier), BFS_BLOCK):
            block = frontier[start:start + BFS_BLOCK]
            reached[next_move[row_base[block][:, None] + np.arange(BYTE_VALUES)]] = True
        frontier = np.flatnonzero(reached & ~seen)
        seen[frontier] = True
        depth += 1
    return depth - 1


class VectorisedIdentifier:
    """py3langid's ``LanguageIdentifier.classify`` (raw scores, all languages) over numpy arrays."""

    def __init__(self, identifier: Any) -> None:
        self.identifier = identifier
        self.next_move = np.frombuffer(identifier.tk_nextmove, dtype=np.uint32)
        self.row_base = np.asarray(identifier._rowbase, dtype=np.int64)
        self.output = np.asarray(identifier.tk_output, dtype=np.int64)
        self.walk_bytes = _deepest_state(self.next_move, self.row_base)
        self.widened = np.arange(FLOAT16_PATTERNS, dtype=np.uint16).view(np.float16).astype(np.float32)

    def feature_counts(self, data: bytes) -> tuple[np.ndarray, np.ndarray]:
        """The n-gram features the byte walk visits and how often, in order of first visit (as
        py3langid's ``Counter`` holds them)."""
        byte = np.frombuffer(data, dtype=np.uint8)
        state = np.zeros(len(byte), dtype=np.int64)
        for lag in range(min(self.walk_bytes, len(byte)) - 1, -1, -1):  # the oldest byte first
            state[lag:] = np.take(self.next_move, np.take(self.row_base, state[lag:]) + byte[:len(byte) - lag])
        features = np.take(self.output, state)
        visits = Counter(features[features >= 0].tolist())  # keys in order of first visit
        return (np.fromiter(visits.keys(), dtype=np.intp, count=len(visits)),
                np.fromiter(visits.values(), dtype=np.float32, count=len(visits)))

    def classify(self, text: str) -> str:
        """The language py3langid's ``classify(text)`` names."""
        identifier = self.identifier
        if identifier._norm_probs or identifier.min_confidence is not None:
            return identifier.classify(text)[0]
        features, counts = self.feature_counts(identifier._encode(text))
        if not features.size:
            return identifier.classify(text)[0]
        weights = np.take(self.widened, identifier.nb_ptc[features].view(np.uint16))
        scores = np.log1p(counts) @ weights + identifier.nb_pc
        for first, duplicate in identifier._alias_pairs:
            scores[first] = max(scores[first], scores[duplicate])
            scores[duplicate] = np.finfo(np.float32).min
        return identifier.nb_classes[int(scores.argmax())]


@lru_cache(maxsize=1)
def _classify():
    """The vectorised classifier over py3langid's model, loaded once (about a second)."""
    from py3langid import langid

    return VectorisedIdentifier(langid._get_identifier()).classify


def _sample(paragraphs: list[str]) -> str:
    """The first ``SAMPLE_CHARS`` characters of the paragraphs joined by spaces."""
    parts, size = [], 0
    for paragraph in paragraphs:
        parts.append(paragraph)
        size += len(paragraph) + 1
        if size >= SAMPLE_CHARS:
            break
    return " ".join(parts)[:SAMPLE_CHARS]


def identify_language(paragraphs: list[str], fallback: str = FALLBACK) -> str:
    """The ISO 639-1 code of ``paragraphs`` (the body, not the page chrome)."""
    sample = _sample(paragraphs)
    if sum(map(str.isalpha, sample)) < MIN_LETTERS:
        return fallback
    return _classify()(sample)
