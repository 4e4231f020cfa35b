"""Numeric features of the lines of a flat text dump, for the line classifier.

Every line becomes a row of cheap, mostly vectorised features: its own shape
(length, words, punctuation, scripts, stopwords, capitalised words, digits,
timestamps, boilerplate words), its place in the page, whether it repeats,
and the same signals smoothed over its neighbours. ``context_features`` adds
the second pass: first-pass body probabilities of the neighbouring lines.
Character classes come from one lookup table indexed by code point, and per
line sums from ``numpy.add.reduceat``, so a page costs a few numpy calls.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import repeat

import numpy as np

BULLET = re.compile(r"^(?:[*•·\-–+]\s*|\d{1,3}\.\s+)")
BULLET_FIRST_CHARS = frozenset("*•·-–+0123456789")
# Dates, clock times and "3 hours ago"; every branch starts with a digit so the scan is fast.
TIMESTAMP = re.compile(
    r"\d(?:\d{3}[-./]\d{1,2}[-./]\d{1,2}|\d?[-./]\d{1,2}[-./]\d{2,4}|\d?:\d{2}(?!\d)"
    r"|\d*\s*(?:minutes?|hours?|days?|mins?|hrs?)\s+ago|\d*\s*(?:분|시간|일)\s*전|\d*\s*(?:分钟|小时|天)前)",
    re.IGNORECASE,
)
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
TOKEN_EDGE = ".,;:!?\"'()[]«»“”‘’|/-–—…"
STOP_KIND, BOILERPLATE_KIND = 1, 2
LEXICON = {**{word: BOILERPLATE_KIND for word in BOILERPLATE_WORDS}, **{word: STOP_KIND for word in STOPWORDS}}
WORD = re.compile(r"\w+")
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
    """Non-empty cleaned lines and their 1-based line numbers in ``raw_lines``."""
    texts, numbers = [], []
    for number, raw in enumerate(raw_lines, start=1):
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


def _windowed_means(values: np.ndarray, widths: tuple[int, ...]) -> list[np.ndarray]:
    """Mean of each column over centred windows of each of ``widths`` rows (edges shrink)."""
    n = values.shape[0]
    padded = np.zeros((n + 1, values.shape[1]))
    np.cumsum(values, axis=0, out=padded[1:])
    index = np.arange(n)
    means = []
    for width in widths:
        hi = np.minimum(index + width // 2 + 1, n)
        lo = np.maximum(index - width // 2, 0)
        means.append((padded[hi] - padded[lo]) / (hi - lo)[:, None])
    return means


def _shifted(values: np.ndarray, shift: int, fill: float = 0.0) -> np.ndarray:
    """``values`` moved by ``shift`` rows (row i gets row i+shift), ``fill`` past the edges."""
    out = np.full_like(values, fill)
    if shift > 0:
        out[:-shift] = values[shift:]
    elif shift < 0:
        out[-shift:] = values[:shift]
    else:
        out[:] = values
    return out


def _token_counts(text: str, tokens_per_line: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Stopwords and boilerplate words per line, from whitespace tokens."""
    tokens = WORD.findall(text.lower())
    n = len(tokens_per_line)
    if len(tokens) != int(tokens_per_line.sum()):  # cannot happen: the table's word bit is re's \w
        return np.zeros(n), np.zeros(n)
    line_of = np.repeat(np.arange(n), tokens_per_line.astype(np.int64))
    kinds = np.fromiter(map(LEXICON.get, tokens, repeat(0)), dtype=np.int8, count=len(tokens))
    stop = np.bincount(line_of, kinds == STOP_KIND, minlength=n)
    boiler = np.bincount(line_of, kinds == BOILERPLATE_KIND, minlength=n)
    return stop, boiler


def _timestamps(text: str, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Timestamps per line, and whether one ends the line (a headline glued to its time)."""
    n = len(starts)
    spans = np.array([match.span() for match in TIMESTAMP.finditer(text)], dtype=np.int64).reshape(-1, 2)
    line_of = np.searchsorted(starts, spans[:, 0], side="right") - 1
    counts = np.bincount(line_of, minlength=n).astype(float)
    at_end = np.zeros(n)
    at_end[line_of[spans[:, 1] >= ends[line_of] - TIMESTAMP_END_SLACK]] = 1.0
    return counts, at_end


@lru_cache(maxsize=1)
def _pattern_table() -> tuple[np.ndarray, np.ndarray]:
    """Each code point's bit pattern as a small id, and each id's class bits as 0/1 columns."""
    patterns, pattern_of_code = np.unique(_class_table(), return_inverse=True)
    class_columns = ((patterns[:, None] >> np.arange(len(CLASSES))) & 1).astype(np.int64)
    return pattern_of_code.astype(np.int64), class_columns


def _char_sums(text: str, lengths: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
    """Per line counts of every character class, of word starts and of capitalised word starts.

    A line's characters include its ending newline; counting goes through one
    ``bincount`` of (line, bit pattern) pairs.
    """
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    clipped = np.minimum(codes, TABLE_SIZE - 1)
    bits = _class_table()[clipped]
    pattern_of_code, class_columns = _pattern_table()
    n, n_patterns = len(lengths), class_columns.shape[0]
    line_of = np.repeat(np.arange(n), lengths + 1)[: len(codes)]
    per_pattern = np.bincount(line_of * n_patterns + pattern_of_code[clipped], minlength=n * n_patterns)
    class_sums = per_pattern.reshape(n, n_patterns) @ class_columns
    sums = {name: class_sums[:, i].astype(float) for i, name in enumerate(CLASSES)}
    word = (bits & _BIT["word"]) > 0
    word_start = word.copy()
    word_start[1:] &= ~word[:-1]
    sentence_gap = np.zeros(len(codes), dtype=bool)
    sentence_gap[:-1] = ((bits[:-1] & _BIT["sentence_end"]) > 0) & ((bits[1:] & _BIT["space"]) > 0)
    extra = {"words": word_start, "cap_words": word_start & ((bits & _BIT["upper"]) > 0),
             "digit_words": word_start & ((bits & _BIT["digit"]) > 0), "sentence_gaps": sentence_gap}
    for name, mask in extra.items():
        sums[name] = np.bincount(line_of[mask], minlength=n).astype(float)
    return sums, codes, bits


def _edge_chars(codes: np.ndarray, bits: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> dict[str, np.ndarray]:
    """Shape of each line's first and last characters."""
    last_bits = bits[ends - 1]
    before_last = bits[np.maximum(ends - 2, starts)]
    first_bits = bits[starts]
    ends_sentence = (last_bits & _BIT["sentence_end"]) > 0
    ends_closing = ((last_bits & _BIT["quote"]) > 0) & ((before_last & _BIT["sentence_end"]) > 0)
    return {
        "ends_sentence": (ends_sentence | ends_closing).astype(float),
        "ends_colon": np.isin(codes[ends - 1], [ord(":"), ord("：")]).astype(float),
        "ends_comma": ((last_bits & _BIT["comma"]) > 0).astype(float),
        "ends_word": ((last_bits & _BIT["word"]) > 0).astype(float),
        "ends_digit": ((last_bits & _BIT["digit"]) > 0).astype(float),
        "starts_upper": ((first_bits & _BIT["upper"]) > 0).astype(float),
        "starts_digit": ((first_bits & _BIT["digit"]) > 0).astype(float),
        "starts_quote": ((first_bits & _BIT["quote"]) > 0).astype(float),
        "starts_punct": ((first_bits & _BIT["punct"]) > 0).astype(float),
    }


def teaser_lines(lines: list[str]) -> set[str]:
    """Lines that are the cut-off start of a longer line of the same page (teasers, previews)."""
    ordered = sorted(set(lines))
    return {shorter for shorter, longer in zip(ordered, ordered[1:])
            if len(shorter) >= TEASER_MIN_CHARS and longer.startswith(shorter)}


def _repeats(lines: list[str], batch_counts: Counter | None) -> dict[str, np.ndarray]:
    """How often each line occurs in the page and in the batch; teasers cut from a longer line."""
    counts = Counter(lines)
    in_page = np.array([counts[line] for line in lines], dtype=float)
    in_batch = np.array([batch_counts.get(line, 1) for line in lines], dtype=float) if batch_counts else in_page
    teasers = teaser_lines(lines)
    is_teaser = np.array([line in teasers for line in lines], dtype=float)
    return {"repeat_page": np.log1p(in_page - 1), "repeat_batch": np.log1p(in_batch - 1), "teaser": is_teaser}


def _script_features(sums: dict[str, np.ndarray], length: np.ndarray) -> dict[str, np.ndarray]:
    """Script shares per line and how well a line matches the page's dominant script."""
    scripts = np.column_stack([sums[name] for name in ("latin", "cjk", "hangul", "cyrillic", "other_script")])
    letters = np.maximum(scripts.sum(axis=1), 1)
    shares = scripts / letters[:, None]
    weight = np.maximum(length - 40, 0)  # long lines say which script the body is in
    page_script = (shares * (weight if weight.sum() > 0 else length)[:, None]).sum(axis=0)
    dominant = int(np.argmax(page_script))
    names = ("latin_share", "cjk_share", "hangul_share", "cyrillic_share", "other_share")
    out = {name: shares[:, i] for i, name in enumerate(names)}
    out["page_script_match"] = shares[:, dominant]
    out["page_cjk"] = np.full(len(length), float(dominant in (1, 2)))
    return out


def base_features(lines: list[str], batch_counts: Counter | None = None) -> tuple[np.ndarray, list[str]]:
    """One row of own-line features per line of ``lines`` (cleaned, non-empty)."""
    text = "\n".join(lines)
    lengths = np.fromiter(map(len, lines), dtype=np.int64, count=len(lines))
    starts = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]])
    ends = starts + lengths
    sums, codes, bits = _char_sums(text, lengths)
    length = lengths.astype(float)
    words = np.maximum(sums["words"], 1)
    units = sums["words"] + sums["cjk"] + sums["hangul"] / 2  # CJK characters count like words
    stop, boiler = _token_counts(text, sums["words"])
    boiler += sums["symbol"]
    stamps, stamp_end = _timestamps(text, starts, ends)
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
    features.update(_edge_chars(codes, bits, starts, ends))
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
    return np.column_stack([features[name] for name in names]), names


NEIGHBOUR_COLUMNS = ("log_chars", "ends_sentence", "stopword_share", "cap_word_share", "timestamps",
                     "boilerplate", "page_script_match", "sentences", "repeat_page", "digit_share")


def line_features(lines: list[str], batch_counts: Counter | None = None) -> np.ndarray:
    """First-pass features: own-line features plus their neighbours' and window means."""
    own, names = base_features(lines, batch_counts)
    picked = own[:, [names.index(name) for name in NEIGHBOUR_COLUMNS]]
    prose = (own[:, names.index("ends_sentence")] * (own[:, names.index("words")] >= PROSE_MIN_WORDS))[:, None]
    blocks = [own]
    blocks += [_shifted(picked, shift) for shift in SHIFTS]
    blocks += _windowed_means(np.hstack([picked, prose]), WINDOWS)
    blocks += _windowed_means(prose, (WIDE_WINDOW,))
    blocks.append(np.full((len(lines), 1), prose.mean()))
    return np.hstack(blocks)


def context_features(first: np.ndarray, probability: np.ndarray) -> np.ndarray:
    """Second-pass features: first-pass features plus neighbours' body probabilities."""
    p = probability[:, None]
    blocks = [first, p]
    blocks += [_shifted(p, shift, fill=0.0) for shift in PROB_SHIFTS]
    blocks += _windowed_means(p, PROB_WINDOWS)
    confident = probability > 0.5
    index = np.arange(len(probability))
    above = np.maximum.accumulate(np.where(confident, index, -1))
    below = np.minimum.accumulate(np.where(confident, index, len(probability))[::-1])[::-1]
    prev_body = np.concatenate([[-1], above[:-1]])
    next_body = np.concatenate([below[1:], [len(probability)]])
    far = 1000.0
    blocks.append(np.where(prev_body >= 0, index - prev_body, far)[:, None])
    blocks.append(np.where(next_body < len(probability), next_body - index, far)[:, None])
    count = max(int(confident.sum()), 1)
    body_start = index[confident].min() if confident.any() else 0
    body_end = index[confident].max() if confident.any() else len(probability) - 1
    inside = ((index >= body_start) & (index <= body_end)).astype(float)[:, None]
    blocks += [inside, np.full_like(p, probability.max()), np.full_like(p, probability.mean()),
               np.full_like(p, np.log1p(count)), p / max(probability.max(), 1e-6)]
    return np.hstack(blocks)
