"""Alignment: a story's fact mentions grouped into entities (one stated value) and slots (one
thing the articles state, possibly with differing values).

A slot is one quantity of one thing, at one time, in one role. Differing values are aligned only
through an index on their signature (kind, key, predicate, time frame; for places also the role),
so a story's cost grows with its mentions, not with their pairs: the same counted noun or unit
and the same predicate, the same time frame (a figure of an earlier event named by its year is
another slot), and people in common where both sentences name people. Within a signature, two
values join one slot only if no article states both (a date: both for the same predicate). A mention without a telling predicate
joins an entity of the same value (it backs it) but never a slot with a differing value.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newsfuse.config import ReconcileConfig
from newsfuse.model import Article, FactMention, Mention, Provenance, Story
from newsfuse.reconcile.signature import BACKGROUND, PREDICATE_GROUPS, place_predicate, predicate_name, time_frame
from newsfuse.reconcile.text import common_words, mention_window, romanised_key, stem, words_before

# Kinds whose differing values may be one slot (a count, a place, a date);
# people and organisations are only ever joined by their key.
COMPARABLE_KINDS = ("quantity", "place", "date")
ROLE_CLASSES = {"source": {"from", "out of"}, "goal": {"to", "into", "towards", "toward"},
                "location": {"in", "at", "near", "on", "inside", "outside", "off", "around"}}
MIN_SHARED_WORDS = 1  # window words two values' mentions must share besides their key
PLACE_ANCHOR_WORDS = 8  # words before a place searched for what happened there
RARE_SHARE = 0.15  # an anchor word in at most this share of the places' sentences is distinctive
ANCHOR_BONUS = 0.25
MAX_ANCHOR_BUCKET = 50  # an anchor word before more places than this is too common to align them
BRIDGE_MIN_AMOUNT = 10  # smaller counts recur by chance, so they bridge no predicates
DATE_GRANULARITIES = frozenset({"day", "month", "year"})  # dates precise enough to contradict one another
# "thousands of", "dozens of": a vague order of magnitude contradicts no figure.
VAGUE_AMOUNT = re.compile(r"^(?:tens|dozens|scores|hundreds|thousands|millions|billions)\b", re.IGNORECASE)


@dataclass
class Item:
    """One fact mention, normalised for comparison, with what it is about."""

    index: int
    kind: str
    key: str
    value: dict[str, Any]
    context: dict[str, Any]
    mention: Mention
    group: int
    window: str
    predicate: str = ""
    frame: str = ""
    participants: frozenset[str] = frozenset()
    published: str | None = None
    neighbours: tuple[float, ...] = ()  # other amounts of the same sentence (for sums of parts)

    @property
    def article(self) -> str:
        return self.mention.article

    @property
    def surface(self) -> str:
        return self.mention.text


@dataclass
class Entity:
    """Mentions that state one value (one place, one amount, one date range)."""

    items: list[Item]

    @property
    def articles(self) -> set[str]:
        return {i.article for i in self.items}

    @property
    def groups(self) -> set[int]:
        return {i.group for i in self.items}

    @property
    def kind(self) -> str:
        return self.items[0].kind

    @property
    def surface(self) -> str:
        return Counter(i.surface for i in self.items).most_common(1)[0][0]

    @property
    def value(self) -> dict[str, Any]:
        return self.items[0].value


@dataclass
class Slot:
    """One thing the story's articles state: one or more entities that answer it."""

    entities: list[Entity] = field(default_factory=list)
    links: set[frozenset[int]] = field(default_factory=set)  # id() pairs of entities aligned directly
    similarity: float = 1.0  # the weakest window overlap that joined two of its values

    def linked(self, a: Entity, b: Entity) -> bool:
        """Whether two entities were aligned with each other, not only through a third."""
        return frozenset((id(a), id(b))) in self.links

    @property
    def kind(self) -> str:
        return self.entities[0].kind

    @property
    def items(self) -> list[Item]:
        return [i for e in self.entities for i in e.items]

    @property
    def articles(self) -> set[str]:
        return {a for e in self.entities for a in e.articles}

    @property
    def about(self) -> str:
        """The slot's context: the busiest mention's words with the value masked."""
        windows = Counter(i.window for i in self.items)
        return windows.most_common(1)[0][0]


def group_index(provenance: Provenance, article_id: str) -> int:
    """The independent group of an article; an article outside every group is its own."""
    try:
        return provenance.group_of(article_id)
    except KeyError:
        return len(provenance.independent_groups) + abs(hash(article_id)) % 1_000_000


def group_lookup(provenance: Provenance):
    """``group_index`` for many articles: one pass over the groups, then a dictionary."""
    groups = {a: n for n, group in enumerate(provenance.independent_groups) for a in group}
    return lambda article_id: groups[article_id] if article_id in groups else group_index(provenance, article_id)


def make_items(mentions: list[FactMention], story: Story, articles: dict[str, Article],
               config: ReconcileConfig) -> list[Item]:
    """Items of a story's mentions, each with its predicate, time frame, participants and
    the other amounts of its sentence."""
    event_year = (story.event_date or "")[:4] or None
    group_of = group_lookup(story.provenance)
    people: dict[tuple[str, str], set[str]] = defaultdict(set)
    amounts: dict[tuple[str, str], list[tuple[int, float]]] = defaultdict(list)
    earlier: set[tuple[str, str]] = set()  # sentences dated well before their article
    for index, m in enumerate(mentions):
        where = (m.mention.article, m.mention.sentence)
        if m.kind == "person" and m.key:
            people[where].add(m.key)
        if m.kind == "date" and _well_before((m.value or {}).get("end"), articles.get(m.mention.article)):
            earlier.add(where)
        if m.kind == "quantity" and si_amount(m.value or {}) is not None:
            amounts[where].append((index, si_amount(m.value)))
    items = []
    for index, m in enumerate(mentions):
        sentence, where = m.mention.sentence or m.mention.text, (m.mention.article, m.mention.sentence)
        article = articles.get(m.mention.article)
        items.append(Item(index, m.kind, _normalised_key(m.key) or _fallback_key(m), dict(m.value or {}),
                          dict(m.context or {}), m.mention,
                          group_of(m.mention.article),
                          mention_window(sentence, m.mention.text, config.window_words),
                          _predicate(m, sentence), _frame(sentence, m, event_year, where in earlier),
                          frozenset(people[where]), article.published if article else None,
                          tuple(a for i, a in amounts[where] if i != index)))
    return items


EARLIER_DAYS = 31  # a sentence dated this long before its article speaks of an earlier event


def _well_before(day: str | None, article: Article | None) -> bool:
    """Whether a date ends more than ``EARLIER_DAYS`` before the article was published."""
    if not day or article is None or not article.published:
        return False
    try:
        return (date.fromisoformat(article.published[:10]) - date.fromisoformat(str(day)[:10])).days > EARLIER_DAYS
    except ValueError:
        return False


def _frame(sentence: str, mention: FactMention, event_year: str | None, earlier: bool) -> str:
    """The sentence's time frame: the years it names besides the event's, and for an amount whether
    its sentence is dated well before its article ("In February, a quake measuring 6.4 ...")."""
    frame = time_frame(sentence, mention.mention.text, event_year)
    return f"{frame}|earlier" if earlier and mention.kind == "quantity" else frame


def _predicate(mention: FactMention, sentence: str) -> str:
    if mention.kind == "place":
        return place_predicate(sentence, mention.mention.text)
    return predicate_name((mention.context or {}).get("verb"))


def _normalised_key(key: str) -> str:
    """Unlinked names compared without case, punctuation or a leading article (U.S. = US)."""
    prefix, _, name = (key or "").partition(":")
    if prefix == "unlinked" and name:
        return f"unlinked:{romanised_key(name)}"
    return key or ""


def _fallback_key(mention: FactMention) -> str:
    value = mention.value or {}
    if mention.kind == "quantity":
        return f"unit:{value.get('unit') or (mention.context or {}).get('counted') or ''}"
    if mention.kind == "date":
        return "date"
    name = value.get("name") or mention.mention.text
    return f"{mention.kind}:{' '.join(name.lower().split())}"


def si_amount(value: dict[str, Any]) -> float | None:
    """The SI amount of a quantity value, else its plain amount."""
    si = value.get("si") or {}
    amount = si.get("amount", value.get("amount"))
    try:
        return float(amount)
    except (TypeError, ValueError):
        return None


def amounts_close(a: dict[str, Any], b: dict[str, Any], config: ReconcileConfig) -> bool:
    """Whether two quantities have the same size within tolerance (bounds aside)."""
    x, y = si_amount(a), si_amount(b)
    if x is None or y is None:
        return False
    approximate = "approx" in (a.get("bound"), b.get("bound"))
    tolerance = config.approx_tolerance if approximate else config.value_tolerance
    return abs(x - y) <= tolerance * max(abs(x), abs(y), 1e-9)


def is_area(item: Item) -> bool:
    """A coarse area of a country ("X's far east"): compatible with any place inside it."""
    return item.kind == "place" and item.context.get("granularity") == "area"


def _value_signature(item: Item) -> tuple:
    if item.kind == "date":
        return item.key, item.value.get("start"), item.value.get("end")
    if is_area(item):  # one area answers many questions: each article's mention stands alone
        return item.key, item.article
    if item.kind == "quantity":  # "a thousand" (exact) and "more than 1,000" (lower) state different facts
        return item.key, item.value.get("bound", "exact")
    return (item.key,)


def _role_class(item: Item) -> str:
    role = str(item.context.get("role") or "").lower()
    return next((name for name, words in ROLE_CLASSES.items() if role in words), "")


OWNED_KEYS = ("age", "record")  # amounts that belong to a named person or team, aligned by their owner


def owner_of(item: Item) -> str:
    """Who an age or a win-loss record belongs to. An age: a person the sentence names whose surname
    is the word the age is set after or attached to ("Jane Doe, 61", "the 31-year-old Doe"). A
    record: the name it follows ("Doe (52-3)", "Leeds' record rose to 9-5"). "" where none is."""
    if item.key == "record":
        return romanised_key(str(item.context.get("of") or ""))
    owner = str(item.context.get("of") or item.context.get("head") or "").split()
    surname = romanised_key(owner[-1]) if owner else ""
    found = [p for p in item.participants if surname and p.split()[-1] == surname]
    return found[0] if len(found) == 1 else ""


def slot_signature(item: Item) -> tuple | None:
    """The index key under which differing amounts or dates may align; None where the mention says
    too little about what it is (no telling predicate, a vague date or amount). An age or a record
    aligns by its owner; places align through their anchor words instead."""
    if item.kind == "quantity" and item.key in OWNED_KEYS and owner_of(item):
        return item.key, owner_of(item)
    if item.kind not in ("quantity", "date") or not item.predicate:
        return None
    if item.kind == "date":
        granularity = item.context.get("granularity", "day")
        if item.context.get("part") or granularity not in DATE_GRANULARITIES:
            return None
        if BACKGROUND.search(item.mention.sentence or ""):
            return None  # "the last major quake was in February": another event's date
        return "date", item.predicate
    if VAGUE_AMOUNT.match(str(item.context.get("bound_words") or "")):
        return None
    return "quantity", item.key, item.predicate, item.frame, bool(BACKGROUND.search(item.mention.sentence or ""))


def _entities_of(items: list[Item], config: ReconcileConfig) -> list[Entity]:
    """Items that state the same value (one key, and one amount or date range)."""
    entities: list[Entity] = []
    by_value: dict[tuple, list[Entity]] = {}
    for item in items:
        candidates = by_value.setdefault(_value_signature(item), [])
        match = next((e for e in candidates if item.kind != "quantity" or _same_amount(e.value, item, config)), None)
        if match is None:
            match = Entity([])
            candidates.append(match)
            entities.append(match)
        match.items.append(item)
    return entities


def _same_amount(value: dict[str, Any], item: Item, config: ReconcileConfig) -> bool:
    """Whether an amount states ``value``: within tolerance, but an age or a record only exactly."""
    if item.key in OWNED_KEYS:
        return value.get("amount") == item.value.get("amount")
    return amounts_close(value, item.value, config)


def _window_words(entity: Entity) -> set[str]:
    """Content words around the entity's mentions; for a date, besides its predicate (which its
    signature already shares): "charged with assault in 2005" and "charged with stealing in 2004"
    share nothing else."""
    if entity.kind != "date":
        return {w for i in entity.items for w in common_words(i.window)}
    return {w for i in entity.items for w in common_words(i.window) - {i.predicate, stem(str(i.context.get("verb") or ""))}}


def _overlap(a: Entity, b: Entity) -> float:
    """Share of the smaller entity's window words that the other's windows also use."""
    wa, wb = _window_words(a), _window_words(b)
    return len(wa & wb) / min(len(wa), len(wb)) if wa and wb and len(wa & wb) >= MIN_SHARED_WORDS else 0.0


def _same_participants(a: Entity, b: Entity) -> bool:
    """People named with the values: where both sides name people, they share one."""
    pa = {p for i in a.items for p in i.participants}
    pb = {p for i in b.items for p in i.participants}
    return not (pa and pb) or bool(pa & pb)


def _join(entities: list[Entity], pairs: list[tuple[float, int, int]], stated: dict[tuple, set[str]]) -> list[Slot]:
    """Entities joined into slots along candidate pairs, closest windows first, never two values
    that one article states (anywhere in it) or people that differ."""
    slots = [Slot([e]) for e in entities]
    owner = list(range(len(slots)))
    for score, i, j in sorted(pairs, reverse=True):
        a, b = entities[i], entities[j]
        if score <= 0.0 or not _same_participants(a, b) or stated[_value_key(a)] & stated[_value_key(b)]:
            continue
        ri, rj = _root(owner, i), _root(owner, j)
        if ri != rj and not slots[ri].articles & slots[rj].articles:
            slots[ri].entities.extend(slots[rj].entities)
            slots[ri].links |= slots[rj].links
            slots[ri].similarity = min(slots[ri].similarity, slots[rj].similarity, score)
            slots[rj].entities = []
            owner[rj] = ri
        if _root(owner, i) == _root(owner, j):
            slots[_root(owner, i)].links.add(frozenset((id(a), id(b))))
    return [s for s in slots if s.entities]


def _all_pairs(entities: list[Entity]) -> list[tuple[float, int, int]]:
    return [(_overlap(a, b), i, j) for i, a in enumerate(entities) for j, b in enumerate(entities) if i < j]


OWNED_SIMILARITY = 0.5  # two ages (records) of one owner are about one thing whatever words surround them


def _owned_pairs(entities: list[Entity]) -> list[tuple[float, int, int]]:
    """Values of one owner's age or record: aligned by their owner, not by their words."""
    return [(max(score, OWNED_SIMILARITY), i, j) for score, i, j in _all_pairs(entities)]


def _anchor_pairs(entities: list[Entity]) -> list[tuple[float, int, int]]:
    """Place entities that share a distinctive word before them ("meeting ... at X", "meeting ... in
    Y": a word few of the places' sentences use) and a role, found through an index of those words;
    the shared anchor adds ``ANCHOR_BONUS`` to the pair's window overlap."""
    index: dict[tuple, list[int]] = defaultdict(list)
    sentences: dict[str, set[tuple[str, str]]] = defaultdict(set)
    specific = [(n, i) for n, e in enumerate(entities) for i in e.items if not is_area(i)]
    for n, item in specific:
        for word in words_before(item.mention.sentence, item.surface, PLACE_ANCHOR_WORDS):
            sentences[word].add((item.article, item.mention.sentence))
            index[(_role_class(item), item.frame, word)].append(n)
    all_sentences = {(i.article, i.mention.sentence) for _, i in specific}
    rare = {w for w, found in sentences.items() if len(found) <= max(2.0, RARE_SHARE * len(all_sentences))}
    candidates = {(i, j) for (_, _, word), members in index.items() if word in rare and len(members) <= MAX_ANCHOR_BUCKET
                  for i in set(members) for j in set(members) if i < j}
    return [(_overlap(entities[i], entities[j]) + ANCHOR_BONUS, i, j) for i, j in candidates]


def _value_key(entity: Entity) -> tuple:
    return _value_signature(entity.items[0]) + (_amount_key(entity.items[0]),)


def _bridged(buckets: dict[tuple, list[Item]], config: ReconcileConfig) -> list[list[Item]]:
    """Buckets of one quantity key and frame merged where they state one distinctive value: "shipped
    more than 340 tractors" and "delivered more than 340 tractors" speak of one thing.
    Two known predicates that differ (deaths, injuries) are never bridged."""
    groups: dict[tuple, list[tuple]] = defaultdict(list)
    for signature in buckets:
        if signature[0] == "quantity":
            groups[(signature[1], signature[3])].append(signature)
    owner = {signature: signature for signature in buckets}
    for members in groups.values():
        seen: dict[tuple, tuple] = {}
        for signature in members:
            for item in buckets[signature]:
                amount = si_amount(item.value)
                if amount is None or amount < BRIDGE_MIN_AMOUNT:
                    continue
                value = _value_signature(item) + (_amount_key(item),)
                other = seen.setdefault(value, signature)
                if other != signature and not (signature[2] in PREDICATE_GROUPS and other[2] in PREDICATE_GROUPS):
                    owner[_find(owner, signature)] = _find(owner, other)
    merged: dict[tuple, list[Item]] = defaultdict(list)
    for signature, bucket in buckets.items():
        merged[_find(owner, signature)].extend(bucket)
    return list(merged.values())


def _find(owner: dict, key):
    while owner[key] != key:
        key = owner[key]
    return key


def align_slots(items: list[Item], config: ReconcileConfig) -> list[Slot]:
    """Slots of a story: quantities and dates per signature (bridged by a shared value), places
    through their anchor words (not those of a sentence about an earlier event); mentions with no
    signature back an entity of the same value, else stand alone."""
    stated: dict[tuple, set[str]] = defaultdict(set)
    buckets: dict[tuple, list[Item]] = defaultdict(list)
    places: list[Item] = []
    loose: list[Item] = []
    for item in items:
        stated[_value_signature(item) + (_amount_key(item),)].add(item.article)
        signature = slot_signature(item)
        if item.kind == "place":  # a place of an earlier event ("follows two last week in X") is never aligned
            (loose if BACKGROUND.search(item.mention.sentence or "") else places).append(item)
        else:
            (buckets[signature] if signature else loose).append(item)
    slots: list[Slot] = []
    by_value: dict[tuple, Entity] = {}
    groups = [(bucket, _owned_pairs if slot_signature(bucket[0])[0] in OWNED_KEYS else _all_pairs)
              for bucket in _bridged(buckets, config)] + [(places, _anchor_pairs)]
    for bucket, candidate_pairs in groups:
        entities = _entities_of(bucket, config)
        for entity in entities:
            by_value.setdefault(_value_key(entity), entity)
        slots.extend(_join(entities, candidate_pairs(entities), _stated_dates(bucket) if _dated(bucket) else stated))
    for entity in _entities_of(loose, config):
        home = by_value.get(_value_key(entity))
        if home is not None:
            home.items.extend(entity.items)
        else:
            slots.append(Slot([entity]))
    return slots


def _dated(bucket: list[Item]) -> bool:
    return bool(bucket) and bucket[0].kind == "date"


def _stated_dates(bucket: list[Item]) -> dict[tuple, set[str]]:
    """The articles stating each date of one predicate: a year an article gives for another event
    ("founded in 1957", "sold in 1967") does not stop its date of this one from being compared."""
    stated: dict[tuple, set[str]] = defaultdict(set)
    for item in bucket:
        stated[_value_signature(item) + (_amount_key(item),)].add(item.article)
    return stated


def _amount_key(item: Item) -> float | None:
    amount = si_amount(item.value) if item.kind == "quantity" else None
    return round(amount, 6) if amount is not None else None


def _root(owner: list[int], index: int) -> int:
    while owner[index] != index:
        index = owner[index]
    return index
