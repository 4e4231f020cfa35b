"""Language of an article body: ISO 639-1, offline, with py3langid's shipped model.

py3langid scores a text by walking its bytes through an Aho-Corasick automaton of
byte n-grams, one Python step per byte, and weighting the n-grams found by a
float16 table. ``VectorisedIdentifier`` gives the same answers with compiled loops
(``kernels.py``): the automaton's state after a byte depends only on the last
``walk_bytes`` bytes (the deepest n-gram's length), so stretches of the text are
walked side by side; the table's rows are widened to float32 through a lookup of
the 65,536 float16 bit patterns (exact) instead of numpy's slow cast; the scores
are then summed by numpy exactly as before.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np

SAMPLE_CHARS = 400  # the body's start is enough; identification time grows with the text
MIN_LETTERS = 20
FALLBACK = "en"
FLOAT16_PATTERNS = 1 << 16
BYTE_VALUES = 256
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
        self.feature_slots = np.full(int(self.output.max()) + 1, -1, dtype=np.int64)  # scratch of the counting
        self.weight_patterns = np.ascontiguousarray(identifier.nb_ptc).view(np.uint16)
        self.widened = np.arange(FLOAT16_PATTERNS, dtype=np.uint16).view(np.float16).astype(np.float32)

    def feature_counts(self, data: bytes) -> tuple[np.ndarray, np.ndarray]:
        """The n-gram features the byte walk visits and how often, in order of first visit (as
        py3langid's ``Counter`` holds them)."""
        from newsfuse.extract.kernels import automaton_states, count_in_first_order

        state = np.empty(len(data), dtype=np.int64)
        automaton_states(self.next_move, self.row_base, np.frombuffer(data, dtype=np.uint8), self.walk_bytes, state)
        features, counts = np.empty(len(data), dtype=np.intp), np.empty(len(data), dtype=np.float32)
        n_features = count_in_first_order(np.take(self.output, state), self.feature_slots, features, counts)
        return features[:n_features], counts[:n_features]

    def classify(self, text: str) -> str:
        """The language py3langid's ``classify(text)`` names."""
        from newsfuse.extract.kernels import widened_rows

        identifier = self.identifier
        if identifier._norm_probs or identifier.min_confidence is not None:
            return identifier.classify(text)[0]
        features, counts = self.feature_counts(identifier._encode(text))
        if not features.size:
            return identifier.classify(text)[0]
        weights = np.empty((len(features), self.weight_patterns.shape[1]), dtype=np.float32)
        widened_rows(self.weight_patterns, features, self.widened, weights)
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
