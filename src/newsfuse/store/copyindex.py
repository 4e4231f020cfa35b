"""Copies of new articles, traced against every stored article through the store's index.

What ``copies.candidates`` keeps of a document in memory (one LSH band key per band and
the sampled shingles) is kept in the store (``copy_bands``, ``copy_samples``, keyed by the
article's ``seq``), so a new article is compared with the stored articles that share a band
key or enough sampled shingles, never with all of them. The same rules as in one batch:
a band bucket larger than ``max_bucket`` pairs only with its first (earliest) member, a
sampled shingle held that widely is boilerplate and ignored. Pairs are verified with
``copies.verify`` exactly as in one batch, the earlier-arrived article on the left.
Translations are sought among stored articles in another language within the stories
window of the new articles' dates (all of them for an undated new article). The new
articles' strongest clustering terms are indexed with them (``regions.term_rows``).
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from datetime import date as Date, timedelta

import numpy as np

from newsfuse.config import CopiesConfig, StoriesConfig
from newsfuse.copies.candidates import CandidateIndex, ChunkIndex, index_chunk
from newsfuse.copies.translation import MIN_PARAGRAPHS, encode_leads, lead_of, paragraphs_of, translation_relations
from newsfuse.copies.verify import build_relation, compare, is_linked, profile, shared_credits
from newsfuse.model import Article, Relation
from newsfuse.store.base import BaseStore
from newsfuse.store.regions import term_rows


def _text(article: Article) -> str:
    return "\n".join(article.body)


def index_rows(chunk: ChunkIndex, seqs: list[int]) -> tuple[list[tuple[int, int, int]], list[tuple[int, int]]]:
    """The store rows of an indexed chunk: (band, key, seq) and (hash, seq), as signed 64-bit integers."""
    keys = chunk.keys.view(np.int64)
    bands = [(band, int(keys[row, band]), seqs[row]) for row in range(keys.shape[0]) for band in range(keys.shape[1])]
    samples = sorted({(int(h), seqs[int(d)]) for h, d in zip(chunk.samples.view(np.int64), chunk.sample_documents)})
    return bands, samples


def unindex(store: BaseStore, articles: list[Article], seqs: dict[str, int], config: CopiesConfig,
            stories: StoriesConfig) -> None:
    """Remove stored articles' index rows and terms (computed again from their stored text) and relations."""
    if articles:
        store.remove_copy_index(*index_rows(index_chunk([_text(a) for a in articles], config), [seqs[a.id] for a in articles]))
        store.remove_terms(term_rows(articles, seqs, stories))
        store.remove_relations_of(a.id for a in articles)


def _stored_candidates(store: BaseStore, chunk: ChunkIndex, config: CopiesConfig) -> set[tuple[int, int]]:
    """(new document index, stored seq) pairs worth verifying."""
    pairs: set[tuple[int, int]] = set()
    keys = chunk.keys.view(np.int64)
    for band in range(keys.shape[1]):
        column = [int(k) for k in keys[:, band]]
        stored: dict[int, list[int]] = defaultdict(list)
        for key, seq in store.band_matches(band, column, most=config.max_bucket + 1):
            stored[key].append(seq)
        in_batch = Counter(column)
        for document, key in enumerate(column):
            members = stored.get(key)
            if not members:
                continue
            if len(members) + in_batch[key] > config.max_bucket:  # a star: the bucket's first member only
                members = [min(members)]
            pairs.update((document, seq) for seq in members)
    hashes = chunk.samples.view(np.int64)
    holders: dict[int, list[int]] = defaultdict(list)
    for value, seq in store.sample_matches((int(h) for h in np.unique(hashes)), most=config.max_bucket + 1):
        holders[value].append(seq)
    in_batch = Counter(int(h) for h in hashes)
    shared: Counter = Counter()
    for value, document in zip(hashes, chunk.sample_documents):
        members = holders.get(int(value))
        if members and len(members) + in_batch[int(value)] <= config.max_bucket:
            shared.update((int(document), seq) for seq in members)
    pairs.update(pair for pair, count in shared.items() if count >= config.min_shared_samples)
    return pairs


def _window(articles: list[Article], days: float) -> tuple[str | None, str | None]:
    """The span of the new articles' dates widened by ``days``; (None, None) where any is undated."""
    dates = [a.reference_date for a in articles]
    try:
        parsed = [Date.fromisoformat(d) for d in dates if d]
    except ValueError:
        return None, None
    if len(parsed) < len(dates) or not parsed:
        return None, None
    return (min(parsed) - timedelta(days=days)).isoformat(), (max(parsed) + timedelta(days=days)).isoformat()


def _translations(store: BaseStore, new: list[Article], config: CopiesConfig, window_days: float) -> list[Relation]:
    languages = {a.language for a in new}
    if not config.translation or (len(languages) < 2 and not store.has_other_language(languages)):
        return []
    first, last = _window(new, window_days)
    new_ids = {a.id for a in new}
    others: set[str] = set()
    for language in languages:
        others.update(store.ids_in_other_languages(language, first, last))
    stored = [a for a in store.load_articles(others - new_ids).values()]
    return translation_relations(stored + new, only_with=new_ids, lead_vectors=lambda leads: _stored_leads(store, leads))


def _lead_key(lead: str) -> str:
    return hashlib.sha1(lead.encode("utf-8")).hexdigest()


def _held_or_embedded(store: BaseStore, leads: dict[str, str]) -> tuple[dict[str, np.ndarray], int]:
    """Unit vectors of ``leads`` (by key): those the store holds read back, the others embedded and stored;
    and how many were embedded."""
    found = {key: np.frombuffer(vector, dtype=np.float32) for key, vector in store.lead_vectors(list(leads)).items()}
    missing = {key: lead for key, lead in leads.items() if key not in found}
    if missing:
        found.update(zip(missing, encode_leads(list(missing.values()))))
        store.add_lead_vectors({key: found[key].tobytes() for key in missing})
    return found, len(missing)


def _stored_leads(store: BaseStore, leads: list[str]) -> np.ndarray:
    """Unit vectors of ``leads``, each embedded once in the store's life, not on every ingest."""
    keys = [_lead_key(lead) for lead in leads]
    found, _ = _held_or_embedded(store, dict(zip(keys, leads)))
    return np.array([found[key] for key in keys])


def store_leads(store: BaseStore, articles: list[Article]) -> int:
    """Embed and keep the leads of ``articles`` that translation finding would compare and the store does
    not hold yet (the web app stores its articles' ahead of uploads); returns how many were embedded."""
    leads = {_lead_key(lead): lead for lead in
             (lead_of(paragraphs) for paragraphs in map(paragraphs_of, articles) if len(paragraphs) >= MIN_PARAGRAPHS)}
    return _held_or_embedded(store, leads)[1]


def trace_new(store: BaseStore, new: list[Article], seqs: dict[str, int], config: CopiesConfig,
              stories: StoriesConfig) -> list[Relation]:
    """Copy relations of ``new`` articles (in arrival order, not yet in the index) among themselves
    and with the stored ones; adds them to the index. Runs inside the caller's transaction."""
    if not new:
        return []
    chunk = index_chunk([_text(a) for a in new], config)
    within = CandidateIndex(config)
    within.append(chunk)
    across = _stored_candidates(store, chunk, config)
    stored = store.load_by_seq({seq for _, seq in across})
    profiles: dict[str, object] = {}

    def profile_of(article: Article):
        if article.id not in profiles:
            profiles[article.id] = profile(article, config.shingle_words)
        return profiles[article.id]

    relations = []
    pairs = [(stored[seq], new[document]) for document, seq in sorted(across, key=lambda p: (p[1], p[0]))
             if seq in stored]
    pairs += [(new[int(i)], new[int(j)]) for i, j in within.pairs()]
    for left, right in pairs:
        evidence = compare(profile_of(left), profile_of(right), config.shingle_words, shared_credits(left, right))
        if is_linked(evidence):
            relations.append(build_relation(left, right, evidence))
    related = {frozenset((r.source, r.target)) for r in relations}
    relations += [r for r in _translations(store, new, config, stories.window_days)
                  if frozenset((r.source, r.target)) not in related]
    store.add_copy_index(*index_rows(chunk, [seqs[a.id] for a in new]))
    store.add_terms(term_rows(new, seqs, stories))
    store.put_relations(relations)
    return relations
