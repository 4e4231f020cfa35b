"""What only one independent source reports: sentences whose salient facts (or
whose content words) no other independent group states."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newsfuse.config import ReconcileConfig
from newsfuse.model import BriefSentence, SingleSourceClaim
from newsfuse.reconcile.sentences import CORE_KINDS, StoryText
from newsfuse.reconcile.text import content_words, words

SALIENT_KINDS = frozenset({"quantity", "date", "place", "person", "organization", "event", "claim", "quote"})
FACT_WEIGHT = 2.0
QUOTE_WEIGHT = 1.0  # a quotation fragment weighs less than a place, person, date or amount
NOVEL_WORD_WEIGHT = 0.5
NOVEL_WORD_CAP = 6
MIN_NOVEL_WORDS = 4  # without a single-source fact, this many new words make a claim
MAX_OTHER_SIMILARITY = 0.5  # a sentence this close to another source's sentence is not theirs alone
MAX_SENTENCE_WORDS = 70
MIN_SENTENCE_WORDS = 6  # captions and credits are not claims
CORROBORATED_PENALTY = 1.5  # each corroborated amount, date or quotation makes a sentence less one source's
MIN_SCORE = 2.0
TWIN_SIMILARITY = 0.8  # a candidate this close to one already picked for its group adds nothing
TRUNCATED = ("...", "…")  # teaser lines cut off mid-sentence are not claims


@dataclass
class Candidate:
    index: int
    score: float


class GroupWords:
    """Which independent groups use each content word (and each lower-case word, for names)."""

    def __init__(self, text: StoryText):
        self.content: dict[str, set[int]] = {}
        self.plain: dict[str, set[int]] = {}
        for sentence in text.sentences:
            group = text.group(sentence.article)
            for word in content_words(sentence.text):
                self.content.setdefault(word, set()).add(group)
            for word in words(sentence.text):
                self.plain.setdefault(word, set()).add(group)

    def novel(self, sentence: str, group: int) -> set[str]:
        """Content words of a sentence that no other group uses."""
        return {w for w in content_words(sentence) if not self.content.get(w, set()) - {group} and not w.isdigit()}

    def named_elsewhere(self, name: str, group: int) -> bool:
        """Whether every word of a name is used by some other group."""
        name_words = words(name)
        return bool(name_words) and all(self.plain.get(w, set()) - {group} for w in name_words)


def _score(text: StoryText, index: int, vocabulary: GroupWords) -> float | None:
    """How much of a sentence is its group's own, or None when too little is (before the check
    that no other group says much the same)."""
    sentence = text.sentences[index]
    length = len(sentence.text.split())
    if sentence.text.rstrip().endswith(TRUNCATED) or not MIN_SENTENCE_WORDS <= length <= MAX_SENTENCE_WORDS:
        return None
    group = text.group(sentence.article)
    unique = {(c.ref, c.kind) for c in text.claims.get(index, [])
              if c.kind in SALIENT_KINDS and text.support(c.supporters) == 1
              and (c.kind in CORE_KINDS or not vocabulary.named_elsewhere(c.name, group))}
    unique_facts = {ref for ref, kind in unique if kind != "quote"}
    corroborated_core = {c.ref for c in text.claims.get(index, [])
                         if c.kind in CORE_KINDS and text.support(c.supporters) > 1}
    unique_quotes = len(unique) - len(unique_facts)
    novel = vocabulary.novel(sentence.text, group)
    if not (unique or len(novel) >= MIN_NOVEL_WORDS):
        return None  # nothing here is this group's own
    score = (FACT_WEIGHT * len(unique_facts) + QUOTE_WEIGHT * unique_quotes
             + NOVEL_WORD_WEIGHT * min(len(novel), NOVEL_WORD_CAP) - CORROBORATED_PENALTY * len(corroborated_core))
    return score if score >= MIN_SCORE else None


def single_source_claims(text: StoryText, config: ReconcileConfig) -> list[SingleSourceClaim]:
    """The most salient sentences each independent group alone reports, a few per group: not
    those another group says much the same as, nor a twin of one already picked."""
    vocabulary = GroupWords(text)
    scores = {index: score for index in range(len(text.sentences))
              if (score := _score(text, index, vocabulary)) is not None}
    groups = np.fromiter((text.group(s.article) for s in text.sentences), dtype=np.int64, count=len(text.sentences))
    per_group: dict[int, list[Candidate]] = {}
    for index, similarities in text.similarity_rows(list(scores)):
        group = int(groups[index])
        if similarities[groups != group].max(initial=0.0) >= MAX_OTHER_SIMILARITY:
            continue  # another group says much the same
        picked = per_group.setdefault(group, [])
        if not any(similarities[c.index] >= TWIN_SIMILARITY for c in picked):
            picked.append(Candidate(index, scores[index]))
    claims = []
    for group in sorted(per_group):
        best = sorted(per_group[group], key=lambda c: -c.score)[: config.single_source_per_group]
        for candidate in sorted(best, key=lambda c: c.index):
            sentence = text.sentences[candidate.index]
            claims.append(SingleSourceClaim(sentence.article, sentence.text))
    return claims


def single_source_section(text: StoryText, claims: list[SingleSourceClaim]) -> list[BriefSentence]:
    """The brief's "Only one source says" section, one cited sentence per claim."""
    section = []
    for claim in claims:
        backers = {a for a in text.story.articles if text.group(a) == text.group(claim.article)
                   and any(s.article == a and s.text == claim.text for s in text.sentences)}
        section.append(BriefSentence(claim.text, sorted(backers | {claim.article}), "single_source", 1,
                                     section="single_source"))
    return section
