"""Place-name normalisation shared by the gazetteer builder and the place finder.

``fold`` turns any script into lower-case ASCII words (anyascii). ``translit_key``
goes further and merges spellings that differ only by romanisation convention
(kh/h, zh/j, y/i/j, doubled letters, soft signs...), so that two transliterations
of one name get one key. ``admin_key`` also drops generic region words ("Krai",
"Oblast", "Province") and adjectival endings, so "X Krai" meets "Xskiy".
"""
from __future__ import annotations

import re

from anyascii import anyascii

NON_WORD = re.compile(r"[^a-z0-9 ]+")
SPACES = re.compile(r"\s+")
APOSTROPHES = re.compile(r"['’ʼʹ`´]")
DOUBLED = re.compile(r"([a-z])\1+")
HARD_C = re.compile(r"c(?=[aou]|$)")  # "Moscow"/"Moskva", "Corea"/"Korea"

# Romanisation variants merged into one spelling, longest first.
TRANSLIT_RULES = (
    ("shch", "sc"), ("dzh", "j"), ("tch", "c"), ("tsh", "c"), ("zh", "j"), ("zj", "j"), ("dj", "j"),
    ("kh", "h"), ("ch", "c"), ("sh", "s"), ("ts", "c"), ("tz", "c"), ("ck", "k"), ("ph", "f"),
    ("ou", "u"), ("oo", "u"), ("ee", "i"), ("iy", "i"), ("yi", "i"), ("ye", "e"),
    ("q", "k"), ("w", "v"), ("x", "ks"), ("y", "i"),
)

# Words that name a kind of region rather than the region itself.
REGION_WORDS = frozenset("""
    krai kray oblast oblast' okrug raion rayon province provincia prefecture region state county
    governorate territory republic autonomous district municipality sheng shi zizhiqu do
    department departement canton land voivodeship
""".split())

# Adjectival endings of region names ("Moskovskaya", "Sverdlovskaya"), stripped for ``admin_key``.
ADJECTIVE_ENDING = re.compile(r"sk(ii|iy|ij|y|i|aya|aja|aia|oye|oe)?$")
MIN_STEM = 3


def fold(name: str) -> str:
    """Lower-case ASCII words of ``name`` (diacritics and scripts folded)."""
    text = APOSTROPHES.sub("", anyascii(name).lower())
    return SPACES.sub(" ", NON_WORD.sub(" ", text)).strip()


def translit_key(name: str) -> str:
    """A spelling-insensitive key: one key for romanisation variants of a name."""
    key = fold(name).replace(" ", "")
    for old, new in TRANSLIT_RULES:
        key = key.replace(old, new)
    return DOUBLED.sub(r"\1", HARD_C.sub("k", key))


def admin_key(name: str) -> str:
    """Key of a region name without its generic words and adjectival ending."""
    words = [w for w in fold(name).split() if w not in REGION_WORDS and w != "the"]
    if not words:
        return ""
    stem = ADJECTIVE_ENDING.sub("", words[-1])
    words[-1] = stem if len(stem) >= MIN_STEM else words[-1]
    return translit_key(" ".join(words))


def has_region_word(name: str) -> bool:
    """True if ``name`` carries a generic region word ("Perm Krai")."""
    return any(w in REGION_WORDS for w in fold(name).split())
