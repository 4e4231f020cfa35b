"""Stage 2, copies: who copied whom, and how many independent sources a story has.

Reads ``Article.body`` (plus ``byline``, ``dateline``, ``published`` and
``language`` as evidence); returns typed ``Relation`` lists (duplicate,
version, copy, excerpt, translation; ``source`` derives from ``target`` where
``directed``). ``provenance_for`` makes a story's ``Provenance`` (``set_provenance`` sets each
story's, relations looked up by article): the relations among its articles and its independent
groups (connected components).

Modules: ``shingles`` (fast hashed word shingles), ``candidates`` (MinHash LSH
and containment index), ``verify`` (passage alignment and typing),
``translation`` (cross-language pairs with a multilingual encoder), ``groups``.
"""
from __future__ import annotations

from newsfuse.config import CopiesConfig
from newsfuse.copies.candidates import candidate_pairs
from newsfuse.copies.groups import independent_groups
from newsfuse.copies.translation import translation_relations
from newsfuse.copies.verify import Profile, build_relation, compare, is_linked, profile, shared_credits
from newsfuse.model import Article, Provenance, Relation, Story

__all__ = ["trace_copies", "provenance_for", "set_provenance", "independent_groups"]


def trace_copies(articles: list[Article], config: CopiesConfig | None = None) -> list[Relation]:
    """Verified copy relations among ``articles``."""
    config = config or CopiesConfig()
    profiles: dict[int, Profile] = {}

    def profile_of(index: int) -> Profile:
        if index not in profiles:
            profiles[index] = profile(articles[index], config.shingle_words)
        return profiles[index]

    relations = []
    for i, j in candidate_pairs(["\n".join(a.body) for a in articles], config):
        left, right = articles[i], articles[j]
        evidence = compare(profile_of(i), profile_of(j), config.shingle_words, shared_credits(left, right))
        if is_linked(evidence):
            relations.append(build_relation(left, right, evidence))
    if config.translation:
        related = {frozenset((r.source, r.target)) for r in relations}
        relations.extend(r for r in translation_relations(articles) if frozenset((r.source, r.target)) not in related)
    return relations


def provenance_for(article_ids: list[str], relations: list[Relation]) -> Provenance:
    """The provenance of a story holding ``article_ids``."""
    return _provenances([article_ids], relations)[0]


def set_provenance(stories: list[Story], relations: list[Relation]) -> None:
    """Set each story's provenance from ``relations`` (those among its articles)."""
    for story, provenance in zip(stories, _provenances([s.articles for s in stories], relations)):
        story.provenance = provenance


def _provenances(stories: list[list[str]], relations: list[Relation]) -> list[Provenance]:
    """Each story's provenance, each relation found through its source article (not looked at
    once per story); a story's relations keep their order in ``relations``."""
    by_source: dict[str, list[int]] = {}
    for index, relation in enumerate(relations):
        by_source.setdefault(relation.source, []).append(index)
    found = []
    for article_ids in stories:
        members = set(article_ids)
        inside = [relations[i] for i in sorted(i for a in members for i in by_source.get(a, ())
                                                if relations[i].target in members)]
        found.append(Provenance(relations=inside, independent_groups=independent_groups(article_ids, inside)))
    return found
