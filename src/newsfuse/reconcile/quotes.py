"""The quote ledger: one quotation across outlets, its variants, word-level
differences and speakers, and the conflicts they show.

Rule for wording (documented in docs and tests): word differences between two
renderings of one quotation are compared after lower-casing and stripping
punctuation. Inserted or deleted function words, inflections (same stem) and
near-identical spellings (rapidfuzz ratio >= ``key_word_similarity``, e.g.
munitions/ammunition) are *variants*. A content word replaced by a dissimilar
one is a *changed key word*; it is a ``quote_wording`` conflict when the rest
of the quotation is near-verbatim (at most ``paraphrase_changes`` such
substitutions). A rendering with more substitutions is a paraphrase or a
translation: it is shown with its differences but not called a contradiction,
since word-level comparison says nothing there.
"""
from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from newsfuse.config import ReconcileConfig
from newsfuse.model import Conflict, ConflictSide, Provenance, Quote, QuoteMention, QuoteVariant
from newsfuse.reconcile.evidence import evidence_of
from newsfuse.reconcile.slots import group_lookup
from newsfuse.reconcile.text import STOPWORDS, content_words, stem, words


HYPHENS = re.compile(r"[-‐-―]")
WHOLE_HOUR = re.compile(r"\b(\d{1,2}):00\b")  # "6:00 p.m." renders "6 p.m."
MIN_VERBATIM = 0.75  # token-sequence similarity of near-verbatim renderings (same words, same order)
MIN_GLUED = 3  # a word at least this long that begins another is the same word with text glued on
ATTRIBUTION_SUPPORT = 2  # independent sources each side needs before a speaker is called disputed
# (least overlap, least shared content words, confidence) for wording, then for attribution conflicts
CONFIDENCE_STEPS = ([(0.8, 6, 0.8), (0.7, 4, 0.6)], [(0.9, 6, 0.7)])
UNSURE_QUOTE = 0.3


@dataclass
class QuoteCluster:
    """Renderings of one quotation across articles."""

    members: list[QuoteMention] = field(default_factory=list)
    wordings: dict[str, str] = field(default_factory=dict)  # each distinct normalised wording, as first written

    @property
    def articles(self) -> set[str]:
        return {m.mention.article for m in self.members}

    def canonical(self) -> QuoteMention:
        """The rendering most articles share; the longest among equals."""
        counts = Counter(_normalised(m.text) for m in self.members)
        return max(self.members, key=lambda m: (counts[_normalised(m.text)], len(m.text)))


def _normalised(text: str) -> str:
    return " ".join(words(text))


def quote_overlap(a: str, b: str) -> tuple[float, int]:
    """(share of the shorter quote's content words found in the other, shared count)."""
    wa, wb = set(content_words(a)), set(content_words(b))
    if not wa or not wb:
        return 0.0, 0
    shared = len(wa & wb)
    return shared / min(len(wa), len(wb)), shared


def cluster_quotes(quotes: list[QuoteMention], config: ReconcileConfig) -> list[QuoteCluster]:
    """Each quote joins the best-matching cluster (longest quotes first), else starts one; a
    wording seen before joins its cluster at once, and clusters are compared by their distinct
    wordings, so repeated quotations cost no more comparisons."""
    clusters: list[QuoteCluster] = []
    cluster_of: dict[str, QuoteCluster] = {}
    for quote in sorted(quotes, key=lambda q: -len(q.text)):
        wording = _normalised(quote.text)
        best = cluster_of.get(wording)
        best_score = 0.0
        for cluster in (clusters if best is None else []):
            score = max(_match_score(quote.text, text, config) for text in cluster.wordings.values())
            if score > best_score:
                best, best_score = cluster, score
        if best is None:
            best = QuoteCluster()
            clusters.append(best)
        best.members.append(quote)
        best.wordings.setdefault(wording, quote.text)
        cluster_of[wording] = best
    return clusters


def _match_score(a: str, b: str, config: ReconcileConfig) -> float:
    overlap, shared = quote_overlap(a, b)
    if shared >= config.quote_min_shared and overlap >= config.quote_overlap:
        return overlap + fuzz.partial_ratio(_normalised(a), _normalised(b)) / 1000
    return 0.0


def word_diff(reference: str, variant: str) -> list[tuple[str, str]]:
    """Word-level difference: ('equal'|'delete'|'insert', words) runs from ``reference`` to ``variant``."""
    a, b = reference.split(), variant.split()
    key = [_bare(w) for w in a], [_bare(w) for w in b]
    runs: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, *key, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append(("equal", " ".join(b[j1:j2])))
            continue
        if i2 > i1:
            runs.append(("delete", " ".join(a[i1:i2])))
        if j2 > j1:
            runs.append(("insert", " ".join(b[j1:j2])))
    return runs


def _bare(word: str) -> str:
    return "".join(c for c in word.lower().replace("’", "'") if c.isalnum() or c == "'")


def diff_text(runs: list[tuple[str, str]]) -> str:
    """A plain rendering of a word diff: [-removed-] {+added+}."""
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return " ".join(marks[tag].format(text) for tag, text in runs)


def _key_tokens(text: str) -> list[str]:
    """Bare lower-case words, hyphenated compounds split (surface-to-air = surface to air)."""
    return [t for t in (_bare(w) for w in HYPHENS.sub(" ", WHOLE_HOUR.sub(r"\1", text)).split()) if t]


def _alike(word: str, other: str, config: ReconcileConfig) -> bool:
    short, long = sorted((word, other), key=len)
    glued = len(short) >= MIN_GLUED and long.startswith(short)  # "nypd/kkk/how" read as one word
    return glued or stem(word) == stem(other) or fuzz.ratio(word, other) >= config.key_word_similarity


def wording_changes(reference: str, variant: str, config: ReconcileConfig) -> tuple[list[tuple[str, str]], int]:
    """(content words replaced by dissimilar ones as (old, new), number of content words edited in all)."""
    a, b = _key_tokens(reference), _key_tokens(variant)
    changes, edits = [], 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        old = [w for w in a[i1:i2] if w not in STOPWORDS]
        new = [w for w in b[j1:j2] if w not in STOPWORDS]
        unmatched_old = [w for w in old if not any(_alike(w, n, config) for n in new)]
        unmatched_new = [n for n in new if not any(_alike(w, n, config) for w in old)]
        edits += len(unmatched_old) + len(unmatched_new)
        if tag == "replace":
            changes.extend(zip(unmatched_old, unmatched_new))
    return changes, edits


def changed_key_words(reference: str, variant: str, config: ReconcileConfig) -> list[tuple[str, str]]:
    """Key words swapped in an otherwise near-verbatim rendering; none for a paraphrase.

    A swap counts when at most ``paraphrase_changes`` content words are replaced and
    the content words edited in all are no more than twice that."""
    changes, edits = wording_changes(reference, variant, config)
    if not changes or len(changes) > config.paraphrase_changes or edits > 2 * config.paraphrase_changes:
        return []
    return changes


def _speaker_name(quote: QuoteMention) -> str:
    return quote.speaker_key or (quote.speaker or "")


def same_speaker(a: str, b: str) -> bool:
    """Speakers match when one name's words contain the other's (Smith / Jane Smith)."""
    wa, wb = set(words(a.split(":")[-1])), set(words(b.split(":")[-1]))
    return bool(wa and wb) and (wa <= wb or wb <= wa)


RawConflict = tuple[str, str, list[tuple[str, list[QuoteMention]]]]  # type, explanation, sides


def build_ledger(quotes: list[QuoteMention], provenance: Provenance,
                 config: ReconcileConfig) -> tuple[list[Quote], list[tuple[str, RawConflict]]]:
    """Quotes with variants, and (quote id, raw conflict) pairs."""
    ledger, conflicts = [], []
    for number, cluster in enumerate(cluster_quotes(quotes, config), start=1):
        canonical = cluster.canonical()
        variants = []
        for member in cluster.members:
            runs = word_diff(canonical.text, member.text)
            variants.append(QuoteVariant(member.mention.article, member.text,
                                         "" if member is canonical else diff_text(runs)))
        speakers = Counter(m.speaker for m in cluster.members if m.speaker)
        ledger.append(Quote(f"Q{number}", speakers.most_common(1)[0][0] if speakers else None, canonical.text,
                            [m.mention for m in cluster.members],
                            provenance_support(provenance, cluster.articles), variants))
        conflicts.extend((ledger[-1].id, raw) for raw in _quote_conflicts(ledger[-1], cluster, canonical,
                                                                          provenance, config))
    return ledger, conflicts


def provenance_support(provenance: Provenance, articles: set[str]) -> int:
    group_of = group_lookup(provenance)
    return len({group_of(a) for a in articles})


def aligned_reference(reference: str, variant: str) -> str:
    """The stretch of ``reference`` that ``variant`` renders (a partial quote covers only part of it)."""
    a, b = reference.split(), variant.split()
    blocks = [m for m in difflib.SequenceMatcher(None, [_bare(w) for w in a], [_bare(w) for w in b],
                                                 autojunk=False).get_matching_blocks() if m.size]
    if not blocks:
        return reference
    start = max(0, blocks[0].a - blocks[0].b)
    end = min(len(a), blocks[-1].a + blocks[-1].size + (len(b) - blocks[-1].b - blocks[-1].size))
    return " ".join(a[start:end])


def _changes_against(member: QuoteMention, references: list[QuoteMention],
                     config: ReconcileConfig) -> list[tuple[str, str]]:
    """Key-word changes of ``member`` against the reference rendering it overlaps most."""
    best = max(references, key=lambda r: quote_overlap(r.text, member.text))
    return changed_key_words(aligned_reference(best.text, member.text), member.text, config)


def _quote_conflicts(quote: Quote, cluster: QuoteCluster, canonical: QuoteMention, provenance: Provenance,
                     config: ReconcileConfig):
    found = []
    group_of = group_lookup(provenance)
    reference_group = group_of(canonical.mention.article)
    references = list({_normalised(m.text): m for m in cluster.members
                       if group_of(m.mention.article) == reference_group}.values())
    reworded: dict[str, list[QuoteMention]] = {}
    replaced: set[str] = set()
    changes_of: dict[str, list[tuple[str, str]]] = {}
    for member in cluster.members:
        if group_of(member.mention.article) == reference_group:
            continue
        wording = _normalised(member.text)
        if wording not in changes_of:
            changes_of[wording] = _changes_against(member, references, config)
        changes = changes_of[wording]
        if changes:
            reworded.setdefault(", ".join(new or f"(no '{old}')" for old, new in changes), []).append(member)
            replaced.update(old for old, _ in changes)
    if reworded:
        old_label = ", ".join(sorted(replaced))
        keeping = [m for m in cluster.members if not any(m in v for v in reworded.values())
                   and replaced & {_bare(w) for w in m.text.split()}]
        sides = [(old_label, keeping)] + list(reworded.items())
        found.append(("quote_wording", f"{quote.id}: the same quotation carries a different key word ("
                      + "; ".join(f"'{old_label}' becomes '{label}'" for label in reworded)
                      + "); other differences are function words, inflections or near-identical spellings", sides))
    found.extend(_attribution_conflicts(quote, cluster))
    return found


def _attribution_conflicts(quote: Quote, cluster: QuoteCluster):
    named = [m for m in cluster.members if _speaker_name(m)]
    if not named or all(same_speaker(_speaker_name(named[0]), _speaker_name(m)) for m in named):
        return []
    by_speaker: dict[str, list[QuoteMention]] = {}
    for member in named:
        name = member.speaker or _speaker_name(member)
        label = next((s for s in by_speaker if same_speaker(s, name)), name)
        by_speaker.setdefault(label, []).append(member)
    return [("attribution", f"{quote.id}: the same quotation is attributed to different speakers",
             list(by_speaker.items()))]


def quote_confidence(kind: str, sides: list[tuple[str, list[QuoteMention]]]) -> float:
    """How sure it is that the sides render one quotation, from the least content-word overlap
    between renderings of different sides: a changed word counts only inside a near-verbatim
    rendering, and a different speaker only for the same words (a speaker may say much the same
    as another)."""
    renderings = [[m.text for m in members] for _, members in sides if members]
    pairs = [max((quote_overlap(a, b) for a in first for b in second), default=(0.0, 0))
             for i, first in enumerate(renderings) for second in renderings[i + 1:]]
    if not pairs:
        return 0.0
    overlap, shared = min(pairs)
    if kind == "quote_wording" and _verbatim(renderings) < MIN_VERBATIM:
        return UNSURE_QUOTE  # reworded or reordered: a paraphrase, not one quotation with a word changed
    for needed_overlap, needed_words, confidence in CONFIDENCE_STEPS[kind == "attribution"]:
        if overlap >= needed_overlap and shared >= needed_words:
            return confidence
    return UNSURE_QUOTE


def _verbatim(renderings: list[list[str]]) -> float:
    """The least, over pairs of sides, of the best similarity of their renderings' content-word
    sequences (a partial quote against the stretch of the other that it renders)."""
    def similarity(a: str, b: str) -> float:
        short, long = sorted((a, b), key=len)
        return difflib.SequenceMatcher(None, content_words(aligned_reference(long, short)), content_words(short),
                                       autojunk=False).ratio()
    return min(max(similarity(a, b) for a in first for b in second)
               for i, first in enumerate(renderings) for second in renderings[i + 1:])


def _side_value(kind: str, label: str, members: list[QuoteMention]) -> str:
    """A wording side is the quotation as that side renders it (the commonest rendering); an
    attribution side is its speaker."""
    if kind != "quote_wording" or not members:
        return label
    return Counter(m.text.strip() for m in members).most_common(1)[0][0]


def to_conflict(number: int, quote: Quote, raw, provenance: Provenance) -> Conflict:
    """A quote conflict; an attribution is confident only where each speaker has
    ``ATTRIBUTION_SUPPORT`` independent sources (one outlet's speaker may be a misreading)."""
    kind, explanation, sides = raw
    conflict_sides = [ConflictSide(_side_value(kind, label, members), sorted({m.mention.article for m in members}),
                                   provenance_support(provenance, {m.mention.article for m in members}))
                      for label, members in sides]
    confidence = quote_confidence(kind, sides)
    if kind == "attribution" and any(side.independent_support < ATTRIBUTION_SUPPORT for side in conflict_sides):
        confidence = min(confidence, UNSURE_QUOTE)
    return Conflict(f"C{number}", kind, f"quotation {quote.id}: \u201c{quote.text}\u201d",
                            conflict_sides, explanation, confidence=confidence,
                            evidence=evidence_of([(side.value, [m.mention for m in members])
                                                  for side, (_, members) in zip(conflict_sides, sides)]))
