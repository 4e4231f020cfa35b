"""Candidate pairs at scale: MinHash (rensa) with banded LSH, plus sampled-shingle containment.

Documents are added in chunks to a ``CandidateIndex``. For each chunk, rensa's
matrix API computes MinHash digests from one flat buffer of shingle hashes (no
Python object per document); only the LSH band keys (one uint64 per document
and band) are kept. Pairs are read off runs of equal keys after one sort per
band, so memory stays a few integers per document. LSH finds pairs of high
Jaccard similarity; a truncated copy has a low Jaccard similarity with its
source, so a second index keeps every shingle whose hash falls in one residue
class (1 in ``sample_modulus``: the same shingles in every document, as in
winnowing fingerprints) and pairs documents sharing enough of them.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import rensa

from newsfuse.config import CopiesConfig
from newsfuse.copies.shingles import distinct, hash_words, shingle_hashes, words

MINHASH_SEED = 42
BAND_MULTIPLIER = np.uint64(0x100000001B3)
EMPTY_PAIRS = np.zeros((0, 2), dtype=np.int64)
CHUNK_DOCUMENTS = 5_000


def flat_shingles(texts: Iterable[str], size: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct shingle hashes of every text in one flat uint64 buffer, with row offsets."""
    rows = [distinct(shingle_hashes(hash_words(words(text)), size)) for text in texts]
    offsets = np.zeros(len(rows) + 1, dtype=np.uint64)
    np.cumsum([row.size for row in rows], out=offsets[1:])
    flat = np.concatenate(rows) if rows else np.zeros(0, dtype=np.uint64)
    return flat, offsets


def signatures(flat: np.ndarray, offsets: np.ndarray, num_perm: int) -> np.ndarray:
    """MinHash digest matrix (documents x num_perm, uint32) from rensa."""
    matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(flat, offsets, num_perm, MINHASH_SEED)
    return np.array(matrix.to_rows(), dtype=np.uint32).reshape(offsets.size - 1, num_perm)


def band_keys(digests: np.ndarray, bands: int) -> np.ndarray:
    """One uint64 key per document and band (documents x bands)."""
    rows = digests.shape[1] // bands
    keys = np.zeros((digests.shape[0], bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(rows):
            keys = keys * BAND_MULTIPLIER + digests[:, offset:bands * rows:rows].astype(np.uint64)
    return keys


def pairs_in_runs(keys: np.ndarray, members: np.ndarray, max_run: int, star_large: bool) -> np.ndarray:
    """Pairs of ``members`` whose ``keys`` are equal. A run longer than ``max_run`` gives
    only pairs with its first member when ``star_large`` (many copies of one text stay
    connected in linear work), else nothing (a key shared that widely is boilerplate)."""
    order = np.argsort(keys, kind="stable")
    sorted_keys, sorted_members = keys[order], members[order]
    starts = np.flatnonzero(np.concatenate(([True], sorted_keys[1:] != sorted_keys[:-1])))
    lengths = np.diff(np.concatenate((starts, [sorted_keys.size])))
    chunks = []
    if star_large:
        for start, length in zip(starts[lengths > max_run], lengths[lengths > max_run]):
            others = sorted_members[start + 1:start + length]
            chunks.append(np.stack((np.full_like(others, sorted_members[start]), others), axis=1))
    for length in range(2, max_run + 1):
        run_starts = starts[lengths == length]
        if run_starts.size == 0:
            continue
        for i in range(length):
            for j in range(i + 1, length):
                chunks.append(np.stack((sorted_members[run_starts + i], sorted_members[run_starts + j]), axis=1))
    if not chunks:
        return EMPTY_PAIRS
    pairs = np.sort(np.concatenate(chunks), axis=1)
    return pairs[pairs[:, 0] != pairs[:, 1]]


def distinct_pairs(pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of an (n, 2) index array, sorted, and how often each occurs."""
    if pairs.size == 0:
        return EMPTY_PAIRS, np.zeros(0, dtype=np.int64)
    width = int(pairs.max()) + 1
    codes, counts = np.unique(pairs[:, 0].astype(np.int64) * width + pairs[:, 1], return_counts=True)
    return np.stack(np.divmod(codes, width), axis=1), counts


def count_pairs(pairs: np.ndarray, minimum: int) -> np.ndarray:
    """Distinct rows of an (n, 2) index array that occur at least ``minimum`` times."""
    rows, counts = distinct_pairs(pairs)
    return rows[counts >= minimum]


@dataclass
class ChunkIndex:
    """What the index keeps of one chunk of documents: LSH band keys and sampled shingles."""

    keys: np.ndarray  # documents x bands, uint64
    samples: np.ndarray  # sampled shingle hashes
    sample_documents: np.ndarray  # int32: the chunk-local document of each sample
    size: int


def index_chunk(texts: list[str], config: CopiesConfig) -> ChunkIndex:
    """Band keys and sampled shingles of a chunk (independent of other chunks: can run in a worker)."""
    flat, offsets = flat_shingles(texts, config.shingle_words)
    keys = band_keys(signatures(flat, offsets, config.num_perm), config.lsh_bands)
    documents = np.repeat(np.arange(len(texts), dtype=np.int32), np.diff(offsets).astype(np.int64))
    sampled = flat % np.uint64(config.sample_modulus) == 0
    return ChunkIndex(keys, flat[sampled], documents[sampled], len(texts))


class CandidateIndex:
    """Band keys and sampled shingles of every document added, in order."""

    def __init__(self, config: CopiesConfig):
        self.config = config
        self._keys: list[np.ndarray] = []
        self._samples: list[np.ndarray] = []
        self._sample_documents: list[np.ndarray] = []
        self.size = 0

    def add(self, texts: list[str]) -> None:
        """Index a chunk of documents (their indices continue from the previous chunk)."""
        if texts:
            self.append(index_chunk(texts, self.config))

    def append(self, chunk: ChunkIndex) -> None:
        """Add an already indexed chunk."""
        self._keys.append(chunk.keys)
        self._samples.append(chunk.samples)
        self._sample_documents.append(chunk.sample_documents + np.int32(self.size))
        self.size += chunk.size

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for part in (self._keys, self._samples, self._sample_documents) for a in part)

    def _consolidate(self) -> None:
        """Join the chunks' arrays once, so that pair finding does not hold two copies."""
        for name in ("_keys", "_samples", "_sample_documents"):
            parts = getattr(self, name)
            if len(parts) > 1:
                setattr(self, name, [np.concatenate(parts)])

    def lsh_pairs(self) -> np.ndarray:
        """Document pairs that agree on every row of at least one band."""
        if self.size < 2:
            return EMPTY_PAIRS
        self._consolidate()
        keys = self._keys[0]
        documents = np.arange(self.size, dtype=np.int32)
        found = [pairs_in_runs(keys[:, band], documents, self.config.max_bucket, True) for band in range(keys.shape[1])]
        return count_pairs(np.concatenate(found), 1)

    def containment_pairs(self) -> np.ndarray:
        """Document pairs sharing at least ``min_shared_samples`` sampled shingles."""
        if self.size < 2:
            return EMPTY_PAIRS
        self._consolidate()
        samples, documents = self._samples[0], self._sample_documents[0]
        pairs = pairs_in_runs(samples, documents, self.config.max_bucket, False)
        return count_pairs(pairs, self.config.min_shared_samples)

    def pairs(self) -> np.ndarray:
        return count_pairs(np.concatenate((self.lsh_pairs(), self.containment_pairs())), 1)


def candidate_pairs(texts: list[str], config: CopiesConfig) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, worth verifying."""
    index = CandidateIndex(config)
    for start in range(0, len(texts), CHUNK_DOCUMENTS):
        index.add(texts[start:start + CHUNK_DOCUMENTS])
    return [(int(i), int(j)) for i, j in index.pairs()]
