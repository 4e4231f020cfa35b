"""Hand-made, fictional stories for reconciliation tests."""
from __future__ import annotations

import pytest

from newsfuse.model import Article, FactMention, Mention, Provenance, QuoteMention, Story


class StoryBuilder:
    """Articles (one paragraph per sentence) plus fact and quote mentions located in them."""

    def __init__(self, groups: list[list[str]]):
        ids = [a for g in groups for a in g]
        self.articles = {a: Article(id=a, source=f"{a}.txt", body=[]) for a in ids}
        self.story = Story(id="S1", articles=ids, headline="Fictional story",
                           provenance=Provenance(independent_groups=groups))

    def sentence(self, article: str, text: str) -> str:
        self.articles[article].body.append(text)
        return text

    def fact(self, article: str, sentence: str, surface: str, kind: str, value: dict, key: str = "",
             context: dict | None = None) -> None:
        offset = self.articles[article].text.find(sentence) + sentence.find(surface)
        self.story.fact_mentions.append(FactMention(kind, value, Mention(article, surface, sentence, offset),
                                                    key, context or {}))

    def quote(self, article: str, sentence: str, text: str, speaker: str | None) -> None:
        offset = self.articles[article].text.find(sentence) + sentence.find(text)
        key = f"person:{speaker.lower()}" if speaker else None
        self.story.quote_mentions.append(QuoteMention(text, speaker, Mention(article, text, sentence, offset), key))


@pytest.fixture
def builder():
    return StoryBuilder
