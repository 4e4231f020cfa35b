"""Places the tagger missed or filed as organisations or people, recovered by where they stand.

A capitalised name the gazetteer links in the article's context (the same ranking as any place
span: ``places.resolve``) becomes a place when its position says it is one:

- after a locative preposition ("in Winfield", "near Ridge Farm", "of Wallingford");
- in a dateline: an all-capitals name opening the text or a sentence, before a dash, a colon
  or "(AP)" ("WINONA --", "BEIRUT:"), or after a date before a long dash ("March 24, 2009 MANSFIELD --");
- as a legislator's home after the party letter ("Marty Seifert, R-Marshall");
- before a comma and a country or first-level region ("Lincoln, Neb.", "Evansville, Indiana");
- before a word for its people or a "-based" ("a Winona man", "Hamilton women", "Northbrook-based");
- as the first words of a local institution's name ("the Huntsville Fire Department",
  "Kanawha Circuit Court", "the Laurel County Sheriff's Office");
- in a list of counties or parishes ("Navarro, Henderson and Ellis counties": each is "X County").

A name the tagger calls a person needs one of the first three (surnames and towns share names).
"""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span

from newsfuse.facts.countries import country_alias, us_state_code
from newsfuse.facts.gazetteer import Gazetteer, Place
from newsfuse.facts.placenames import translit_key

LOCATIVES = frozenset("in at near from to of outside into across around toward towards through throughout "
                      "inside within via between".split())
DATELINE_MARKS = frozenset({"--", "—", "–", "-", ":", "(", "―", "—-"})
PEOPLE_WORDS = frozenset("man woman men women boy girl boys girls resident residents native natives couple "
                         "family families teen teens teenager teenagers mother father son daughter "
                         "native residents officials police firefighters voters".split())
INSTITUTION_WORDS = frozenset("""
    police fire sheriff sheriff's council board school schools high middle elementary hospital medical
    chamber public library regional
    area community municipal planning zoning water parks airport district department court circuit
    superior housing health council commission commissioners mayor assembly convention visitors
    memorial symphony museum zoo historical heritage rescue ems emergency unified independent
    """.split())
COUNTY_NOUNS = {"counties": "County", "parishes": "Parish"}
MAX_NAME_WORDS = 4
PERSON_CUES = ("locative", "dateline", "city-state", "party-home")
LONG_DASHES = frozenset({"--", "—", "―"})
PARTY_LETTERS = frozenset({"R", "D", "I", "DFL"})  # a US legislator's party before a hyphen and the home town
PERSON_LOCATIVES = frozenset("in at near outside into across throughout within".split())
NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "LAW", "LANGUAGE"})
WIDE_KINDS = ("continent", "country", "admin1")
# Cues strong enough to take the best weak candidate of a name in an article that names no country.
GUESS_CUES = frozenset({"locative", "dateline", "city-state", "people", "institution", "party-home"})


def cued_names(gazetteer: Gazetteer, doc: Doc, chunks: list[Span], taken: set[int]) -> list[list[tuple[Span, str]]]:
    """For each proper-name run outside ``taken`` (and each dateline), its spans from the run's
    start whose position marks them as places, longest first, each with its cue."""
    people = {i for ent in doc.ents if ent.label_ == "PERSON" for i in range(ent.start, ent.end)}
    groups = []
    for chunk in chunks + dateline_chunks(doc):
        if not taken.isdisjoint(range(chunk.start, chunk.end)) or not chunk[0].text[:1].isupper() \
                or chunk[0].ent_type_ in NOT_NAMES:
            continue
        group = []
        for end in range(min(chunk.end, chunk.start + MAX_NAME_WORDS), chunk.start, -1):
            span = Span(doc, chunk.start, end, label="GPE")
            cue = cue_of(gazetteer, span, whole=end == chunk.end)
            person = not people.isdisjoint(range(span.start, span.end))
            if cue is not None and not (person and (cue not in PERSON_CUES or cue == "locative"
                                                    and doc[span.start - 1].lower_ not in PERSON_LOCATIVES)):
                group.append((span, cue))
        if group:
            groups.append(group)
    return groups


def recover(groups: list[list[tuple[Span, str]]], taken: set[int],
            resolve: Callable[[Span], object]) -> list[tuple[Span, object, str]]:
    """(span, resolution, cue) for the first span of each group that ``resolve`` links (in the
    article's context) and ``trusted`` accepts; ``taken`` grows with what is recovered."""
    found = []
    for group in groups:
        for span, cue in group:
            if not taken.isdisjoint(range(span.start, span.end)):
                break
            resolution = resolve(span)
            if trusted(resolution, span.text, cue):
                found.append((span, resolution, cue))
                taken.update(range(span.start, span.end))
                break
    return found


def trusted(resolution, name: str, cue: str) -> bool:
    """A link by the name itself (no spelling variant), which the text's countries or regions back
    unless it is a wide area or, after a strong cue, the best guess in an article that names no
    country (``resolution.guess``); a dateline names a town, not a country or region."""
    place = getattr(resolution, "place", None)
    if place is None or not (resolution.match == "alias" or translit_key(name) in place.keys):
        return False
    if cue == "dateline" and place.kind in WIDE_KINDS:
        return False
    return resolution.supported or place.kind in WIDE_KINDS or resolution.guess and cue in GUESS_CUES


def dateline_chunks(doc: Doc) -> list[Span]:
    """All-capitals words opening a sentence before a dateline mark ("EAST HAMPTON —")."""
    chunks = []
    for sent in doc.sents:
        end = sent.start
        while end < sent.end and end - sent.start < MAX_NAME_WORDS and doc[end].is_alpha and doc[end].is_upper:
            end += 1
        if end > sent.start and (end - sent.start > 1 or len(doc[sent.start]) > 2) and is_dateline_end(doc, end):
            chunks.append(Span(doc, sent.start, end, label="GPE"))
    return chunks


def is_dateline_end(doc: Doc, position: int) -> bool:
    """A dateline mark at ``position``, or after a ", STATE" part."""
    if position < len(doc) and doc[position].text == ",":
        position += 1
        while position < len(doc) and (doc[position].tag_ in {"NNP", "NNPS"} or doc[position].text == "."):
            position += 1
    return position < len(doc) and (doc[position].text in DATELINE_MARKS or doc[position].text.startswith("--"))


def cue_of(gazetteer: Gazetteer, span: Span, whole: bool) -> str | None:
    """What in the span's position marks it as a place, else None; ``whole``: the span is its whole name."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if whole and before is not None and before.lower_ in LOCATIVES and not preceded_by_name(doc, before.i):
        return "locative"
    if whole and (span.start == span.sent.start or span.start == 0) and span.text.isupper() \
            and is_dateline_end(doc, span.end):
        return "dateline"
    if whole and span.text.isupper() and len(span.text) > 2 and before is not None and before.like_num \
            and after is not None and after.text in LONG_DASHES:
        return "dateline"  # "Gannett March 24, 2009 MANSFIELD --"
    if whole and span.start >= 3 and before.text in {"-", "–"} and doc[span.start - 2].text in PARTY_LETTERS \
            and doc[span.start - 3].text in {",", "("}:
        return "party-home"  # "Marty Seifert, R-Marshall"
    if whole and after is not None and after.text == "," and region_after(gazetteer, doc, span.end + 1):
        return "city-state"
    if after is not None and (after.lower_ in PEOPLE_WORDS and whole
                              or after.text in {"-", "–"} and span.end + 1 < len(doc)
                              and doc[span.end + 1].lower_ == "based"):
        return "people"
    if not whole and after is not None and after.lower_ in INSTITUTION_WORDS and span[-1].lower_ not in INSTITUTION_WORDS:
        return "institution"
    return None


def preceded_by_name(doc: Doc, position: int) -> bool:
    """An "of" after a proper name ("Bank of X", "University of X") belongs to that name."""
    return doc[position].lower_ == "of" and position > 0 and doc[position - 1].tag_ in {"NNP", "NNPS"}


def region_after(gazetteer: Gazetteer, doc: Doc, position: int) -> Place | None:
    """The country or first-level region named at ``position`` ("Neb.", "Ohio", "Canada")."""
    end = position
    while end < len(doc) and end - position < 3 and (doc[end].tag_ in {"NNP", "NNPS"} or doc[end].text == "."):
        end += 1
    if end == position:
        return None
    name = doc[position:end].text
    state = us_state_code(name) or us_state_code(doc[position].text)
    if state:
        return gazetteer.admin1.get(f"US.{state}")
    alias = country_alias(name)
    if alias:
        return gazetteer.countries.get(alias)
    return next((p for p in gazetteer.lookup_region(name) if p.kind in ("country", "admin1")), None)


def county_lists(gazetteer: Gazetteer, doc: Doc, taken: set[int],
                 resolve_name: Callable[[Span, str], object]) -> list[tuple[Span, object, str]]:
    """Each name of "Navarro, Henderson and Ellis counties" as "Navarro County" (also a name already
    read as a town: the caller drops that reading)."""
    found = []
    for token in doc:
        noun = COUNTY_NOUNS.get(token.lower_)
        if noun is None:
            continue
        position = token.i - 1
        while position >= 0:
            end = position + 1
            while position >= 0 and doc[position].tag_ in {"NNP", "NNPS"}:
                position -= 1
            if position + 1 == end:
                break
            span = Span(doc, position + 1, end, label="GPE")
            resolution = resolve_name(span, f"{span.text} {noun}")
            if trusted(resolution, f"{span.text} {noun}", "county-list"):
                found.append((span, resolution, "county-list"))
                taken.update(range(span.start, span.end))
            if position < 0 or doc[position].lower_ not in {",", "and", "&", "or"}:
                break
            position -= 1
            if position >= 0 and doc[position].text == "," and doc[position + 1].lower_ in {"and", "or"}:
                position -= 1
    return found
