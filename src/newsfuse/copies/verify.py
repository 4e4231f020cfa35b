"""Verification of one candidate pair: aligned narrative passages, containment, credits, dates.

Two independent reports of one event share names, numbers and often whole
direct quotations (every outlet quotes the same spokesman), and a rewrite of
a wire story keeps phrases and the odd sentence of it, but neither keeps the
other's narrative sentence by sentence. So passages of non-quoted narrative are
aligned (runs of consecutive shared shingles, none of whose words lie inside
quotation marks), and a sentence counts as kept when nearly all of its
narrative words lie in aligned passages (a light edit breaks a run for a word
or two; a paraphrase leaves fragments). A pair is linked only where kept
sentences make a fair share of both sides' narrative (versions, copies) or
most of one side's (an excerpt). A side that is mostly quotation is judged on
all its text, and then only near-identical texts whose few narrative words
also match are linked. A shared byline or wire agency lowers the bar, never
replaces it. Containment in both directions (all
shingles) then types the relation; an excerpt derives from the full text,
otherwise the later-dated article derives from the earlier.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from newsfuse.copies.shingles import distinct, shingle_hashes, tokenize
from newsfuse.model import Article, Relation, RelationType

MIN_RUN_SHINGLES = 3  # an aligned passage: at least this many consecutive shared shingles
KEPT_SENTENCE_SHARE = 0.8  # a sentence is kept when this share of its words lies in aligned passages
MIN_ALIGNED_TOKENS = 40  # fewer narrative words in kept sentences than this never links
BOTH_SIDES_SHARE = 0.35  # kept share of each side's narrative that links a pair (versions, copies)
ONE_SIDE_SHARE = 0.8  # ...or of one side's narrative alone (an excerpt is mostly its source's text)
CREDIT_FACTOR = 0.7  # both thresholds scale by this when both carry the same byline or wire agency
MIN_NARRATIVE_TOKENS = 40  # below this a side is mostly quotation: judge on all of its text...
QUOTED_TEXT_SHARE = 0.8  # ...and link only when both sides are mostly the same text
NARRATIVE_WORD_OVERLAP = 0.6  # ...and their few narrative words are mostly the same words
DUPLICATE_CONTAINMENT = 0.97  # both sides at least this contained: the same words (near-identical)
COPY_CONTAINMENT = 0.8  # the smaller side at least this contained: a copy or an excerpt
EXCERPT_LONG_SIDE = 0.6  # ...and the larger side less than this contained: an excerpt


@dataclass
class Profile:
    """What verification needs of one article, computed once."""

    shingles: np.ndarray  # shingle hash per position, in text order
    narrative: np.ndarray  # bool per position: no word of the shingle is quoted
    unique: np.ndarray  # the distinct shingle hashes
    narrative_words: np.ndarray  # distinct hashes of the words outside quotation marks
    narrative_tokens: int
    tokens: int
    quoted: np.ndarray  # bool per token: inside quotation marks
    sentence: np.ndarray  # sentence index per token


def profile(article: Article, size: int) -> Profile:
    tokens = tokenize(article.body)
    shingles = shingle_hashes(tokens.hashes, size)
    if tokens.hashes.size >= size:
        windows = np.lib.stride_tricks.sliding_window_view(tokens.quoted, size)
        narrative = ~windows.any(axis=1)
    else:
        narrative = np.full(shingles.size, not tokens.quoted.any())
    return Profile(shingles, narrative, distinct(shingles), distinct(tokens.hashes[~tokens.quoted]),
                   int((~tokens.quoted).sum()), int(tokens.hashes.size), tokens.quoted, tokens.sentence)


@dataclass
class PairEvidence:
    """Measurements on one pair; ``left``/``right`` in the order compared."""

    contained_left: float  # share of left's shingles found in right
    contained_right: float
    aligned_left: int  # narrative words of left inside aligned passages
    aligned_right: int
    share_left: float  # share of left's narrative words in kept sentences
    share_right: float
    kept_left: int = 0  # narrative words of left in kept sentences
    kept_right: int = 0
    shared_credit: list[str] = field(default_factory=list)
    on_all_text: bool = False  # judged on all text, quotations included (a side is mostly quotation)
    narrative_overlap: float = 1.0  # shared narrative words over the smaller side's (when on_all_text)

    @property
    def aligned_share(self) -> float:
        return max(self.share_left, self.share_right)

    @property
    def aligned_tokens(self) -> int:
        return max(self.aligned_left, self.aligned_right)

    @property
    def kept_tokens(self) -> int:
        return max(self.kept_left, self.kept_right)


def _aligned_mask(side: Profile, shared: np.ndarray, use_all: bool, size: int) -> np.ndarray:
    """Per token of ``side``: inside a run of at least MIN_RUN_SHINGLES consecutive shared shingles."""
    covered = np.zeros(side.tokens, dtype=bool)
    hits = np.isin(side.shingles, shared)
    if not use_all:
        hits &= side.narrative
    if not hits.any() or side.tokens < size:
        return covered
    edges = np.diff(np.concatenate(([0], hits.astype(np.int8), [0])))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    long_runs = ends - starts >= MIN_RUN_SHINGLES
    delta = np.zeros(side.tokens + 1, dtype=np.int64)
    np.add.at(delta, starts[long_runs], 1)
    np.add.at(delta, ends[long_runs] + size - 1, -1)
    return np.cumsum(delta[:-1]) > 0


def _kept_tokens(side: Profile, covered: np.ndarray, use_all: bool) -> int:
    """Counted words of ``side`` in sentences whose counted words are nearly all ``covered``."""
    counted = np.ones(side.tokens, dtype=bool) if use_all else ~side.quoted
    if not counted.any():
        return 0
    words = np.bincount(side.sentence[counted])
    aligned = np.bincount(side.sentence[counted & covered], minlength=words.size)
    kept = (words > 0) & (aligned >= KEPT_SENTENCE_SHARE * words)
    return int(words[kept].sum())


def compare(left: Profile, right: Profile, size: int, shared_credit: list[str]) -> PairEvidence:
    shared_all = np.intersect1d(left.unique, right.unique, assume_unique=True)
    use_all = min(left.narrative_tokens, right.narrative_tokens) < MIN_NARRATIVE_TOKENS
    if use_all:
        shared = shared_all
    else:
        shared = np.intersect1d(distinct(left.shingles[left.narrative]), distinct(right.shingles[right.narrative]),
                                assume_unique=True)
    covered_left = _aligned_mask(left, shared, use_all, size)
    covered_right = _aligned_mask(right, shared, use_all, size)
    kept_left = _kept_tokens(left, covered_left, use_all)
    kept_right = _kept_tokens(right, covered_right, use_all)
    base_left = left.tokens if use_all else left.narrative_tokens
    base_right = right.tokens if use_all else right.narrative_tokens
    return PairEvidence(
        contained_left=shared_all.size / max(left.unique.size, 1),
        contained_right=shared_all.size / max(right.unique.size, 1),
        aligned_left=int(covered_left.sum()), aligned_right=int(covered_right.sum()),
        share_left=min(kept_left / max(base_left, 1), 1.0),
        share_right=min(kept_right / max(base_right, 1), 1.0),
        kept_left=kept_left, kept_right=kept_right,
        shared_credit=shared_credit, on_all_text=use_all,
        narrative_overlap=_word_overlap(left.narrative_words, right.narrative_words),
    )


def _word_overlap(left: np.ndarray, right: np.ndarray) -> float:
    smaller = min(left.size, right.size)
    if smaller == 0:
        return 1.0 if left.size == right.size else 0.0
    return np.intersect1d(left, right, assume_unique=True).size / smaller


def shared_credits(left: Article, right: Article) -> list[str]:
    """Bylines and dateline agencies both articles carry."""
    names = {name.casefold() for name in left.byline} & {name.casefold() for name in right.byline}
    credits = [f"byline {name}" for name in sorted(names)]
    left_agency = left.dateline.agency if left.dateline else None
    right_agency = right.dateline.agency if right.dateline else None
    if left_agency and right_agency and left_agency.casefold() == right_agency.casefold():
        credits.append(f"agency {left_agency}")
    return credits


def is_linked(evidence: PairEvidence) -> bool:
    """Same origin: enough narrative kept sentence by sentence (see the module docstring)."""
    factor = CREDIT_FACTOR if evidence.shared_credit else 1.0
    if evidence.kept_tokens < MIN_ALIGNED_TOKENS:
        return False
    low, high = sorted((evidence.share_left, evidence.share_right))
    if evidence.on_all_text:
        return low >= QUOTED_TEXT_SHARE and evidence.narrative_overlap >= NARRATIVE_WORD_OVERLAP
    return low >= BOTH_SIDES_SHARE * factor or high >= ONE_SIDE_SHARE * factor


def relation_type(evidence: PairEvidence) -> RelationType:
    """duplicate, copy, excerpt or version, from containment in both directions."""
    low = min(evidence.contained_left, evidence.contained_right)
    high = max(evidence.contained_left, evidence.contained_right)
    if low >= DUPLICATE_CONTAINMENT:
        return "duplicate"
    if high >= COPY_CONTAINMENT:
        return "excerpt" if low < EXCERPT_LONG_SIDE else "copy"
    return "version"


def article_date(article: Article) -> str | None:
    return article.reference_date or article.published


def build_relation(left: Article, right: Article, evidence: PairEvidence) -> Relation:
    """The typed, and where the evidence shows it directed, relation of a linked pair."""
    kind = relation_type(evidence)
    notes = [
        f"kept narrative sentences {evidence.aligned_share:.2f} ({evidence.kept_tokens} words)",
        f"containment {evidence.contained_left:.2f}/{evidence.contained_right:.2f}",
        *evidence.shared_credit,
    ]
    source, target, directed = left, right, False
    left_date, right_date = article_date(left), article_date(right)
    if kind == "excerpt":
        directed = True
        if evidence.contained_right > evidence.contained_left:
            source, target = right, left
        notes.append(f"{source.id} is the truncated side")
    elif left_date and right_date and left_date != right_date:
        directed = True
        if left_date < right_date:
            source, target = right, left
        notes.append(f"{source.id} dated {article_date(source)}, after {article_date(target)}")
    score = max(evidence.aligned_share, min(evidence.contained_left, evidence.contained_right))
    return Relation(source.id, target.id, kind, score=score, directed=directed, evidence=notes)
