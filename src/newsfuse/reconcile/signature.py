"""What a fact mention is about besides its value: the predicate it fills, the time frame of its
sentence and the people in that sentence. Differing values fill one slot only where these agree;
a mention with no telling predicate is never aligned with a differing value (when in doubt, do
not align)."""
from __future__ import annotations

import re

from newsfuse.reconcile.text import common_words, stem

# Verbs that say nothing about what a number counts ("there were 3", "has 12", "said 40").
GENERIC_VERBS = frozenset("""be have say tell include make take get do go give come become show see
report add put use know keep set bring call mean need want seem leave remain according""".split())
# News predicates written with different verbs for one event: one name each.
PREDICATE_GROUPS = {
    "die": "kill die perish dead death claim fatality",
    "injure": "injure wound hurt injury",
    "arrest": "arrest detain apprehend nab capture",
    "seize": "seize confiscate impound",
    "evacuate": "evacuate displace flee",
    "rescue": "rescue save",
    "protest": "protest rally march demonstrate",
}
PREDICATE_OF = {stem(word): name for name, words in PREDICATE_GROUPS.items() for word in words.split()}
YEAR = re.compile(r"(?<![\w$£€.,])(1[89]\d\d|20\d\d)(?![\w,]|\.\d)")
# Words that put a sentence's figures and dates in an earlier event than the story's own.
# "Prior to" is "before", and "last week" dates the story's own event: neither names an earlier one.
BACKGROUND = re.compile(r"\b(?:last(?!\s+(?:night|week|weekend|month|year|monday|tuesday|wednesday|thursday|friday|"
                        r"saturday|sunday)\b)|previous|earlier|former|prior(?!\s+to)|ago|since|history|worst(?!-)|"
                        r"record)\b", re.IGNORECASE)
PLACE_ANCHOR_WORDS = 4  # words before a place searched for what happened there


def predicate_name(verb: str | None) -> str:
    """A verb lemma as a predicate: its group's name, itself, or "" for a generic verb."""
    verb = (verb or "").lower().strip()
    if not verb or verb in GENERIC_VERBS:
        return ""
    return PREDICATE_OF.get(stem(verb), stem(verb))


def place_predicate(sentence: str, surface: str) -> str:
    """What happened at a place: the nearest content word before it ("killed in X", "rehab in Y")."""
    position = sentence.find(surface) if surface else -1
    if position <= 0:
        return ""
    before = sentence[:position].split()[-PLACE_ANCHOR_WORDS:]
    for word in reversed(before):
        stems = common_words(word)
        if stems:
            name = predicate_name(next(iter(stems)))
            if name:
                return name
    return ""


def time_frame(sentence: str, surface: str, event_year: str | None) -> str:
    """The years a sentence names besides the story's own year and the mention's own words:
    a figure in "the 2003 quake killed 26,000" belongs to 2003, not to the story's event."""
    own = set(YEAR.findall(surface or ""))
    years = sorted(set(YEAR.findall(sentence or "")) - own - {event_year})
    return ",".join(years)
