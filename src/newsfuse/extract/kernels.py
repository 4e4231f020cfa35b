"""Compiled loops (numba) of the text-dump path: the tree walk, the per-character scans of
the line features, windows and shifts of feature columns, the hashed words (tokens the
line features found), main block and shared words of the cohesion feature, and language
identification.

A page's lines are a few hundred rows and its text a few ten thousand characters, so
vectorised numpy spends its time in call overhead and in gathers that cannot overlap;
these loops do the same work in one pass. They compute exact integers, copies, leaf
values, 0/1 flags and the window means in numpy's own order of operations (the other
sums and ratios stay in numpy), so features, probabilities and language scores are
bit for bit those of the plain computations. Compiled on first use and cached next
to this file (numba's ``cache=True``): the first process after an installation pays
the compilation (a few CPU seconds), later ones import numba and load the cache
(about half a CPU second, see ``newsfuse bench extraction``'s start-up line).

Import this module only where a page is scored: importing numba takes a few tenths
of a second that the command line's start-up should not pay.
"""
from __future__ import annotations

import numba
import numpy as np

ROWS_AT_ONCE = 8  # rows walked side by side by ``tree_leaf_values``
N_FLAGS = 4  # word flags of a character (``linefeatures.WORD_FLAGS``): starts a word, a capitalised
# one, one with a digit; ends a sentence before a space
N_FLAG_SETS = 1 << N_FLAGS
AUTOMATON_CHAINS = 8  # stretches of a text ``automaton_states`` walks side by side
HASH_MULTIPLIER = 0x9E3779B97F4A7C15  # 2**64 over the golden ratio, odd: spreads values over the top bits
FNV_OFFSET = 0xCBF29CE484222325  # FNV-1a, 64 bits
FNV_PRIME = 0x100000001B3
LETTER_FLAG = 1 << 31  # ``token_hashes``: a folded code with this bit set is a letter's


@numba.njit(cache=True, nogil=True, inline="always")
def _step(node, at, by_column, column_start, threshold, left):
    """The child of ``node`` that the row whose first feature sits at ``by_column[at]`` goes to."""
    return left[node] + (by_column[column_start[node] + at] > threshold[node])


@numba.njit(cache=True, nogil=True)
def tree_leaf_values(by_column, n_rows, feature, threshold, left, value, roots, depth, out):
    """``out[row, tree]``: the value of the leaf each row reaches in each tree.

    ``by_column`` holds feature ``f`` of row ``r`` at ``f * n_rows + r``; a row goes to
    ``left[node]`` when its value is at most ``threshold[node]`` (also when it is NaN),
    else to ``left[node] + 1``; leaves point to themselves with an infinite threshold,
    so ``depth`` steps reach every leaf. Eight rows walk side by side, so that their
    memory loads overlap."""
    x, at, t, lf = by_column, feature * n_rows, threshold, left
    for tree in range(roots.shape[0]):
        row = 0
        while row + ROWS_AT_ONCE <= n_rows:
            a = b = c = d = e = f = g = h = roots[tree]
            for _ in range(depth):
                a, b = _step(a, row, x, at, t, lf), _step(b, row + 1, x, at, t, lf)
                c, d = _step(c, row + 2, x, at, t, lf), _step(d, row + 3, x, at, t, lf)
                e, f = _step(e, row + 4, x, at, t, lf), _step(f, row + 5, x, at, t, lf)
                g, h = _step(g, row + 6, x, at, t, lf), _step(h, row + 7, x, at, t, lf)
            out[row, tree], out[row + 1, tree], out[row + 2, tree] = value[a], value[b], value[c]
            out[row + 3, tree], out[row + 4, tree], out[row + 5, tree] = value[d], value[e], value[f]
            out[row + 6, tree], out[row + 7, tree] = value[g], value[h]
            row += ROWS_AT_ONCE
        for last in range(row, n_rows):
            node = roots[tree]
            for _ in range(depth):
                node = _step(node, last, x, at, t, lf)
            out[last, tree] = value[node]


@numba.njit(cache=True, nogil=True)
def scan_characters(codes, line_lengths, pattern_of_code, pattern_bits, word, start_flags, gap_flag, space,
                    patterns, counts, token_starts, token_ends, token_lines):
    """The bit pattern of each character (into ``patterns``); per line (its characters and
    the newline after it) ``counts[bit, line]``: how many characters have each class bit of
    ``pattern_bits`` and then how many have each word flag; the tokens (runs of word
    characters) as start, end and line. Returns the number of tokens and the highest code.

    Code points beyond the table count as its last one. A character's flags are its
    ``start_flags`` if it starts a word (a word character after a non-word one), plus its
    ``gap_flag`` if a space follows it."""
    last_code = pattern_of_code.shape[0] - 1
    n_codes, n_lines, n_patterns = codes.shape[0], line_lengths.shape[0], pattern_bits.shape[0]
    per_pattern = np.zeros((n_lines, n_patterns), dtype=np.int64)
    per_flag_set = np.zeros((n_lines, N_FLAG_SETS), dtype=np.int64)
    at, n_tokens, previous_word, highest = 0, 0, False, 0
    for line in range(n_lines):
        line_end = min(at + line_lengths[line] + 1, n_codes)
        while at < line_end:
            highest = max(highest, codes[at])
            pattern = pattern_of_code[min(codes[at], last_code)]
            patterns[at] = pattern
            per_pattern[line, pattern] += 1
            followed_by_space = at + 1 < n_codes and space[pattern_of_code[min(codes[at + 1], last_code)]]
            flags = gap_flag[pattern] if followed_by_space else 0
            if word[pattern]:
                if not previous_word:
                    flags += start_flags[pattern]
                    token_starts[n_tokens], token_lines[n_tokens] = at, line
                previous_word = True
            elif previous_word:
                token_ends[n_tokens] = at
                n_tokens += 1
                previous_word = False
            per_flag_set[line, flags] += 1
            at += 1
    if previous_word:
        token_ends[n_tokens] = at
        n_tokens += 1
    n_classes = counts.shape[0] - N_FLAGS
    for line in range(n_lines):
        for pattern in range(n_patterns):
            if per_pattern[line, pattern]:
                for bit in range(n_classes):
                    if (pattern_bits[pattern] >> bit) & 1:
                        counts[bit, line] += per_pattern[line, pattern]
        for flags in range(N_FLAG_SETS):
            if per_flag_set[line, flags]:
                for bit in range(N_FLAGS):
                    if (flags >> bit) & 1:
                        counts[n_classes + bit, line] += per_flag_set[line, flags]
    return n_tokens, highest


@numba.njit(cache=True, nogil=True)
def token_hashes(codes, token_starts, token_ends, folded, hash_bits, min_content_chars, hashes, content):
    """For each token (``codes[token_starts[k]:token_ends[k]]``, word characters below the end of
    ``folded``): the top ``hash_bits`` bits of a multiplicative hash of the FNV-1a hash of its
    folded code points, and whether it is a content word (at least ``min_content_chars``
    letters, nothing else). ``folded[code]``: a word character's lower case (itself where that
    is not one character), with ``LETTER_FLAG`` set for a letter."""
    shift = np.uint64(64 - hash_bits)
    for token in range(token_starts.shape[0]):
        value, letters = np.uint64(FNV_OFFSET), True
        for at in range(token_starts[token], token_ends[token]):
            fold = folded[codes[at]]
            value = (value ^ np.uint64(fold & ~LETTER_FLAG)) * np.uint64(FNV_PRIME)
            letters = letters and (fold & LETTER_FLAG) != 0
        hashes[token] = (value * np.uint64(HASH_MULTIPLIER)) >> shift
        content[token] = letters and token_ends[token] - token_starts[token] >= min_content_chars


@numba.njit(cache=True, nogil=True, error_model="numpy")
def line_shares(length, units, words, letter, digit, punct, space, upper, cap_words, digit_words, sentence_gaps,
                comma, quote, stopwords, cjk_function, cjk, boilerplate, symbol, timestamps, timestamp_at_end, out):
    """Per line (column of ``out``), the shares and capped counts of ``linefeatures.SHARE_COLUMNS``
    from its character and word counts: IEEE divisions and minimums, as numpy's element-wise
    ones give them."""
    for i in range(length.shape[0]):
        n_words, boiler = max(words[i], 1.0), boilerplate[i] + symbol[i]
        out[0, i] = min(units[i], 200.0)
        out[1, i], out[2, i] = letter[i] / length[i], digit[i] / length[i]
        out[3, i], out[4, i] = punct[i] / length[i], space[i] / length[i]
        out[5, i] = upper[i] / max(letter[i], 1.0)
        out[6, i], out[7, i] = cap_words[i] / n_words, digit_words[i] / n_words
        out[8, i], out[9, i] = min(sentence_gaps[i], 20.0), min(comma[i], 20.0)
        out[10, i], out[11, i] = comma[i] / max(units[i], 1.0), min(quote[i], 10.0)
        out[12, i], out[13, i] = stopwords[i] / n_words, min(stopwords[i], 50.0)
        out[14, i] = cjk_function[i] / max(cjk[i], 1.0)
        out[15, i], out[16, i] = min(boiler, 5.0), boiler / n_words
        out[17, i], out[18, i] = min(timestamps[i], 5.0), timestamp_at_end[i]


@numba.njit(cache=True, nogil=True)
def count_lexicon_tokens(codes, token_starts, token_ends, token_lines, letter_digit, base, exact_chars, longest,
                         slot_bits, slot_values, slot_lengths, slot_kinds, kind_counts, long_tokens):
    """Add each token's lexicon kind to its line's ``kind_counts`` (kind 0: none). A token of at
    most ``exact_chars`` characters is valued as the base-``base`` number of its characters'
    ``letter_digit`` (first character least significant) and looked up with its length in
    the hash table ``slot_values`` of ``2**slot_bits`` slots (``lexicon_slot``; 0: empty); longer ones up
    to ``longest`` characters go to ``long_tokens`` for the caller to look up. Returns how
    many went there."""
    last_code = letter_digit.shape[0] - 1
    multiplier = np.uint64(base)
    last_slot = np.uint64(slot_values.shape[0] - 1)
    n_long = 0
    for token in range(token_starts.shape[0]):
        start, end = token_starts[token], token_ends[token]
        if end - start > exact_chars:
            if end - start <= longest:
                long_tokens[n_long] = token
                n_long += 1
            continue
        value = np.uint64(0)
        for at in range(end - 1, start - 1, -1):
            value = value * multiplier + np.uint64(letter_digit[min(codes[at], last_code)])
        slot = lexicon_slot(value, slot_bits)
        while slot_values[slot] != value and slot_values[slot] != 0:
            slot = (slot + np.uint64(1)) & last_slot
        if slot_values[slot] == value and slot_lengths[slot] == end - start:
            kind_counts[slot_kinds[slot], token_lines[token]] += 1
    return n_long


@numba.njit(cache=True, nogil=True)
def lexicon_slot(value, slot_bits):
    """The first slot to try for ``value`` (uint64) in a hash table of ``2**slot_bits`` slots,
    probed linearly: the top bits of a multiplicative hash."""
    return (value * np.uint64(HASH_MULTIPLIER)) >> np.uint64(64 - slot_bits)


@numba.njit(cache=True, nogil=True)
def windowed_means(columns, widths, out):
    """``out[w * k + c, i]``: the mean of column ``c`` of ``columns`` (``k x n``, one column per
    row) over the centred window of ``widths[w]`` rows around row ``i`` (edges shrink), as a
    running sum's difference divided by the window's size (numpy's ``cumsum`` order)."""
    k, n = columns.shape
    running = np.zeros(n + 1)
    for column in range(k):
        total = columns[column, 0]
        running[1] = total
        for row in range(1, n):
            total += columns[column, row]
            running[row + 1] = total
        for block in range(widths.shape[0]):
            half = widths[block] // 2
            for row in range(n):
                after, first = min(row + half + 1, n), max(row - half, 0)
                out[block * k + column, row] = (running[after] - running[first]) / (after - first)


@numba.njit(cache=True, nogil=True)
def shifted(columns, shifts, fill, out):
    """``out[s * k + c, i]``: row ``i + shifts[s]`` of column ``c`` of ``columns`` (``k x n``),
    ``fill`` past the edges."""
    k, n = columns.shape
    for block in range(shifts.shape[0]):
        for column in range(k):
            for row in range(n):
                source = row + shifts[block]
                out[block * k + column, row] = columns[column, source] if 0 <= source < n else fill


@numba.njit(cache=True, nogil=True)
def nearest_body_distances(confident, far, before, after):
    """``before[i]``: rows from the nearest confident row above row ``i``, ``after[i]``: to the
    nearest one below; ``far`` where there is none."""
    n = confident.shape[0]
    nearest = -1
    for row in range(n):
        before[row] = row - nearest if nearest >= 0 else far
        if confident[row]:
            nearest = row
    nearest = -1
    for row in range(n - 1, -1, -1):
        after[row] = nearest - row if nearest >= 0 else far
        if confident[row]:
            nearest = row


@numba.njit(cache=True, nogil=True)
def timestamp_starts(codes, decimal, space, separators, colon, digits_before_separator, digits_before_colon,
                     unit_firsts, starts, unit_runs):
    """Where a timestamp can start, from each run of decimal digits (``decimal`` by code point;
    beyond the table: not decimal): before one of ``separators``, ``digits_before_separator``
    digits back from its end (within the run); before ``colon``, ``digits_before_colon`` back.
    A run whose next character other than spaces (``space`` by code point) is one of
    ``unit_firsts`` goes to ``unit_runs`` as a (first, after) row, for the caller to look for
    a unit of time there. Returns the numbers of starts and of such runs."""
    last_code = decimal.shape[0] - 1
    n = codes.shape[0]
    n_starts, n_runs, at = 0, 0, 0
    while at < n:
        if not decimal[min(codes[at], last_code)]:
            at += 1
            continue
        first = at
        while at < n and decimal[min(codes[at], last_code)]:
            at += 1
        follower = np.int64(codes[at]) if at < n else -1
        backs = digits_before_colon if follower == colon else digits_before_separator
        if follower == colon or np.any(separators == follower):
            for back in backs:
                if at - back >= first:
                    starts[n_starts] = at - back
                    n_starts += 1
        else:
            ahead = at
            while ahead < n and space[min(codes[ahead], last_code)]:
                ahead += 1
            if ahead < n and np.any(unit_firsts == np.int64(codes[ahead])):
                unit_runs[n_runs, 0], unit_runs[n_runs, 1] = first, at
                n_runs += 1
    return n_starts, n_runs


@numba.njit(cache=True, nogil=True)
def automaton_states(next_move, row_base, data, lookback, states):
    """``states[i]``: the state of a byte automaton (``next_move[row_base[state] + byte]``) after
    byte ``i`` of ``data``, walking from state 0, for an automaton whose state depends only on
    the last ``lookback`` bytes. The bytes are cut into ``AUTOMATON_CHAINS`` stretches walked
    side by side (each from state 0, ``lookback`` bytes before its start), so that their
    table lookups, mostly cache misses, overlap."""
    n = data.shape[0]
    length = (n + AUTOMATON_CHAINS - 1) // AUTOMATON_CHAINS
    state = np.zeros(AUTOMATON_CHAINS, dtype=np.int64)
    at = np.empty(AUTOMATON_CHAINS, dtype=np.int64)
    begin, end = np.empty_like(at), np.empty_like(at)
    for chain in range(AUTOMATON_CHAINS):
        begin[chain] = min(chain * length, n)
        end[chain] = min(begin[chain] + length, n)
        at[chain] = max(begin[chain] - lookback, 0)
    for _ in range(length + lookback):
        for chain in range(AUTOMATON_CHAINS):
            if at[chain] < end[chain]:
                state[chain] = next_move[row_base[state[chain]] + data[at[chain]]]
                if at[chain] >= begin[chain]:
                    states[at[chain]] = state[chain]
                at[chain] += 1


@numba.njit(cache=True, nogil=True)
def widened_rows(bit_patterns, rows, widened, out):
    """``out[k, j]``: ``widened[bit_patterns[rows[k], j]]``, the rows of a table of 16-bit
    patterns looked up in ``widened`` (a float16 table made float32, say)."""
    for k in range(rows.shape[0]):
        for j in range(bit_patterns.shape[1]):
            out[k, j] = widened[bit_patterns[rows[k], j]]


@numba.njit(cache=True, nogil=True)
def line_edges(codes, patterns, pattern_bits, line_starts, line_ends, sentence_end, closing, colons, end_masks,
               start_masks, out):
    """0 or 1 per line (column) into the rows of ``out``: whether its last character ends a
    sentence (has ``sentence_end``, or ``closing`` right after one that has it); whether it is
    one of ``colons``; whether it has each of ``end_masks``; then whether its first character
    has each of ``start_masks``. Bits are those of ``pattern_bits`` by pattern."""
    n_end = end_masks.shape[0]
    for line in range(line_starts.shape[0]):
        last = line_ends[line] - 1
        last_bits = pattern_bits[patterns[last]]
        before_last_bits = pattern_bits[patterns[max(last - 1, line_starts[line])]]
        first_bits = pattern_bits[patterns[line_starts[line]]]
        out[0, line] = (last_bits & sentence_end) > 0 or ((last_bits & closing) > 0
                                                           and (before_last_bits & sentence_end) > 0)
        out[1, line] = np.any(colons == np.int64(codes[last]))
        for k in range(n_end):
            out[2 + k, line] = (last_bits & end_masks[k]) > 0
        for k in range(start_masks.shape[0]):
            out[2 + n_end + k, line] = (first_bits & start_masks[k]) > 0


@numba.njit(cache=True)
def count_in_first_order(values, slot_of, order, counts):
    """How often each value of ``values`` other than -1 occurs, in order of first occurrence:
    the distinct values into ``order``, their counts into ``counts``; returns how many.
    ``slot_of`` (one entry per possible value, all -1) is scratch and is left all -1; the
    GIL is held throughout, so threads sharing it take turns."""
    n_distinct = 0
    for value in values:
        if value < 0:
            continue
        if slot_of[value] < 0:
            slot_of[value] = n_distinct
            order[n_distinct] = value
            counts[n_distinct] = 0
            n_distinct += 1
        counts[slot_of[value]] += 1
    for k in range(n_distinct):
        slot_of[order[k]] = -1
    return n_distinct


@numba.njit(cache=True, nogil=True)
def main_block(words_per_line, probability, middle):
    """First and last index of the run of lines with the largest sum of ``(probability - middle)
    * words_per_line``: the first line where the running sum less its lowest earlier value
    peaks, and the first place that lowest value was reached (the running sum's steps in
    numpy's ``cumsum`` order)."""
    running, lowest, lowest_at = 0.0, 0.0, 0
    best, best_start, best_end = -np.inf, 0, 0
    for line in range(probability.shape[0]):
        running += (probability[line] - middle) * words_per_line[line]
        if running - lowest > best:
            best, best_start, best_end = running - lowest, lowest_at, line
        if running < lowest:
            lowest, lowest_at = running, line + 1
    return best_start, best_end


@numba.njit(cache=True, nogil=True, inline="always")
def _slot(keys, key):
    """The slot of ``key`` (a hash: its low bits are spread already) in the open-addressing
    table ``keys`` (a power of two long, -1: empty), claiming an empty one if it is not there."""
    mask = keys.shape[0] - 1
    slot = key & mask
    while keys[slot] != key and keys[slot] != -1:
        slot = (slot + 1) & mask
    keys[slot] = key
    return slot


@numba.njit(cache=True, nogil=True)
def shared_content_words(token_lines, token_hashes, token_content, first, last, keys, shared, distinct):
    """Per line, its distinct content words (``distinct``) and how many of them another line
    from ``first`` to ``last`` also uses (``shared``), from the tokens' lines and hashes in
    order. ``keys``: an empty ``_slot`` table of at least twice as many slots as tokens."""
    block_lines = np.zeros(keys.shape[0], dtype=np.int64)  # lines of the block using the word
    seen_line = np.full(keys.shape[0], -1, dtype=np.int64)
    for token in range(token_lines.shape[0]):
        line = token_lines[token]
        if token_content[token] and first <= line <= last:
            slot = _slot(keys, token_hashes[token])
            if seen_line[slot] != line:
                seen_line[slot] = line
                block_lines[slot] += 1
    seen_line[:] = -1
    for token in range(token_lines.shape[0]):
        line = token_lines[token]
        if token_content[token]:
            slot = _slot(keys, token_hashes[token])
            if seen_line[slot] != line:
                seen_line[slot] = line
                distinct[line] += 1
                own = 1 if first <= line <= last else 0
                if block_lines[slot] - own > 0:
                    shared[line] += 1
