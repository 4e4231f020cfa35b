"""Where an article states dates, and which way its text looks from them.

Spans: spaCy's DATE entities (with a weekday naming their day just before them: "Friday Oct. 13"),
day words and weekdays it left out, stated ranges ("between Sept. 7
and Oct. 1") taken whole, and quarter phrases and holidays spaCy misses ("fiscal second-quarter",
"the latest period", "Thanksgiving Day"). An entity that does not read as one date is read in parts (``parts``): split where it
joins two ("between 1994 and 1997", "the quarter ended Sept. 30") and cut of leading words the
entity recogniser took in ("d'etat last year"). A quarter without a year in a report of a game
("a touchdown late in the fourth quarter") is a period of play and no date (``game_report``).

Tense (``tense``): "future" where the date's verb has a future auxiliary ("will meet Friday",
"will double by August": a year-less date is then not placed before the reference), "ahead" where
it otherwise looks ahead ("would", "plans to leave on Thursday", "as soon as Tuesday", "from
Wednesday", but not "from" opening a stated range
"from Sept. 14 to Thursday"; "a trial date was set for October 28"), "past" where the date hangs
on a verb in a past tense (or an infinitive of achievement under one: "was able to restore ... by
Saturday"), else "".
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from newsfuse.facts.date_calendar import HOLIDAY_NAME, MONTH_NAME

DAY_DATE = rf"{MONTH_NAME}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{MONTH_NAME}(?:\s+\d{{4}})?"
STATED_RANGE = re.compile(
    rf"\b(?:between|from)\s+(?P<first>{DAY_DATE})\s+(?:and|to|through|until|till|-|–)\s+(?P<second>{DAY_DATE})\b")
QUARTER_PHRASE = re.compile(
    r"\b(?:(?:[Tt]he|[Ii]ts)\s+)?(?:(?:fiscal|latest|year-ago|year-earlier|comparable|19\d\d|20\d\d)[-\s]+)*"
    r"(?:first|second|third|fourth)[-\s]+quarter\b|\b[Tt]he\s+(?:latest|year-ago|year-earlier|19\d\d|20\d\d)\s+period\b")
CONNECTORS = frozenset({"and", "to", "through", "until", "till", "ended", "ending", "of", "-", "–", "&"})
HOLIDAY_PHRASE = re.compile(  # "Thanksgiving Day", "last Christmas" (names capitalised)
    r"\b(?:(?:[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast|[Cc]oming)\s+)?(?:" + "|".join(
        " ".join(word[0].upper() + word[1:] for word in name.split()).replace("'", "['’]")
        for name in HOLIDAY_NAME.split("|")) + r")\b")
DAY_FIRST = re.compile(rf"{MONTH_NAME}\s+\d|\d{{1,2}}\s+{MONTH_NAME}")  # a date naming its day
DECADE_YEAR = re.compile(r"(?:mid-|early-|late-)?(?:1[5-9]\d0|20\d0)")
GAME_QUARTER = re.compile(r"\b(?:first|second|third|fourth|1st|2nd|3rd|4th)[-\s]+quarter$", re.I)
CALENDAR_QUARTER = re.compile(r"\d{4}|\b(?:fiscal|year|calendar)", re.I)  # "fiscal 1990's first quarter"
PLAY_WORDS = frozenset({"touchdown", "quarterback", "halftime", "overtime", "interception", "fumble", "kickoff", "punt",
                        "rebound", "layup", "dunk", "buzzer", "inning", "scoreboard", "playoff", "tackle", "goalkeeper"})
BUSINESS_WORDS = frozenset({"earnings", "earning", "profit", "revenue", "sale", "income", "fiscal", "dividend",
                            "quarterly", "analyst", "shareholder", "investor", "economy", "economist"})
MIN_PLAY_WORDS = 2  # nouns of PLAY_WORDS in a document that reports a game
TITLE_UNITS = frozenset({"today", "tonight", "tomorrow", "yesterday", "week", "month", "year"})
PLACING_WORDS = frozenset({"this", "last", "next", "that", "early", "late", "on", "by", "until", "since"})
PERIOD_NOUNS = frozenset({"period", "quarter"})
MAX_LEADING_CUT = 3  # words an entity may have taken in before its date
DAY_WORDS = frozenset({"today", "tonight", "yesterday", "tomorrow"})
WEEKDAY_NAMES = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"})
FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "’ll", "wo"})
FUTURE_LEAD = re.compile(
    r"\b(?:from|starting|beginning|effective|as (?:early|soon) as|no (?:earlier|later) than)\s*$", re.I)
RANGE_WORDS = frozenset({"to", "through", "until", "till", "-", "–"})
SINCE_LEAD = re.compile(r"\bsince\s*$", re.I)
UNTIL_LEAD = re.compile(r"\b(?:until|till|by|through|to)\s*$", re.I)
PLANNING_LEMMAS = frozenset({"plan", "schedule"})
SETTING_LEMMAS = frozenset({"set", "slate", "pencil", "fix", "book"})
DEFERRING_LEMMAS = frozenset({"postpone", "delay", "defer", "adjourn", "reschedule", "move", "push", "put"})
PRESENT_TAGS = frozenset({"VBZ", "VBP"})
NOT_AHEAD_LEMMAS = frozenset({"be", "say", "tell", "report", "announce", "state", "add", "note", "write", "quote",
                              "want", "need", "know", "think", "believe", "seem", "feel", "mean", "remain"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
PLURAL_PRONOUNS = frozenset({"i", "you", "we", "they"})
MODIFIER_DEPS = frozenset({"acl", "relcl", "amod"})
ACHIEVEMENT_LEMMAS = frozenset({"able", "unable", "manage", "fail", "try", "begin", "start", "continue", "stop"})
INTENT_LEMMAS = frozenset({"plan", "schedule", "expect", "set", "due", "hope", "intend", "aim", "prepare",
                           "want", "seek", "agree", "promise", "threaten", "vow", "be", "go", "likely"})


def date_entities(doc: Doc, text: str) -> list[Span]:
    """spaCy's DATE entities, stated ranges taken whole, and quarter phrases and holidays it
    missed or named otherwise ("Thanksgiving Day" as an EVENT)."""
    spans = [span for match in STATED_RANGE.finditer(text)
             if (span := doc.char_span(match.start(), match.end(), alignment_mode="expand")) is not None]
    taken = {token.i for span in spans for token in span}
    entities = [with_weekday(with_decade_suffix(with_period_noun(ent))) for ent in doc.ents
                if ent.label_ == "DATE" and not taken & set(range(ent.start, ent.end))]
    joined = {token.i for span in entities if span[0].text in WEEKDAY_NAMES and len(span) > 1 for token in span}
    spans.extend(span for span in entities if len(span) > 1 or span.start not in joined)
    taken = {token.i for span in spans for token in span}
    for match in (*QUARTER_PHRASE.finditer(text), *HOLIDAY_PHRASE.finditer(text)):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and not taken & set(range(span.start, span.end)):
            spans.append(span)
            taken.update(range(span.start, span.end))
    spans.extend(word_spans(doc, taken))
    spans = [span for span in spans if not names_a_kind(span) and not in_a_title(span)]
    quarters = [span for span in spans if GAME_QUARTER.search(span.text) and not CALENDAR_QUARTER.search(span.text)]
    if quarters:
        in_play = set(quarters) if game_report(doc) else {span for span in quarters if game_report(span.sent)}
        spans = [span for span in spans if span not in in_play]
    return sorted(spans, key=lambda span: span.start)


def game_report(text: Doc | Span) -> bool:
    """A report of a game ("a touchdown late in the fourth quarter"), in a document or a sentence:
    its words of play outnumber its words of business, so a quarter without a year is a period of
    play, not of the calendar."""
    play = sum(token.lemma_.lower() in PLAY_WORDS for token in text if token.pos_ in ("NOUN", "PROPN"))
    needed = MIN_PLAY_WORDS if isinstance(text, Doc) else 1
    return play >= needed and play > sum(token.lemma_.lower() in BUSINESS_WORDS for token in text)


def with_decade_suffix(span: Span) -> Span:
    """The entity with the "'s" spaCy left after a decade ("the 1980['s]")."""
    following = span.doc[span.end] if span.end < len(span.doc) else None
    if following is not None and following.text in ("'s", "’s") and DECADE_YEAR.fullmatch(span[-1].text):
        return span.doc[span.start:span.end + 1]
    return span


def in_a_title(span: Span) -> bool:
    """A day word or period in the name of a paper or a programme ("USA Today", "World News
    Tonight", ABC's "This Week"): capitalised after a capitalised word, or every word capitalised
    with its unit word too."""
    words = [token for token in span if token.is_alpha]
    if not words or not words[-1].text.istitle() or words[-1].lower_ not in TITLE_UNITS:
        return False
    if len(words) > 1:
        return all(token.text.istitle() for token in words)
    before = span.doc[span.start - 1] if span.start else None
    return before is not None and before.is_alpha and before.text[0].isupper() and before.lower_ not in PLACING_WORDS


def names_a_kind(span: Span) -> bool:
    """A holiday modifying a noun ("Christmas trees", "the Easter holidays"): no date."""
    root = span.root
    return (HOLIDAY_PHRASE.fullmatch(span.text) is not None and root.dep_ in ("compound", "amod")
            and root.head.pos_ in ("NOUN", "PROPN"))


def with_period_noun(span: Span) -> Span:
    """The entity with the period noun it modifies ("the year-ago [period]")."""
    following = span.doc[span.end] if span.end < len(span.doc) else None
    if following is not None and span.root.head == following and following.lemma_ in PERIOD_NOUNS:
        return span.doc[span.start:span.end + 1]
    return span


def with_weekday(span: Span) -> Span:
    """The entity with the weekday naming its day just before it ("[Friday] Oct. 13",
    "[Monday,] Oct. 26"): one date, not a weekday read apart from it."""
    doc, start = span.doc, span.start
    if start and doc[start - 1].text == "," and start > 1:
        start -= 1
    before = doc[start - 1] if start else None
    if before is not None and before.text in WEEKDAY_NAMES and DAY_FIRST.match(span.text):
        return doc[before.i:span.end]
    return span


def word_spans(doc: Doc, taken: set[int]) -> Iterator[Span]:
    """Words outside the entities that state a date alone: "today", a weekday."""
    for token in doc:
        word = token.lower_
        if token.i not in taken and (word in DAY_WORDS or word.capitalize() in WEEKDAY_NAMES and token.text[0].isupper()):
            yield doc[token.i:token.i + 1]


def parts(span: Span) -> Iterator[Span]:
    """The pieces of an entity between the words that join two dates."""
    start = span.start
    for token in span:
        if token.lower_ in CONNECTORS or token.text == "," and not year_follows(token):
            if token.i > start:
                yield span.doc[start:token.i]
            start = token.i + 1
    if start < span.end:
        yield span.doc[start:span.end]


def year_follows(token: Token) -> bool:
    """A comma before a year ("June 30, 1990") joins a date, not two dates."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return following is not None and following.is_digit and len(following) == 4


def leading_cuts(span: Span) -> Iterator[Span]:
    """The span, then the span without its first one, two, ... words."""
    for cut in range(min(MAX_LEADING_CUT, len(span) - 1) + 1):
        yield span[cut:]


CHILDREN_KEY = "newsfuse.children"
AUXILIARY_DEPS = frozenset({"aux", "auxpass"})


def children_of(token: Token, deps: frozenset[str]) -> list[Token]:
    """``token``'s children with one of ``deps``, from an index built once per document: spaCy
    scans a token's whole subtree for each ``children`` call, which over many dates in one long
    sentence grows with its square."""
    doc = token.doc
    index = doc.user_data.get(CHILDREN_KEY)
    if index is None:
        index = {}
        for child in doc:
            if child.head.i != child.i:
                index.setdefault((child.head.i, child.dep_), []).append(child.i)
        doc.user_data[CHILDREN_KEY] = index
    return [doc[i] for i in sorted(i for dep in deps for i in index.get((token.i, dep), ()))]


def governing_verb(span: Span) -> Token | None:
    return next((t for t in span.root.ancestors if t.pos_ in ("VERB", "AUX")), None)


def tense(span: Span) -> str:
    """"future", "ahead", "past" or "" (see the module docstring)."""
    doc = span.doc
    lead = doc[max(0, span.start - 4):span.start].text
    verb = governing_verb(span)
    if FUTURE_LEAD.search(lead) and not (lead.lower().endswith("from") and RANGE_WORDS & {t.lower_ for t in span}):
        return "ahead"  # "from Wednesday", not the start of a range "from Sept. 14 to Thursday"
    if SINCE_LEAD.search(lead):
        return "past"  # "since April": a time already begun
    if verb is None:
        return ""
    auxiliaries = children_of(verb, AUXILIARY_DEPS)
    if any(a.lower_ in FUTURE_AUXILIARIES for a in auxiliaries):
        return "future"
    if any(a.lower_ == "would" for a in auxiliaries) or (
            verb.tag_ == "VB" and any(a.lower_ == "to" for a in auxiliaries) and intends(verb.head)):
        return "ahead"
    if attached_to(span, verb) and verb.dep_ not in MODIFIER_DEPS and (
            verb.lemma_ in PLANNING_LEMMAS and span.start > verb.i or present_action(verb)) or set_for(span, verb):
        return "ahead"
    past = verb.tag_ == "VBD" or verb.tag_ == "VBN" and any(a.tag_ == "VBD" for a in auxiliaries) or (
        verb.tag_ == "VB" and any(a.lower_ == "to" for a in auxiliaries) and past_head(verb.head))
    if UNTIL_LEAD.search(lead):
        return "" if past else "ahead"
    return "past" if past and attached_to(span, verb) else ""


def set_for(span: Span, verb: Token) -> bool:
    """A date set for something ahead: "a trial date was set for October 28", "pencilled in for",
    "postponed until Tuesday"."""
    found = next((t for t in span.root.ancestors if t.dep_ == "prep"), None)  # "until [Tuesday] morning"
    preposition, lemma = found.lower_ if found is not None and found.head == verb else "", verb.lemma_.lower()
    return span.start > verb.i and (lemma in SETTING_LEMMAS and preposition == "for"
                                    or lemma in DEFERRING_LEMMAS and preposition in ("for", "until", "till", "to"))


def past_head(head: Token) -> bool:
    """A past verb of achievement an infinitive hangs on ("managed to restore", "was able to restore
    ... by Saturday"; not one of purpose: "was remanded to appear on 19 August")."""
    return head.lemma_.lower() in ACHIEVEMENT_LEMMAS and (
        head.tag_ == "VBD" or head.dep_ == "acomp" and head.head.tag_ == "VBD"
        or any(c.tag_ == "VBD" for c in children_of(head, AUXILIARY_DEPS | {"cop"})))


def present_action(verb: Token) -> bool:
    """A verb of action in the simple present ("meets", "they hold"), which with a date in news
    speaks of what is to come; a plural-form verb with a singular subject is a past tense
    spaCy misread ("Weakness hurt")."""
    if verb.lemma_ in NOT_AHEAD_LEMMAS or verb.tag_ not in PRESENT_TAGS:
        return False
    subject = next(iter(children_of(verb, frozenset({"nsubj"}))), None)
    return verb.tag_ == "VBZ" or subject is not None and (
        subject.tag_ in PLURAL_TAGS or subject.lower_ in PLURAL_PRONOUNS or bool(children_of(subject, frozenset({"conj"}))))


def intends(head: Token) -> bool:
    """A verb or adjective an infinitive of intent hangs on ("plans to", "is to", "likely to")."""
    return head.lemma_ in INTENT_LEMMAS and (head.lemma_ != "be" or head.tag_ in ("VBZ", "VBP"))


def attached_to(span: Span, verb: Token) -> bool:
    """Whether the date hangs on ``verb`` itself (through prepositions only): "in January,
    X brought in", not "a dividend payable Dec. 15" (a past sentence about a later date)."""
    head = span.root.head
    while head.dep_ == "prep" and head.head != head:
        head = head.head
    return head == verb
