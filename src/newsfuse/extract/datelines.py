"""Datelines at the head of a story: ``SEOUL, Jan. 5 (Yonhap) --``.

Reads place, date and agency from the forms wire services use, e.g.
``Madrid, May 2 (EFE).-``, ``LONDON (Reuters) -``, ``PARIS, March 3 (AFP) -``,
``WASHINGTON --`` and ``(CNN) --``.
"""
from __future__ import annotations

import re

from newsfuse.extract.dates import month_number
from newsfuse.model import Dateline

# A general list of wire services and agencies that appear in datelines.
WIRE_AGENCIES = (
    "AP", "Associated Press", "AFP", "Agence France-Presse", "Reuters", "EFE", "Yonhap", "Xinhua",
    "Kyodo", "Jiji", "dpa", "ANSA", "IANS", "PTI", "ANI", "UNI", "UPI", "Bernama", "Antara", "PNA",
    "Anadolu", "AA", "TASS", "RIA Novosti", "Interfax", "Sputnik", "Ukrinform", "KCNA", "CNA",
    "Lusa", "Europa Press", "Notimex", "Prensa Latina", "ATS", "SDA", "APA", "Belga", "ANP",
    "NTB", "TT", "STT", "Ritzau", "PAP", "CTK", "MTI", "HINA", "BTA", "Agerpres", "Tanjug",
    "WAM", "SPA", "QNA", "KUNA", "MENA", "IRNA", "AAP", "CP", "Canadian Press", "Bloomberg",
    "CNN", "BBC", "NHK", "Arirang", "Vietnam News Agency", "VNA", "Thai PBS", "APP", "BSS",
    "RSS", "Xinhua News Agency", "Kyodo News", "AP Photo",
)
_AGENCY_KEYS = {name.lower(): name for name in WIRE_AGENCIES}

_UPPER_WORD = r"[A-Z][A-Z.'’-]+"
_TITLE_WORD = r"[A-Z][a-zà-ÿ.'’-]+"
_PLACE = (rf"(?P<place>(?:{_UPPER_WORD})(?:\s+(?:{_UPPER_WORD}|de|da|del|la|el))*"
          rf"|{_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,3}})")
_REGION = rf"(?:,\s*(?P<region>{_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,2}}|[A-Z]{{2,}}))?"
_DATE = (r"(?:,?\s*(?P<month>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*)\.?"
         r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?)?")
_AGENCY = r"(?:\s*\((?P<agency>[^()]{1,40})\))?"
_SEPARATOR = r"\s*(?P<sep>\.?\s?[-–—]{1,2}|:)\s*"
DATELINE = re.compile(rf"^{_PLACE}{_REGION}{_DATE}{_AGENCY}{_SEPARATOR}(?=\S)")
AGENCY_ONLY = re.compile(rf"^\((?P<agency>[^()]{{1,40}})\){_SEPARATOR}(?=\S)")
# Capitalised labels that open a paragraph like a dateline but name no place.
NOT_PLACES = frozenset({
    "UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "WATCH", "VIDEO", "PHOTOS", "ANALYSIS", "OPINION",
    "EDITORIAL", "LIVE", "FILE", "NOTE", "EDITOR'S NOTE", "CORRECTION", "FACT CHECK", "REVIEW", "Q&A",
})
MAX_AGENCY_WORDS = 4
MAX_PLACE_CHARS = 40


def _agency(raw: str | None) -> str | None:
    """The agency named in parentheses, if it looks like one."""
    if not raw:
        return None
    text = raw.strip().strip(".")
    known = _AGENCY_KEYS.get(text.lower())
    if known:
        return text
    words = text.split()
    if len(words) <= MAX_AGENCY_WORDS and all(w[:1].isupper() for w in words) and not any(c.isdigit() for c in text):
        return text
    return None


def _date(match: re.Match) -> str | None:
    if not match["month"]:
        return None
    month = month_number(match["month"])
    day = int(match["day"])
    if month is None or not 1 <= day <= 31:
        return None
    if match["year"]:
        return f"{match['year']}-{month:02d}-{day:02d}"
    return f"{month:02d}-{day:02d}"


def parse_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening ``paragraph``, or None if it has none."""
    text = paragraph.lstrip()
    only = AGENCY_ONLY.match(text)
    if only:
        agency = _agency(only["agency"])
        return Dateline(place=None, date=None, agency=agency) if agency else None
    match = DATELINE.match(text)
    if not match or len(match["place"]) > MAX_PLACE_CHARS:
        return None
    place, date, agency = match["place"], _date(match), _agency(match["agency"])
    if match["agency"] and agency is None:
        return None
    all_caps = place.upper() == place and sum(c.isalpha() for c in place) >= 2
    if not all_caps and not (date or agency):
        return None  # "Washington - ..." alone is too weak; title-case places need a date or agency
    if match["sep"] == ":" and not (all_caps and (date or agency or " " not in place)):
        return None
    if place.upper() in NOT_PLACES:
        return None
    if match["region"]:
        place = f"{place}, {match['region']}"
    return Dateline(place=place, date=date, agency=agency)
