"""The story's sentences, the claims each one carries and who backs them."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from newsfuse.model import Article, Mention, Story
from newsfuse.reconcile.slots import group_index
from newsfuse.reconcile.text import SentenceSpan, split_sentences, tfidf_similarity


CORE_KINDS = frozenset({"quantity", "date", "quote", "event", "claim"})


@dataclass(frozen=True)
class Claim:
    """A fact or quotation a sentence states, and the articles that state the same."""

    ref: str  # fact or quote id
    kind: str
    supporters: frozenset[str]
    disputed: bool = False
    name: str = ""  # the words that state it, for names: looked up in other sources' text


@dataclass
class StoryText:
    """Sentences of a story's articles, with claims located in them."""

    story: Story
    sentences: list[SentenceSpan]
    similarity: np.ndarray
    claims: dict[int, list[Claim]] = field(default_factory=dict)

    @classmethod
    def build(cls, story: Story, articles: dict[str, Article]) -> StoryText:
        sentences = [s for a in story.articles if a in articles for s in split_sentences(a, articles[a].body)]
        return cls(story, sentences, tfidf_similarity([s.text for s in sentences]))

    def group(self, article_id: str) -> int:
        return group_index(self.story.provenance, article_id)

    def support(self, article_ids) -> int:
        return len({self.group(a) for a in article_ids})

    def locate(self, mention: Mention) -> int | None:
        """The index of the sentence holding a mention (by offset, else by text)."""
        candidates = [i for i, s in enumerate(self.sentences) if s.article == mention.article]
        if mention.start >= 0:
            for i in candidates:
                if self.sentences[i].start <= mention.start < self.sentences[i].end:
                    return i
        for probe in (mention.sentence, mention.text):
            probe = (probe or "").strip()
            for i in candidates:
                if probe and (probe in self.sentences[i].text or self.sentences[i].text in probe):
                    return i
        return None

    def add_claim(self, mention: Mention, claim: Claim) -> None:
        index = self.locate(mention)
        if index is not None and claim not in self.claims.setdefault(index, []):
            self.claims[index].append(claim)

    def other_groups_text(self, group: int) -> str:
        """Lower-cased text of every sentence outside independent group ``group``."""
        return " ".join(s.text.lower() for s in self.sentences if self.group(s.article) != group)

    def best_match(self, index: int, article_id: str) -> float:
        """The highest similarity of sentence ``index`` to any sentence of ``article_id``."""
        scores = [self.similarity[index, j] for j, s in enumerate(self.sentences) if s.article == article_id]
        return max(scores, default=0.0)

    def backers(self, index: int, min_similarity: float) -> set[str]:
        """Articles that state every core claim (amount, date, quotation) of a sentence and have a
        similar sentence (plus its own). Names alone do not make a claim."""
        own = self.sentences[index].article
        pool = set(self.story.articles)
        for claim in self.claims.get(index, []):
            if claim.kind in CORE_KINDS:
                pool &= claim.supporters
        return {a for a in pool if a == own or self.best_match(index, a) >= min_similarity} | {own}
