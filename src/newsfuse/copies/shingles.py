"""Fast word shingles: C-level tokenising, cached token hashes, numpy n-gram hashing.

A text is lower-cased and one compiled regular expression finds its words
(runs of letters and digits in any script; in Chinese and Japanese, which do
not separate words, each Han or kana character is a word). Each distinct token gets a
deterministic 64-bit hash once (blake2b, cached), so the per-word cost is one
dict look-up in C. A shingle hash combines ``size`` consecutive token hashes
with numpy. Text inside double quotation marks (of any typographic style) is
flagged ``quoted`` per paragraph, so shared direct quotations can be told
apart from shared narrative. Each token also carries the index of its sentence
(split after sentence-final punctuation), the unit verification asks to be kept
whole. Hashes do not depend on the process (no salt).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np

SHINGLE_BASE = np.uint64(0x9E3779B97F4A7C15)
TOKEN_CACHE_LIMIT = 2_000_000  # distinct tokens kept before the cache is cleared
_DOUBLE_QUOTES = '"\u201c\u201d\u201e\u201f\u00ab\u00bb\u300c\u300d\u300e\u300f\uff02'
QUOTE_MARK = re.compile(f"[{_DOUBLE_QUOTES}]")
_HAN_KANA = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
WORD = re.compile(f"[{_HAN_KANA}]|[^\\W_{_HAN_KANA}]+")  # Chinese and Japanese: one character a word
SENTENCE_STOPS = (".", "!", "?", "\u3002", "\uff01", "\uff1f")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[\u3002\uff01\uff1f])")  # after . ! ? (and CJK stops)
ASCII_SPACES = str.maketrans({c: " " for c in map(chr, range(128)) if not c.isalnum()})


class _TokenHashes(dict):
    """Token -> deterministic uint64 hash, computed on first sight."""

    def __missing__(self, token: str) -> int:
        if len(self) >= TOKEN_CACHE_LIMIT:
            self.clear()
        value = int.from_bytes(hashlib.blake2b(token.encode("utf-8", "replace"), digest_size=8).digest(), "little")
        self[token] = value
        return value


TOKEN_HASHES = _TokenHashes()


def words(text: str) -> list[str]:
    """Lower-cased word tokens of ``text`` (runs of letters and digits in any script).

    ASCII text takes a faster path (``str.translate`` then ``split``) with the same result."""
    if text.isascii():
        return text.lower().translate(ASCII_SPACES).split()
    return WORD.findall(text.lower())


def hash_words(tokens: list[str]) -> np.ndarray:
    """uint64 hash of each token."""
    return np.fromiter(map(TOKEN_HASHES.__getitem__, tokens), dtype=np.uint64, count=len(tokens))


def distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (faster than ``np.unique`` for hash arrays)."""
    ordered = np.sort(values)
    if ordered.size < 2:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


@dataclass
class Tokens:
    """Hashed tokens of one text, with the quotation flag, paragraph and sentence of each."""

    hashes: np.ndarray  # uint64 per token
    quoted: np.ndarray  # bool per token: inside double quotation marks
    paragraph: np.ndarray  # int per token: index of its paragraph
    sentence: np.ndarray  # int per token: index of its sentence (counted over the whole text)


def tokenize(paragraphs: list[str]) -> Tokens:
    """Hashed tokens of a body given as paragraphs; quotation parity resets per paragraph,
    and a paragraph always ends a sentence."""
    tokens: list[str] = []
    quoted: list[bool] = []
    paragraph: list[int] = []
    sentence: list[int] = []
    sentence_index = 0
    for index, text in enumerate(paragraphs):
        for part, segment in enumerate(QUOTE_MARK.split(text)):
            pieces = SENTENCE_END.split(segment)
            for number, piece in enumerate(pieces):
                piece_words = words(piece)
                tokens.extend(piece_words)
                quoted.extend([part % 2 == 1] * len(piece_words))
                paragraph.extend([index] * len(piece_words))
                sentence.extend([sentence_index] * len(piece_words))
                if number < len(pieces) - 1 or piece.rstrip().endswith(SENTENCE_STOPS):
                    sentence_index += 1
        sentence_index += 1
    return Tokens(hash_words(tokens), np.array(quoted, dtype=bool), np.array(paragraph, dtype=np.int64),
                  np.array(sentence, dtype=np.int64))


def shingle_hashes(token_hashes: np.ndarray, size: int) -> np.ndarray:
    """Hashes of every run of ``size`` consecutive tokens (one hash if there are fewer)."""
    count = token_hashes.size
    if count == 0:
        return np.zeros(0, dtype=np.uint64)
    size = min(size, count)
    combined = np.zeros(count - size + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(size):
            combined = combined * SHINGLE_BASE + token_hashes[offset:count - size + 1 + offset]
        return combined ^ (combined >> np.uint64(29))
