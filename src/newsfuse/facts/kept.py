"""Finder results kept with an article's parse, reused when its story is derived again.

An article's finds (``ArticleFinds``) are the mentions of the finders that read only its own
parse (people, areas, quantities, quotes), and its places and dates with the story context they
were found in: the countries its story names (``countries_named``; none where no place name fell
back on them, as for an article that names countries itself) and its reference date. When
the story is derived again, the context-free mentions are read back, and places or dates too
while their context is unchanged; the rest is found again. The story-level passes
(``link_people``, ``link_speakers``) always run again, on mentions freshly read back.

``finds_key`` names them by the article, its ``parse_key`` and ``finder_fingerprint``: a hash of
every file of the ``newsfuse.facts`` package (code and data), the data classes, and the versions
of the libraries the finders call, so that a changed finder never serves stale finds.
"""
from __future__ import annotations

import hashlib
import io
import pickle
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from newsfuse.facts.nlp import model_name, parse_key
from newsfuse.facts.reference import Reference
from newsfuse.model import FactMention, QuoteMention

FACTS_PACKAGE = Path(__file__).resolve().parent
DATA_CLASSES = FACTS_PACKAGE.parent / "model.py"
LIBRARIES = ("newsfuse", "anyascii", "rapidfuzz", "numpy")  # spaCy and the model are in ``model_name``
READABLE = {("newsfuse.model", "FactMention"), ("newsfuse.model", "Mention"), ("newsfuse.model", "QuoteMention"),
            ("datetime", "date"), ("datetime", "datetime"), ("datetime", "timedelta")}

PlacesContext = tuple[str, ...] | None  # None: the places did not read the story's countries
DatesContext = tuple[str, str, str] | None


@dataclass
class ArticleFinds:
    """What the finders found in one article, in ``story_facts``'s order, with the story context
    that places and dates were found in."""

    places_context: PlacesContext
    places: list[FactMention]
    own: list[FactMention]  # the ``FINDERS``' mentions, in their order
    dates_context: DatesContext
    dates: list[FactMention]
    quotes: list[QuoteMention]


@lru_cache(maxsize=1)
def finder_fingerprint() -> str:
    """A hash of what the finders' results depend on besides the parse (computed once a process)."""
    digest = hashlib.sha256(model_name().encode())
    for library in LIBRARIES:
        digest.update(f"\n{library} {version(library)}".encode())
    files = sorted(p for p in FACTS_PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in [*files, DATA_CLASSES]:
        digest.update(f"\n{path.relative_to(FACTS_PACKAGE.parent)}\n".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def finds_key(article_id: str, text: str) -> str:
    """The name of an article's finds: its id (mentions name it), its parse and the finders."""
    return hashlib.sha256(f"{finder_fingerprint()}\n{article_id}\n{parse_key(text)}".encode()).hexdigest()


def places_context(story_countries: Counter) -> PlacesContext:
    """Which countries the story names (how often does not matter: the place finder asks only whether
    a country is among them)."""
    return tuple(sorted(country for country, count in story_countries.items() if count > 0))


def dates_context(reference: Reference | None) -> DatesContext:
    return None if reference is None else (reference.date.isoformat(), reference.source, reference.note)


def finds_bytes(finds: ArticleFinds) -> bytes:
    """Compressed, before any story-level pass changes the mentions."""
    return zlib.compress(pickle.dumps((finds.places_context, finds.places, finds.own, finds.dates_context,
                                       finds.dates, finds.quotes), protocol=pickle.HIGHEST_PROTOCOL))


def finds_from_bytes(data: bytes) -> ArticleFinds:
    """New mention objects each time (never shared between stories); only the data classes load."""
    return ArticleFinds(*_MentionsOnly(io.BytesIO(zlib.decompress(data))).load())


class _MentionsOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in READABLE:
            raise pickle.UnpicklingError(f"kept finds hold {module}.{name}, not a mention")
        return super().find_class(module, name)
