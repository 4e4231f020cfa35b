"""Bylines: authors' names from ``By Jane Doe`` lines, ``Name / 2024-05-02 09:30`` lines
and extractor author fields, without "By" and without job titles or outlets."""
from __future__ import annotations

import re
from functools import lru_cache

from newsfuse.extract.dates import find_dates

BY_PREFIX = re.compile(r"^\s*(?:(?:written|words|reported|posted|story|text)\s+)?by[:\s]\s*", re.I)
AUTHOR_PREFIX = re.compile(r"^\s*(?:authors?|writer|reporter|posted by|作者|记者|기자)\s*[:：]\s*", re.I)
NAME_SEPARATORS = re.compile(r"\s*(?:,|;|\||&|\band\b|\bund\b|\by\b|\bet\b|、)\s*")
NAME_BEFORE_DATE = re.compile(r"^(?P<name>[^/|·•\d]{2,60}?)\s*[/|·•]\s*$")
LATIN_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.-]*|(?:de|da|del|van|von|der|den|la|le|di|bin|al|el)|[A-Z]\.)$")
CJK_SUFFIX = re.compile(r"\s?기자$")  # Korean "reporter" after a name
CJK_NAME = re.compile(r"^[\u3131-\u318e\uac00-\ud7a3\u4e00-\u9fff]{2,4}(?:\s?기자)?$")
MIN_NAME_TOKENS, MAX_NAME_TOKENS = 2, 5
MAX_BYLINE_CHARS = 160
CACHED_LINES = 1024
# Words that make a byline part a role, desk or outlet rather than a person.
NOT_NAME_WORDS = frozenset("""
staff writer reporter correspondent editor editors contributor columnist desk news press agency
associated service services team newsroom bureau media group published updated posted photo
photos by and the of for in on at senior chief director content marketing institute university
department office online digital magazine times post daily herald journal tribune wire wires
international national global report reports contributing special guest author admin
""".split())


def looks_like_name(text: str) -> bool:
    """True for a person's name: 2-5 capitalised words, or a 2-4 character CJK name."""
    text = text.strip()
    if CJK_NAME.match(text):
        return True
    tokens = text.split()
    if not MIN_NAME_TOKENS <= len(tokens) <= MAX_NAME_TOKENS:
        return False
    if any(t.lower().strip(".") in NOT_NAME_WORDS for t in tokens):
        return False
    if not all(LATIN_NAME_TOKEN.match(t) for t in tokens):
        return False
    return tokens[0][:1].isupper() and tokens[-1][:1].isupper()


def _title_case_if_shouting(name: str) -> str:
    return name.title() if name.isupper() and any(c.isalpha() for c in name) else name


def split_names(text: str) -> list[str]:
    """Leading person names of a byline string, stopping at the first part that is no name."""
    names: list[str] = []
    for part in NAME_SEPARATORS.split(text.strip().rstrip(".")):
        part = part.strip()
        if not part:
            continue
        if not looks_like_name(_title_case_if_shouting(part)):
            break
        names.append(_title_case_if_shouting(CJK_SUFFIX.sub("", part)))
    return names


def parse_byline(line: str) -> list[str]:
    """Authors named by a byline line, or [] if the line is no byline.

    The stages ask this of the same few lines several times, so the answers for recent lines
    are kept."""
    if len(line) > MAX_BYLINE_CHARS and len(line.strip()) > MAX_BYLINE_CHARS:
        return []  # too long to be a byline: not worth keeping
    return list(_byline_names(line))


@lru_cache(maxsize=CACHED_LINES)
def _byline_names(line: str) -> tuple[str, ...]:
    return tuple(_parse_byline(line))


def _parse_byline(line: str) -> list[str]:
    text = line.strip()
    if not text or len(text) > MAX_BYLINE_CHARS:
        return []
    prefixed = BY_PREFIX.match(text) or AUTHOR_PREFIX.match(text)
    if prefixed:
        rest = text[prefixed.end():]
        dates = find_dates(rest)
        if dates:
            rest = rest[:dates[0].start]
        return split_names(re.sub(r"\s*[-–—|/·•,]\s*$", "", rest.strip()))
    dates = find_dates(text)
    if dates:
        named = NAME_BEFORE_DATE.match(text[:dates[0].start])
        if named and looks_like_name(named["name"]):
            return [CJK_SUFFIX.sub("", named["name"].strip())]
    return []


def clean_author_field(value: str | None) -> list[str]:
    """Names from an extractor's author field (``"A; B"``, ``"By A and B"``)."""
    if not value:
        return []
    names: list[str] = []
    for part in value.split(";"):
        part = BY_PREFIX.sub("", part.strip())
        found = split_names(part) or ([part] if 0 < len(part.split()) <= MAX_NAME_TOKENS and part[:1].isupper() else [])
        names.extend(n for n in found if n not in names)
    return names
