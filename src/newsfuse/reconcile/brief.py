"""The extractive brief: real sentences from the articles, ordered by how many
independent sources back them, each citing only articles that state its claims."""
from __future__ import annotations

from newsfuse.config import ReconcileConfig
from newsfuse.model import BriefSentence, Conflict
from newsfuse.reconcile.sentences import CORE_KINDS, StoryText

MAX_BRIEF_WORDS = 70  # longer "sentences" are usually run-together paragraphs
DUPLICATE_SIMILARITY = 0.5  # a candidate this close to a picked sentence adds nothing
MAX_CANDIDATES = 200  # sentences whose backers are checked, those with the most support at most first
INFORMATIVE_KINDS = frozenset({"quantity", "date", "place", "quote", "event", "claim"})  # new ones make a pick


def _status(support: int, disputed: bool) -> str:
    if disputed:
        return "disputed"
    return "corroborated" if support >= 2 else "single_source"


def _candidates(text: StoryText, config: ReconcileConfig) -> list[tuple[int, set[str], int]]:
    """(sentence index, backing articles, independent support) for the sentences that carry
    claims with the most support at most (``MAX_CANDIDATES`` of them, so cost stays linear)."""
    claimed = [index for index, claims in text.claims.items()
               if len(text.sentences[index].text.split()) <= MAX_BRIEF_WORDS
               and any(c.kind in CORE_KINDS for c in claims)]  # without an amount, a date or a quotation nothing is corroborated
    bounds = {index: text.support(text.claim_pool(index) | {text.sentences[index].article}) for index in claimed}
    found = []
    for index in sorted(claimed, key=lambda i: (-bounds[i], i))[:MAX_CANDIDATES]:
        backers = text.backers(index, config.support_similarity)
        found.append((index, backers, text.support(backers)))
    return found


def main_brief(text: StoryText, config: ReconcileConfig) -> list[BriefSentence]:
    """Corroborated sentences, each adding a claim the picked ones do not yet state."""
    candidates = [c for c in _candidates(text, config) if c[2] >= 2]
    candidates.sort(key=lambda c: (-c[2], text.sentences[c[0]].index, -len(text.claims[c[0]])))
    picked: list[tuple[int, set[str], int]] = []
    covered: set[str] = set()
    for index, backers, support in candidates:
        refs = {c.ref for c in text.claims[index] if c.kind in INFORMATIVE_KINDS}
        if not refs - covered or any(text.similar(index, p[0]) >= DUPLICATE_SIMILARITY for p in picked):
            continue
        picked.append((index, backers, support))
        covered |= refs
        if len(picked) >= config.brief_sentences:
            break
    return [BriefSentence(text.sentences[i].text, sorted(backers), _status(support, _disputed(text, i)), support)
            for i, backers, support in picked]


def _disputed(text: StoryText, index: int) -> bool:
    return any(c.disputed for c in text.claims.get(index, []))


def disputed_section(text: StoryText, conflicts: list[Conflict], sentence_of: dict[tuple[str, str], int],
                     config: ReconcileConfig) -> list[BriefSentence]:
    """For each side of each confident dispute, a sentence that states it, citing that side's articles."""
    section = []
    for conflict in conflicts:
        if not conflict.confident_dispute:
            continue
        for side in conflict.sides:
            index = sentence_of.get((conflict.id, side.value))
            if index is None:
                continue
            own = text.sentences[index].article
            cited = sorted({own} | {a for a in side.articles if text.best_match(index, a) >= config.support_similarity})
            section.append(BriefSentence(text.sentences[index].text, cited, "disputed",
                                         text.support(cited), section="disputed"))
    return section

