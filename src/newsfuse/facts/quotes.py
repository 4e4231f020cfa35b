"""Direct quotations and their speakers.

Quotes are read from the text's quotation marks (curly or straight) within
each paragraph; a quote left open at a paragraph's end runs to that end and,
where the next paragraph opens a quote, continues there. Quotes of fewer than
``MIN_QUOTE_WORDS`` words (scare quotes) and short title-cased names of works
("A Beautiful Mind") are skipped; short fragments inside
reported speech ("which he said "may have been forged"") are kept as partial.

The speaker is the subject of the nearest speech verb outside the quote in
the quote's sentence (or the clause right after it: '"...," he said').
A pronoun or a role noun ("he", "the official") is the last named speaker
before it in the article: the last named person who was the subject of a
speech verb. A quote with no verb of its own right after a quote of the same
paragraph (or opening the paragraph after an unclosed one) continues it:
'"X," he said. "Y."' gives two mentions linked by one ``group``.

``QuoteMention.context`` keys:
  kind: "full" (a quoted sentence) | "partial" (a fragment inside reported speech)
  verb: lemma of the speech verb ("say", "add"), or ""
  speaker_surface: the words at the attribution ("he", "Smith", "the ministry")
  speaker_via: "name" | "pronoun" | "nominal" | "organization" | "continuation" |
        "unresolved" (a plural or impersonal pronoun) | "none"
  speaker_start: character offset in ``Article.text`` of the named mention the
        speaker resolves to, or -1
  speaker_role: the speaker's role as stated in the article (else the story), or ""
  open_ended: bool, no closing quotation mark in the paragraph
  paragraph: index of the paragraph in ``Article.body``
  group, part, parts, joined: for a quote split by its attribution, the id
        shared by its parts, this part's number (1-based), how many, and the
        parts' text joined
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsfuse.facts.people import fold
from newsfuse.model import FactMention, Mention, QuoteMention

OPENING = {"“", '"', "„", "«"}
CLOSING = {"”", '"', "»"}
MIN_QUOTE_WORDS = 2
TRAILING_PUNCTUATION = ",.;: "
TITLE_MAX_WORDS = 6
SENTENCE_ENDS = (".", "!", "?", "\"", "”", "’", "'", ")", "…", ":")
TITLE_SMALL_WORD = 3  # words this short ("of", "the") may stay lower case in a title
FULL_QUOTE_WORDS = 4
ATTRIBUTION_TAIL = 3  # characters after a closing mark still in the quote's clause
SPEECH_VERBS = {
    "say", "tell", "add", "state", "note", "stress", "announce", "disclose", "warn", "explain", "insist",
    "claim", "argue", "write", "declare", "assert", "acknowledge", "admit", "reply", "respond", "answer",
    "ask", "comment", "remark", "conclude", "emphasize", "emphasise", "urge", "vow", "pledge", "promise",
    "suggest", "predict", "confirm", "deny", "recall", "testify", "tweet", "observe", "reiterate",
    "caution", "complain", "concede", "contend", "maintain", "mention", "describe", "voice", "allege",
}
PRONOUNS = {"he", "she"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
NAMED_LABELS = {"PERSON"}
ORG_LABELS = {"ORG", "GPE", "NORP"}


@dataclass
class QuoteSpan:
    start: int  # first character of the quoted words
    end: int  # character after the quoted words
    paragraph: int
    paragraph_end: int
    open_ended: bool = False
    opens_paragraph: bool = False


@dataclass
class Speaker:
    surface: str
    via: str
    start: int = -1  # character offset of the named mention the speaker resolves to
    verb: str = ""
    label: str = ""
    name: str | None = None  # the named person or organisation the speaker resolves to


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, offset = [], 0
    for paragraph in text.split("\n\n"):
        spans.append((offset, offset + len(paragraph)))
        offset += len(paragraph) + 2
    return spans


def quote_spans(text: str) -> list[QuoteSpan]:
    """Quoted stretches, paragraph by paragraph."""
    found = []
    for index, (first, last) in enumerate(paragraph_spans(text)):
        start = None
        for i in range(first, last):
            char = text[i]
            if start is None and char in OPENING:
                start = i + 1
            elif start is not None and char in CLOSING:
                found.append(QuoteSpan(start, i, index, last, opens_paragraph=start == first + 1))
                start = None
        if start is not None:
            found.append(QuoteSpan(start, last, index, last, open_ended=True, opens_paragraph=start == first + 1))
    return [q for q in found if len(text[q.start:q.end].split()) >= MIN_QUOTE_WORDS
            and not looks_like_title(text[q.start:q.end])]


def looks_like_title(quoted: str) -> bool:
    """A short quoted name of a work ("A Beautiful Mind"), not speech: every long word capitalised."""
    words = quoted.strip(TRAILING_PUNCTUATION).split()
    long_words = [w for w in words if len(w) > TITLE_SMALL_WORD and w[0].isalpha()]
    return len(words) <= TITLE_MAX_WORDS and bool(long_words) and all(w[0].isupper() for w in long_words)


def inside_any(position: int, quotes: list[QuoteSpan]) -> bool:
    return any(q.start <= position < q.end for q in quotes)


def subject_of(verb: Token) -> Token | None:
    for candidate in (verb, verb.head if verb.dep_ in ("conj", "xcomp") else None):
        if candidate is None:
            continue
        subjects = [c for c in candidate.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            return subjects[0]
    return None


def speaker_from_subject(subject: Token, verb: Token, entity_at: dict[int, Span], surnames: set[str]) -> Speaker:
    """Who the subject of a speech verb names, before pronouns are resolved."""
    ent = entity_at.get(subject.i)
    if ent is None:
        named = [t for t in subject.subtree if t.ent_type_ in NAMED_LABELS]
        ent = entity_at.get(named[0].i) if named and subject.pos_ != "NOUN" else None
    if ent is not None and ent.label_ in NAMED_LABELS:
        return Speaker(ent.text, "name", ent.start_char, verb.lemma_, ent.label_, ent.text)
    if ent is not None and ent.label_ in ORG_LABELS:
        return Speaker(ent.text, "organization", ent.start_char, verb.lemma_, ent.label_, ent.text)
    if subject.lower_ in PRONOUNS:
        return Speaker(subject.text, "pronoun", verb=verb.lemma_)
    if subject.pos_ == "PRON":  # "they", "it", "we": not one named person
        return Speaker(subject.text, "unresolved", verb=verb.lemma_)
    missed = missed_name(subject, surnames)
    if missed is not None:
        return Speaker(missed.text, "name", missed.start_char, verb.lemma_, "PERSON", missed.text)
    phrase = subject.doc[subject.left_edge.i:subject.i + 1].text
    return Speaker(phrase, "nominal", verb=verb.lemma_)


def missed_name(subject: Token, surnames: set[str]) -> Span | None:
    """A person's name the entity recogniser missed: a run of two or more proper nouns
    ("Ana Ruiz"), or one that is the last name of a person named earlier."""
    if subject.pos_ != "PROPN":
        return None
    start = subject.i
    while start > 0 and subject.doc[start - 1].pos_ == "PROPN" and subject.doc[start - 1].head == subject:
        start -= 1
    run = subject.doc[start:subject.i + 1]
    return run if len(run) > 1 or subject.lower_ in surnames else None


def in_headline(token: Token, text: str) -> bool:
    """Is the token in a paragraph without sentence-final punctuation (a headline or teaser)?"""
    end = text.find("\n\n", token.idx)
    end = len(text) if end < 0 else end
    return not text[token.idx:end].rstrip().endswith(SENTENCE_ENDS)


def speech_events(doc: Doc, text: str, quotes: list[QuoteSpan]) -> list[tuple[Token, Speaker]]:
    """Every speech verb outside quotes and headlines with its subject, in text order."""
    events = []
    entity_at = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
    surnames: set[str] = set()
    for token in doc:
        if token.ent_type_ in NAMED_LABELS and token.ent_iob_ == "B":
            surnames.add(entity_at[token.i][-1].lower_)
        if token.lemma_.lower() in SPEECH_VERBS and token.pos_ == "VERB" and not inside_any(token.idx, quotes):
            subject = subject_of(token)
            if subject is not None and not inside_any(subject.idx, quotes) and not in_headline(token, text):
                events.append((token, speaker_from_subject(subject, token, entity_at, surnames)))
    return events


def resolve_pronouns(events: list[tuple[Token, Speaker]]) -> None:
    """Pronoun and role-noun subjects become the last named speaker before them."""
    last_named: Speaker | None = None
    for _, speaker in events:
        if speaker.via == "name":
            last_named = speaker
        elif speaker.via in ("pronoun", "nominal") and last_named is not None:
            speaker.start, speaker.label, speaker.name = last_named.start, last_named.label, last_named.name
            speaker.surface = f"{speaker.surface} ({last_named.surface})"


def attribution(quote: QuoteSpan, sentences: list[Span],
                events: list[tuple[Token, Speaker]]) -> tuple[Token, Speaker] | None:
    """The speech event nearest the quote within its own sentences, else within the
    clause right after it ('"...," he said' parsed as a sentence of its own)."""
    own_end = min(quote.end, quote.paragraph_end)
    tail_end = min(quote.end + ATTRIBUTION_TAIL, quote.paragraph_end)
    for window_end in (own_end, tail_end):
        window = [s for s in sentences if s.start_char < max(window_end, quote.start + 1) and s.end_char > quote.start]
        if not window:
            continue
        first, last = window[0].start_char, min(window[-1].end_char, quote.paragraph_end)
        nearby = [(verb, speaker) for verb, speaker in events if first <= verb.idx < last]
        if nearby:
            return min(nearby, key=lambda event: min(abs(event[0].idx - quote.start), abs(event[0].idx - quote.end)))
    return None


def quote_kind(text: str, quote: QuoteSpan) -> str:
    words = text[quote.start:quote.end].split()
    before = text[max(0, quote.start - 3):quote.start - 1].strip()
    opens_clause = quote.opens_paragraph or before.endswith((",", ":")) or before == ""
    return "full" if len(words) >= FULL_QUOTE_WORDS and words[0][:1].isupper() and opens_clause else "partial"


def find_quotes(article_id: str, doc: Doc) -> list[QuoteMention]:
    """Quotes of one article with speakers as written (``link_speakers`` names them)."""
    text = doc.text
    quotes = quote_spans(text)
    events = speech_events(doc, text, quotes)
    resolve_pronouns(events)
    found: list[QuoteMention] = []
    previous: tuple[QuoteSpan, QuoteMention] | None = None
    sentences = list(doc.sents) if quotes else []
    for quote in quotes:
        event = attribution(quote, sentences, events)
        speaker = event[1] if event else None
        mention = make_mention(article_id, doc, text, quote, speaker)
        if speaker is None and previous is not None and continues(previous[0], quote, text):
            join(previous[1], mention, len(found))
        found.append(mention)
        previous = (quote, mention)
    finish_groups(found)
    return found


def continues(before: QuoteSpan, after: QuoteSpan, text: str) -> bool:
    """Does ``after`` carry on the quotation ``before`` ('"X," he said. "Y."')?"""
    if before.paragraph == after.paragraph:
        return True
    return after.paragraph == before.paragraph + 1 and before.open_ended and after.opens_paragraph


def join(first: QuoteMention, second: QuoteMention, index: int) -> None:
    """Link a continuation to the quote it carries on: shared speaker and group."""
    group = first.context.setdefault("group", f"{first.mention.article}#q{index}")
    first.context.setdefault("part", 1)
    second.speaker, second.speaker_key = first.speaker, first.speaker_key
    second.context.update(speaker_via="continuation", speaker_surface=first.context["speaker_surface"],
                          verb=first.context["verb"], speaker_start=first.context.get("speaker_start", -1),
                          kind=first.context["kind"], group=group, part=first.context["part"] + 1)


def finish_groups(quotes: list[QuoteMention]) -> None:
    """Give every part of a split quote the number of parts and the joined text."""
    groups: dict[str, list[QuoteMention]] = {}
    for quote in quotes:
        if "group" in quote.context:
            groups.setdefault(quote.context["group"], []).append(quote)
    for parts in groups.values():
        joined = " ".join(part.text for part in parts)
        for part in parts:
            part.context.update(parts=len(parts), joined=joined)


def make_mention(article_id: str, doc: Doc, text: str, quote: QuoteSpan, speaker: Speaker | None) -> QuoteMention:
    quoted = text[quote.start:quote.end].strip().rstrip(TRAILING_PUNCTUATION).strip()
    span = doc.char_span(quote.start, max(quote.start + 1, quote.end), alignment_mode="expand")
    sentence = span.sent.text if span is not None else ""
    context = {
        "kind": quote_kind(text, quote), "verb": speaker.verb if speaker else "",
        "speaker_surface": speaker.surface if speaker else "", "speaker_via": speaker.via if speaker else "none",
        "speaker_start": speaker.start if speaker else -1, "speaker_role": "",
        "open_ended": quote.open_ended, "paragraph": quote.paragraph,
    }
    return QuoteMention(text=quoted, speaker=speaker.name if speaker else None, mention=Mention(article_id, quoted, sentence, quote.start),
                        context=context)


def link_speakers(quotes: list[QuoteMention], facts: list[FactMention]) -> None:
    """The story-level pass: give each speaker the canonical name and key of the person or
    organisation mention it resolves to (people.py links those across the story); a name
    the entity recogniser missed links by its last word where one story person has it."""
    entities = [f for f in facts if f.kind in ("person", "organization")]
    by_position = {(f.mention.article, f.mention.start): f for f in entities}
    by_name = {(f.mention.article, fold(f.context.get("surface", ""))): f for f in entities}
    by_last_word: dict[str, dict[str, FactMention]] = {}
    for fact in entities:
        if fact.kind == "person":
            by_last_word.setdefault(fold(fact.value["name"]).split()[-1], {})[fact.key] = fact
    article_roles: dict[tuple[str, str], str] = {}
    for fact in entities:
        if fact.context.get("role"):
            article_roles.setdefault((fact.mention.article, fact.key), fact.context["role"])
    for quote in quotes:
        entity = by_position.get((quote.mention.article, quote.context.get("speaker_start", -1)))
        if entity is None and quote.speaker:
            entity = by_name.get((quote.mention.article, fold(quote.speaker)))
            same_last = by_last_word.get((fold(quote.speaker).split() or [""])[-1], {})
            entity = entity or (next(iter(same_last.values())) if len(same_last) == 1 else None)
        if entity is not None:
            quote.speaker, quote.speaker_key = entity.value["name"], entity.key
            roles = entity.context.get("roles") or [""]
            quote.context["speaker_role"] = (entity.context.get("role")
                                             or article_roles.get((quote.mention.article, entity.key)) or roles[0])
