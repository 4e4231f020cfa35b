"""Stories and relations back from the store's JSON: the inverse of ``to_dict``.

The report and the web app read stories from the store; what ``to_dict`` wrote
comes back as the same data classes, so a report written from the store is the
report written from the batch in memory.
"""
from __future__ import annotations

from typing import Any

from newsfuse.model import (BriefSentence, Conflict, ConflictSide, Fact, Mention, Provenance, Quote, QuoteVariant,
                            Relation, SingleSourceClaim, Story)


def relation_from_dict(data: dict[str, Any]) -> Relation:
    return Relation(source=data["from"], target=data["to"], relation=data["relation"],
                    score=data.get("score", 0.0), directed=data.get("directed", False),
                    evidence=list(data.get("evidence", [])))


def _mention(data: dict[str, Any]) -> Mention:
    return Mention(article=data["article"], text=data["text"], sentence=data.get("sentence", ""))


def _conflict(data: dict[str, Any]) -> Conflict:
    sides = [ConflictSide(**side) for side in data["sides"]]
    common = dict(id=data["id"], type=data["type"], about=data["about"], sides=sides,
                  explanation=data.get("explanation", ""))
    if "status" in data:
        return Conflict(**common, status=data["status"], confidence=data.get("confidence", 0.0),
                        evidence=data.get("evidence", []))
    return Conflict(**common)


def story_from_dict(data: dict[str, Any]) -> Story:
    provenance = data.get("provenance") or {}
    return Story(
        id=data["id"], articles=list(data["articles"]), headline=data.get("headline", ""),
        event_date=data.get("event_date"),
        provenance=Provenance(relations=[relation_from_dict(r) for r in provenance.get("relations", [])],
                              independent_groups=[list(g) for g in provenance.get("independent_groups", [])]),
        facts=[Fact(id=f["id"], kind=f["kind"], value=f["value"], mentions=[_mention(m) for m in f["mentions"]],
                    independent_support=f["independent_support"], about=f.get("about", ""),
                    explanation=f.get("explanation", "")) for f in data.get("facts", [])],
        quotes=[Quote(id=q["id"], speaker=q.get("speaker"), text=q["text"], mentions=[_mention(m) for m in q["mentions"]],
                      independent_support=q["independent_support"],
                      variants=[QuoteVariant(**v) for v in q.get("variants", [])]) for q in data.get("quotes", [])],
        conflicts=[_conflict(c) for c in data.get("conflicts", [])],
        single_source=[SingleSourceClaim(**s) for s in data.get("single_source", [])],
        brief=[BriefSentence(**b) for b in data.get("brief", [])],
    )
