"""The story's sentences, the claims each one carries and who backs them."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from newsfuse.model import Article, Mention, Story
from newsfuse.reconcile.slots import group_index
from newsfuse.reconcile.text import SentenceSpan, split_sentences, tfidf_vectors


CORE_KINDS = frozenset({"quantity", "date", "quote", "event", "claim"})
SIMILARITY_BLOCK = 256  # sentences whose similarity rows are made in one product (256 x sentences floats)


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
    """Sentences of a story's articles, with claims located in them. Similarity is looked up
    through sparse TF-IDF rows and an index of each article's sentences, so no step compares
    every sentence with every other."""

    story: Story
    sentences: list[SentenceSpan]
    vectors: sparse.csr_matrix
    claims: dict[int, list[Claim]] = field(default_factory=dict)
    rows_of: dict[str, list[int]] = field(default_factory=dict)
    groups: dict[str, int] = field(default_factory=dict)
    support_of: dict[frozenset[str], int] = field(default_factory=dict)

    @classmethod
    def build(cls, story: Story, articles: dict[str, Article]) -> StoryText:
        sentences = [s for a in story.articles if a in articles for s in split_sentences(a, articles[a].body)]
        rows_of: dict[str, list[int]] = {}
        for index, sentence in enumerate(sentences):
            rows_of.setdefault(sentence.article, []).append(index)
        groups = {a: n for n, group in enumerate(story.provenance.independent_groups) for a in group}
        return cls(story, sentences, tfidf_vectors([s.text for s in sentences]), rows_of=rows_of, groups=groups)

    def group(self, article_id: str) -> int:
        found = self.groups.get(article_id)
        return found if found is not None else group_index(self.story.provenance, article_id)

    def support(self, article_ids) -> int:
        """Independent groups among the articles (remembered for the shared sets claims carry)."""
        if isinstance(article_ids, frozenset):
            if article_ids not in self.support_of:
                self.support_of[article_ids] = len({self.group(a) for a in article_ids})
            return self.support_of[article_ids]
        return len({self.group(a) for a in article_ids})

    def similar(self, i: int, j: int) -> float:
        """Cosine similarity of two sentences."""
        return float(self.vectors[i].multiply(self.vectors[j]).sum())

    def locate(self, mention: Mention) -> int | None:
        """The index of the sentence holding a mention (by offset, else by text)."""
        candidates = self.rows_of.get(mention.article, [])
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

    def similarity_rows(self, indices: list[int]) -> Iterator[tuple[int, np.ndarray]]:
        """Each sentence of ``indices`` with its similarity to every sentence, made by one sparse
        product per ``SIMILARITY_BLOCK`` of them (a product per sentence costs more in overhead)."""
        for start in range(0, len(indices), SIMILARITY_BLOCK):
            block = indices[start:start + SIMILARITY_BLOCK]
            yield from zip(block, (self.vectors[block] @ self.vectors.T).toarray())

    def best_match(self, index: int, article_id: str) -> float:
        """The highest similarity of sentence ``index`` to any sentence of ``article_id``."""
        rows = self.rows_of.get(article_id)
        if not rows:
            return 0.0
        return float((self.vectors[rows] @ self.vectors[index].T).max())

    def best_matches(self, index: int) -> dict[str, float]:
        """The highest similarity of sentence ``index`` to each article's sentences (one sparse product)."""
        similarities = (self.vectors @ self.vectors[index].T).toarray().ravel()
        articles = list(self.rows_of)
        position = {a: n for n, a in enumerate(articles)}
        best = np.zeros(len(articles))
        np.maximum.at(best, np.fromiter((position[s.article] for s in self.sentences), dtype=np.int64,
                                        count=len(self.sentences)), similarities)
        return dict(zip(articles, best.tolist()))

    def backers(self, index: int, min_similarity: float) -> set[str]:
        """Articles that state every core claim (amount, date, quotation) of a sentence and have a
        similar sentence (plus its own). Names alone do not make a claim."""
        own = self.sentences[index].article
        best = self.best_matches(index)
        return {a for a in self.claim_pool(index) if a == own or best.get(a, 0.0) >= min_similarity} | {own}

    def claim_pool(self, index: int) -> set[str]:
        """Articles that state every core claim of a sentence (an upper bound on its backers)."""
        pool = set(self.story.articles)
        for claim in self.claims.get(index, []):
            if claim.kind in CORE_KINDS:
                pool &= claim.supporters
        return pool
