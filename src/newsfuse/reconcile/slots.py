"""Alignment: a story's fact mentions grouped into entities (one stated value)
and slots (one thing the articles talk about, possibly with differing values)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from newsfuse.config import ReconcileConfig
from newsfuse.model import FactMention, Mention, Provenance
from newsfuse.reconcile.text import common_words, mention_window, romanised_key, similarity_matrix, words_before

# Kinds whose differing values may be one slot (a count, a place, a date);
# people and organisations are only ever joined by their key.
COMPARABLE_KINDS = ("quantity", "place", "date")
ROLE_CLASSES = {"source": {"from", "out of"}, "goal": {"to", "into", "towards", "toward"},
                "location": {"in", "at", "near", "on", "inside", "outside", "off", "around"}}
ANCHOR_WORDS = 9  # words before a mention searched for the word it attaches to
ANCHOR_BONUS = 0.15
RARE_SHARE = 0.15  # a word in at most this share of the mention sentences is distinctive
VAGUE_GRANULARITIES = frozenset({"week", "weeks", "season", "decade", "century"})


@dataclass
class Item:
    """One fact mention, normalised for comparison."""

    index: int
    kind: str
    key: str
    value: dict[str, Any]
    context: dict[str, Any]
    mention: Mention
    group: int
    window: str

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


def make_items(mentions: list[FactMention], provenance: Provenance, config: ReconcileConfig) -> list[Item]:
    return [Item(index, m.kind, _normalised_key(m.key) or _fallback_key(m), dict(m.value or {}), dict(m.context or {}), m.mention,
                 group_index(provenance, m.mention.article),
                 mention_window(m.mention.sentence or m.mention.text, m.mention.text, config.window_words))
            for index, m in enumerate(mentions)]


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


def _entity_signature(item: Item) -> tuple:
    if item.kind == "date":
        return item.key, item.value.get("start"), item.value.get("end")
    if is_area(item):  # one area answers many questions: each article's mention stands alone
        return item.key, item.article
    if item.kind == "quantity":  # "a thousand" (exact) and "more than 1,000" (lower) state different facts
        return item.key, item.value.get("bound", "exact")
    return (item.key,)


def build_entities(items: list[Item], config: ReconcileConfig) -> list[Entity]:
    """Mentions that state the same value: one key (and one amount or date range)."""
    entities: list[Entity] = []
    by_signature: dict[tuple, list[Entity]] = {}
    for item in items:
        candidates = by_signature.setdefault(_entity_signature(item), [])
        match = next((e for e in candidates if item.kind != "quantity"
                      or amounts_close(e.value, item.value, config)), None)
        if match is None:
            match = Entity([])
            candidates.append(match)
            entities.append(match)
        match.items.append(item)
    return entities


def _family(entity: Entity) -> tuple:
    """Entities of one family may fill one slot: places with places, dates with
    dates, quantities with quantities of the same key."""
    return (entity.kind, entity.items[0].key) if entity.kind == "quantity" else (entity.kind,)


def _shared_word_pairs(a: Entity, b: Entity, vocabulary: dict[int, set[str]]) -> list[tuple[Item, Item]]:
    """Item pairs of two entities whose windows share a common word (a cheap first filter)."""
    return [(x, y) for x in a.items for y in b.items if vocabulary[x.index] & vocabulary[y.index]]


def _rare_words(items: list[Item]) -> set[str]:
    """Common-word stems found in few of the story's mention sentences (a distinctive anchor)."""
    sentences = {i.mention.sentence for i in items if i.mention.sentence}
    counts: dict[str, int] = {}
    for sentence in sentences:
        for word in common_words(sentence):
            counts[word] = counts.get(word, 0) + 1
    return {w for w, n in counts.items() if n <= max(1.0, RARE_SHARE * len(sentences))}


def _anchor_bonus(x: Item, y: Item, rare: set[str]) -> float:
    """A bonus when both mentions attach to the same distinctive word ("meeting ... at X", "meeting ... in Y")."""
    before_x = words_before(x.mention.sentence, x.surface, ANCHOR_WORDS)
    before_y = words_before(y.mention.sentence, y.surface, ANCHOR_WORDS)
    return ANCHOR_BONUS if before_x & before_y & rare else 0.0


def _pair_scores(candidates: dict[tuple[int, int], list[tuple[Item, Item]]], rare: set[str],
                 config: ReconcileConfig) -> dict[tuple[int, int], float]:
    """The best window similarity of each candidate entity pair (plus an anchor bonus),
    encoding each distinct window once."""
    windows = sorted({i.window for pairs in candidates.values() for pair in pairs for i in pair})
    if not windows:
        return {}
    position = {w: n for n, w in enumerate(windows)}
    similarity = similarity_matrix(windows, config.use_encoder)
    return {key: max(similarity[position[x.window], position[y.window]] + _anchor_bonus(x, y, rare)
                     for x, y in pairs)
            for key, pairs in candidates.items()}


def _role_class(item: Item) -> str:
    role = str(item.context.get("role") or "").lower()
    return next((name for name, words in ROLE_CLASSES.items() if role in words), "")


def _roles_clash(a: Entity, b: Entity) -> bool:
    """A place reached ("to") and a place left ("from") never answer the same question."""
    roles_a = {_role_class(i) for i in a.items} - {""}
    roles_b = {_role_class(i) for i in b.items} - {""}
    return bool(roles_a and roles_b) and not roles_a & roles_b


def _mergeable(entity: Entity) -> bool:
    """Whether an entity may join others with differing values: vague dates ("recent
    weeks", "early September") refine nothing and contradict nothing."""
    if entity.kind != "date":
        return True
    context = entity.items[0].context
    return not context.get("part") and context.get("granularity", "day") not in VAGUE_GRANULARITIES


def align_slots(items: list[Item], config: ReconcileConfig) -> list[Slot]:
    """Entities, then entities of one family joined into a slot where their
    windows say the same thing and no article states both values."""
    entities = build_entities(items, config)
    slots = [Slot([e]) for e in entities]
    candidates = {}
    vocabulary = {i.index: common_words(i.window) for i in items if i.kind in COMPARABLE_KINDS}
    for a, b in combinations(range(len(entities)), 2):
        ea, eb = entities[a], entities[b]
        if (ea.kind in COMPARABLE_KINDS and _family(ea) == _family(eb) and not ea.articles & eb.articles
                and _mergeable(ea) and _mergeable(eb) and not _roles_clash(ea, eb)):
            shared = _shared_word_pairs(ea, eb, vocabulary)
            if shared:
                candidates[(a, b)] = shared
    pairs = []
    for (a, b), score in _pair_scores(candidates, _rare_words(items), config).items():
        same_key = entities[a].kind == "quantity" and not entities[a].items[0].key.startswith("unit:")
        if score >= (config.same_key_similarity if same_key else config.slot_similarity):
            pairs.append((score, a, b))
    owner = list(range(len(slots)))
    # Vague areas join last, so that they never keep two specific places out of one slot.
    vague = {n for n, e in enumerate(entities) if is_area(e.items[0])}
    for _, a, b in sorted(pairs, key=lambda p: ((p[1] in vague) or (p[2] in vague), -p[0])):
        ra, rb = _root(owner, a), _root(owner, b)
        if ra != rb and not slots[ra].articles & slots[rb].articles:
            slots[ra].links |= slots[rb].links
            slots[ra].entities.extend(slots[rb].entities)
            slots[rb].entities = []
            owner[rb] = ra
        if _root(owner, a) == _root(owner, b):
            slots[_root(owner, a)].links.add(frozenset((id(entities[a]), id(entities[b]))))
    return [s for s in slots if s.entities]


def _root(owner: list[int], index: int) -> int:
    while owner[index] != index:
        index = owner[index]
    return index
