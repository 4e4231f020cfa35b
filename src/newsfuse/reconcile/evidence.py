"""What a reported conflict carries besides its sides: a status (a dispute, or a revision where
later reports give a new figure), the sentences that state each side, and a confidence.

Confidence is how sure the alignment is that the sides speak of one thing, from what the
mentions share: a predicate of a known kind (deaths, injuries, arrests), the words around them,
the people named with them, and how many independent sources stand on each side. Only
conflicts at or above ``REPORT_CONFIDENCE`` are reported; the brief marks a sentence disputed
only from disputes at or above ``DISPUTED_CONFIDENCE``.
"""
from __future__ import annotations

from typing import Any

from newsfuse.model import Mention
from newsfuse.reconcile.signature import PREDICATE_GROUPS

REPORT_CONFIDENCE = 0.5
TEMPORAL_CONFIDENCE = 0.5  # before/after claims may speak of different steps: shown, never "disputed"
EVIDENCE_PER_SIDE = 3  # sentences kept for each side
WINDOW_OVERLAP_FULL = 0.5  # window overlap that earns the whole window share of confidence
FAR_APART_RATIO = 4.0  # amounts this many times apart are more likely two things than one disputed
FAR_APART_PENALTY = 0.3
RELATIVE_DATE_PENALTY = 0.3  # "Thursday" read against each article's own date may land a day off
# Two places the gazetteer knows, aligned only by the words before them, are more often two places
# of a story (a route, a home town, a wider area) than one place disputed.
LOCATED_PLACES_PENALTY = 0.4
UNKNOWN_PREDICATE_DATE_PENALTY = 0.2  # a date of no known news predicate (posted, appeared) may be any step



def evidence_of(sides: list[tuple[str, list[Mention]]]) -> list[dict[str, Any]]:
    """For each side, the distinct sentences that state it (a few), with their articles."""
    evidence = []
    for value, mentions in sides:
        seen: dict[str, str] = {}
        for mention in mentions:
            sentence = (mention.sentence or mention.text).strip()
            if sentence and sentence not in seen and len(seen) < EVIDENCE_PER_SIDE:
                seen[sentence] = mention.article
        evidence.append({"side": value, "sentences": [{"article": a, "text": s} for s, a in seen.items()]})
    return evidence


def is_revision(side_dates: list[list[str | None]]) -> bool:
    """Whether the sides follow one another in publication time: every article of one side was
    published before every article of the next (so the later figure revises the earlier)."""
    if len(side_dates) < 2 or any(not dates or None in dates for dates in side_dates):
        return False
    spans = sorted((min(dates), max(dates)) for dates in side_dates)
    return all(earlier[1] < later[0] for earlier, later in zip(spans, spans[1:]))


def fact_confidence(predicate: str, window_overlap: float, shared_people: bool, side_groups: list[int],
                    amounts: list[float], relative_dates: bool = False, located_places: bool = False,
                    date: bool = False) -> float:
    """How sure it is that a fact conflict's sides speak of one thing."""
    score = 0.4 - (RELATIVE_DATE_PENALTY if relative_dates else 0.0)
    score -= LOCATED_PLACES_PENALTY if located_places else 0.0
    score -= UNKNOWN_PREDICATE_DATE_PENALTY if date and predicate not in PREDICATE_GROUPS else 0.0
    score += 0.2 if predicate in PREDICATE_GROUPS else 0.0
    score += 0.2 * min(1.0, window_overlap / WINDOW_OVERLAP_FULL)
    score += 0.1 if shared_people else 0.0
    score += 0.1 if sum(side_groups) >= 3 else 0.0
    positive = [a for a in amounts if a > 0]
    if positive and max(positive) >= FAR_APART_RATIO * min(positive):
        score -= FAR_APART_PENALTY
    return max(0.0, min(1.0, score))
