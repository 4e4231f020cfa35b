"""Numeric features of the lines of a flat text dump, for the line classifier.

Every line becomes a row of cheap, mostly vectorised features: its own shape
(length, words, punctuation, scripts, stopwords, capitalised words, digits,
timestamps, boilerplate words), its place in the page, whether it repeats,
and the same signals smoothed over its neighbours. ``context_features`` adds
the second pass: first-pass body probabilities of the neighbouring lines.
Character classes come from one lookup table indexed by code point; one compiled
scan over the page's characters (``kernels.py``) sums them per line and finds the
tokens, whose exact numeric values pick out stopwords and boilerplate words and whose
hashes the cohesion feature reuses (``page_scan``, kept for the page); one compiled loop
turns the sums into shares and capped counts, written in place like every block;
shifted and windowed columns come from slices and one gather each. So a page costs
one pass over its characters and a few numpy calls over all its lines. The feature matrices are stored
column by column (one contiguous row per feature, transposed), as the tree walk
reads them, so no pass copies them into another layout.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, repeat

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
TIMESTAMP_SEPARATOR_CODES = np.array([ord(char) for char in "-./"], dtype=np.int64)
TIMESTAMP_DIGITS_BEFORE_SEPARATOR = np.array((1, 2, 4), dtype=np.int64)
TIMESTAMP_DIGITS_BEFORE_COLON = np.array((1, 2), dtype=np.int64)
TIMESTAMP_UNIT_FIRST_CODES = np.array([ord(char) for char in "mhdMHD분시일分小天"], dtype=np.int64)
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
LEXICON_BASE = len(set("".join(LEXICON))) + 1  # lexicon letters are the digits 1 to base-1
LEXICON_SLOT_BITS = 12  # a hash table of 4,096 slots for a few hundred words: short probes
LOWER_CHANGES_TOKENS = "\u0130"  # below TABLE_SIZE, the one character whose lower case splits a token
# Chinese function characters: their share marks running prose rather than headlines.
CJK_FUNCTION_CHARS = "的了是在和有我这他们不也就都而及与着"

# Character class bits of the lookup table.
CLASSES = ("letter", "upper", "digit", "space", "punct", "latin", "cjk", "hangul", "cyrillic",
           "other_script", "sentence_end", "comma", "cjk_function", "quote", "word", "symbol")
SYMBOL_CHARS = "©®→»›|▲▼►◄★☆♬"  # marks of menus, breadcrumbs, captions and ratings
CLASS_BIT = {name: 1 << i for i, name in enumerate(CLASSES)}
TABLE_SIZE = 0x10000
CJK_RANGES = ((0x3040, 0xA000), (0xF900, 0xFB00))  # kana and ideographs: words written without spaces
SENTENCE_END_CHARS = ".!?。！？…"
CLOSING_CHARS = "\"'”’»)」』】"
WINDOWS = (3, 7, 15, 31)
WIDE_WINDOW = 63
PROSE_MIN_WORDS = 8  # a line ending a sentence with this many words reads as prose
SHIFTS = (-2, -1, 1, 2)
PROB_SHIFTS = (-5, -4, -3, -2, -1, 1, 2, 3, 4, 5)
PROB_WINDOWS = (3, 5, 9, 17, 33, 65)
FAR_FROM_BODY = 1000.0  # rows to the nearest confident body line where there is none
TEASER_MIN_CHARS = 20
HASH_BITS = 40  # token hashes (cohesion): two of a page's thousand words share one once in two million pages
MIN_CONTENT_CHARS = 4  # a content word has at least this many letters and nothing else
COLON_CODES = np.array([ord(":"), ord("：")], dtype=np.int64)
EDGE_END_CLASSES = ("comma", "word", "digit")  # a line's last character has the class: ends_comma, ...
EDGE_START_CLASSES = ("upper", "digit", "quote", "punct")  # its first one: starts_upper, ...
# The own-line features in the order ``base_features`` stores them, block by block.
LOG_COLUMNS = ("log_chars", "log_units")
SHARE_COLUMNS = ("words", "letter_share", "digit_share", "punct_share", "space_share", "upper_share",
                 "cap_word_share", "digit_word_share", "sentences", "commas", "comma_rate", "quotes",
                 "stopword_share", "stopwords", "cjk_function_share", "boilerplate", "boilerplate_share",
                 "timestamps", "timestamp_at_end")  # ``kernels.line_shares``
EDGE_COLUMNS = ("ends_sentence", "ends_colon", *(f"ends_{name}" for name in EDGE_END_CLASSES),
                *(f"starts_{name}" for name in EDGE_START_CLASSES))
REPEAT_COLUMNS = ("repeat_page", "repeat_batch", "teaser")
SCRIPTS = ("latin", "cjk", "hangul", "cyrillic", "other_script")
SCRIPT_COLUMNS = ("latin_share", "cjk_share", "hangul_share", "cyrillic_share", "other_share", "page_script_match",
                  "page_cjk")
POSITION_COLUMNS = ("position", "from_top", "from_bottom", "page_lines", "relative_length", "length_rank")
OWN_BLOCKS = (LOG_COLUMNS, SHARE_COLUMNS, EDGE_COLUMNS, REPEAT_COLUMNS, SCRIPT_COLUMNS, POSITION_COLUMNS)
OWN_COLUMNS = tuple(name for block in OWN_BLOCKS for name in block)


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
    texts = [raw if raw.isprintable() and raw[:1] not in MAYBE_UNCLEAN_START and raw[-1:] != " " and "  " not in raw
             else clean_line(raw) for raw in raw_lines]
    return list(filter(None, texts)), list(compress(range(1, len(texts) + 1), texts))


def _unicode_arrays() -> dict[str, np.ndarray]:
    """Every per-code-point table, built one Python step per code point (``_unicode_tables``
    keeps them in the table cache)."""
    from newsfuse.extract.kernels import LETTER_FLAG

    classes = _class_bits()
    return {"classes": classes, "folded": _folded(classes, LETTER_FLAG), "decimal": _decimal_bits(),
            "lexicon_digits": _lexicon_digits()}


@lru_cache(maxsize=1)
def _unicode_tables() -> dict[str, np.ndarray]:
    """``_unicode_arrays`` from the table cache (built by the first process only)."""
    from newsfuse.extract.kernels import LETTER_FLAG
    from newsfuse.extract.tablecache import cached_arrays

    return cached_arrays("unicode-tables", _unicode_arrays, f"letter flag {LETTER_FLAG}")


def class_table() -> np.ndarray:
    """One bit set of ``CLASSES`` per code point below ``TABLE_SIZE``."""
    return _unicode_tables()["classes"]


def _class_bits() -> np.ndarray:
    """``class_table``, built."""
    table = np.zeros(TABLE_SIZE, dtype=np.int32)
    for code in range(TABLE_SIZE):
        char = chr(code)
        bits = 0
        if char.isalnum() or char == "_":  # exactly re's \w
            bits |= CLASS_BIT["word"]
        if char.isalpha():
            bits |= CLASS_BIT["letter"]
            if char.isupper():
                bits |= CLASS_BIT["upper"]
            if code < 0x250:
                bits |= CLASS_BIT["latin"]
            elif 0x400 <= code < 0x530:
                bits |= CLASS_BIT["cyrillic"]
            elif any(low <= code < high for low, high in CJK_RANGES):
                bits |= CLASS_BIT["cjk"]
            elif 0xAC00 <= code < 0xD7B0 or 0x1100 <= code < 0x1200 or 0x3130 <= code < 0x3190:
                bits |= CLASS_BIT["hangul"]
            else:
                bits |= CLASS_BIT["other_script"]
        elif char.isdigit():
            bits |= CLASS_BIT["digit"]
        elif char.isspace():
            bits |= CLASS_BIT["space"]
        elif not char.isalnum() and char.isprintable():
            bits |= CLASS_BIT["punct"]
        if char in SENTENCE_END_CHARS:
            bits |= CLASS_BIT["sentence_end"]
        if char in SYMBOL_CHARS:
            bits |= CLASS_BIT["symbol"]
        if char in ",，、;；":
            bits |= CLASS_BIT["comma"]
        if char in CJK_FUNCTION_CHARS:
            bits |= CLASS_BIT["cjk_function"]
        if char in CLOSING_CHARS or char in "\"'“‘«「『【(":
            bits |= CLASS_BIT["quote"]
        table[code] = bits
    return table


def window_means(columns: np.ndarray, widths: tuple[int, ...], out: np.ndarray | None = None) -> np.ndarray:
    """Mean of each column over centred windows of each of ``widths`` rows (edges shrink).

    ``columns`` holds one column per row (``k x n``); so does the answer (written into
    ``out`` where given), one block of ``k`` per width."""
    from newsfuse.extract.kernels import windowed_means

    columns = np.ascontiguousarray(columns, dtype=np.float64)
    out = np.empty((len(widths) * columns.shape[0], columns.shape[1])) if out is None else out
    windowed_means(columns, np.array(widths, dtype=np.int64), out)
    return out


def _shifted(columns: np.ndarray, shifts: tuple[int, ...], fill: float = 0.0,
             out: np.ndarray | None = None) -> np.ndarray:
    """``columns`` (one per row, ``k x n``) moved by each of ``shifts`` rows: row i gets row
    i+shift, ``fill`` past the edges. One block of ``k`` per shift (written into ``out``
    where given)."""
    from newsfuse.extract.kernels import shifted

    columns = np.ascontiguousarray(columns, dtype=np.float64)
    out = np.empty((len(shifts) * columns.shape[0], columns.shape[1])) if out is None else out
    shifted(columns, np.array(shifts, dtype=np.int64), float(fill), out)
    return out


def _lexicon_kinds_by_regex(text: str) -> np.ndarray:
    """``LEXICON`` kind of each ``\\w+`` token of ``text`` lower-cased (the general, slower path)."""
    tokens = WORD.findall(text.lower())
    return np.fromiter(map(LEXICON.get, tokens, repeat(0)), dtype=np.int8, count=len(tokens))


@lru_cache(maxsize=1)
def _lexicon_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
    """Lexicon words as exact base-``b`` numbers of their letters' digits (1 to b-1, least
    significant first): the digit of each code point once lower-cased (0 outside the lexicon's
    alphabet); a hash table of ``2**LEXICON_SLOT_BITS`` slots (``kernels.lexicon_slot``, probed
    linearly) of the words' values (0: empty), lengths and kinds; the longest exact length."""
    from newsfuse.extract.kernels import lexicon_slot

    digit_of, base = _lexicon_digit_of(), LEXICON_BASE
    digits = _unicode_tables()["lexicon_digits"]
    exact_chars = next(k for k in range(1, 64) if base ** (k + 1) >= 2 ** 64)
    n_slots = 1 << LEXICON_SLOT_BITS
    values, lengths, kinds = np.zeros(n_slots, dtype=np.uint64), np.zeros(n_slots, dtype=np.int64), np.zeros(
        n_slots, dtype=np.int8)
    for word, kind in LEXICON.items():
        if len(word) <= exact_chars:
            value = np.uint64(sum(digit_of[c] * base ** i for i, c in enumerate(word)))
            slot = int(lexicon_slot(value, LEXICON_SLOT_BITS))
            while values[slot]:
                slot = (slot + 1) % n_slots
            values[slot], lengths[slot], kinds[slot] = value, len(word), kind
    return digits, values, lengths, kinds, exact_chars


def _lexicon_digit_of() -> dict[str, int]:
    """The digit (1 to ``LEXICON_BASE - 1``) of each letter the lexicon's words use."""
    return {char: i + 1 for i, char in enumerate(sorted(set("".join(LEXICON))))}


def _lexicon_digits() -> np.ndarray:
    """The lexicon digit of each code point below ``TABLE_SIZE`` once lower-cased (0: none)."""
    digit_of = _lexicon_digit_of()
    return np.array([digit_of.get(chr(code).lower(), 0) for code in range(TABLE_SIZE)], dtype=np.uint8)


def _token_counts(kinds: np.ndarray, tokens_per_line: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Stopwords and boilerplate words per line, from the kinds of the page's tokens in order."""
    n = len(tokens_per_line)
    if len(kinds) != int(tokens_per_line.sum()):  # lower-casing changed the tokens
        return np.zeros(n), np.zeros(n)
    line_of = np.repeat(np.arange(n), tokens_per_line.astype(np.int64))
    stop = np.bincount(line_of, kinds == STOP_KIND, minlength=n)
    boiler = np.bincount(line_of, kinds == BOILERPLATE_KIND, minlength=n)
    return stop, boiler


def _lexicon_counts(text: str, codes: np.ndarray, highest: int, starts: np.ndarray, ends: np.ndarray,
                    lines: np.ndarray, tokens_per_line: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Stopwords and boilerplate words per line, from the page's tokens: by exact value
    (``kernels.count_lexicon_tokens``), and by string where a token is too long for that.
    Where lower-casing would change the tokens (``İ``) or a character beyond the table
    (``highest`` tells whether there is one) is a word character, the regex path answers."""
    from newsfuse.extract.kernels import count_lexicon_tokens

    beyond = codes[codes >= TABLE_SIZE] if highest >= TABLE_SIZE else codes[:0]
    if LOWER_CHANGES_TOKENS in text or any(chr(code).isalnum() for code in set(beyond.tolist())):
        return _token_counts(_lexicon_kinds_by_regex(text), tokens_per_line)
    digits, values, word_lengths, kinds, exact_chars = _lexicon_tables()
    kind_counts = np.zeros((max(STOP_KIND, BOILERPLATE_KIND) + 1, len(tokens_per_line)))
    long_tokens = np.empty(len(starts), dtype=np.int64)
    n_long = count_lexicon_tokens(codes, starts, ends, lines, digits, LEXICON_BASE, exact_chars, LONGEST_LEXICON_WORD,
                                  LEXICON_SLOT_BITS, values, word_lengths, kinds, kind_counts, long_tokens)
    for token in long_tokens[:n_long].tolist():
        kind = LEXICON.get(text[starts[token]:ends[token]].lower(), 0)
        if kind:
            kind_counts[kind, lines[token]] += 1
    return kind_counts[STOP_KIND], kind_counts[BOILERPLATE_KIND]


def _decimal_table() -> np.ndarray:
    """Whether each code point below ``TABLE_SIZE`` is a decimal digit (what ``\\d`` matches)."""
    return _unicode_tables()["decimal"]


def _decimal_bits() -> np.ndarray:
    """``_decimal_table``, built."""
    return np.array([chr(code).isdecimal() for code in range(TABLE_SIZE)])


@lru_cache(maxsize=1)
def _space_table() -> np.ndarray:
    """Whether each code point below ``TABLE_SIZE`` is white space (what ``\\s`` matches)."""
    return (class_table() & CLASS_BIT["space"]) > 0


def _timestamp_starts(text: str, codes: np.ndarray) -> list[int] | None:
    """Every place a ``TIMESTAMP`` match can start, in order (a superset); None where a
    decimal digit lies beyond the table. The runs of digits come from one compiled pass
    (``kernels.timestamp_starts``); only runs followed by what can open a unit of time are
    looked at here."""
    from newsfuse.extract.kernels import timestamp_starts

    if codes.size and int(codes.max()) >= TABLE_SIZE:
        if any(chr(code).isdecimal() for code in set(codes[codes >= TABLE_SIZE].tolist())):
            return None
    starts = np.empty(len(codes), dtype=np.int64)
    unit_runs = np.empty((len(codes) // 2 + 1, 2), dtype=np.int64)
    n_starts, n_runs = timestamp_starts(codes, _decimal_table(), _space_table(), TIMESTAMP_SEPARATOR_CODES, ord(":"),
                                        TIMESTAMP_DIGITS_BEFORE_SEPARATOR, TIMESTAMP_DIGITS_BEFORE_COLON,
                                        TIMESTAMP_UNIT_FIRST_CODES, starts, unit_runs)
    found = starts[:n_starts].tolist()
    for first, after in unit_runs[:n_runs].tolist():
        if TIMESTAMP_UNIT_AFTER.match(text, after):
            found += range(first, after)
    return sorted(found)


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
# capital, one with a digit; it ends a sentence before a space (``kernels.N_FLAGS`` of them).
WORD_FLAGS = ("words", "cap_words", "digit_words", "sentence_gaps")
SENTENCE_GAP_FLAG = 1 << WORD_FLAGS.index("sentence_gaps")


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


@lru_cache(maxsize=1)
def _pattern_table() -> PatternTable:
    """The ``PatternTable`` of ``class_table``."""
    patterns, pattern_of_code = np.unique(class_table(), return_inverse=True)
    has = (lambda name: (patterns & CLASS_BIT[name]) > 0)
    return PatternTable(
        pattern_of_code=pattern_of_code.astype(np.uint8), bits=patterns,
        word=has("word"), word_start_flags=(1 + 2 * has("upper") + 4 * has("digit")).astype(np.uint8),
        gap_flag=(SENTENCE_GAP_FLAG * has("sentence_end")).astype(np.uint8), space=has("space"))


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` (uint32): numpy's own copy of a string holds them (its
    fixed-width strings drop trailing NULs, so those take the encoder)."""
    codes = np.array(text).reshape(1).view(np.uint32)
    return codes if len(codes) == len(text) else np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _folded_codes() -> np.ndarray:
    """For each code point below ``TABLE_SIZE``: 0 if it is no word character (``\\w``), else its
    lower case (itself where that is not one character) with ``kernels.LETTER_FLAG`` set for a letter."""
    return _unicode_tables()["folded"]


def _folded(table: np.ndarray, letter_flag: int) -> np.ndarray:
    """``_folded_codes``, built from ``class_table``."""
    folded = np.zeros(TABLE_SIZE, dtype=np.uint32)
    for code in np.flatnonzero(table & CLASS_BIT["word"]).tolist():
        lower = chr(code).lower()
        letter = letter_flag if table[code] & CLASS_BIT["letter"] else 0
        folded[code] = (ord(lower) if len(lower) == 1 else code) | letter
    return folded


@dataclass(frozen=True)
class LineWords:
    """The words of a page's lines, in order: line index, hash, and whether each is a content word."""

    line: np.ndarray
    word_hash: np.ndarray
    content: np.ndarray


@dataclass(frozen=True)
class PageScan:
    """What one compiled pass over a page's characters finds (``_char_sums``)."""

    text: str  # the lines joined by newlines
    lengths: np.ndarray  # each line's characters (int64)
    sums: dict[str, np.ndarray]  # per line counts: CLASSES, WORD_FLAGS, stopwords, boilerplate
    codes: np.ndarray  # the text's code points
    pattern: np.ndarray  # and their pattern ids
    words: LineWords  # its tokens, hashed for the cohesion feature


def page_scan(lines: list[str]) -> PageScan:
    """``_char_sums`` of ``lines`` (cleaned, without newlines). The first-pass features and the
    cohesion feature both ask it of a page, in turn, so the last answer is kept (keyed by the
    lines' values, not the list)."""
    return _page_scan(tuple(lines))


@lru_cache(maxsize=1)
def _page_scan(lines: tuple[str, ...]) -> PageScan:
    return _char_sums("\n".join(lines), np.fromiter(map(len, lines), dtype=np.int64, count=len(lines)))


def _char_sums(text: str, lengths: np.ndarray) -> PageScan:
    """Per line counts of every character class, of word starts (all, capitalised, with a
    digit), of sentence gaps, of stopwords and of boilerplate words; the code points, their
    pattern ids and the hashed tokens.

    A line's characters include its ending newline. One compiled scan
    (``kernels.scan_characters``) counts the classes and flags and finds the tokens.
    """
    from newsfuse.extract.kernels import scan_characters

    codes = code_points(text)
    table = _pattern_table()
    pattern = np.empty(len(codes), dtype=np.uint8)
    counts = np.zeros((len(CLASSES) + len(WORD_FLAGS), len(lengths)))
    starts, ends, lines = (np.empty(len(codes) // 2 + 1, dtype=np.int64) for _ in range(3))
    n_tokens, highest = scan_characters(codes, lengths, table.pattern_of_code, table.bits, table.word,
                                        table.word_start_flags, table.gap_flag, table.space, pattern, counts,
                                        starts, ends, lines)
    starts, ends, lines = starts[:n_tokens], ends[:n_tokens], lines[:n_tokens]
    sums = dict(zip(CLASSES + WORD_FLAGS, counts))
    sums["stopwords"], sums["boilerplate"] = _lexicon_counts(text, codes, highest, starts, ends, lines, sums["words"])
    return PageScan(text, lengths, sums, codes, pattern, _hashed_words(codes, starts, ends, lines))


def _hashed_words(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray, lines: np.ndarray) -> LineWords:
    """The tokens the scan found, hashed (``kernels.token_hashes``)."""
    from newsfuse.extract.kernels import token_hashes

    hashes, content = np.empty(len(starts), dtype=np.int64), np.empty(len(starts), dtype=np.bool_)
    token_hashes(codes, starts, ends, _folded_codes(), HASH_BITS, MIN_CONTENT_CHARS, hashes, content)
    return LineWords(lines, hashes, content)


def _edge_chars(codes: np.ndarray, pattern: np.ndarray, starts: np.ndarray, ends: np.ndarray, out: np.ndarray) -> None:
    """Shape of each line's first and last characters (``kernels.line_edges``), the rows of
    ``EDGE_COLUMNS`` into ``out``."""
    from newsfuse.extract.kernels import line_edges

    end_masks, start_masks = (np.array([CLASS_BIT[name] for name in classes])
                              for classes in (EDGE_END_CLASSES, EDGE_START_CLASSES))
    line_edges(codes, pattern, _pattern_table().bits, starts, ends, CLASS_BIT["sentence_end"], CLASS_BIT["quote"],
               COLON_CODES, end_masks, start_masks, out)


def teaser_lines(lines: list[str]) -> frozenset[str]:
    """Lines that are the cut-off start of a longer line of the same page (teasers, previews).

    The features and the chrome rules both ask this of a page's lines, so the last
    answers are kept (keyed by the lines' values, not the list)."""
    return _teasers(tuple(lines))


@lru_cache(maxsize=2)
def _teasers(lines: tuple[str, ...]) -> frozenset[str]:
    ordered = sorted(set(lines))  # a line that starts a longer one starts the next one in this order
    starts_next = compress(ordered, map(str.startswith, ordered[1:], ordered))
    return frozenset(shorter for shorter in starts_next if len(shorter) >= TEASER_MIN_CHARS)


def _repeats(lines: list[str], out: np.ndarray) -> None:
    """How often each line occurs in the page; teasers cut from a longer line: the rows of
    ``REPEAT_COLUMNS`` into ``out``. (``repeat_batch`` is the same count: the shipped model was
    trained with that column, no batch ever filled it.)"""
    n = len(lines)
    np.log1p(np.fromiter(map(Counter(lines).__getitem__, lines), dtype=float, count=n) - 1, out=out[0])
    out[1] = out[0]
    out[2] = np.fromiter(map(teaser_lines(lines).__contains__, lines), dtype=float, count=n)


def _script_features(sums: dict[str, np.ndarray], length: np.ndarray, out: np.ndarray) -> None:
    """Script shares per line and how well a line matches the page's dominant script: the rows
    of ``SCRIPT_COLUMNS`` into ``out``."""
    scripts = np.array([sums[name] for name in SCRIPTS])
    letters = np.maximum(scripts[0] + scripts[1] + scripts[2] + scripts[3] + scripts[4], 1)
    shares = np.divide(scripts, letters, out=out[:len(SCRIPTS)])
    weight = np.maximum(length - 40, 0)  # long lines say which script the body is in
    weighted = np.ascontiguousarray((shares * (weight if weight.sum() > 0 else length)).T)
    page_script = weighted.sum(axis=0)  # line after line, as a row per line adds up
    dominant = int(np.argmax(page_script))
    out[len(SCRIPTS)] = shares[dominant]
    out[len(SCRIPTS) + 1] = float(dominant in (1, 2))


def _position_features(length: np.ndarray, out: np.ndarray) -> None:
    """Where each line stands in the page and how long it is against the others: the rows of
    ``POSITION_COLUMNS`` into ``out``."""
    n = len(length)
    position = np.arange(n, dtype=float)
    np.divide(position, max(n - 1, 1), out=out[0])
    np.log1p(position, out=out[1])
    np.log1p(n - 1 - position, out=out[2])
    out[3] = np.log1p(n)
    np.divide(length, max(length.max(), 1), out=out[4])
    order = np.argsort(-length)
    rank = np.empty(n, dtype=np.intp)
    rank[order] = np.arange(n)  # argsort of the permutation ``order``: its inverse
    np.divide(rank, max(n, 1), out=out[5])


def base_features(lines: list[str], out: np.ndarray | None = None) -> tuple[np.ndarray, list[str]]:
    """One row of own-line features per line of ``lines`` (cleaned, non-empty), ``OWN_COLUMNS``;
    stored column by column (the transpose of a C-ordered array, as the tree walk reads it),
    into ``out`` (one row per feature) where given. Each block of features is written in place."""
    from newsfuse.extract.kernels import line_shares

    n = len(lines)
    own = np.empty((len(OWN_COLUMNS), n)) if out is None else out
    logs, shares, edges, repeats, scripts, positions = _blocks(own, tuple(map(len, OWN_BLOCKS)))
    scan = page_scan(lines)
    sums, lengths = scan.sums, scan.lengths
    starts = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]])
    ends = starts + lengths
    length = lengths.astype(float)
    units = sums["words"] + sums["cjk"] + sums["hangul"] / 2  # CJK characters count like words
    stamps, stamp_end = _timestamps(scan.text, scan.codes, starts, ends)
    np.log1p(length, out=logs[0])
    np.log1p(units, out=logs[1])
    line_shares(length, units, sums["words"], sums["letter"], sums["digit"], sums["punct"], sums["space"],
                sums["upper"], sums["cap_words"], sums["digit_words"], sums["sentence_gaps"], sums["comma"],
                sums["quote"], sums["stopwords"], sums["cjk_function"], sums["cjk"], sums["boilerplate"],
                sums["symbol"], stamps, stamp_end, shares)
    _edge_chars(scan.codes, scan.pattern, starts, ends, edges)
    _repeats(lines, repeats)
    _script_features(sums, length, scripts)
    _position_features(length, positions)
    return own.T, list(OWN_COLUMNS)


NEIGHBOUR_COLUMNS = ("log_chars", "ends_sentence", "stopword_share", "cap_word_share", "timestamps",
                     "boilerplate", "page_script_match", "sentences", "repeat_page", "digit_share")


def _blocks(out: np.ndarray, sizes: tuple[int, ...]) -> list[np.ndarray]:
    """``out`` cut into consecutive blocks of rows of the given sizes (views, written in place)."""
    edges = list(accumulate(sizes, initial=0))
    return [out[start:end] for start, end in zip(edges[:-1], edges[1:])]


def line_features(lines: list[str]) -> np.ndarray:
    """First-pass features: own-line features plus their neighbours' and window means (stored
    column by column, like ``base_features``)."""
    k = len(NEIGHBOUR_COLUMNS)
    out = np.empty((len(OWN_COLUMNS) + k * len(SHIFTS) + (k + 1) * len(WINDOWS) + 2, len(lines)))
    columns, shifted, windowed, wide, prose_share = _blocks(
        out, (len(OWN_COLUMNS), k * len(SHIFTS), (k + 1) * len(WINDOWS), 1, 1))
    base_features(lines, out=columns)
    picked = np.empty((k + 1, len(lines)))  # the neighbour columns, then whether a line is prose
    picked[:k] = columns[[OWN_COLUMNS.index(name) for name in NEIGHBOUR_COLUMNS]]
    picked[k] = columns[OWN_COLUMNS.index("ends_sentence")] * (columns[OWN_COLUMNS.index("words")] >= PROSE_MIN_WORDS)
    _shifted(picked[:k], SHIFTS, out=shifted)
    window_means(picked, WINDOWS, out=windowed)
    window_means(picked[k:], (WIDE_WINDOW,), out=wide)
    prose_share[:] = picked[k].mean()
    return out.T


def context_features(first: np.ndarray, probability: np.ndarray, extra: np.ndarray) -> np.ndarray:
    """Second-pass features: first-pass features plus neighbours' body probabilities, then the
    rows of ``extra`` (one per feature: ``cohesion.cohesion``), stored column by column."""
    from newsfuse.extract.kernels import nearest_body_distances

    n_first, n = first.shape[1], len(probability)
    out = np.empty((n_first + 1 + len(PROB_SHIFTS) + len(PROB_WINDOWS) + 7 + len(extra), n))
    (first_block, own, shifted, windowed, before, after, inside, highest, mean, count_row,
     relative, extra_block) = _blocks(out, (n_first, 1, len(PROB_SHIFTS), len(PROB_WINDOWS), 1, 1, 1, 1, 1, 1, 1,
                                            len(extra)))
    first_block[:] = first.T
    own[0] = probability
    _shifted(own, PROB_SHIFTS, out=shifted)
    window_means(own, PROB_WINDOWS, out=windowed)
    confident = probability > 0.5
    nearest_body_distances(confident, FAR_FROM_BODY, before[0], after[0])
    body = np.flatnonzero(confident)
    inside[:] = 1.0  # between the first and the last confident line (everywhere if there is none)
    if body.size:
        inside[0, :body[0]] = inside[0, body[-1] + 1:] = 0.0
    highest[:] = probability.max()
    mean[:] = probability.mean()
    count_row[:] = np.log1p(max(body.size, 1))
    np.divide(probability, max(probability.max(), 1e-6), out=relative[0])
    extra_block[:] = extra
    return out.T
