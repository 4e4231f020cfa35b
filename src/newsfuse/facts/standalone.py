"""Facts of documents that stand alone (``newsfuse facts``): no stories, no cross-article links.

A JSONL row's ``text`` is a clean article: it is not extracted, its paragraphs are split on
blank lines and its ``published`` date is the reference for relative dates. Other inputs are
extracted first; their text is the body joined by blank lines and their reference is the one
the pipeline gives a one-article story (dateline, else published). Offsets index into that text
exactly: ``text[start:end] == mention text`` for every fact and quote.

Each finder runs on its own for each document: a finder that fails on one document loses only
its own mentions of that document, which is reported once (``DocumentFacts.errors``); every
other finder and document goes on.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from newsfuse.config import Config
from newsfuse.extract import NoArticleError, extract_document
from newsfuse.facts.dates import find_dates
from newsfuse.facts.landmarks import find_areas
from newsfuse.facts.nlp import load_nlp
from newsfuse.facts.people import find_people, link_people
from newsfuse.facts.places import countries_named, find_places
from newsfuse.facts.quantities import find_quantities
from newsfuse.facts.quotes import find_quotes, link_speakers
from newsfuse.facts.reference import Reference, parse_iso, story_references
from newsfuse.model import Article, FactMention, InputError, QuoteMention
from newsfuse.read import read_inputs

FACT_KINDS = frozenset({"person", "organization", "place", "quantity", "date"})
ALL_KINDS = FACT_KINDS | {"quote"}
BATCH_SIZE = 32
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
OFFSET_SLACK = 8  # characters a finder's start may be off from its (stripped) mention text


@dataclass
class FactsInput:
    """One document to read facts from, with the date its relative dates are read against."""

    article: Article
    reference: Reference | None


@dataclass
class DocumentFacts:
    """Fact and quote mentions of one document; ``errors`` names the finders that failed on it."""

    id: str
    source: str
    text: str
    facts: list[FactMention] = field(default_factory=list)
    quotes: list[QuoteMention] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON form (plus ``key``/``context`` of each mention and ``error``)."""
        facts = [fact_dict(f, span) for f in self.facts if (span := exact_span(self.text, f.mention.text, f.mention.start))]
        quotes = [quote_dict(q, span) for q in self.quotes if (span := exact_span(self.text, q.text, q.mention.start))]
        row: dict[str, Any] = {"id": self.id, "facts": sorted(facts, key=lambda f: (f["start"], f["end"])),
                               "quotes": sorted(quotes, key=lambda q: q["start"])}
        if self.errors:
            row["error"] = "; ".join(self.errors)
        return row

    def input_error(self) -> InputError | None:
        """One line naming the document, if any finder failed on it."""
        return InputError(self.source, f"{self.id}: {'; '.join(self.errors)}") if self.errors else None


def fact_dict(fact: FactMention, span: tuple[int, int]) -> dict[str, Any]:
    return {"kind": fact.kind, "value": contract_value(fact), "text": fact.mention.text, "start": span[0],
            "end": span[1], "key": fact.key, "context": fact.context}


def contract_value(fact: FactMention) -> dict[str, Any]:
    """The value in the contract's form: a date with its granularity and part, a range with its ends."""
    context, extra = fact.context, {}
    if fact.kind == "date":
        extra = {"granularity": context.get("granularity"), "part": context.get("part") or None}
    elif fact.kind == "quantity" and context.get("range"):
        extra = {"low": context["range"]["low"], "high": context["range"]["high"]}
    return fact.value | {key: value for key, value in extra.items() if key not in fact.value}


def quote_dict(quote: QuoteMention, span: tuple[int, int]) -> dict[str, Any]:
    return {"text": quote.text, "speaker": quote.speaker, "start": span[0], "end": span[1],
            "speaker_key": quote.speaker_key, "context": quote.context}


def exact_span(text: str, surface: str, start: int) -> tuple[int, int] | None:
    """Where ``surface`` stands in ``text`` at (or within a few characters of) ``start``."""
    if not surface:
        return None
    if start >= 0 and text.startswith(surface, start):
        return start, start + len(surface)
    found = text.find(surface, max(0, start - OFFSET_SLACK), max(0, start) + len(surface) + OFFSET_SLACK)
    return (found, found + len(surface)) if found >= 0 else None


def clean_input(doc_id: str, text: str, published: str | None = None, title: str | None = None,
                source: str = "") -> FactsInput:
    """A clean article (a JSONL row's ``text``): no extraction, ``published`` is the reference."""
    article = Article(id=doc_id, source=source or doc_id, title=title, published=published, body=text.split("\n\n"))
    day = parse_iso(published)
    return FactsInput(article, Reference(day, "published") if day else story_references([article])[0][doc_id])


def extracted_input(article: Article) -> FactsInput:
    """An extracted article, with the reference a one-article story gives it."""
    return FactsInput(article, story_references([article])[0][article.id])


def input_files(raw: str | Path) -> Iterator[Path]:
    """``raw`` itself, or the files of a folder in name order (hidden names passed over, as the read
    stage does); each file is then read by the read stage, which reports what it cannot read."""
    path = Path(raw)
    if not path.is_dir():
        yield path
        return
    for folder, subfolders, names in os.walk(path):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        yield from (Path(folder) / name for name in sorted(names) if not name.startswith("."))


def read_facts_inputs(paths: Iterable[str | Path], config: Config,
                      on_error: Callable[[InputError], None]) -> Iterator[FactsInput]:
    """Every document under ``paths``: JSONL text rows as clean articles, the rest extracted."""
    for raw in paths:
        for file in input_files(raw):
            clean = file.name.lower().endswith(JSONL_SUFFIXES)
            for item in read_inputs([file], config.read):
                if isinstance(item, InputError):
                    on_error(item)
                elif clean and item.kind == "text":
                    yield clean_input(item.id, item.content, item.published, item.title, item.source)
                else:
                    try:
                        yield extracted_input(extract_document(item, config.extract))
                    except NoArticleError as error:
                        on_error(InputError(item.source, str(error)))
                    except Exception as error:  # noqa: BLE001 - one document's failure never stops the batch
                        on_error(InputError(item.source, f"extraction failed ({error!r})"))


def parsed(items: Iterable[FactsInput], batch_size: int = BATCH_SIZE) -> Iterator[tuple[FactsInput, Doc | str]]:
    """Each input with its spaCy parse, in batches; a document that cannot be parsed comes with
    the reason instead."""
    nlp = load_nlp()
    iterator = iter(items)
    while batch := list(islice(iterator, batch_size)):
        texts = [item.article.text for item in batch]
        try:
            docs: list[Doc | str] = list(nlp.pipe(texts, batch_size=batch_size))
        except Exception:  # noqa: BLE001 - parse one by one to find the document at fault
            docs = [parse_one(nlp, text) for text in texts]
        yield from zip(batch, docs)


def parse_one(nlp, text: str) -> Doc | str:
    try:
        return nlp(text)
    except Exception as error:  # noqa: BLE001 - reported for this document only
        return f"parsing failed ({error!r})"


Step = Callable[[str, Doc, "Reference | None"], list]
FACT_STEPS: tuple[tuple[str, frozenset[str], Step], ...] = (
    ("places", frozenset({"place"}), lambda doc_id, doc, _: find_places(doc_id, doc, countries_named([doc]))),
    ("areas", frozenset({"place"}), lambda doc_id, doc, _: find_areas(doc_id, doc)),
    ("people", frozenset({"person", "organization", "quote"}), lambda doc_id, doc, _: find_people(doc_id, doc)),
    ("quantities", frozenset({"quantity"}), lambda doc_id, doc, _: find_quantities(doc_id, doc)),
    ("dates", frozenset({"date"}), find_dates),
)


def find_in_doc(item: FactsInput, doc: Doc, kinds: frozenset[str] = ALL_KINDS) -> DocumentFacts:
    """The mentions of ``kinds`` in one parsed document; a failing finder loses only its own."""
    article = item.article
    found = DocumentFacts(article.id, article.source, article.text)

    def attempt(name: str, step: Callable[[], Any], default: Any = None) -> Any:
        try:
            return step()
        except Exception as error:  # noqa: BLE001 - isolates one finder on one document
            found.errors.append(f"{name} failed ({error!r})")
            return default

    facts: list[FactMention] = []
    for name, needed_for, step in FACT_STEPS:
        if needed_for & kinds:
            facts += attempt(name, lambda: step(article.id, doc, item.reference), [])
    attempt("linking people", lambda: link_people(facts))
    if "quote" in kinds:
        found.quotes = attempt("quotes", lambda: find_quotes(article.id, doc), [])
        attempt("quote speakers", lambda: link_speakers(found.quotes, facts))
    found.facts = [fact for fact in facts if fact.kind in kinds]
    return found


def document_facts(items: Iterable[FactsInput], kinds: frozenset[str] = ALL_KINDS,
                   batch_size: int = BATCH_SIZE) -> Iterator[DocumentFacts]:
    """Facts and quotes of each document, in input order, parsed in batches."""
    for item, doc in parsed(items, batch_size):
        if isinstance(doc, str):
            article = item.article
            yield DocumentFacts(article.id, article.source, article.text, errors=[doc])
        else:
            yield find_in_doc(item, doc, kinds)
