"""The data classes every stage shares.

Data flows one way: ``RawDocument -> Article -> Story``. Each stage reads the
fields it needs and sets the ones it owns (see each stage's module docstring).
``to_dict`` gives the contract's JSON form (see ``CONTRACT.md``).
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

InputKind = Literal["html", "text"]
RelationType = Literal["duplicate", "version", "copy", "excerpt", "translation"]
FactKind = Literal["quantity", "place", "date", "person", "organization", "event", "claim"]
ConflictType = Literal[
    "bound", "value", "place", "place_name", "date", "quote_wording",
    "attribution", "temporal_order", "other",
]
BriefStatus = Literal["corroborated", "single_source", "disputed"]
STORY_ERROR_ARTICLES = 3  # articles a failed story's error line names
# Characters that would break or restyle a terminal line: controls, line and paragraph
# separators, direction overrides, lone surrogates. Error lines show them escaped.
UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@dataclass
class RawDocument:
    """One input page as read, before extraction.

    ``kind`` says how ``content`` is to be read: ``html`` markup or ``text``, a
    flat dump of a page (or a clean article). ``outlet``, ``title`` and
    ``published`` are set only where the feed itself knows them (JSONL rows).
    """

    id: str
    source: str
    kind: InputKind
    content: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    fetched_at: str | None = None


@dataclass(frozen=True)
class InputError:
    """A per-input problem: reported as one line naming the input, never fatal."""

    source: str
    message: str

    def __str__(self) -> str:
        line = f"{self.source}: {self.message}"
        return "newsfuse: " + UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), line)


def error_text(error: BaseException) -> str:
    """An unexpected error as a line's end says it: its type and message."""
    return f"{type(error).__name__}: {error}"


def story_error(story_id: str, articles: list[str], stage: str, error: str) -> InputError:
    """A bug met while deriving one story's ``stage`` (facts, reconciliation; ``error`` as
    ``error_text`` gives it), as one line naming the story and its first articles: the story is
    kept without that stage's output and the batch goes on."""
    shown = ", ".join(articles[:STORY_ERROR_ARTICLES]) + (", ..." if len(articles) > STORY_ERROR_ARTICLES else "")
    counted = f"{len(articles)} article" + ("" if len(articles) == 1 else "s")
    return InputError(f"story {story_id} ({counted}: {shown})",
                      f"{stage} failed, a bug to report: {error}; the story is kept without its {stage}")


@dataclass
class Dateline:
    place: str | None = None
    date: str | None = None  # "MM-DD" or "YYYY-MM-DD"
    agency: str | None = None


@dataclass
class Article:
    """An extracted article; set by ``newsfuse.extract``."""

    id: str
    source: str
    title: str | None = None
    title_derived: bool = False
    byline: list[str] = field(default_factory=list)
    dateline: Dateline | None = None
    published: str | None = None
    language: str = "en"
    body: list[str] = field(default_factory=list)
    body_lines: list[int] | None = None
    url: str | None = None
    outlet: str | None = None  # the outlet's display name, where the feed gives it
    site: str | None = None  # site name or host, as the page says
    derived_title: str | None = None  # a display headline made from the lead where ``title`` is null
    chrome: list[str] = field(default_factory=list)  # page lines extraction dropped (menus, bylines, links), capped

    @property
    def text(self) -> str:
        """The body as one string, paragraphs separated by blank lines."""
        return "\n\n".join(self.body)

    @property
    def reference_date(self) -> str | None:
        """The article's own date for resolving relative dates, if it has one."""
        if self.dateline and self.dateline.date and len(self.dateline.date) == 10:
            return self.dateline.date
        return self.published

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        data = dict(data)
        if data.get("dateline") is not None:
            data["dateline"] = Dateline(**data["dateline"])
        return cls(**data)


@dataclass
class Relation:
    """A copy relation between two articles; ``source`` derives from ``target``
    where ``directed`` is true."""

    source: str
    target: str
    relation: RelationType
    score: float = 0.0
    directed: bool = False
    evidence: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.source, "to": self.target, "relation": self.relation,
            "score": round(self.score, 4), "directed": self.directed, "evidence": self.evidence,
        }


@dataclass
class Provenance:
    relations: list[Relation] = field(default_factory=list)
    independent_groups: list[list[str]] = field(default_factory=list)

    def group_of(self, article_id: str) -> int:
        """Index of the independent group holding ``article_id``."""
        for index, group in enumerate(self.independent_groups):
            if article_id in group:
                return index
        raise KeyError(article_id)

    def support(self, article_ids: list[str] | set[str]) -> int:
        """How many independent groups the given articles span."""
        return len({self.group_of(a) for a in article_ids})

    def to_dict(self) -> dict[str, Any]:
        return {
            "relations": [r.to_dict() for r in self.relations],
            "independent_groups": self.independent_groups,
        }


@dataclass
class Mention:
    """Where a fact or quote occurs: an article and the text span that says it."""

    article: str
    text: str
    sentence: str = ""
    start: int = -1  # character offset of ``text`` in ``Article.text``, -1 if unknown

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "text": self.text, "sentence": self.sentence}


@dataclass
class FactMention:
    """One fact as one article states it; set by ``newsfuse.facts``.

    ``value`` has the contract's form for its ``kind`` (see CONTRACT.md);
    ``key`` is a normalised handle for comparing like facts across articles
    (a gazetteer id, a person's canonical name, a counted noun's lemma).
    ``context`` holds the words that say what the fact is about (for a
    quantity, its counted noun and governing verb; for a place, its role).
    """

    kind: FactKind
    value: dict[str, Any]
    mention: Mention
    key: str = ""
    context: dict[str, Any] = field(default_factory=dict)


@dataclass
class QuoteMention:
    """One direct quotation in one article, with its speaker."""

    text: str
    speaker: str | None
    mention: Mention
    speaker_key: str | None = None  # canonical person key, linked across the story
    context: dict[str, Any] = field(default_factory=dict)  # how the speaker was found (see facts/quotes.py)


@dataclass
class Fact:
    id: str
    kind: FactKind
    value: dict[str, Any]
    mentions: list[Mention]
    independent_support: int
    about: str = ""
    explanation: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "kind": self.kind, "value": self.value,
            "mentions": [m.to_dict() for m in self.mentions],
            "independent_support": self.independent_support,
            "about": self.about, "explanation": self.explanation,
        }


@dataclass
class QuoteVariant:
    article: str
    text: str
    diff: str = ""  # word-level difference against the quote's canonical text


@dataclass
class Quote:
    id: str
    speaker: str | None
    text: str
    mentions: list[Mention]
    independent_support: int
    variants: list[QuoteVariant] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "speaker": self.speaker, "text": self.text,
            "mentions": [m.to_dict() for m in self.mentions],
            "independent_support": self.independent_support,
            "variants": [asdict(v) for v in self.variants],
        }


@dataclass
class ConflictSide:
    value: str
    articles: list[str]
    independent_support: int


DISPUTED_CONFIDENCE = 0.7  # a dispute at least this sure marks the brief's sentences "disputed"


@dataclass
class Conflict:
    """Sides that cannot all be true; ``status`` "dispute" or "revision" (a later report gives a new
    figure), ``evidence`` the sentences of each side, ``confidence`` how sure it is that the sides
    speak of one thing (set by ``reconcile``)."""

    id: str
    type: ConflictType
    about: str
    sides: list[ConflictSide]
    explanation: str = ""
    status: str = "dispute"
    confidence: float = 0.0
    evidence: list[dict[str, Any]] = field(default_factory=list)

    @property
    def confident_dispute(self) -> bool:
        return self.status == "dispute" and self.confidence >= DISPUTED_CONFIDENCE

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "type": self.type, "about": self.about,
            "sides": [asdict(s) for s in self.sides], "explanation": self.explanation,
            "status": self.status, "confidence": round(self.confidence, 2), "evidence": self.evidence,
        }


@dataclass
class SingleSourceClaim:
    article: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class BriefSentence:
    text: str
    citations: list[str]
    status: BriefStatus
    independent_support: int
    section: str = "brief"  # "brief", "disputed" or "single_source"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Story:
    """A story: articles about one event. ``stories`` sets ``articles`` and
    ``headline``; ``copies`` sets ``provenance``; ``facts`` sets
    ``fact_mentions``, ``quote_mentions`` and ``event_date``; ``reconcile``
    sets ``facts``, ``quotes``, ``conflicts``, ``single_source`` and ``brief``."""

    id: str
    articles: list[str]
    headline: str = ""
    event_date: str | None = None
    provenance: Provenance = field(default_factory=Provenance)
    fact_mentions: list[FactMention] = field(default_factory=list)
    quote_mentions: list[QuoteMention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    single_source: list[SingleSourceClaim] = field(default_factory=list)
    brief: list[BriefSentence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "headline": self.headline,
            "event_date": self.event_date,
            "articles": self.articles,
            "provenance": self.provenance.to_dict(),
            "facts": [f.to_dict() for f in self.facts],
            "quotes": [q.to_dict() for q in self.quotes],
            "conflicts": [c.to_dict() for c in self.conflicts],
            "single_source": [s.to_dict() for s in self.single_source],
            "brief": [b.to_dict() for b in self.brief],
        }
