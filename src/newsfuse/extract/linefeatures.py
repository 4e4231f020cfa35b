"""Numeric features of the lines of a flat text dump, for the line classifier.

Every line becomes a row of cheap, mostly vectorised features: its own shape
(length, words, punctuation, scripts, stopwords, capitalised words, digits,
timestamps, boilerplate words), its place in the page, whether it repeats,
and the same signals smoothed over its neighbours. ``context_features`` adds
the second pass: first-pass body probabilities of the neighbouring lines.
Character classes come from one lookup table indexed by code point and per
line sums from ``bincount``s (turned into class counts by matrix products);
stopwords and boilerplate words are found by exact numeric values of the page's
tokens; shifted and windowed columns come from slices and one gather each. So a
page costs a few numpy calls over all its lines. The feature matrices are stored
column by column (one contiguous row per feature, transposed), as the tree walk
reads them, so no pass copies them into another layout.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat

import numpy as np

BULLET = re.compile(r"^(?:[*•·\-–+]\s*|\d{1,3}\.\s+)")
BULLET_FIRST_CHARS = frozenset("*•·-–+0123456789")
MAYBE_UNCLEAN_START = BULLET_FIRST_CHARS | {" "}
# Dates, clock times and "3 hours ago"; every branch starts with a digit so the scan is fast.
TIMESTAMP = re.compile(
    r"\d(?:\d{3}[-./]\d{1,2}[-./]\d{1,2}|\d?[-./]\d{1,2}[-./]\d{2,4}|\d?:\d{2}(?!\d)"
    r"|\d*\s*(?:minutes?|hours?|days?|mins?|hrs?)\s+ago|\d*\s*(?:분|시간|일)\s*전|\d*\s*(?:分钟|小时|天)前)",
    re.IGNORECASE,
)
# What must follow the run of digits a ``TIMESTAMP`` match starts in: a separator (the run then
# holds 1, 2 or 4 of the match's digits), a colon (1 or 2), or a unit of time.
TIMESTAMP_SEPARATORS = "-./"
TIMESTAMP_DIGITS_BEFORE_SEPARATOR = (1, 2, 4)
TIMESTAMP_DIGITS_BEFORE_COLON = (1, 2)
TIMESTAMP_UNIT_AFTER = re.compile(r"\s*(?:min|hour|day|hr|분|시간|일|分钟|小时|天)", re.IGNORECASE)
TIMESTAMP_END_SLACK = 2  # a timestamp this close to the line's end ends it (a closing bracket may follow)
STOPWORDS = frozenset((
    # English
    "the a an and or but of to in on at for with from by as is are was were be been has have had "
    "it its this that these those which who whom what when where there their they he she his her "
    "we our you your not no will would can could should may might said says also than then into "
    "about after over more most some such only other new one two"
    # Spanish, Portuguese, French, Italian, German, Dutch
    " el la los las del en y que por con para una uno se su sus es fue al lo como pero más "
    "o os um uma do da dos das não em foi ao pelo pela "
    "le les des du et est une dans pour sur pas qui par au aux avec il elle ce sont "
    "il di che non per con gli della delle nel "
    "der die das und ist nicht ein eine den dem mit von zu auf für sich auch es im "
    "de het een van en niet op te voor met zijn"
    # Russian, Ukrainian
    " и в не на что с по как это он она они из за от его к но то у же для о так"
).split())
BOILERPLATE_WORDS = frozenset((
    "home menu login logout signin signup subscribe subscribers newsletter share shares facebook twitter "
    "linkedin whatsapp pinterest instagram youtube tiktok telegram reddit email print advertisement "
    "advertising sponsored cookie cookies privacy terms copyright rights reserved related source "
    "comments comment reply search next previous click download contact photo photos image images "
    "credit getty reuters afp tags tag category categories trending popular latest recommended "
    "read video videos gallery"
).split())
STOP_KIND, BOILERPLATE_KIND = 1, 2
LEXICON = {**{word: BOILERPLATE_KIND for word in BOILERPLATE_WORDS}, **{word: STOP_KIND for word in STOPWORDS}}
WORD = re.compile(r"\w+")
LONGEST_LEXICON_WORD = max(map(len, LEXICON))
MAX_HASHED_CHARS = 1 << 18  # longer pages take the regex path (the power tables stay small)
LOWER_CHANGES_TOKENS = "\u0130"  # below TABLE_SIZE, the one character whose lower case splits a token
# Chinese function characters: their share marks running prose rather than headlines.
CJK_FUNCTION_CHARS = "的了是在和有我这他们不也就都而及与着"

# Character class bits of the lookup table.
CLASSES = ("letter", "upper", "digit", "space", "punct", "latin", "cjk", "hangul", "cyrillic",
           "other_script", "sentence_end", "comma", "cjk_function", "quote", "word", "symbol")
SYMBOL_CHARS = "©®→»›|▲▼►◄★☆♬"  # marks of menus, breadcrumbs, captions and ratings
_BIT = {name: 1 << i for i, name in enumerate(CLASSES)}
TABLE_SIZE = 0x10000
SENTENCE_END_CHARS = ".!?。！？…"
CLOSING_CHARS = "\"'”’»)」』】"
WINDOWS = (3, 7, 15, 31)
WIDE_WINDOW = 63
PROSE_MIN_WORDS = 8  # a line ending a sentence with this many words reads as prose
SHIFTS = (-2, -1, 1, 2)
PROB_SHIFTS = (-5, -4, -3, -2, -1, 1, 2, 3, 4, 5)
PROB_WINDOWS = (3, 5, 9, 17, 33, 65)
TEASER_MIN_CHARS = 20


def clean_line(line: str) -> str:
    """A dump line as the benchmark dumps are flattened: stripped, no bullet, single spaces."""
    text = line.strip()
    if text[:1] in BULLET_FIRST_CHARS:
        text = BULLET.sub("", text, count=1)
    return " ".join(text.split())


def clean_lines(raw_lines: list[str]) -> tuple[list[str], list[int]]:
    """Non-empty cleaned lines and their 1-based line numbers in ``raw_lines``.

    A printable line (no whitespace but single spaces inside) that opens with neither a
    space nor a bullet character is clean already, as most lines of a flat dump are.
    """
    texts, numbers = [], []
    for number, (raw, printable) in enumerate(zip(raw_lines, map(str.isprintable, raw_lines)), start=1):
        if printable and raw[:1] not in MAYBE_UNCLEAN_START and raw[-1:] != " " and "  " not in raw:
            text = raw
        else:
            text = clean_line(raw)
        if text:
            texts.append(text)
            numbers.append(number)
    return texts, numbers


@lru_cache(maxsize=1)
def _class_table() -> np.ndarray:
    """One bit set of ``CLASSES`` per code point below ``TABLE_SIZE``."""
    table = np.zeros(TABLE_SIZE, dtype=np.int32)
    for code in range(TABLE_SIZE):
        char = chr(code)
        bits = 0
        if char.isalnum() or char == "_":  # exactly re's \w
            bits |= _BIT["word"]
        if char.isalpha():
            bits |= _BIT["letter"]
            if char.isupper():
                bits |= _BIT["upper"]
            if code < 0x250:
                bits |= _BIT["latin"]
            elif 0x400 <= code < 0x530:
                bits |= _BIT["cyrillic"]
            elif 0x3040 <= code < 0xA000 or 0xF900 <= code < 0xFB00:
                bits |= _BIT["cjk"]
            elif 0xAC00 <= code < 0xD7B0 or 0x1100 <= code < 0x1200 or 0x3130 <= code < 0x3190:
                bits |= _BIT["hangul"]
            else:
                bits |= _BIT["other_script"]
        elif char.isdigit():
            bits |= _BIT["digit"]
        elif char.isspace():
            bits |= _BIT["space"]
        elif not char.isalnum() and char.isprintable():
            bits |= _BIT["punct"]
        if char in SENTENCE_END_CHARS:
            bits |= _BIT["sentence_end"]
        if char in SYMBOL_CHARS:
            bits |= _BIT["symbol"]
        if char in ",，、;；":
            bits |= _BIT["comma"]
        if char in CJK_FUNCTION_CHARS:
            bits |= _BIT["cjk_function"]
        if char in CLOSING_CHARS or char in "\"'“‘«「『【(":
            bits |= _BIT["quote"]
        table[code] = bits
    return table


def _window_bounds(n: int, widths: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For centred windows of each of ``widths`` rows over ``n`` rows (edges shrink), width after
    width: the row after each window, its first row, and its size."""
    index = np.arange(n)
    half = np.array(widths)[:, None] // 2
    after = np.minimum(index + half + 1, n).ravel()
    first = np.maximum(index - half, 0).ravel()
    return after, first, after - first


def _windowed_means(columns: np.ndarray, widths: tuple[int, ...]) -> np.ndarray:
    """Mean of each column over centred windows of each of ``widths`` rows (edges shrink).

    ``columns`` holds one column per row (``k x n``); so does the answer, one block of ``k``
    per width."""
    k, n = columns.shape
    padded = np.zeros((k, n + 1))
    np.cumsum(columns, axis=1, out=padded[:, 1:])
    after, first, size = _window_bounds(n, widths)
    means = (padded[:, after] - padded[:, first]) / size
    return means.reshape(k, len(widths), n).transpose(1, 0, 2).reshape(len(widths) * k, n)


def _shifted(columns: np.ndarray, shifts: tuple[int, ...], fill: float = 0.0) -> np.ndarray:
    """``columns`` (one per row, ``k x n``) moved by each of ``shifts`` rows: row i gets row
    i+shift, ``fill`` past the edges. One block of ``k`` per shift."""
    k, n = columns.shape
    reach = max(map(abs, shifts))
    padded = np.full((k, n + 2 * reach), fill)
    padded[:, reach:reach + n] = columns
    return np.concatenate([padded[:, reach + shift:reach + shift + n] for shift in shifts])


def _lexicon_kinds_by_regex(text: str) -> np.ndarray:
    """``LEXICON`` kind of each ``\\w+`` token of ``text`` lower-cased (the general, slower path)."""
    tokens = WORD.findall(text.lower())
    return np.fromiter(map(LEXICON.get, tokens, repeat(0)), dtype=np.int8, count=len(tokens))


@lru_cache(maxsize=1)
def _lexicon_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
    """Lexicon words as exact base-``b`` numbers of their letters' digits (1 to b-1, least
    significant first): the digit of each code point once lower-cased (0 outside the lexicon's
    alphabet), the words' sorted values, their lengths and kinds, and the longest exact length."""
    alphabet = sorted(set("".join(LEXICON)))
    base = len(alphabet) + 1
    digit_of = {char: i + 1 for i, char in enumerate(alphabet)}
    digits = np.array([digit_of.get(chr(code).lower(), 0) for code in range(TABLE_SIZE)], dtype=np.uint8)
    exact_chars = next(k for k in range(1, 64) if base ** (k + 1) >= 2 ** 64)
    words = sorted((sum(digit_of[c] * base ** i for i, c in enumerate(word)), len(word), kind)
                   for word, kind in LEXICON.items() if len(word) <= exact_chars)
    values, lengths, kinds = (np.array(column) for column in zip(*words))
    return digits, values.astype(np.uint64), lengths, kinds.astype(np.int8), exact_chars


@lru_cache(maxsize=1)
def _powers(size: int = MAX_HASHED_CHARS) -> tuple[np.ndarray, np.ndarray]:
    """``base ** i`` and ``base ** -i`` modulo 2**64 for i < ``size`` (made once: 4 MiB)."""
    base = len(set("".join(LEXICON))) + 1
    inverse = pow(base, -1, 2 ** 64)
    powers, inverses = np.empty(size, dtype=np.uint64), np.empty(size, dtype=np.uint64)
    powers[0] = inverses[0] = 1
    powers[1:], inverses[1:] = base, inverse
    return np.cumprod(powers, out=powers), np.cumprod(inverses, out=inverses)


def _lexicon_kinds(text: str, codes: np.ndarray, pattern: np.ndarray) -> np.ndarray:
    """``LEXICON`` kind of each ``\\w+`` token of ``text`` lower-cased, from the code points.

    A token's value is the base-``b`` number of its lower-cased letters' digits, read off
    prefix sums modulo 2**64; up to ``exact_chars`` letters it is exact, so value and
    length identify a lexicon word. Longer tokens are looked up by string. Where
    lower-casing would change the tokens (``İ``), where a character beyond the table is
    a word character, or where the page is too long for the cached powers, the regex
    path answers instead.
    """
    beyond = codes[codes >= TABLE_SIZE]
    if (len(codes) > MAX_HASHED_CHARS or LOWER_CHANGES_TOKENS in text
            or (beyond.size and any(chr(code).isalnum() for code in set(beyond.tolist())))):
        return _lexicon_kinds_by_regex(text)
    digit_table, values, lengths, kinds, exact_chars = _lexicon_tables()
    word = np.take(_pattern_table().word, pattern)
    starts, ends = word.copy(), word.copy()
    starts[1:] &= ~word[:-1]
    ends[:-1] &= ~word[1:]
    starts, ends = np.flatnonzero(starts), np.flatnonzero(ends) + 1
    powers, inverses = _powers()
    prefix = np.zeros(len(codes) + 1, dtype=np.uint64)
    np.cumsum(np.multiply(np.take(digit_table, codes, mode="clip"), powers[: len(codes)], dtype=np.uint64),
              out=prefix[1:])
    value = (prefix[ends] - prefix[starts]) * inverses[starts]
    length = ends - starts
    at = np.minimum(np.searchsorted(values, value), len(values) - 1)
    found = np.where((values[at] == value) & (lengths[at] == length), kinds[at], 0).astype(np.int8)
    for token in np.flatnonzero((length > exact_chars) & (length <= LONGEST_LEXICON_WORD)):
        found[token] = LEXICON.get(text[starts[token]:ends[token]].lower(), 0)
    return found


def _token_counts(kinds: np.ndarray, tokens_per_line: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Stopwords and boilerplate words per line, from the kinds of the page's tokens in order."""
    n = len(tokens_per_line)
    if len(kinds) != int(tokens_per_line.sum()):  # lower-casing changed the tokens
        return np.zeros(n), np.zeros(n)
    line_of = np.repeat(np.arange(n), tokens_per_line.astype(np.int64))
    stop = np.bincount(line_of, kinds == STOP_KIND, minlength=n)
    boiler = np.bincount(line_of, kinds == BOILERPLATE_KIND, minlength=n)
    return stop, boiler


@lru_cache(maxsize=1)
def _decimal_table() -> np.ndarray:
    """Whether each code point below ``TABLE_SIZE`` is a decimal digit (what ``\\d`` matches)."""
    return np.array([chr(code).isdecimal() for code in range(TABLE_SIZE)])


def _timestamp_starts(text: str, codes: np.ndarray) -> list[int] | None:
    """Every place a ``TIMESTAMP`` match can start, in order (a superset); None where a
    decimal digit lies beyond the table."""
    beyond = codes[codes >= TABLE_SIZE]
    if beyond.size and any(chr(code).isdecimal() for code in set(beyond.tolist())):
        return None
    digit = np.zeros(len(codes) + 2, dtype=np.int8)
    digit[1:-1] = np.take(_decimal_table(), codes, mode="clip")  # code points beyond the table: not decimal
    edges = np.flatnonzero(np.diff(digit))
    starts = []
    for first, after in zip(edges[0::2].tolist(), edges[1::2].tolist()):
        follower = text[after:after + 1]
        if follower and follower in TIMESTAMP_SEPARATORS:
            starts += [after - n for n in TIMESTAMP_DIGITS_BEFORE_SEPARATOR if after - n >= first]
        elif follower == ":":
            starts += [after - n for n in TIMESTAMP_DIGITS_BEFORE_COLON if after - n >= first]
        elif TIMESTAMP_UNIT_AFTER.match(text, after):
            starts += range(first, after)
    return sorted(starts)


def _timestamp_spans(text: str, codes: np.ndarray) -> list[tuple[int, int]]:
    """The spans of ``TIMESTAMP.finditer(text)``: ``TIMESTAMP`` tried only where it can start."""
    starts = _timestamp_starts(text, codes)
    if starts is None:
        return [match.span() for match in TIMESTAMP.finditer(text)]
    spans, end = [], 0
    for start in starts:
        if start >= end and (match := TIMESTAMP.match(text, start)):
            spans.append(match.span())
            end = match.end()
    return spans


def _timestamps(text: str, codes: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Timestamps per line, and whether one ends the line (a headline glued to its time)."""
    n = len(starts)
    spans = np.array(_timestamp_spans(text, codes), dtype=np.int64).reshape(-1, 2)
    line_of = np.searchsorted(starts, spans[:, 0], side="right") - 1
    counts = np.bincount(line_of, minlength=n).astype(float)
    at_end = np.zeros(n)
    at_end[line_of[spans[:, 1] >= ends[line_of] - TIMESTAMP_END_SLACK]] = 1.0
    return counts, at_end


# Word-start flags of a character, as bits of one small number: it starts a word, one with a
# capital, one with a digit; it ends a sentence before a space. ``WORD_FLAG_COLUMNS`` turns counts
# of each flag set into counts of each flag.
WORD_FLAGS = ("words", "cap_words", "digit_words", "sentence_gaps")
WORD_FLAG_COLUMNS = ((np.arange(1 << len(WORD_FLAGS))[:, None] >> np.arange(len(WORD_FLAGS))) & 1).astype(np.int64)
SENTENCE_GAP_FLAG = 1 << WORD_FLAGS.index("sentence_gaps")
N_FLAG_SETS = len(WORD_FLAG_COLUMNS)
WORD_FLAG_ROWS = WORD_FLAG_COLUMNS.T.astype(float)


@dataclass(frozen=True)
class PatternTable:
    """Code points grouped by their class bit pattern (a few dozen patterns), and per pattern
    what ``_char_sums`` asks of a character."""

    pattern_of_code: np.ndarray  # uint8 pattern id per code point below TABLE_SIZE
    bits: np.ndarray  # class bits per pattern
    word: np.ndarray  # bool per pattern: a word character
    word_start_flags: np.ndarray  # uint8 per pattern: its flags if it starts a word
    gap_flag: np.ndarray  # uint8 per pattern: SENTENCE_GAP_FLAG if it ends a sentence
    space: np.ndarray  # bool per pattern
    class_rows: np.ndarray  # float 0/1 per class and pattern


@lru_cache(maxsize=1)
def _pattern_table() -> PatternTable:
    """The ``PatternTable`` of ``_class_table``."""
    patterns, pattern_of_code = np.unique(_class_table(), return_inverse=True)
    has = (lambda name: (patterns & _BIT[name]) > 0)
    return PatternTable(
        pattern_of_code=pattern_of_code.astype(np.uint8), bits=patterns,
        word=has("word"), word_start_flags=(1 + 2 * has("upper") + 4 * has("digit")).astype(np.uint8),
        gap_flag=(SENTENCE_GAP_FLAG * has("sentence_end")).astype(np.uint8), space=has("space"),
        class_rows=((patterns[None, :] >> np.arange(len(CLASSES))[:, None]) & 1).astype(float))


def _char_sums(text: str, lengths: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
    """Per line counts of every character class, of word starts and of capitalised word starts;
    the code points and their pattern ids.

    A line's characters include its ending newline; counting goes through a
    ``bincount`` of (line, bit pattern) pairs and one of (line, word-start flags) pairs.
    """
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    table = _pattern_table()
    pattern = np.take(table.pattern_of_code, codes, mode="clip")  # beyond: as the table's last
    n, n_patterns = len(lengths), table.class_rows.shape[1]
    line = np.repeat(np.arange(n), lengths + 1)[: len(codes)]
    word = np.take(table.word, pattern)
    word_start = word.copy()
    word_start[1:] &= ~word[:-1]
    flags = np.take(table.word_start_flags, pattern) * word_start
    flags[:-1] += np.take(table.gap_flag, pattern[:-1]) * np.take(table.space, pattern[1:])
    per_pattern = np.bincount(line * n_patterns + pattern, minlength=n * n_patterns)
    per_flag_set = np.bincount(line * N_FLAG_SETS + flags, minlength=n * N_FLAG_SETS)
    # counts times 0/1 columns: exact in floating point, and matrix products numpy hands to BLAS
    totals = np.vstack([table.class_rows @ per_pattern.reshape(n, n_patterns).T.astype(float),
                        WORD_FLAG_ROWS @ per_flag_set.reshape(n, N_FLAG_SETS).T.astype(float)])
    return dict(zip(CLASSES + WORD_FLAGS, totals)), codes, pattern


def _edge_chars(codes: np.ndarray, pattern: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> dict[str, np.ndarray]:
    """Shape of each line's first and last characters."""
    bits = _pattern_table().bits
    last_code = codes[ends - 1]
    last_bits = bits[pattern[ends - 1]]
    before_last = bits[pattern[np.maximum(ends - 2, starts)]]
    first_bits = bits[pattern[starts]]
    ends_sentence = (last_bits & _BIT["sentence_end"]) > 0
    ends_closing = ((last_bits & _BIT["quote"]) > 0) & ((before_last & _BIT["sentence_end"]) > 0)
    return {
        "ends_sentence": (ends_sentence | ends_closing).astype(float),
        "ends_colon": ((last_code == ord(":")) | (last_code == ord("："))).astype(float),
        "ends_comma": ((last_bits & _BIT["comma"]) > 0).astype(float),
        "ends_word": ((last_bits & _BIT["word"]) > 0).astype(float),
        "ends_digit": ((last_bits & _BIT["digit"]) > 0).astype(float),
        "starts_upper": ((first_bits & _BIT["upper"]) > 0).astype(float),
        "starts_digit": ((first_bits & _BIT["digit"]) > 0).astype(float),
        "starts_quote": ((first_bits & _BIT["quote"]) > 0).astype(float),
        "starts_punct": ((first_bits & _BIT["punct"]) > 0).astype(float),
    }


def teaser_lines(lines: list[str]) -> frozenset[str]:
    """Lines that are the cut-off start of a longer line of the same page (teasers, previews).

    The features and the chrome rules both ask this of a page's lines, so the last
    answers are kept (keyed by the lines' values, not the list)."""
    return _teasers(tuple(lines))


@lru_cache(maxsize=2)
def _teasers(lines: tuple[str, ...]) -> frozenset[str]:
    ordered = sorted(set(lines))
    return frozenset(shorter for shorter, longer in zip(ordered, ordered[1:])
                     if len(shorter) >= TEASER_MIN_CHARS and longer.startswith(shorter))


def _repeats(lines: list[str], batch_counts: Counter | None) -> dict[str, np.ndarray]:
    """How often each line occurs in the page and in the batch; teasers cut from a longer line."""
    n = len(lines)
    in_page = np.fromiter(map(Counter(lines).__getitem__, lines), dtype=float, count=n)
    in_batch = np.array([batch_counts.get(line, 1) for line in lines], dtype=float) if batch_counts else in_page
    is_teaser = np.fromiter(map(teaser_lines(lines).__contains__, lines), dtype=float, count=n)
    return {"repeat_page": np.log1p(in_page - 1), "repeat_batch": np.log1p(in_batch - 1), "teaser": is_teaser}


def _script_features(sums: dict[str, np.ndarray], length: np.ndarray) -> dict[str, np.ndarray]:
    """Script shares per line and how well a line matches the page's dominant script."""
    scripts = np.vstack([sums[name] for name in ("latin", "cjk", "hangul", "cyrillic", "other_script")])
    letters = np.maximum(scripts[0] + scripts[1] + scripts[2] + scripts[3] + scripts[4], 1)
    shares = scripts / letters
    weight = np.maximum(length - 40, 0)  # long lines say which script the body is in
    weighted = np.ascontiguousarray((shares * (weight if weight.sum() > 0 else length)).T)
    page_script = weighted.sum(axis=0)  # line after line, as a row per line adds up
    dominant = int(np.argmax(page_script))
    names = ("latin_share", "cjk_share", "hangul_share", "cyrillic_share", "other_share")
    out = dict(zip(names, shares))
    out["page_script_match"] = shares[dominant]
    out["page_cjk"] = np.full(len(length), float(dominant in (1, 2)))
    return out


def base_features(lines: list[str], batch_counts: Counter | None = None) -> tuple[np.ndarray, list[str]]:
    """One row of own-line features per line of ``lines`` (cleaned, non-empty); stored column by
    column (the transpose of a C-ordered array, as the tree walk reads it)."""
    text = "\n".join(lines)
    lengths = np.fromiter(map(len, lines), dtype=np.int64, count=len(lines))
    starts = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]])
    ends = starts + lengths
    sums, codes, pattern = _char_sums(text, lengths)
    length = lengths.astype(float)
    words = np.maximum(sums["words"], 1)
    units = sums["words"] + sums["cjk"] + sums["hangul"] / 2  # CJK characters count like words
    stop, boiler = _token_counts(_lexicon_kinds(text, codes, pattern), sums["words"])
    boiler += sums["symbol"]
    stamps, stamp_end = _timestamps(text, codes, starts, ends)
    features = {
        "log_chars": np.log1p(length), "log_units": np.log1p(units), "words": np.minimum(units, 200),
        "letter_share": sums["letter"] / length, "digit_share": sums["digit"] / length,
        "punct_share": sums["punct"] / length, "space_share": sums["space"] / length,
        "upper_share": sums["upper"] / np.maximum(sums["letter"], 1),
        "cap_word_share": sums["cap_words"] / words, "digit_word_share": sums["digit_words"] / words,
        "sentences": np.minimum(sums["sentence_gaps"], 20), "commas": np.minimum(sums["comma"], 20),
        "comma_rate": sums["comma"] / np.maximum(units, 1), "quotes": np.minimum(sums["quote"], 10),
        "stopword_share": stop / words, "stopwords": np.minimum(stop, 50),
        "cjk_function_share": sums["cjk_function"] / np.maximum(sums["cjk"], 1),
        "boilerplate": np.minimum(boiler, 5), "boilerplate_share": boiler / words,
        "timestamps": np.minimum(stamps, 5), "timestamp_at_end": stamp_end,
    }
    features.update(_edge_chars(codes, pattern, starts, ends))
    features.update(_repeats(lines, batch_counts))
    features.update(_script_features(sums, length))
    n = len(lines)
    position = np.arange(n, dtype=float)
    features["position"] = position / max(n - 1, 1)
    features["from_top"] = np.log1p(position)
    features["from_bottom"] = np.log1p(n - 1 - position)
    features["page_lines"] = np.full(n, np.log1p(n))
    features["relative_length"] = length / max(length.max(), 1)
    features["length_rank"] = np.argsort(np.argsort(-length)) / max(n, 1)
    names = list(features)
    return np.vstack([features[name] for name in names]).T, names


NEIGHBOUR_COLUMNS = ("log_chars", "ends_sentence", "stopword_share", "cap_word_share", "timestamps",
                     "boilerplate", "page_script_match", "sentences", "repeat_page", "digit_share")


def line_features(lines: list[str], batch_counts: Counter | None = None) -> np.ndarray:
    """First-pass features: own-line features plus their neighbours' and window means (stored
    column by column, like ``base_features``)."""
    own, names = base_features(lines, batch_counts)
    columns = own.T
    picked = columns[[names.index(name) for name in NEIGHBOUR_COLUMNS]]
    prose = (columns[names.index("ends_sentence")] * (columns[names.index("words")] >= PROSE_MIN_WORDS))[None, :]
    return np.vstack([columns, _shifted(picked, SHIFTS), _windowed_means(np.vstack([picked, prose]), WINDOWS),
                      _windowed_means(prose, (WIDE_WINDOW,)), np.full((1, len(lines)), prose.mean())]).T


def context_features(first: np.ndarray, probability: np.ndarray) -> np.ndarray:
    """Second-pass features: first-pass features plus neighbours' body probabilities (stored
    column by column)."""
    p = probability[None, :]
    blocks = [first.T, p, _shifted(p, PROB_SHIFTS), _windowed_means(p, PROB_WINDOWS)]
    confident = probability > 0.5
    index = np.arange(len(probability))
    above = np.maximum.accumulate(np.where(confident, index, -1))
    below = np.minimum.accumulate(np.where(confident, index, len(probability))[::-1])[::-1]
    prev_body = np.concatenate([[-1], above[:-1]])
    next_body = np.concatenate([below[1:], [len(probability)]])
    far = 1000.0
    blocks.append(np.where(prev_body >= 0, index - prev_body, far)[None, :])
    blocks.append(np.where(next_body < len(probability), next_body - index, far)[None, :])
    count = max(int(confident.sum()), 1)
    body_start = index[confident].min() if confident.any() else 0
    body_end = index[confident].max() if confident.any() else len(probability) - 1
    inside = ((index >= body_start) & (index <= body_end)).astype(float)[None, :]
    blocks += [inside, np.full_like(p, probability.max()), np.full_like(p, probability.mean()),
               np.full_like(p, np.log1p(count)), p / max(probability.max(), 1e-6)]
    return np.vstack(blocks).T
