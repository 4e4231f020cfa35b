"""Temporal order: one source puts something before an event that another puts after it.

This is a weak signal (the sides may speak of different steps, say a decision and
a shipment), so every such conflict is explained as a possible stretch.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from newsfuse.reconcile.text import SentenceSpan, STOPWORDS, stem

BEFORE = re.compile(r"\b(?:before|prior to|ahead of|in advance of)\s+", re.IGNORECASE)
AFTER = re.compile(r"\b(?:after|following|in the wake of)\s+", re.IGNORECASE)
ANCHOR_WORDS = 5  # words after the connective that name the reference event
MIN_SHARED_CONTEXT = 1  # content words the two sentences share besides the anchor


@dataclass(frozen=True)
class OrderClaim:
    sentence: SentenceSpan
    group: int
    order: str  # "before" or "after"
    anchor: frozenset[str]
    phrase: str


def _common_nouns(text: str) -> list[str]:
    """Lower-case content words (common nouns and verbs, not names) in ``text``."""
    tokens = re.findall(r"[\w'’-]+", text)
    return [stem(t.lower()) for t in tokens if t.islower() and t not in STOPWORDS and len(t) > 2]


def order_claims(sentences: list[SentenceSpan], group_of) -> list[OrderClaim]:
    claims = []
    for sentence in sentences:
        for order, pattern in (("before", BEFORE), ("after", AFTER)):
            for match in pattern.finditer(sentence.text):
                following = sentence.text[match.end():].split()[:ANCHOR_WORDS]
                anchor = frozenset(_common_nouns(" ".join(following)))
                if anchor:
                    phrase = f"{match.group(0).strip()} {' '.join(following)}".rstrip(",.;")
                    claims.append(OrderClaim(sentence, group_of(sentence.article), order, anchor, phrase))
    return claims


def order_conflicts(sentences: list[SentenceSpan], group_of) -> list[tuple[str, str, list[tuple[str, list[str], list[int]]]]]:
    """(about, explanation, sides as (label, article ids, sentence indexes)) for opposite orders
    around one event."""
    claims = order_claims(sentences, group_of)
    found = []
    used: set[int] = set()
    for index, claim in enumerate(claims):
        if claim.order != "after" or index in used:
            continue
        opposite = [c for c in claims if c.order == "before" and c.group != claim.group
                    and claim.anchor & c.anchor and _shared_context(claim, c)]
        if not opposite:
            continue
        anchor = _surface_of(sorted(claim.anchor & opposite[0].anchor)[0], claim.phrase)
        afters = [c for c in claims if c.order == "after" and stem(anchor.lower()) in c.anchor
                  and c.group not in {o.group for o in opposite}]
        used.update(claims.index(c) for c in afters)
        sides = [(f"before the {anchor}: " + "; ".join(sorted({o.phrase for o in opposite})),
                  sorted({o.sentence.article for o in opposite}), [sentences.index(o.sentence) for o in opposite]),
                 (f"after the {anchor}: " + "; ".join(sorted({a.phrase for a in afters})),
                  sorted({a.sentence.article for a in afters}), [sentences.index(a.sentence) for a in afters])]
        found.append((f"order of events around the {anchor}",
                      f"some sources place it before the {anchor}, others after it. This may be a stretch: "
                      "the sides can speak of different steps (a decision, the first shipments, later transfers)",
                      sides))
    return found


def _surface_of(stemmed: str, phrase: str) -> str:
    """The word of ``phrase`` whose stem is ``stemmed`` (meet -> meeting)."""
    return next((w for w in re.findall(r"[\w'’-]+", phrase) if stem(w.lower()) == stemmed), stemmed)


def _shared_context(a: OrderClaim, b: OrderClaim) -> bool:
    words_a = set(_common_nouns(a.sentence.text)) - a.anchor
    words_b = set(_common_nouns(b.sentence.text)) - b.anchor
    return len(words_a & words_b) >= MIN_SHARED_CONTEXT
