"""Direct quotations and their speakers.

Quotes are the stretches between quotation marks within one line: “…”, "…", ''…'' (two
apostrophes, as some wires write), „…“, «…», and ‘…’ in an article that uses single marks
only. Markup tags (``<tweet author="...">``) are not quotations. A quote left open at a
line's end runs to that end (a quotation spanning paragraphs reopens each with a mark).
Empty stretches and short title-cased names of works ("The Nightly Show") that nobody is
said to have said are skipped; a short fragment that someone is said to have said ("called
him a "moderate"") is kept as a partial quote.

The speaker (``speakers.py`` finds the speech events and resolves pronouns) is, in order:
an upper-case transcript label opening the quote ('"WALLACE: ...');
the surest verb of speech or view of the quote's own sentence (one governing the quote, the
outermost: who reports the words; a name before a place or a description; speech before
view: "believes", "called"; then the nearest); the one in the clause right after the closing
mark ('"...," Ana Ruiz, the mayor, said'); the one of the sentence
a colon leads from into the quote ("Cruz put it this way:"); a name after a dash ('” ― Ana
Ruiz') or before a colon ("Ana Ruiz: “…”"); else the speaker of the quote before it in the
same line or the line before ("continuation": '"X," he said. "Y."', and a paragraph that
is only a quote after a quoted paragraph); else, for a quote that opens its line, the speaker
in the last sentence of the line before ("Ruiz said the plan would pass." then a quote).
Where none of these speaks, any other verb of the quote's sentence with a named or he/she
subject gives the speaker, then the last verb of speech or view of the sentence before in the
same line ("Ruiz recalled the night. "I was scared.""), then a person the quote's sentence names
before it (a misparse left it no verb), before a continuation does. "According to Y" in the
quote's sentence names Y over the speaker Y reports ("X said ..., according to Y").

``QuoteMention.context`` keys:
  kind: "full" (a quoted sentence) | "partial" (a fragment inside reported speech)
  verb: lemma of the speech verb ("say", "add", "according to"), or ""
  speaker_surface: the words at the attribution ("he (Ana Ruiz)", "Smith", "the ministry")
  speaker_via: "name" | "pronoun" | "nominal" | "organization" | "continuation" |
        "unresolved" (a plural or impersonal pronoun) | "none"
  speaker_start: character offset in ``Article.text`` of the named mention the
        speaker resolves to, or -1
  speaker_role: the speaker's role as stated in the article (else the story), or ""
  open_ended: bool, no closing quotation mark in the line
  paragraph: index of the paragraph in ``Article.body``
  group, part, parts, joined: for a quote split by its attribution, the id
        shared by its parts, this part's number (1-based), how many, and the
        parts' text joined
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from newsfuse.facts.nlp import sentence_of
from newsfuse.facts.people import fold
from newsfuse.facts.speakers import ACCORDING, ACTION, article_entities, PERSON_LABELS, SpeechEvent, Speaker, resolve_pronouns, speech_events
from newsfuse.model import FactMention, Mention, QuoteMention

# opening mark -> the marks that close it
DOUBLE_MARKS = {"“": "”\"", '"': '"', "''": "''", "„": "“”", "«": "»", "‹": "›"}
SINGLE_MARKS = {"‘": "’"}
MARK_OR_TAG = re.compile(r"<[^<>\n]*>|''|[“”\"„«»‹›‘’]")
DOUBLE_MARK_CHARS = re.compile(r"''|[“”\"„«»]")
LINE = re.compile(r"[^\n]+")
PLACE_OR_GROUP_LABELS = {"GPE", "NORP"}
DASHES = "—―–-"
TRAILING_PUNCTUATION = ",.;: "
TITLE_MAX_WORDS = 6
TITLE_SMALL_WORD = 3  # words this short ("of", "the") may stay lower case in a title
FULL_QUOTE_WORDS = 4
DASH_NAME_WINDOW = 6  # characters between a closing mark and the dash that names its speaker
LABEL_GAP = 12  # characters between a name and the colon of "Ana Ruiz (D-Ohio):"
TRANSCRIPT_LABEL = re.compile(r"\s*([A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,2}):\s")  # "WALLACE: ..."
DOUBLE_MARKS_TEXT = "“”\"„«»‹›‘’'"


@dataclass
class QuoteSpan:
    start: int  # first character of the quoted words
    end: int  # character after the quoted words
    line: int  # index of the line (paragraphs are split further at single line breaks)
    line_start: int
    line_end: int
    close_end: int  # character after the closing mark (``end`` when open-ended)
    opens_line: bool  # nothing but blanks before the opening mark in its line
    open_ended: bool = False


def quote_spans(text: str) -> list[QuoteSpan]:
    """Quoted stretches with words in them, line by line."""
    singles = "‘" in text and not DOUBLE_MARK_CHARS.search(text)
    found = []
    for index, line in enumerate(LINE.finditer(text)):
        found += line_quotes(text, index, line.start(), line.end(), singles)
    return [q for q in found if any(char.isalnum() for char in text[q.start:q.end])]


def line_quotes(text: str, index: int, first: int, last: int, singles: bool) -> list[QuoteSpan]:
    """The stretches of one line; a stretch still open at the line's end runs to it."""
    found: list[QuoteSpan] = []
    opener, start = "", 0
    for match in MARK_OR_TAG.finditer(text, first, last):
        mark = match.group()
        if mark.startswith("<"):
            continue
        if not opener:
            if mark in DOUBLE_MARKS or (singles and mark in SINGLE_MARKS and not text[match.start() - 1:match.start()].isalnum()):
                opener, start = mark, match.end()
        elif mark in DOUBLE_MARKS.get(opener, SINGLE_MARKS.get(opener, "")) and not (
                opener in SINGLE_MARKS and text[match.end():match.end() + 1].isalnum()):
            found.append(QuoteSpan(start, match.start(), index, first, last, match.end(), opens(text, first, start, opener)))
            opener = ""
    if opener:
        found.append(QuoteSpan(start, last, index, first, last, last, opens(text, first, start, opener), open_ended=True))
    return found


def opens(text: str, line_start: int, start: int, opener: str) -> bool:
    return not text[line_start:start - len(opener)].strip()


def looks_like_title(quoted: str) -> bool:
    """A short quoted name of a work ("A Beautiful Mind"), not speech: every long word capitalised."""
    words = quoted.strip(TRAILING_PUNCTUATION).split()
    long_words = [w for w in words if len(w) > TITLE_SMALL_WORD and w[0].isalpha()]
    return len(words) <= TITLE_MAX_WORDS and bool(long_words) and all(w[0].isupper() for w in long_words)


def quoted_tokens(doc: Doc, quotes: list[QuoteSpan]) -> list[bool]:
    """For each token, whether it stands inside a quotation."""
    starts, ends = [q.start for q in quotes], [q.end for q in quotes]
    flags = []
    for token in doc:
        index = bisect.bisect_right(starts, token.idx) - 1
        flags.append(index >= 0 and token.idx < ends[index])
    return flags


class Attributor:
    """Finds the speech event, or the name, that attributes each quote of one parsed article."""

    def __init__(self, doc: Doc, text: str, events: list[SpeechEvent], quotes: list[QuoteSpan] = ()):
        self.doc, self.text, self.events, self.quotes = doc, text, events, list(quotes)
        self.quote_starts = [q.start for q in self.quotes]
        self.people = [ent for ent in article_entities(doc) if ent.label_ in PERSON_LABELS]
        self.positions = [event.idx for event in events]
        self.sentences = list(doc.sents)
        self.sentence_starts = [s.start_char for s in self.sentences]

    def events_in(self, first: int, last: int) -> list[SpeechEvent]:
        return self.events[bisect.bisect_left(self.positions, first):bisect.bisect_left(self.positions, last)]

    def sentence_at(self, position: int) -> Span:
        return self.sentences[max(0, bisect.bisect_right(self.sentence_starts, position) - 1)]

    def attribute(self, quote: QuoteSpan) -> tuple[Speaker | None, bool]:
        """The quote's speaker from its own sentence, the clause after it, a colon's lead-in or a
        dash (None when only a continuation could give one), and whether a verb of speech or view
        or the layout says so (not only a verb whose subject is a name)."""
        label = TRANSCRIPT_LABEL.match(self.text, quote.start, quote.end)
        if label is not None:  # '"RUIZ: We will ...' in a transcript
            return Speaker(label.group(1), "name", quote.start + label.start(1) - label.start(), "", "PERSON", label.group(1)), True
        event = self.own_sentence(quote)
        if event is not None and event.strength > ACTION:
            return event.speaker, True
        speaker = self.after_close(quote) or self.lead_in(quote) or self.dash_name(quote)
        if speaker is not None:
            return speaker, True
        return (event.speaker, False) if event is not None else (None, False)

    def own_sentence(self, quote: QuoteSpan) -> SpeechEvent | None:
        """The surest event of the quote's sentence: one governing the quote (the outermost: who
        reports the words), by a name before a place or a description, speech before view, then
        the nearest."""
        first = max(quote.line_start, self.sentence_at(quote.start).start_char)
        last = min(quote.line_end, self.sentence_at(max(quote.start, quote.end - 1)).end_char)
        nearby = self.events_in(first, last)
        if not nearby:
            return None
        opening = self.doc.char_span(quote.start, quote.start + 1, alignment_mode="expand")
        ancestors = list(opening[0].ancestors) if opening is not None and len(opening) else []

        def rank(event: SpeechEvent) -> tuple:
            governs = bool(event.strength) and event.cue in ancestors
            depth = len(ancestors) - ancestors.index(event.cue) if governs else 0
            distance = min(abs(event.idx - quote.start), abs(event.idx - quote.close_end))
            return not governs, vagueness(event.speaker), -event.strength, depth, distance
        best = min(nearby, key=rank)
        if best.strength > ACTION:  # "X said ..., according to Y": Y reports X's words
            outer = next((e for e in nearby if e.cue.lower_ == ACCORDING and e is not best
                          and e.speaker.via != "unresolved"), None)
            return outer or best
        return best

    def after_close(self, quote: QuoteSpan) -> Speaker | None:
        """'"...," Ana Ruiz, the mayor, said.' where the parser made the attribution its own sentence."""
        if quote.open_ended:
            return None
        rest = self.text[quote.close_end:quote.line_end]
        if not rest.strip():
            return None
        first = quote.close_end + len(rest) - len(rest.lstrip())
        reopen = DOUBLE_MARK_CHARS.search(self.text, first, quote.line_end)
        last = min(self.sentence_at(first).end_char, reopen.start() if reopen else quote.line_end)
        nearby = [e for e in self.events_in(first, last) if e.speech]
        return nearby[0].speaker if nearby else None

    def lead_in(self, quote: QuoteSpan) -> Speaker | None:
        """The sentence a colon leads from into the quote ("Cruz put it this way:"), in the quote's
        line or, for a quote that opens its line, the line before; its speech event, else a name
        that ends right before the colon ("Rep. Ana Ruiz (D):")."""
        before = self.text[quote.line_start:quote.start].rstrip(DOUBLE_MARKS_TEXT + " ")
        end = quote.line_start + len(before)
        if not before:
            previous_end = quote.line_start - 1
            while previous_end > 0 and self.text[previous_end - 1] in "\n ":
                previous_end -= 1
            end = previous_end
        if end <= 0 or self.text[end - 1] != ":":
            return None
        sentence = self.sentence_at(end - 1)
        nearby = self.events_in(max(sentence.start_char, self.text.rfind("\n", 0, end) + 1), end)
        if nearby:
            return nearby[-1].speaker
        names = [ent for ent in self.doc.ents if ent.label_ in PERSON_LABELS and 0 <= end - ent.end_char <= LABEL_GAP
                 and "\n" not in self.text[ent.end_char:end]]
        return Speaker(names[-1].text, "name", names[-1].start_char, "", "PERSON", names[-1].text) if names else None

    def sentence_before(self, quote: QuoteSpan) -> SpeechEvent | None:
        """For a quote whose sentence names no speaker, the last verb of speech or view of the
        sentence before it in its line ("Ruiz recalled how it began. "And I was like ..."")."""
        first = self.sentence_at(quote.start).start_char
        if first <= quote.line_start:
            return None
        previous = self.sentence_at(first - 1)
        nearby = [e for e in self.events_in(max(previous.start_char, quote.line_start), first) if e.strength > ACTION
                  and e.speaker.via != "unresolved"]
        return nearby[-1] if nearby else None

    def sentence_name(self, quote: QuoteSpan) -> Speaker | None:
        """A person the quote's sentence names before the quote, outside quotes, when no verb
        attributes it (a misparse: "Trump defended X, calling it "..."")."""
        sentence = self.sentence_at(quote.start)
        first = max(sentence.start_char, quote.line_start)
        for ent in self.people:
            if first <= ent.start_char and ent.end_char < quote.start - 1 and not self.in_quote(ent.start_char):
                return Speaker(ent.text, "name", ent.start_char, "", "PERSON", ent.text)
        return None

    def in_quote(self, position: int) -> bool:
        index = bisect.bisect_right(self.quote_starts, position) - 1
        return index >= 0 and position < self.quotes[index].end

    def line_before(self, quote: QuoteSpan) -> Speaker | None:
        """For a quote that opens its line, the speaker of the last event in the last sentence of the
        line before ("Ruiz said on Monday that the plan would pass." then a quoted paragraph)."""
        if not quote.opens_line:
            return None
        end = len(self.text[:quote.line_start].rstrip())
        if end <= 0 or quote.line_start - end > 3:
            return None
        first = max(self.sentence_at(end - 1).start_char, self.text.rfind("\n", 0, end) + 1)
        nearby = self.events_in(first, end)
        return nearby[-1].speaker if nearby else None

    def dash_name(self, quote: QuoteSpan) -> Speaker | None:
        """'“…” ― Ana Ruiz': a name right after a dash that follows the closing mark."""
        rest = self.text[quote.close_end:quote.close_end + DASH_NAME_WINDOW]
        dash = next((i for i, char in enumerate(rest) if char in DASHES), -1)
        if quote.open_ended or dash < 0 or rest[:dash].strip(" ,.\u00a0"):
            return None
        start = quote.close_end + dash + 1
        while start < quote.line_end and self.text[start] in " \u00a0":
            start += 1
        ent = next((e for e in self.doc.ents if e.label_ in PERSON_LABELS and e.start_char <= start < e.end_char), None)
        if ent is None:
            return None
        name = self.text[start:ent.end_char]  # the recogniser may take the dash into the name
        return Speaker(name, "name", ent.start_char, "", "PERSON", name)


def vagueness(speaker: Speaker) -> int:
    """0 for a person or organisation by name or pronoun, 1 for a place or a group ("Democrats",
    often a misparse), 2 for a description."""
    if speaker.via == "nominal":
        return 2
    return 1 if speaker.label in PLACE_OR_GROUP_LABELS else 0


def quote_kind(text: str, quote: QuoteSpan) -> str:
    words = text[quote.start:quote.end].split()
    before = text[max(0, quote.start - 3):quote.start - 1].strip()
    opens_clause = quote.opens_line or before.endswith((",", ":")) or before == ""
    return "full" if len(words) >= FULL_QUOTE_WORDS and words[0][:1].isupper() and opens_clause else "partial"


def find_quotes(article_id: str, doc: Doc) -> list[QuoteMention]:
    """Quotes of one article with speakers as written (``link_speakers`` names them)."""
    text = doc.text
    quotes = quote_spans(text)
    if not quotes:
        return []
    quoted = quoted_tokens(doc, quotes)
    events = speech_events(doc, text, quoted)
    resolve_pronouns(events, doc, text, quoted)
    attributor = Attributor(doc, text, events, quotes)
    found: list[QuoteMention] = []
    previous: tuple[QuoteSpan, QuoteMention] | None = None
    for quote in quotes:
        speaker, said = attributor.attribute(quote)
        if not said and looks_like_title(text[quote.start:quote.end]):
            continue
        if speaker is None:  # the sentence before in the line, unless it holds the quote before; a name in its own
            event = attributor.sentence_before(quote)
            if event is not None and (previous is None or event.idx >= attributor.sentence_at(previous[0].close_end).end_char):
                speaker = event.speaker
            speaker = speaker or attributor.sentence_name(quote)
        continuing = speaker is None and previous is not None and continues(previous[0], quote, text)
        mention = make_mention(article_id, doc, text, quote, speaker or (None if continuing else attributor.line_before(quote)))
        if continuing:
            join(previous[1], mention, len(found), same_quotation(previous[0], quote))
        found.append(mention)
        previous = (quote, mention)
    finish_groups(found)
    return found


def continues(before: QuoteSpan, after: QuoteSpan, text: str) -> bool:
    """Does ``after`` carry on the speech of ``before``: the same line ('"X," he said. "Y."'),
    or a line that opens with it right after a line with ``before``."""
    if before.line == after.line:
        return True
    between = text[before.line_end:after.line_start]
    return after.opens_line and not between.strip() and between.count("\n") <= 2


def same_quotation(before: QuoteSpan, after: QuoteSpan) -> bool:
    """One quotation split by its attribution, or carried on past a paragraph left open."""
    return before.line == after.line or (before.open_ended and after.opens_line)


def join(first: QuoteMention, second: QuoteMention, index: int, same: bool) -> None:
    """Give a continuation the speaker of the quote before it; parts of one quotation also
    share a group."""
    second.speaker, second.speaker_key = first.speaker, first.speaker_key
    second.context.update(speaker_via="continuation", speaker_surface=first.context["speaker_surface"],
                          verb=first.context["verb"], speaker_start=first.context.get("speaker_start", -1))
    if same and first.context["speaker_via"] != "none":
        group = first.context.setdefault("group", f"{first.mention.article}#q{index}")
        first.context.setdefault("part", 1)
        second.context.update(kind=first.context["kind"], group=group, part=first.context["part"] + 1)


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
    sentence = sentence_of(span) if span is not None and len(span) else ""
    context = {
        "kind": quote_kind(text, quote), "verb": speaker.verb if speaker else "",
        "speaker_surface": speaker.surface if speaker else "", "speaker_via": speaker.via if speaker else "none",
        "speaker_start": speaker.start if speaker else -1, "speaker_role": "",
        "open_ended": quote.open_ended, "paragraph": text.count("\n\n", 0, quote.start),
    }
    return QuoteMention(text=quoted, speaker=speaker.name if speaker else None,
                        mention=Mention(article_id, quoted, sentence, quote.start), context=context)


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
        if entity is None and quote.speaker and quote.context.get("speaker_start", -1) >= 0:
            entity = by_name.get((quote.mention.article, fold(quote.speaker)))
            same_last = by_last_word.get((fold(quote.speaker).split() or [""])[-1], {})
            entity = entity or (next(iter(same_last.values())) if len(same_last) == 1 else None)
        if entity is not None:
            quote.speaker, quote.speaker_key = entity.value["name"], entity.key
            roles = entity.context.get("roles") or [""]
            quote.context["speaker_role"] = (entity.context.get("role")
                                             or article_roles.get((quote.mention.article, entity.key)) or roles[0])
