"""Cohesion of each text-dump line with the page's main text: a second-pass feature.

Prose after an article's end (another article's summary, a company blurb, an author's
bio, comments) reads like body line by line; what gives it away is that it talks about
something else. The first pass's probabilities mark the page's main block, the run of
lines with the largest sum of ``(probability - 0.5) * words``; a line's cohesion is the
share of its content words (letters only, at least ``linefeatures.MIN_CONTENT_CHARS``, lower-cased)
that another line of the main block also uses. The second pass reads it with the line's
number of content words, so it can tell a one-word label from a paragraph, and with its
means over a few lines around: a bio or a blurb spans lines, while one line of a short
article may share few words with the rest.

A page's words are hashed once, by the compiled scan the first-pass features make of the
page anyway (``linefeatures.page_scan``, ``kernels.scan_characters``); the main block and
the sharing take two more compiled passes (``kernels.main_block``,
``kernels.shared_content_words``).
"""
from __future__ import annotations

import numpy as np

from newsfuse.extract.linefeatures import LineWords, page_scan, window_means

BODY_PROBABILITY = 0.5  # lines above it add to the main block, lines below take away
COHESION_WINDOWS = (3, 7)  # cohesion is also averaged over windows of these many lines
COHESION_COLUMNS = 2 + len(COHESION_WINDOWS)  # cohesion, log(1 + content words), window means


def line_words(lines: list[str]) -> LineWords:
    """The words of ``lines`` (cleaned, without newlines), hashed: from the scan the first-pass
    features made of the same page (``linefeatures.page_scan``)."""
    return page_scan(lines).words


def cohesion(lines: list[str], probability: np.ndarray) -> np.ndarray:
    """Per line (``COHESION_COLUMNS x n``): the share of its content words that another line of
    the main block uses, ``log(1 + content words)``, and the share's means over
    ``COHESION_WINDOWS`` lines around it."""
    from newsfuse.extract.kernels import main_block, shared_content_words

    n = len(lines)
    out = np.zeros((COHESION_COLUMNS, n))
    if not n:
        return out
    words = line_words(lines)
    start, end = main_block(np.bincount(words.line, minlength=n) + 1.0, probability, BODY_PROBABILITY)
    shared, distinct = np.zeros(n), np.zeros(n)
    keys = np.full(1 << max(4, (2 * len(words.line)).bit_length()), -1, dtype=np.int64)  # stays half empty
    shared_content_words(words.line, words.word_hash, words.content, start, end, keys, shared, distinct)
    np.divide(shared, np.maximum(distinct, 1), out=out[0])
    np.log1p(distinct, out=out[1])
    window_means(out[:1], COHESION_WINDOWS, out=out[2:])
    return out
