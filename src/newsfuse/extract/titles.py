"""Headlines: cleaning (breadcrumbs, site-name suffixes) and finding one in a text dump.

A dump's headline is usually a line above the body that the page repeats
(a ``<title>`` line, a breadcrumb, an ``h1``), often just above the body.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from operator import itemgetter

from newsfuse.extract.bylines import parse_byline
from newsfuse.extract.chrome import CREDIT_LINE
from newsfuse.extract.dates import find_dates

BREADCRUMB = re.compile(r"\s+(?:>|»|›|→|/|::)\s+")
SITE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|•|·|::|/)\s+")
TRAILING_CJK = re.compile(r"\s+[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]{1,4}$")
LEADING_CJK = re.compile(r"^[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]{1,8}[:：]\s*")
NON_WORD = re.compile(r"\W+")
NON_WORD_IN_LINE = re.compile(r"[^\w\n]+")
MAX_SITE_WORDS = 4
MAX_SUFFIXES = 2
MIN_TITLE_WORDS, MAX_TITLE_WORDS = 2, 40
MAX_TITLE_CHARS = 300
MIN_WORDS_BESIDE_DATE = 8  # a shorter line with a date is a date line, not a headline
MIN_REPEAT_CHARS = 12
LOOKBACK_LINES = 80
NEAR_BODY_LINES = 3
SENTENCE_ENDS = ".!?\"”'’)"
TOP_LINES = 3  # a dump's first lines often hold the page's <title>
MAX_COUNTED_REPEATS = 2
CAPITALISED_SHARE = 0.6
WEIGHT_REPEAT, WEIGHT_IDENTICAL, WEIGHT_AT_TOP = 2.0, -2.0, 3.0
WEIGHT_NEAR_BODY, WEIGHT_FOUR_WORDS, WEIGHT_SIX_WORDS = 2.0, 4.0, 2.0
WEIGHT_SENTENCE_END, WEIGHT_CAPITALISED, WEIGHT_BEFORE_BYLINE = -3.0, 0.5, 4.0
ASCII_NON_LETTERS = bytes(code for code in range(128) if not chr(code).isalpha())
NOT_TITLE_START = re.compile(r"^(?:by\s|published|updated|posted|share|home\b|menu\b|skip to|log ?in|sign ?in|"
                             r"subscribe|search|advertisement|©|copyright)", re.I)
# Who wrote or reviewed the piece, opening the line, or a reading time (photo credits: ``chrome.CREDIT_LINE``).
AUTHOR_CREDIT = re.compile(r"^\W*(?:(?:written|reviewed|edited|fact[- ]?checked|guide|story|words|photos?|images?|"
                           r"illustrations?)\s+by\b|(?:contributions?\s+from|authors?)\s*:)"
                           r"|\d+\s*min(?:ute)?s?\s+read\b", re.I)


def normalise(text: str) -> str:
    """Lower-case words separated by single spaces, for comparing lines."""
    return NON_WORD.sub(" ", text.lower()).strip()


def _latin_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(c.isascii() for c in letters) / len(letters) if letters else 0.0


def strip_breadcrumb(title: str) -> str:
    """The last step of a breadcrumb (``Home > News > Headline``), CJK chrome words removed."""
    parts = [p for p in BREADCRUMB.split(title) if p.strip()]
    text = parts[-1] if len(parts) > 2 or (len(parts) == 2 and len(parts[-1]) > 2 * len(parts[0])) else title
    if _latin_share(text) > 0.5:
        text = TRAILING_CJK.sub("", LEADING_CJK.sub("", text))
    return text.strip()


def _is_site_part(part: str, rest: str, site_key: str) -> bool:
    key = normalise(part)
    if not key:
        return True
    if site_key and (key in site_key or site_key in key):
        return True
    return len(part.split()) <= MAX_SITE_WORDS and len(rest.split()) > len(part.split())


def strip_site_suffix(title: str, site: str | None = None) -> str:
    """``Headline | Site`` -> ``Headline``; also ``Site | Headline`` when ``site`` names it."""
    site_key = normalise(site or "")
    text = title.strip()
    for _ in range(MAX_SUFFIXES):
        separators = list(SITE_SEPARATORS.finditer(text))
        if not separators:
            break
        last = separators[-1]
        head, tail = text[:last.start()], text[last.end():]
        if _is_site_part(tail, head, site_key):
            text = head.strip()
            continue
        first = separators[0]
        head, tail = text[:first.start()], text[first.end():]
        if site_key and normalise(head) and normalise(head) in site_key:
            text = tail.strip()
            continue
        break
    return text


def clean_title(title: str | None, site: str | None = None) -> str | None:
    """The headline without breadcrumb steps and site-name suffixes; None if nothing is left."""
    if not title:
        return None
    text = strip_site_suffix(strip_breadcrumb(" ".join(title.split())), site)
    return text or None


def _is_candidate(line: str) -> bool:
    return _candidate_words(line) is not None


def _candidate_words(line: str) -> list[str] | None:
    """The words of ``line`` (stripped) if it can be a headline, else None."""
    words = line.split()
    if not MIN_TITLE_WORDS <= len(words) <= MAX_TITLE_WORDS or len(line) > MAX_TITLE_CHARS:
        return None
    return words if _passes_title_tests(line, words) else None


def _passes_title_tests(line: str, words: list[str]) -> bool:
    """The headline tests after the size tests: no chrome opening, no date line, no editor's
    note, at least half letters."""
    if NOT_TITLE_START.match(line) or len(words) < MIN_WORDS_BESIDE_DATE and find_dates(line):
        return False
    if AUTHOR_CREDIT.search(line) or CREDIT_LINE.match(line):
        return False
    if line[:1] in "([" and line[-1:] in ")]":
        return False  # an editor's note such as "(ATTN: ...)", not a headline
    return letter_count(line) >= len(line) / 2


def letter_count(text: str) -> int:
    """How many characters of ``text`` are letters (``str.isalpha``); ASCII text by deleting the
    other bytes in one call."""
    if text.isascii():
        return len(text.encode("ascii").translate(None, ASCII_NON_LETTERS))
    return sum(map(str.isalpha, text))


class LineIndex:
    """What the title score asks of the lines, computed once per dump and only where asked.

    Counting where a line's words recur needs the ``normalise`` form only of the
    lines whose lower-cased text holds each of its words (its normalised text is
    made of runs of word characters the raw line holds), so the page is searched
    for those words first and only the lines holding them all are normalised.
    """

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self._lowered: str | None = None
        self._keys: dict[int, str] = {}
        self._byline_or_date: dict[int, bool] = {}
        self._top: str | None = None
        self._starts: list[int] | None = None

    def _lowered_page(self) -> str:
        """The lower-cased page, its lines joined by line breaks (made when first asked). A line
        break inside a line is made a space, so that the page's line breaks are its lines'
        ends; lower-casing a line alone gives its part of the page (a line break, like a space,
        is neither cased nor ignored by the final-sigma rule)."""
        if self._lowered is None:
            lowered = "\n".join(self.lines).lower()
            if lowered.count("\n") != len(self.lines) - 1:
                lowered = "\n".join(line.replace("\n", " ") for line in self.lines).lower()
            self._lowered = lowered
        return self._lowered

    def key(self, index: int) -> str:
        """``normalise`` of line ``index``."""
        if index not in self._keys:
            self._keys[index] = normalise(self.lines[index])
        return self._keys[index]

    def add_keys(self, indexes: Sequence[int]) -> None:
        """``key`` of each of some lines, from one pass over their joined text: ``normalise``
        of a line is its part of the lower-cased text, runs of non-word characters within a line
        made single spaces, stripped."""
        lowered = "\n".join(map(self.lines.__getitem__, indexes)).lower()
        parts = NON_WORD_IN_LINE.sub(" ", lowered).split("\n")
        if len(parts) != len(indexes):  # a line held a line break
            return
        for index, part in zip(indexes, parts):
            self._keys[index] = part.strip()

    def _top_keys(self) -> str:
        """The top lines' keys joined by line breaks (a key holds none, so counts add up)."""
        if self._top is None:
            self._top = "\n".join(self.key(top) for top in range(min(TOP_LINES, len(self.lines))))
        return self._top

    def _line_starts(self) -> list[int]:
        """Where each line starts in the lowered page, and where one more would (made when first
        asked); empty where lower-casing changed the page's length (``İ``), so that places in it
        are not its lines' own."""
        if self._starts is None:
            starts = [0, *accumulate(len(line) + 1 for line in self.lines)]
            self._starts = starts if starts[-1] == len(self._lowered_page()) + 1 else []
        return self._starts

    def _lines_holding(self, words: list[str], index: int) -> set[int]:
        """Lines whose lower-cased text holds all ``words``, which line ``index`` holds: the lines
        where the page holds the longest word (a word holds no line break, so a line found is
        searched no further), then only their lower-cased text searched for the other words."""
        lowered = self._lowered_page()
        longest = max(words, key=len)
        if lowered.count(longest) == 1:
            return {index}
        starts = self._line_starts()
        if not starts:
            return self._lines_holding_counted(words, longest)
        found: set[int] = set()
        position = lowered.find(longest)
        while position >= 0:
            line = bisect_right(starts, position) - 1
            found.add(line)
            position = lowered.find(longest, starts[line + 1])
        return {line for line in found if all(map(lowered[starts[line]:starts[line + 1] - 1].__contains__, words))}

    def _lines_holding_counted(self, words: list[str], longest: str) -> set[int]:
        """``_lines_holding`` where the lowered page's places are not its lines' own: the line
        breaks before each place of the longest word counted, each line found lower-cased."""
        lowered = self._lowered_page()
        found: set[int] = set()
        line = counted_to = 0
        position = lowered.find(longest)
        while position >= 0:
            line += lowered.count("\n", counted_to, position)
            counted_to = position
            found.add(line)
            position = lowered.find(longest, position + len(longest))
        return {line for line in found if all(map(self.lines[line].lower().__contains__, words))}

    def repeats(self, index: int) -> tuple[int, bool, bool]:
        """How many other lines hold line ``index``'s words; whether one is identical; one at the top."""
        key = self.key(index)
        if len(key) < MIN_REPEAT_CHARS:
            return 0, False, False
        occurrences = identical = at_top = 0
        for other in self._lines_holding(key.split(" "), index):
            other_key = self.key(other)
            count = other_key.count(key)
            occurrences += count
            identical += other_key == key
            at_top += count if other < TOP_LINES else 0
        return occurrences - 1, identical > 1, at_top > (index < TOP_LINES)

    def at_top(self, index: int) -> bool:
        """``repeats(index)[2]`` from the top lines alone: whether one of them holds line ``index``."""
        key = self.key(index)
        return len(key) >= MIN_REPEAT_CHARS and self._top_keys().count(key) > (index < TOP_LINES)

    def before_byline(self, index: int, first_body: int) -> bool:
        """Whether one of the next ``NEAR_BODY_LINES`` non-empty lines, up to ``first_body``, holds a
        byline or a date."""
        lines, looked_at = self.lines, 0
        for following in range(index + 1, min(first_body + 1, len(lines))):
            if lines[following].strip():
                if self.byline_or_date(following):
                    return True
                looked_at += 1
                if looked_at == NEAR_BODY_LINES:
                    return False
        return False

    def byline_or_date(self, index: int) -> bool:
        if index not in self._byline_or_date:
            line = self.lines[index]
            self._byline_or_date[index] = bool(find_dates(line) or parse_byline(line))
        return self._byline_or_date[index]


def _shape_terms(line: str, distance: int, words: list[str] | None = None) -> tuple[float, ...]:
    """The title score's terms from the line itself (``words``: its words, split here if not
    given) and its ``distance`` above the body, in the order they are added after the repeat terms."""
    words = line.split() if words is None else words
    count = len(words)
    capitalised = sum(map(str.isupper, map(itemgetter(0), words))) / count
    return (WEIGHT_NEAR_BODY * (distance <= NEAR_BODY_LINES), 1.0 / distance,
            WEIGHT_FOUR_WORDS * (count >= 4), WEIGHT_SIX_WORDS * (count >= 6),
            WEIGHT_SENTENCE_END * (line[-1:] == "." and line[-2:] != ".."),
            WEIGHT_CAPITALISED * (capitalised >= CAPITALISED_SHARE))


def _repeat_terms(repeats: int, identical: bool, at_top: bool) -> float:
    """The title score's first terms, from how the line recurs in the page."""
    return WEIGHT_REPEAT * min(repeats, MAX_COUNTED_REPEATS) + WEIGHT_IDENTICAL * identical + WEIGHT_AT_TOP * at_top


# ``_repeat_terms`` with the most repeats counted and no identical line, without and with the
# top-of-page term: where the title search's bounds start.
PARTIAL_STARTS = (_repeat_terms(MAX_COUNTED_REPEATS, False, False), _repeat_terms(MAX_COUNTED_REPEATS, False, True))


def _add_terms(score: float, terms: tuple[float, ...]) -> float:
    """``score`` plus each of ``terms`` in turn (the order of float additions is part of the score)."""
    for term in terms:
        score += term
    return score


def _title_score(index_of: LineIndex, index: int, first_body: int, shape: tuple[float, ...] | None = None,
                 before_byline: bool | None = None) -> float:
    """Hand-weighted evidence that line ``index`` is the headline (weights fitted on WCXB dev dumps):
    the repeat terms, the shape terms, the byline term, added in this order. ``shape`` and
    ``before_byline``: the line's shape terms and byline flag, where the caller has them."""
    if shape is None:
        shape = _shape_terms(index_of.lines[index].strip(), first_body - index)
    if before_byline is None:
        before_byline = index_of.before_byline(index, first_body)
    return _add_terms(_repeat_terms(*index_of.repeats(index)), shape) + WEIGHT_BEFORE_BYLINE * before_byline


def _cannot_win(bound: float, index: int, best: int | None, best_score: float) -> bool:
    """A line whose score is at most ``bound`` can neither beat the best nor tie it earlier."""
    return bound < best_score or (bound == best_score and (best is None or index > best))


def _bounded_candidates(index_of: LineIndex, first_body: int) -> list[tuple[float, int, float, tuple[float, ...]]]:
    """The candidate lines above ``first_body``, likeliest first: ``(-bound, index, partial, shape)``.

    ``partial`` is the score up to its byline term with the repeat terms other than the
    top-of-page one at their best values (float addition is monotone, so it bounds the score's
    start); ``bound`` adds the byline term at its best too. The terms are added in the
    score's own order."""
    lines = index_of.lines
    candidates = []
    for index in range(max(0, first_body - LOOKBACK_LINES), min(first_body, len(lines))):
        line = lines[index].strip()
        words = line.split()  # ``_candidate_words`` inlined: it runs for every line of the window
        if MIN_TITLE_WORDS <= len(words) <= MAX_TITLE_WORDS and len(line) <= MAX_TITLE_CHARS and _passes_title_tests(
                line, words):
            candidates.append((index, _shape_terms(line, first_body - index, words)))
    index_of.add_keys([index for index, _ in candidates])
    at_top, starts = index_of.at_top, PARTIAL_STARTS
    bounded = []
    for index, shape in candidates:
        partial = _add_terms(starts[at_top(index)], shape)
        bounded.append((-(partial + WEIGHT_BEFORE_BYLINE), index, partial, shape))
    bounded.sort()
    return bounded


def find_title_line(index_of: LineIndex, first_body: int) -> int | None:
    """0-based index of the likeliest headline line above ``first_body`` (0-based), or None.

    Candidates are taken likeliest first by an upper bound of their score and the rest
    skipped once they cannot win; a tighter bound (the byline term worked out) spares
    counting most lines' repeats."""
    best, best_score = None, 0.0  # the best score, the earliest line among equals; it must be above 0
    for negative_bound, index, partial, shape in _bounded_candidates(index_of, first_body):
        if _cannot_win(-negative_bound, index, best, best_score):
            break
        before_byline = index_of.before_byline(index, first_body)
        if _cannot_win(partial + WEIGHT_BEFORE_BYLINE * before_byline, index, best, best_score):
            continue
        score = _title_score(index_of, index, first_body, shape, before_byline)
        if score > best_score or (score == best_score and best is not None and index < best):
            best, best_score = index, score
    return best


def find_title_in_body_start(index_of: LineIndex, body_indexes: list[int]) -> int | None:
    """A headline the body's first kept lines hold (a breadcrumb or a repeated line that is no
    sentence): for dumps whose kept body starts too early. 0-based index, or None."""
    lines = index_of.lines
    for index in body_indexes[:NEAR_BODY_LINES]:
        line = lines[index].strip()
        if not _is_candidate(line) or line[-1:] in SENTENCE_ENDS:
            continue
        if BREADCRUMB.search(line) or index_of.repeats(index)[0]:
            return index
    return None
