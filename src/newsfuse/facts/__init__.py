"""Stage 4, facts: mentions of people, organisations, places, quantities,
dates and quotes in each article of a story.

Reads ``Article`` bodies and reference dates; sets ``Story.fact_mentions``,
``Story.quote_mentions`` and ``Story.event_date``.
"""
from __future__ import annotations

from collections import Counter

from newsfuse.config import FactsConfig
from newsfuse.facts.nlp import load_nlp
from newsfuse.facts.places import find_places
from newsfuse.facts.quantities import find_quantities
from newsfuse.facts.quotes import find_quotes
from newsfuse.model import Article, FactMention, Mention, Story

__all__ = ["extract_facts"]

ENTITY_KINDS = {"PERSON": "person", "ORG": "organization"}


def find_people(article_id: str, doc) -> list[FactMention]:
    return [FactMention(kind=ENTITY_KINDS[ent.label_], value={"name": ent.text}, key=ent.text.lower(),
                        mention=Mention(article_id, ent.text, ent.sent.text, ent.start_char))
            for ent in doc.ents if ent.label_ in ENTITY_KINDS]


FINDERS = (find_people, find_places, find_quantities)


def extract_facts(stories: list[Story], articles: dict[str, Article], config: FactsConfig | None = None) -> None:
    """Set the fact and quote mentions of every story."""
    config = config or FactsConfig()
    nlp = load_nlp()
    for story in stories:
        members = [articles[a] for a in story.articles]
        docs = nlp.pipe((a.text for a in members), batch_size=config.batch_size)
        for article, doc in zip(members, docs):
            for finder in FINDERS:
                story.fact_mentions.extend(finder(article.id, doc))
            story.quote_mentions.extend(find_quotes(article.id, doc))
        dates = Counter(a.reference_date for a in members if a.reference_date)
        story.event_date = dates.most_common(1)[0][0] if dates else None
