"""People and organisations: spaCy PERSON and ORG spans with their roles,
and name variants linked across a story's articles (a story-level pass).

Names are compared in a folded form (anyascii, lower case, hyphens and dots
dropped): "Lee Jae-myung" and "Lee Jae Myung" fold alike. A one-word mention
("Smith said") links to the story's full name ending (or, for family-name-first
names, starting) with it, preferring the one last named in the same article.
An organisation's acronym links to the name whose initials it spells, and
"US Federal Reserve" to "Federal Reserve".

``FactMention.value`` is ``{"name": canonical}``: the most frequent full form
in the story. ``key`` is ``person:<folded canonical>`` or ``org:<...>``.
``FactMention.context`` keys:
  surface: the name as written in this mention (titles and possessives stripped)
  role: the job title said with the mention ("Interior Ministry
        spokeswoman", "State Department spokesman"), or ""
  role_source: "appositive" ("Jane Smith, State Department spokeswoman"),
        "title" ("State Department spokeswoman Jane Smith"), "honorific" or ""
  linked_by: "full" (a full name), "variant" (a folded or initial variant of it),
        "short" (a one-word mention linked to a full name), "unlinked"
  variants: every surface form of this entity in the story
  roles: every role stated for this entity in the story, first seen first
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from anyascii import anyascii
from spacy.tokens import Doc, Span

from newsfuse.facts.nlp import sentence_of
from newsfuse.model import FactMention, Mention

ENTITY_KINDS = {"PERSON": "person", "ORG": "organization"}
KEY_PREFIX = {"person": "person", "organization": "org"}
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "president", "prime", "minister", "sen",
              "senator", "rep", "gov", "governor", "gen", "general", "col", "lt", "capt", "adm", "prof",
              "rev", "pope", "king", "queen", "prince", "princess", "chancellor", "secretary", "judge"}
ACRONYM_SKIP = {"of", "the", "for", "and", "on", "in", "to", "&", "de", "s"}
POSSESSIVE = re.compile(r"\s*['’]s?$")
LEADING_THE = re.compile(r"^the\s+", re.I)
MAX_ROLE_TOKENS = 12
# Nouns and prefixes that introduce a vessel's name ("the ferry X", "MV X"): a vehicle, not a person.
VESSEL_NOUNS = frozenset("ship ferry vessel tanker freighter boat yacht cruiser liner trawler tug barge "
                         "catamaran carrier destroyer frigate submarine warship steamer schooner".split())
VESSEL_PREFIXES = frozenset("mv ms mt ss hms uss rms fv".split())
# "the port of X", "south of X": a place, not a person.
PLACE_BEFORE_OF = frozenset("town city village port island harbour harbor region province district county "
                            "coast capital outskirts north south east west".split())
ROLE_DEPS = {"compound", "amod", "nmod"}


def fold(name: str) -> str:
    """A spelling-insensitive form of a name."""
    text = anyascii(name).lower().replace("-", " ").replace("’", "'")
    text = re.sub(r"[^\w\s&]", "", text)
    return " ".join(text.split())


def strip_honorifics(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Split leading titles ("President", "Dr.") off a person's name."""
    titles = []
    while len(tokens) > 1 and fold(tokens[0]) in HONORIFICS:
        titles.append(tokens.pop(0))
    return titles, tokens


def clean_name(text: str) -> str:
    return POSSESSIVE.sub("", LEADING_THE.sub("", " ".join(text.split()))).strip(" ,.;:")


def trimmed(doc: Doc, start: int, end: int) -> str:
    while start < end and doc[start].is_punct:
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end].text


def appositive_role(ent: Span) -> str:
    """The appositive after a name: "Jane Smith, State Department spokeswoman"."""
    for child in ent.root.children:
        if child.dep_ == "appos" and child not in ent and child.i > ent.root.i:
            subtree = list(child.subtree)
            end = next((t.i for t in subtree if t.i > child.i and t.text == ","), subtree[-1].i + 1)
            if end - subtree[0].i <= MAX_ROLE_TOKENS:
                return trimmed(ent.doc, subtree[0].i, end)
    return ""


def title_role(ent: Span) -> str:
    """The title before a name: "State Department spokeswoman Jane Smith"."""
    modifiers = [c for c in ent.root.lefts if c.dep_ in ROLE_DEPS and c not in ent]
    if not modifiers or modifiers[-1].i != ent.start - 1:
        return head_role(ent)
    start = min(t.left_edge.i for t in modifiers)
    commas = [i for i in range(start, ent.start) if ent.doc[i].text in {",", ";", ":"}]
    start = commas[-1] + 1 if commas else start  # "... the island of X, coast guard spokeswoman Y"
    return trimmed(ent.doc, start, ent.start) if ent.start - start <= MAX_ROLE_TOKENS else ""


def head_role(ent: Span) -> str:
    """The title a name stands in apposition to: "the French president, Jean Dupont"."""
    head = ent.root.head
    if ent.root.dep_ != "appos" or head.pos_ != "NOUN" or head.i > ent.start:
        return ""
    start = head.left_edge.i
    while start < head.i and ent.doc[start].dep_ == "det":
        start += 1
    return trimmed(ent.doc, start, head.i + 1) if head.i + 1 - start <= MAX_ROLE_TOKENS else ""


def person_mention(article_id: str, ent: Span) -> FactMention:
    titles, tokens = strip_honorifics(clean_name(ent.text).split())
    surface = " ".join(tokens)
    role, source = appositive_role(ent), "appositive"
    if not role:
        role, source = title_role(ent), "title"
    if not any(char.isalpha() for char in role):
        role = ""
    if titles:
        role, source = " ".join(filter(None, [role, *titles])), (source if role else "honorific")
    context = {"surface": surface, "role": role, "role_source": source if role else "", "linked_by": "unlinked"}
    return FactMention(kind="person", value={"name": surface}, key=f"person:{fold(surface)}", context=context,
                       mention=Mention(article_id, ent.text, sentence_of(ent), ent.start_char))


def organisation_mention(article_id: str, ent: Span) -> FactMention:
    surface = clean_name(ent.text)
    context = {"surface": surface, "role": "", "role_source": "", "linked_by": "unlinked"}
    return FactMention(kind="organization", value={"name": surface}, key=f"org:{fold(surface)}", context=context,
                       mention=Mention(article_id, ent.text, sentence_of(ent), ent.start_char))


def names_vessel(ent: Span) -> bool:
    """ "the ferry X", "the tanker X", "MV X": a vessel's name."""
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    return (fold(ent[0].text) in VESSEL_PREFIXES
            or (before is not None and before.lemma_.lower() in VESSEL_NOUNS))


def after_place_word(ent: Span) -> bool:
    """ "the port of X", "the island of X", "south of X"."""
    doc = ent.doc
    return ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and doc[ent.start - 2].lower_ in PLACE_BEFORE_OF


def find_people(article_id: str, doc: Doc) -> list[FactMention]:
    """People and organisations named in one article, with roles; a vessel's name is marked
    (``context["vessel"]``) so the story pass can drop it, a name after a place word is skipped."""
    found = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_KINDS or not fold(clean_name(ent.text)) or after_place_word(ent):
            continue
        maker = person_mention if ent.label_ == "PERSON" else organisation_mention
        mention = maker(article_id, ent)
        if names_vessel(ent):
            mention.context["vessel"] = True
        found.append(mention)
    return found


def drop_non_people(mentions: list[FactMention]) -> None:
    """Remove (in place) person and organisation mentions of a name the story introduces as a
    vessel anywhere, or that is one of the story's place mentions."""
    vessels = {fold(m.context["surface"]) for m in mentions if m.context.get("vessel")}
    places = {fold(m.context.get("surface") or m.mention.text) for m in mentions if m.kind == "place"}
    places |= {fold(clean_name(p)) for p in places}
    mentions[:] = [m for m in mentions if m.kind not in ENTITY_KINDS.values()
                   or fold(m.context["surface"]) not in vessels | places]


def same_person(a: list[str], b: list[str]) -> bool:
    """Folded full names that are variants: spacing ("jong un"/"jongun") or middle initials."""
    if "".join(a) == "".join(b):
        return True
    return a[0] == b[0] and a[-1] == b[-1] and all(len(t) == 1 for t in (a[1:-1] + b[1:-1]))


def initials(tokens: list[str]) -> str:
    return "".join(t[0] for t in tokens if t not in ACRONYM_SKIP)


def same_organisation(short: list[str], long: list[str]) -> bool:
    """An acronym of a longer name, or the name with a leading qualifier ("us federal reserve")."""
    if len(short) == 1 and len(long) > 1 and len(short[0]) >= 2:
        return short[0] == initials(long)
    return len(short) >= 2 and len(long) > len(short) and long[-len(short):] == short


def group_full_names(mentions: list[FactMention], same) -> dict[str, str]:
    """Folded multi-word names -> the folded name of their group's first member."""
    heads: list[list[str]] = []
    group_of: dict[str, str] = {}
    for mention in mentions:
        tokens = fold(mention.context["surface"]).split()
        name = " ".join(tokens)
        if len(tokens) < 2 or name in group_of:
            continue
        head = next((h for h in heads if same(tokens, h) or same(h, tokens)), None)
        if head is None:
            heads.append(tokens)
            head = tokens
        group_of[name] = " ".join(head)
    return group_of


def short_name_group(tokens: list[str], groups: list[str], recent: list[str], counts: Counter) -> str | None:
    """The full name a one-word mention stands for (last name, else family-name-first)."""
    for position in (-1, 0):
        matches = [g for g in groups if g.split()[position] == tokens[0]]
        if matches:
            in_article = [g for g in reversed(recent) if g in matches]
            return in_article[0] if in_article else max(matches, key=lambda g: counts[g])
    return None


def link_kind(mentions: list[FactMention], kind: str) -> None:
    """Give every mention of ``kind`` in a story its entity's canonical name and key."""
    own = [m for m in mentions if m.kind == kind]
    same = same_person if kind == "person" else same_organisation
    group_of = group_full_names(own, same)
    counts = Counter(group_of[fold(m.context["surface"])] for m in own if fold(m.context["surface"]) in group_of)
    groups = list(dict.fromkeys(group_of.values()))  # first-seen order: ties break the same way in every run
    recent: dict[str, list[str]] = defaultdict(list)
    assigned: list[tuple[FactMention, str]] = []
    for mention in own:
        name = fold(mention.context["surface"])
        if name in group_of:
            group, how = group_of[name], ("full" if group_of[name] == name else "variant")
        else:
            linked = short_name_group(name.split(), groups, recent[mention.mention.article], counts)
            if linked is None and kind == "organization":
                linked = next((g for g in groups if same(name.split(), g.split())), None)
            group, how = (linked, "short") if linked else (name, "unlinked")
        recent[mention.mention.article].append(group)
        assigned.append((mention, group))
        mention.context["linked_by"] = how
    name_entities(assigned, kind)


def name_entities(assigned: list[tuple[FactMention, str]], kind: str) -> None:
    """Canonical name per group: its most frequent multi-word surface (ties: first seen)."""
    surfaces: dict[str, Counter] = defaultdict(Counter)
    roles: dict[str, list[str]] = defaultdict(list)
    for mention, group in assigned:
        surfaces[group][mention.context["surface"]] += 1
        if mention.context["role"] and mention.context["role"] not in roles[group]:
            roles[group].append(mention.context["role"])
    for mention, group in assigned:
        forms = surfaces[group]
        full = [s for s in forms if len(s.split()) > 1] or list(forms)
        canonical = max(full, key=lambda s: forms[s])
        mention.value = {"name": canonical}
        mention.key = f"{KEY_PREFIX[kind]}:{fold(canonical)}"
        mention.context["variants"] = sorted(forms)
        mention.context["roles"] = roles[group]


def link_people(mentions: list[FactMention]) -> None:
    """The story-level pass: drop names that are vessels or places, then link people and
    organisations across the story's articles."""
    drop_non_people(mentions)
    link_kind(mentions, "person")
    link_kind(mentions, "organization")
