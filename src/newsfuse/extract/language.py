"""Language of an article body: ISO 639-1, offline, with py3langid's shipped model.

py3langid scores a text by walking its bytes through an Aho-Corasick automaton of
byte n-grams, one Python step per byte, and weighting the n-grams found by a
float16 table. ``VectorisedIdentifier`` gives the same answers with compiled loops
(``kernels.py``): the automaton's state after a byte depends only on the last
``walk_bytes`` bytes (the deepest n-gram's length), so stretches of the text are
walked side by side; the table's rows are widened to float32 through a lookup of
the 65,536 float16 bit patterns (exact) instead of numpy's slow cast; the scores
are then summed by numpy exactly as before. The model's arrays come from the table
cache (``tablecache.py``): only the first process unpacks py3langid's xz file.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from newsfuse.extract.titles import letter_count

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


def _model_arrays() -> dict[str, np.ndarray]:
    """py3langid's shipped model unpacked into the arrays ``VectorisedIdentifier`` walks and
    weighs (``tablecache.py`` keeps them, so only the first process unpacks the xz file)."""
    from py3langid import langid

    weights, class_scores, classes, next_move, rows, output = langid._load_model_file(
        langid.MODEL_DIR / langid.MODEL_FILE)
    next_move = np.frombuffer(next_move, dtype=np.uint32)
    row_base = np.frombuffer(rows, dtype=np.uint16 if rows.itemsize == 2 else np.uint32).astype(np.int64) << 8
    return {"next_move": next_move, "row_base": row_base, "output": np.asarray(output, dtype=np.int64),
            "weight_patterns": np.ascontiguousarray(weights).view(np.uint16),
            "class_scores": np.asarray(class_scores, dtype=np.float32), "classes": np.asarray(classes),
            "walk_bytes": np.array([_deepest_state(next_move, row_base)])}


def _model_key() -> str:
    """What the cached model arrays depend on: py3langid's version and its model file."""
    import py3langid
    from py3langid import langid

    return f"py3langid {py3langid.__version__} {(langid.MODEL_DIR / langid.MODEL_FILE).stat().st_size}"


class VectorisedIdentifier:
    """py3langid's ``LanguageIdentifier.classify`` (raw scores, all languages) over numpy arrays."""

    def __init__(self, model: dict[str, np.ndarray]) -> None:
        from py3langid import langid

        self.encode = langid.LanguageIdentifier._encode  # py3langid's text to bytes (needs no model)
        self.next_move, self.row_base, self.output = model["next_move"], model["row_base"], model["output"]
        self.walk_bytes = int(model["walk_bytes"][0])
        self.feature_slots = np.full(int(self.output.max()) + 1, -1, dtype=np.int64)  # scratch of the counting
        self.weight_patterns, self.class_scores = model["weight_patterns"], model["class_scores"]
        self.classes = model["classes"].tolist()
        self.alias_pairs = _alias_pairs(self.classes)
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

        features, counts = self.feature_counts(self.encode(text))
        if not features.size:  # no n-gram at all: py3langid's own tie-break (rare; loads its model)
            from py3langid import langid

            return langid.classify(text)[0]
        weights = np.empty((len(features), self.weight_patterns.shape[1]), dtype=np.float32)
        widened_rows(self.weight_patterns, features, self.widened, weights)
        scores = np.log1p(counts) @ weights + self.class_scores
        for first, duplicate in self.alias_pairs:
            scores[first] = max(scores[first], scores[duplicate])
            scores[duplicate] = np.finfo(np.float32).min
        return self.classes[int(scores.argmax())]


def _alias_pairs(classes: list[str]) -> list[tuple[int, int]]:
    """(first, repeat) column pairs of a label the model lists twice, as py3langid pairs them."""
    first: dict[str, int] = {}
    pairs = []
    for index, label in enumerate(classes):
        if label in first:
            pairs.append((first[label], index))
        else:
            first[label] = index
    return pairs


@lru_cache(maxsize=1)
def _classify():
    """The vectorised classifier over py3langid's model, from the table cache."""
    from newsfuse.extract.tablecache import cached_arrays

    return VectorisedIdentifier(cached_arrays("py3langid-model", _model_arrays, _model_key())).classify


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
    if letter_count(sample) < MIN_LETTERS:
        return fallback
    return _classify()(sample)
