"""Stage 5, reconcile: align facts across a story's articles, decide agreement
or conflict, build the quote ledger and write the brief.

Reads ``Story.fact_mentions``, ``Story.quote_mentions`` and
``Story.provenance`` (support is counted in independent groups) and the
articles' bodies; sets ``Story.facts``, ``quotes``, ``conflicts``,
``single_source`` and ``brief``.
"""
from __future__ import annotations

from dataclasses import replace

from newsfuse.config import ReconcileConfig
from newsfuse.model import Article, Conflict, ConflictSide, Fact, FactMention, Story
from newsfuse.reconcile.amounts import BOUND_NAMES, bounds_differ_only, quantity_label
from newsfuse.reconcile.brief import disputed_section, main_brief
from newsfuse.reconcile.compare import Decision, decide, within
from newsfuse.reconcile.evidence import (EVIDENCE_PER_SIDE, REPORT_CONFIDENCE, TEMPORAL_CONFIDENCE, evidence_of,
                                         fact_confidence, is_revision)
from newsfuse.reconcile.pairs import disputed_pairs, grouped_disputes
from newsfuse.reconcile.quotes import build_ledger, to_conflict
from newsfuse.reconcile.sentences import Claim, StoryText
from newsfuse.reconcile.single_source import single_source_claims, single_source_section
from newsfuse.reconcile.slots import Item, Slot, align_slots, make_items, si_amount
from newsfuse.reconcile.temporal import order_conflicts
from newsfuse.reconcile.text import romanised_key

__all__ = ["reconcile_story"]

NAMED_KINDS = ("person", "organization")
KIND_ORDER = ("quantity", "date", "place", "person", "organization", "event", "claim")


def reconcile_story(story: Story, articles: dict[str, Article], config: ReconcileConfig | None = None) -> None:
    """Set the story's facts, quotes, conflicts, single-source claims and brief."""
    config = config or ReconcileConfig()
    text = StoryText.build(story, articles)
    sentence_of: dict[tuple[str, str], int | None] = {}
    story.facts, story.conflicts = [], []
    _reconcile_facts(story, articles, text, config, sentence_of)
    _reconcile_quotes(story, text, config, sentence_of)
    _temporal_conflicts(story, text, sentence_of)
    main = main_brief(text, config)
    corroborated = {s.text for s in main if s.independent_support > 1}
    story.single_source = [c for c in single_source_claims(text, config) if c.text not in corroborated]
    story.brief = (main + disputed_section(text, story.conflicts, sentence_of, config)
                   + single_source_section(text, story.single_source))


def _reconcile_facts(story: Story, articles: dict[str, Article], text: StoryText, config: ReconcileConfig,
                     sentence_of: dict[tuple[str, str], int | None]) -> None:
    items = make_items(credible_mentions(story.fact_mentions, articles), story, articles, config)
    slots = sorted(align_slots(items, config), key=lambda s: (-text.support(s.articles), _kind_rank(s.kind)))
    amount_disputes = grouped_disputes(disputed_pairs([i for i in items if i.kind == "quantity"], items, config))
    fact_of: dict[int, str] = {}
    slot_disputed: set[int] = set()
    disputed: set[int] = set()  # items on a side of a reported confident dispute
    decided = []
    for number, slot in enumerate(slots, start=1):
        decision = decide(slot, items, config)
        fact_id = f"F{number}"
        fact_of.update((i.index, fact_id) for i in slot.items)
        conflict = _fact_conflict(story, text, slot, decision, fact_id) if decision.status == "conflict" else None
        if decision.status == "conflict" and conflict is None:
            decision = Decision("unconfirmed", "values differ, but not surely about one thing: " + decision.explanation)
        story.facts.append(Fact(fact_id, slot.kind, max(slot.entities, key=lambda e: len(e.groups)).value,
                                [i.mention for i in slot.items], text.support(slot.articles),
                                about=_about(slot), explanation=_explain(decision)))
        if conflict is not None:
            slot_disputed.update(i.index for _, side_items in decision.sides for i in side_items)
            for (label, side_items), side in zip(decision.sides, conflict.sides):
                sentence_of[(conflict.id, side.value)] = text.locate(side_items[0].mention)
                if conflict.confident_dispute:
                    disputed.update(i.index for i in side_items)
        decided.append((slot, decision, fact_id))
    for score, side_a, side_b in sorted(amount_disputes, key=lambda d: -d[0]):
        if slot_disputed & {i.index for i in side_a} and slot_disputed & {i.index for i in side_b}:
            continue  # the slot's own dispute already opposes these amounts
        if _amount_conflict(story, text, score, side_a, side_b, fact_of, config, sentence_of).confident_dispute:
            disputed.update(i.index for i in side_a + side_b)
    for slot, decision, fact_id in decided:
        supporters = _supporters(slot, decision)
        for item in slot.items:
            text.add_claim(item.mention, Claim(fact_id, slot.kind, supporters[item.index], item.index in disputed,
                                               item.surface))


def _amount_conflict(story: Story, text: StoryText, score: float, side_a: list[Item], side_b: list[Item],
                     fact_of: dict[int, str], config: ReconcileConfig,
                     sentence_of: dict[tuple[str, str], int | None]) -> Conflict:
    """A dispute of two amounts from confident pairs: value, or bound where the amounts agree."""
    bounds_only = bounds_differ_only(side_a[0].value, side_b[0].value, config)
    sides = []
    for side_items in (side_a, side_b):
        surfaces = " / ".join(sorted({i.surface for i in side_items}, key=lambda s: (len(s), s))[:3])
        label = BOUND_NAMES.get(side_items[0].value.get("bound"), "") if bounds_only else quantity_label(side_items[0].value)
        sides.append((f"{label} ({surfaces})" if bounds_only else surfaces, side_items))
    sides.sort(key=lambda s: -len({i.group for i in s[1]}))
    revision = is_revision([[i.published for i in side_items] for _, side_items in sides])
    said = " versus ".join(f"'{label}'" for label, _ in sides)
    explanation = (("a later report revises the figure: " if revision else "")
                   + ("incompatible bounds on the same amount: " if bounds_only else "different amounts for the same thing: ")
                   + said + f" (paired by what their sentences share; confidence {score:.2f})")
    fact_id = fact_of.get(sides[0][1][0].index, "")
    about = f"{slot_label('quantity', sides[0][1][0].key)}: \u2026{sides[0][1][0].window}\u2026" + (f" (fact {fact_id})" if fact_id else "")
    conflict = Conflict(f"C{len(story.conflicts) + 1}", "bound" if bounds_only else "value", about,
                                [ConflictSide(label, sorted({i.article for i in side_items}),
                                              text.support({i.article for i in side_items})) for label, side_items in sides],
                                explanation, status="revision" if revision else "dispute", confidence=round(score, 3),
                                evidence=evidence_of([(label, [i.mention for i in side_items]) for label, side_items in sides]))
    story.conflicts.append(conflict)
    for (label, side_items), side in zip(sides, conflict.sides):
        sentence_of[(conflict.id, side.value)] = text.locate(side_items[0].mention)
    return conflict


# Roles of a name that place it: a gazetteer-less name elsewhere (a subject, an object) is not surely a place.
LOCATIVE_ROLES = frozenset("""in at near on inside outside off around from to into towards toward across
outside through via""".split())


def credible_mentions(mentions: list[FactMention], articles: dict[str, Article]) -> list[FactMention]:
    """Drop person and organisation mentions that are really a place named elsewhere in the
    story or an article's own wire credit (dateline agency), and place mentions that are such a
    credit ("(Kyodo)" is no town); drop place mentions that are a
    person's name ("Palin" of "Sarah Palin", unless the gazetteer knows the name exactly) or that
    the gazetteer does not know and no locative word introduces; give a name the gazetteer
    missed in one article the place it links to in another (one sense per story); drop an amount
    that glosses the one before it ("$US1 million ($1.52 million)": a conversion, often into a
    currency written with the same sign, restates a figure and disputes nothing)."""
    places = {romanised_key(m.mention.text) for m in mentions if m.kind == "place"}
    credits = {romanised_key(a.dateline.agency) for a in articles.values() if a.dateline and a.dateline.agency}
    people = set()
    for m in mentions:
        tokens = romanised_key(m.mention.text).split() if m.kind == "person" else []
        if len(tokens) > 1:
            people.update((" ".join(tokens), tokens[-1]))
    linked = {}
    for m in mentions:
        if m.kind == "place" and (m.context or {}).get("linked") and (m.context or {}).get("match") == "exact":
            linked.setdefault(romanised_key(m.mention.text), m)
    kept = []
    for m in mentions:
        name, context = romanised_key(m.mention.text), m.context or {}
        if m.kind in NAMED_KINDS and name in places | credits or m.kind == "place" and name in credits:
            continue
        if m.kind == "quantity" and context.get("gloss_of"):
            continue
        if m.kind == "place" and context.get("linked") is False:
            if name in linked:
                home = linked[name]
                m = replace(m, key=home.key, value=dict(home.value), context={**home.context, "role": context.get("role")})
            elif name in people or not (str(context.get("role") or "").lower() in LOCATIVE_ROLES
                                        or context.get("granularity") == "area" or context.get("kind")
                                        or context.get("area_noun")):
                continue
        elif m.kind == "place" and context.get("match") != "exact" and name in people:
            continue
        kept.append(m)
    return kept


def _kind_rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def slot_label(kind: str, key: str | None) -> str:
    """A reader's name for what a fact is about: "passenger count", "amount in USD", "length", "place"."""
    if kind != "quantity" or not key:
        return kind
    family, _, detail = key.partition(":")
    if family == "count" and detail:
        return f"{detail} count"
    if family == "currency" and detail:
        return f"amount in {detail}"
    return "percentage" if key == "percent" else key


def _about(slot: Slot) -> str:
    return f"{slot_label(slot.kind, slot.items[0].key)}: \u2026{slot.about}\u2026"


def _explain(decision: Decision) -> str:
    return f"{decision.status}: {decision.explanation}" if decision.explanation else decision.status


def _supporters(slot: Slot, decision: Decision) -> dict[int, frozenset[str]]:
    """For each item, the articles that state what it states: its conflict side, its own entity
    where the slot's values could not be compared, else every article of the slot (its value fits
    them all). Each set is made once and shared by the items it holds for."""
    everyone = frozenset(slot.articles)
    found: dict[int, frozenset[str]] = {}
    for entity in slot.entities:
        if decision.status in ("unresolved", "unconfirmed"):
            backers = frozenset(entity.articles)
        elif slot.kind == "date" and decision.status == "compatible":
            backers = frozenset(a for e in slot.entities if within(e.value, entity.value) for a in e.articles)
        else:
            backers = everyone
        found.update((i.index, backers) for i in entity.items)
    for _, side_items in decision.sides:
        side = frozenset(i.article for i in side_items)
        found.update((i.index, side) for i in side_items)
    return found


def _fact_conflict(story: Story, text: StoryText, slot: Slot, decision: Decision,
                   fact_id: str) -> Conflict | None:
    """The slot's conflict with its status, confidence and evidence; None below the report confidence."""
    confidence = _confidence(slot, decision)
    if confidence < REPORT_CONFIDENCE:
        return None
    sides = [ConflictSide(label, sorted({i.article for i in side_items}),
                          text.support({i.article for i in side_items})) for label, side_items in decision.sides]
    revision = slot.kind == "quantity" and is_revision([[i.published for i in side_items]
                                                        for _, side_items in decision.sides])
    explanation = ("a later report revises the figure: " if revision else "") + decision.explanation
    conflict = Conflict(f"C{len(story.conflicts) + 1}", decision.conflict_type or "other",
                                f"{_about(slot)} (fact {fact_id})", sides, explanation,
                                status="revision" if revision else "dispute", confidence=confidence,
                                evidence=evidence_of([(label, [i.mention for i in side_items])
                                                      for label, side_items in decision.sides]))
    story.conflicts.append(conflict)
    return conflict


def _confidence(slot: Slot, decision: Decision) -> float:
    items = [i for _, side_items in decision.sides for i in side_items]
    people = [frozenset(p for i in side_items for p in i.participants) for _, side_items in decision.sides]
    shared_people = len(people) > 1 and all(people) and bool(frozenset.intersection(*people))
    amounts = [a for i in items if slot.kind == "quantity" and (a := si_amount(i.value)) is not None]
    located = decision.conflict_type == "place" and (all(_located(side_items) for _, side_items in decision.sides)
                                                      or not all(_placed(side_items) for _, side_items in decision.sides))
    return fact_confidence(slot.items[0].predicate, slot.similarity, shared_people,
                           [len({i.group for i in side_items}) for _, side_items in decision.sides], amounts,
                           relative_dates=any(i.context.get("relative") for i in items if slot.kind == "date"),
                           located_places=located, date=slot.kind == "date")


def _placed(items: list[Item]) -> bool:
    """Whether a place side is somewhere something happens: a locative word introduces one of its
    mentions (not only "X spokeswoman", "X's")."""
    return any(str(i.context.get("role") or "").lower() in LOCATIVE_ROLES for i in items)


def _located(items: list[Item]) -> bool:
    """Whether a place side is a gazetteer place with coordinates."""
    value = items[0].value
    return bool(value.get("gazetteer_id")) and isinstance(value.get("lat"), (int, float))


def _reconcile_quotes(story: Story, text: StoryText, config: ReconcileConfig,
                      sentence_of: dict[tuple[str, str], int | None]) -> None:
    story.quotes, raw_conflicts = build_ledger(story.quote_mentions, story.provenance, config)
    by_id = {q.id: q for q in story.quotes}
    side_of: dict[int, frozenset[str]] = {}  # id(mention) -> the articles on its side of a conflict
    for quote_id, raw in raw_conflicts:
        conflict = to_conflict(len(story.conflicts) + 1, by_id[quote_id], raw, story.provenance)
        if conflict.confidence < REPORT_CONFIDENCE:
            continue
        story.conflicts.append(conflict)
        for (label, members), side in zip(raw[2], conflict.sides):
            sentence_of[(conflict.id, side.value)] = text.locate(members[0].mention) if members else None
            if conflict.confident_dispute:
                side_of.update((id(m.mention), frozenset(side.articles)) for m in members)
    for quote in story.quotes:
        everyone = frozenset(m.article for m in quote.mentions)
        for mention in quote.mentions:
            supporters = side_of.get(id(mention), everyone)
            text.add_claim(mention, Claim(quote.id, "quote", supporters, id(mention) in side_of))


def _temporal_conflicts(story: Story, text: StoryText, sentence_of: dict[tuple[str, str], int | None]) -> None:
    for about, explanation, sides in order_conflicts(text.sentences, text.group):
        evidence = [{"side": label, "sentences": [{"article": text.sentences[i].article, "text": text.sentences[i].text}
                                                  for i in indexes[:EVIDENCE_PER_SIDE]]} for label, _, indexes in sides]
        conflict = Conflict(f"C{len(story.conflicts) + 1}", "temporal_order", about,
                                    [ConflictSide(label, articles, text.support(articles))
                                     for label, articles, _ in sides], explanation,
                                    confidence=TEMPORAL_CONFIDENCE, evidence=evidence)
        story.conflicts.append(conflict)
        for (label, articles, indexes), side in zip(sides, conflict.sides):
            sentence_of[(conflict.id, side.value)] = indexes[0]
            for index in indexes:
                claim = Claim(conflict.id, "event", frozenset(articles), conflict.confident_dispute)
                text.claims.setdefault(index, []).append(claim)
