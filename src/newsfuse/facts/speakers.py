"""Who says a quotation: speech events, their subjects, and pronouns resolved to people.

A speech event is a reporting verb outside quotation marks and headlines ("said", "told",
"argued", "tweeted", "put it", ...; read by spaCy lemma) or "according to X", with the
subject the parser gives it (through "saying"-type participles, conjoined verbs and "who"
clauses to the noun they hang on), else the words next to the verb outside the quote when
the parse went astray ('," police Chief Ana Ruiz said'). Verbs of view ("believes", "called
it") are weaker events, and any other verb with a named or he/she subject weaker still. The
subject names the speaker: a person or organisation the entity recogniser found in it (an
appositive name included: "his lawyer, Ana Ruiz"), a proper noun it missed, a pronoun, or a
description ("a White House aide").

"he"/"she" become the most recent name before them of a compatible gender that was the
subject of a main clause or a reporting verb (else the most recent such name at all; a name
the recogniser filed as an organisation or place is a person when the article shows it: the
surname of a full name it gives, a personal title, a "who" clause);
"they"/"it" the most recent organisation that was. A person's gender comes from the article
and a list of common given names (``data/first_names.tsv``): a title ("Mr.", "Mrs."), a
gendered role ("spokeswoman"), the given name, and the pronouns that follow the name in its sentence.
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from newsfuse.facts.people import clean_name, fold

SPEECH_VERBS = frozenset("""
    say tell add state note stress announce disclose warn explain insist claim argue write declare assert
    acknowledge admit reply respond answer ask comment remark conclude emphasize emphasise urge vow pledge
    promise suggest predict confirm deny recall testify tweet observe reiterate caution complain concede
    contend maintain mention voice allege continue quip joke shout yell scream cry exclaim whisper mutter
    murmur boast brag lament grumble protest retort counter rebut demand plead beg thunder proclaim profess
    recount report repeat recite post opine posit speculate surmise guess estimate forecast reckon
    concur agree disagree object charge accuse interject interrupt chime tout trumpet underscore
    underline highlight point indicate hint imply confess reveal inform assure reassure remind advise
    query wonder muse reflect clarify elaborate detail outline put press snap bark rant rail scoff sneer taunt
    tease mock gush rave quote cite chant sing vent fume sigh laugh gasp greet introduce
""".split())
# Verb and particle: "shot back", "went on", "lashed out", "spoke up"
PHRASAL_SPEECH = frozenset({("shoot", "back"), ("fire", "back"), ("hit", "back"), ("push", "back"), ("go", "on"),
                            ("lash", "out"), ("speak", "out"), ("speak", "up"), ("cry", "out"), ("call", "out"),
                            ("weigh", "in"), ("chime", "in"), ("sound", "off"), ("spell", "out"), ("pipe", "up")})
# Verbs that attribute a view or a label rather than speech ("believes", "called it"): a quote's own
# sentence may be attributed by one when it has no speech verb.
VIEW_VERBS = frozenset("""
    believe think feel hope worry fear call label dub term brand describe characterize characterise refer
    praise hail criticize criticise blame slam blast thank welcome signal offer read sum summarize
    ridicule deride dismiss decry denounce condemn lambaste berate mourn applaud commend defend
""".split())
ACCORDING = "according"
SPEECH, VIEW, ACTION = 2, 1, 0  # how surely a verb attributes the quote in its sentence
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
CLAUSE_STOPS = {".", "!", "?", ";", ":"}
SURFACE_WINDOW = 12  # tokens either side of a reporting verb read for a speaker the parse missed
CLAUSE_DEPS = {"conj", "xcomp", "advcl", "ccomp", "pcomp", "prep"}
RELATIVE_PRONOUNS = {"who", "which", "that"}
PERSON_LABELS = {"PERSON"}
GROUP_PRONOUNS = {"they", "it"}
ORG_LABELS = {"ORG", "GPE", "NORP"}
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                  "she": "f", "her": "f", "hers": "f", "herself": "f"}
TITLE_GENDER = {"mr": "m", "sir": "m", "mrs": "f", "ms": "f", "miss": "f", "madam": "f", "dame": "f"}
ROLE_GENDER_SUFFIXES = (("woman", "f"), ("women", "f"), ("man", "m"), ("men", "m"))
GENDER_WORDS = {"wife": "f", "mother": "f", "daughter": "f", "sister": "f", "widow": "f", "actress": "f",
                "husband": "m", "father": "m", "son": "m", "brother": "m", "widower": "m", "actor": "m"}
FIRST_NAMES = Path(__file__).parent / "data" / "first_names.tsv"
SENTENCE_ENDS = (".", "!", "?", "\"", "”", "’", "'", ")", "…", ":")


@dataclass
class Speaker:
    surface: str
    via: str  # "name" | "organization" | "pronoun" | "nominal" | "unresolved"
    start: int = -1  # character offset of the named mention the speaker resolves to
    verb: str = ""
    label: str = ""
    name: str | None = None  # the named person or organisation the speaker resolves to
    gender: str = ""  # "m" | "f" | "" for a person or a he/she pronoun


@dataclass
class SpeechEvent:
    cue: Token  # the reporting verb, or "according"
    speaker: Speaker
    strength: int = SPEECH  # SPEECH, VIEW ("believes", "called it") or ACTION (any verb with a named subject)

    @property
    def speech(self) -> bool:
        return self.strength == SPEECH

    @property
    def idx(self) -> int:
        return self.cue.idx


PERSON_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep", "gov", "governor", "president",
                           "sir", "dame", "rev", "judge", "mayor", "congressman", "congresswoman", "speaker"})


# Verbs of speech that one word filed as an organisation is rarely the subject of unless it is a
# person's surname ("Reynolds says"; an organisation "said" in a statement, it seldom "recalls").
PERSONAL_SPEECH = frozenset({"say", "tell", "add", "write", "explain", "recall", "argue"})


def people_by_context(doc: Doc) -> set[int]:
    """Start tokens of names the recogniser filed as organisations or places that the article shows
    to be people: the last word of a person's full name it gives elsewhere ("Sanders" after "Bernie
    Sanders"), a personal title right before ("Sen. Ana Ruiz"), a "who" clause ("Ruiz, who is 28,"), or
    one title-case word without an article as the subject of a verb of speech ("Reynolds says")."""
    surnames = {fold(ent.text).split()[-1] for ent in doc.ents
                if ent.label_ in PERSON_LABELS and len(fold(clean_name(ent.text)).split()) > 1}
    found = set()
    for ent in doc.ents:
        if ent.label_ not in ORG_LABELS or not ent.text[:1].isupper() or len(ent) > 3:
            continue
        words = fold(clean_name(ent.text)).split()
        before = doc[ent.start - 1].lower_.rstrip(".") if ent.start else ""
        who = any(c.dep_ == "relcl" and any(g.lower_ == "who" for g in c.children) for c in ent.root.children)
        speaks = (len(ent) == 1 and ent.label_ == "ORG" and not ent.text.isupper() and ent.root.dep_ in SUBJECT_DEPS
                  and ent.root.head.lemma_ in PERSONAL_SPEECH and not any(c.dep_ == "det" for c in ent.root.children))
        if (words and words[-1] in surnames and (len(words) == 1 or words[0] not in surnames)) \
                or before in PERSON_TITLES or (words and words[0] in PERSON_TITLES) or who or speaks:
            found.add(ent.start)
    return found


def article_entities(doc: Doc) -> list[Span]:
    """The recogniser's entities, with the names the article shows to be people as PERSON."""
    people = people_by_context(doc)
    return [Span(doc, ent.start, ent.end, label="PERSON") if ent.start in people else ent for ent in doc.ents]


def subject_of(verb: Token) -> Token | None:
    """The verb's subject (the agent of a passive: "was asked by X"), else that of the clause it
    hangs on ("..., saying", "and added", "before claiming")."""
    agent = next((o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"), None)
    if agent is not None:
        return agent
    token = verb
    for _ in range(4):
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            if subjects[0].lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl":
                return token.head
            return subjects[0]
        if token.dep_ not in CLAUSE_DEPS or token.head is token:
            return None
        token = token.head
    return None


def surface_subject(verb: Token, quoted: list[bool]) -> Token | None:
    """The speaker's words next to a reporting verb whose parse gives it no subject outside the
    quote: between the quote and the verb ('," police Chief Ana Ruiz said'), else right after
    the verb ('," said Ana Ruiz, the mayor')."""
    doc = verb.doc
    left = []
    for i in range(verb.i - 1, max(-1, verb.i - SURFACE_WINDOW), -1):
        if quoted[i] or doc[i].is_quote or doc[i].text in CLAUSE_STOPS or "\n" in doc[i].text:
            break
        left.insert(0, doc[i])
    right = []
    for i in range(verb.i + 1, min(len(doc), verb.i + SURFACE_WINDOW)):
        if quoted[i] or doc[i].is_quote or doc[i].text in CLAUSE_STOPS or "\n" in doc[i].text:
            break
        right.append(doc[i])
    return head_word(left) or head_word(right)


def head_word(tokens: list[Token]) -> Token | None:
    """The first name among ``tokens``, else the first he/she/they, else the first proper noun."""
    named = [t for t in tokens if t.ent_type_ in PERSON_LABELS] or [t for t in tokens if t.ent_type_ in ORG_LABELS]
    pronouns = [t for t in tokens if t.lower_ in ("he", "she", "they")]
    proper = [t for t in tokens if t.pos_ == "PROPN" and not t.ent_type_ and t.text[:1].isupper()]
    return next(iter(named or pronouns or proper), None)


def across_lines(subject: Token, verb: Token) -> bool:
    """Does a line break stand between the subject and its verb (lines end paragraphs here)?"""
    first, last = sorted((subject.i, verb.i))
    return "\n" in subject.doc[first:last].text


def according_to(token: Token) -> Token | None:
    """X of "according to X"."""
    for prep in token.children:
        if prep.lower_ == "to":
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            return objects[0] if objects else None
    return None


def named_in(subject: Token, entity_at: dict[int, Span]) -> Span | None:
    """The entity the subject names: its own, an appositive's ("his lawyer, Ana Ruiz"), or one in
    a proper-noun subject's modifiers."""
    own = entity_at.get(subject.i)
    if own is not None:
        return own
    for child in subject.children:
        if child.dep_ == "appos" and child.i > subject.i and child.i in entity_at:
            return entity_at[child.i]
    if subject.pos_ == "PROPN":
        named = [t for t in subject.subtree if t.i in entity_at and entity_at[t.i].label_ in PERSON_LABELS]
        return entity_at[named[0].i] if named else None
    return None


def missed_name(subject: Token) -> Span | None:
    """A person's name the entity recogniser missed: a capitalised proper noun ("Gorka"), with the
    proper nouns before it ("Ana Ruiz")."""
    if subject.pos_ != "PROPN" or not subject.text[:1].isupper() or subject.ent_type_ not in PERSON_LABELS | {""}:
        return None
    return proper_noun_run(subject)


def description(subject: Token) -> str:
    """The subject's words up to its head and its "of" phrase ("a spokesman for the campaign")."""
    end = subject.i + 1
    for child in subject.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "for", "at", "with", "in"):
            end = child.right_edge.i + 1
            break
    return subject.doc[subject.left_edge.i:end].text.strip(" ,")


def speaker_of(subject: Token, cue: str, entity_at: dict[int, Span]) -> Speaker:
    """Who the subject of a speech event names, before pronouns are resolved."""
    ent = named_in(subject, entity_at)
    if ent is not None and ent.label_ in PERSON_LABELS:
        return Speaker(ent.text, "name", ent.start_char, cue, ent.label_, ent.text)
    if ent is not None and ent.label_ in ORG_LABELS and subject.pos_ != "NOUN":
        return Speaker(ent.text, "organization", ent.start_char, cue, ent.label_, ent.text)
    if subject.lower_ in ("he", "she"):
        return Speaker(subject.text, "pronoun", verb=cue, gender=PRONOUN_GENDER[subject.lower_])
    if subject.pos_ == "PRON":  # "they", "it", "we": not one named person
        return Speaker(subject.text, "unresolved", verb=cue)
    missed = missed_name(subject)
    if missed is not None:
        return Speaker(missed.text, "name", missed.start_char, cue, "PERSON", missed.text)
    phrase = description(subject)
    return Speaker(phrase, "nominal", verb=cue, name=phrase)


def in_headline(token: Token, text: str) -> bool:
    """Is the token in a line without sentence-final punctuation (a headline or teaser)?"""
    end = text.find("\n", token.idx)
    end = len(text) if end < 0 else end
    return not text[token.idx:end].rstrip().endswith(SENTENCE_ENDS)


def reporting_cue(token: Token) -> tuple[str, int] | None:
    """(lemma, SPEECH or VIEW) of a reporting verb, or a phrasal verb of speech; "put" only as in
    "as she put it"."""
    lemma = token.lemma_.lower()
    if token.pos_ not in ("VERB", "AUX") or (lemma == "put" and not any(c.lower_ == "it" for c in token.children)):
        return None
    if lemma in SPEECH_VERBS:
        return lemma, SPEECH
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), "")
    if (lemma, particle) in PHRASAL_SPEECH:
        return f"{lemma} {particle}", SPEECH
    return (lemma, VIEW) if lemma in VIEW_VERBS else None


def speech_events(doc: Doc, text: str, quoted: list[bool]) -> list[SpeechEvent]:
    """Every speech event outside quotes and headlines, in text order (``text`` is the doc's);
    ``quoted[i]`` tells whether token ``i`` is inside a quotation. Other verbs whose subject is a
    name or he/she are ACTION events: the quote's own sentence may have nothing surer."""
    events = []
    entity_at = {i: ent for ent in article_entities(doc) for i in range(ent.start, ent.end)}
    for token in doc:
        if quoted[token.i]:
            continue
        if token.lower_ == ACCORDING:
            subject, (cue, strength) = according_to(token), ("according to", SPEECH)
        elif (reporting := reporting_cue(token)) is not None:
            subject, (cue, strength) = subject_of(token), reporting
            if subject is not None and across_lines(subject, token):
                subject = None  # a dateline or a caption the parse made the subject
            if subject is None or quoted[subject.i]:
                subject = surface_subject(token, quoted)
        elif token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ == "ROOT"):
            subject, cue, strength = named_subject(token), "", ACTION
            if subject is not None and across_lines(subject, token):
                subject = None
        else:
            continue
        if subject is not None and not quoted[subject.i] and not in_headline(token, text):
            events.append(SpeechEvent(token, speaker_of(subject, cue, entity_at), strength))
    return events


def named_subject(verb: Token) -> Token | None:
    """The verb's own subject when it is a name or he/she, or the name whose thing it is ("Ana
    Ruiz's letter makes the case")."""
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is not None and subject.pos_ == "NOUN":
        subject = next((c for c in subject.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    if subject is None or not (subject.pos_ == "PROPN" or subject.lower_ in ("he", "she")):
        return None
    return subject


@dataclass
class PersonMention:
    """A name outside quotes that a pronoun may stand for: a person's (or an organisation's that
    is a main subject), the full name it stands for and whether it is a main subject."""

    ent: Span
    identity: str  # folded full name ("ana ruiz" also for a later "Ruiz")
    subject: bool
    person: bool = True


def person_mentions(doc: Doc, text: str, quoted: list[bool]) -> list[PersonMention]:
    """Named people outside quotations and headlines in text order (the recogniser's, and
    proper-noun subjects it missed); a one-word name stands for the last full name before it ending with that word,
    unless the article gives two people that name."""
    mentions: list[PersonMention] = []
    full_names: dict[str, str] = {}
    spans = sorted(person_spans(doc), key=lambda span: span.start)
    bearers: dict[str, set[str]] = {}  # last word -> the article's full names ending with it (one per given name)
    for span in spans:
        words = [w for w in fold(clean_name(span.text)).split() if w not in TITLE_GENDER]
        if len(words) > 1:
            bearers.setdefault(words[-1], set()).add(" ".join(words))
    for span in spans:
        words = [w for w in fold(clean_name(span.text)).split() if w not in TITLE_GENDER]
        if quoted[span.start] or not words or in_headline(span[0], text):
            continue
        identity = " ".join(words) if len(words) > 1 else full_names.get(words[0], words[0])
        if len(words) == 1 and len({name.split()[0] for name in bearers.get(words[0], ())}) > 1:
            identity = words[0]  # "Clinton" in an article with two: neither, its gender its own
        if len(words) > 1:
            full_names[words[-1]] = identity
        person = span.label_ in PERSON_LABELS or not span.label_
        mentions.append(PersonMention(span, identity, main_subject(span.root), person))
    return mentions


def main_subject(root: Token) -> bool:
    """Is the name (or the thing it owns) the subject of its sentence's main verb, or of a reporting verb?"""
    if root.dep_ == "appos":
        root = root.head
    if root.dep_ == "poss":  # "Ruiz's letter says", "Francis' message is"
        root = root.head
    verb = root.head
    return root.dep_ in SUBJECT_DEPS and (verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
                                          or reporting_cue(verb) is not None)


def person_spans(doc: Doc) -> list[Span]:
    """PERSON entities, other names that are a main subject (the recogniser takes some people for
    organisations or places; "they" and "it" may stand for them), and proper-noun subjects it
    missed."""
    spans = [ent for ent in article_entities(doc) if ent.label_ in PERSON_LABELS
             or (ent.label_ in ORG_LABELS and main_subject(ent.root))]
    for token in doc:
        if token.dep_ in SUBJECT_DEPS and token.pos_ == "PROPN" and not token.ent_type_:
            spans.append(proper_noun_run(token))
    return spans


def proper_noun_run(token: Token) -> Span:
    """The token with the proper nouns before it that modify it ("Ana Ruiz")."""
    doc, start = token.doc, token.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head == token and not doc[start - 1].ent_type_:
        start -= 1
    return doc[start:token.i + 1]


def person_genders(doc: Doc, people: list[PersonMention], quoted: list[bool]) -> dict[str, str]:
    """Full name -> "m" or "f", from titles, gendered roles, common given names and the first
    gendered pronoun outside quotes after a mention in its sentence before another person is
    named."""
    votes: dict[str, Counter] = {}
    for index, person in enumerate(people):
        ent, tally = person.ent, votes.setdefault(person.identity, Counter())
        before = doc[ent.start - 1].lower_.rstrip(".") if ent.start else ""
        cue = TITLE_GENDER.get(fold(ent[0].text)) or TITLE_GENDER.get(before) or role_gender(ent)
        if cue:
            tally[cue] += 3
        given = person.identity.split()[0] if " " in person.identity else ""
        if given in first_names():
            tally[first_names()[given]] += 2
        next_person = people[index + 1].ent.start if index + 1 < len(people) else len(doc)
        pronoun = next((t for t in doc[ent.end:min(next_person, ent.sent.end)]
                        if t.lower_ in PRONOUN_GENDER and not quoted[t.i]), None)
        if pronoun is not None and pronoun.lower_ in PRONOUN_GENDER:
            tally[PRONOUN_GENDER[pronoun.lower_]] += 1
    return {name: tally.most_common(1)[0][0] for name, tally in votes.items() if tally}


@lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """Common given names -> "m" or "f" (``data/first_names.tsv``)."""
    lines = (FIRST_NAMES.read_text(encoding="utf-8")).splitlines()
    return dict(line.split("\t") for line in lines if line and not line.startswith("#"))


def role_gender(ent: Span) -> str:
    """The gender a role next to the name states ("spokeswoman Ana Ruiz", "his wife, Ana")."""
    doc = ent.doc
    nearby = [doc[i] for i in range(max(0, ent.start - 3), ent.start)] + [ent.root.head]
    nearby += [c for c in ent.root.children if c.dep_ == "appos"]
    for token in nearby:
        word = token.lower_
        if word in GENDER_WORDS:
            return GENDER_WORDS[word]
        for suffix, gender in ROLE_GENDER_SUFFIXES:
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                return gender
    return ""


def opens_sentence(ent: Span, quoted: list[bool]) -> bool:
    """Does the name open its sentence (after titles and nationality words), not as an object or
    possessor? A name there is salient even where the parse gave it no subject role ("Rep. Ana Ruiz
    (D-Ohio), chair of ..., did not ...")."""
    doc, first = ent.doc, ent.sent.start
    while first < ent.start and (doc[first].is_space or doc[first].is_punct or doc[first].ent_type_ == "NORP"
                                 or fold(doc[first].text) in PERSON_TITLES):
        first += 1
    return first == ent.start and not quoted[ent.start] and ent.root.dep_ not in ("poss", "pobj", "dobj")


def resolve_pronouns(events: list[SpeechEvent], doc: Doc, text: str, quoted: list[bool]) -> None:
    """"he"/"she" become the most recent name before them of a compatible gender (an
    organisation's, often a person the recogniser mislabelled, only when the article gives it
    that gender; never a place's) that was a main subject, else the most recent such name at
    all; "they" and "it" the most recent organisation, place or group that was."""
    people = person_mentions(doc, text, quoted)
    speaking = {e.speaker.start for e in events if e.strength > ACTION and e.speaker.via in ("name", "organization")}
    for person in people:
        person.subject = person.subject or person.ent.start_char in speaking or opens_sentence(person.ent, quoted)
    genders = person_genders(doc, people, quoted)
    starts = [p.ent.start_char for p in people]
    for event in events:
        speaker = event.speaker
        if speaker.via not in ("pronoun", "unresolved"):
            continue
        before = reversed(people[:bisect.bisect_left(starts, event.idx)])
        if speaker.via == "pronoun":
            compatible = [p for p in before if (p.person or p.ent.label_ == "ORG")
                          and genders.get(p.identity, speaker.gender if p.person else "") == speaker.gender]
        else:
            compatible = [p for p in before if not p.person and p.subject and speaker.surface.lower() in GROUP_PRONOUNS]
        referent = next((p for p in compatible if p.subject), compatible[0] if compatible else None)
        if referent is not None:
            ent = referent.ent
            speaker.start, speaker.label, speaker.name, speaker.via = ent.start_char, ent.label_, ent.text, "pronoun"
            speaker.surface = f"{speaker.surface} ({ent.text})"
