"""The compiled and vectorised shortcuts of the line features and the tree walk give exactly
what the plain computations give: lexicon counts, character counts, timestamps, windows,
shifts, line cleaning, line ends, the features' column-by-column storage and the tree walk
(on the shipped passes and on random ensembles of other sizes)."""
from __future__ import annotations

import random
import re

import numpy as np
import pytest

from newsfuse.extract import kernels
from newsfuse.extract.lineclassifier import TreeEnsemble, load_classifier
from newsfuse.extract.linefeatures import (
    CLASSES, LEXICON, LOWER_CHANGES_TOKENS, TABLE_SIZE, TIMESTAMP, TIMESTAMP_UNIT_AFTER, TIMESTAMP_UNIT_FIRST_CODES,
    WORD_FLAGS, CLASS_BIT, _char_sums, class_table, code_points, _lexicon_kinds_by_regex, _shifted, _timestamp_spans, _token_counts,
    window_means, base_features, clean_line, clean_lines, context_features, line_features,
)

WORD = re.compile(r"\w")
TEXTS = [
    "The Home page of the news, and THE end: subscribe to our Newsletter!",
    "Advertisement ADVERTISEMENT advertisements advertising the1 1the über für más не и в",
    "Ｔｈｅ ｆｕｌｌ-width letters, the Kelvin sign \u212a and İstanbul in the news",
    "A math letter \U0001d400 glued to the word the\U0001d400 and an emoji 😀 the end",
    "日本語の記事 the 新闻 기자 \u0130 \u00df STRASSE",
    "",
    "    ",
]


def _lexicon_counts_both_ways(text: str) -> tuple[list, list]:
    """Stopwords and boilerplate words per line from the compiled scan, and from the regex
    tokens of the lower-cased text (the plain computation)."""
    lines = text.split("\n")
    sums = _char_sums(text, np.fromiter(map(len, lines), dtype=np.int64, count=len(lines))).sums
    plain = _token_counts(_lexicon_kinds_by_regex(text), sums["words"])
    return ([sums["stopwords"].tolist(), sums["boilerplate"].tolist()], [plain[0].tolist(), plain[1].tolist()])


@pytest.mark.parametrize("text", TEXTS)
def test_lexicon_counts_match_the_regex_tokens(text: str) -> None:
    scanned, plain = _lexicon_counts_both_ways(text)
    assert scanned == plain


def test_lexicon_counts_on_random_mixes_of_lexicon_words() -> None:
    rng = random.Random(3)
    pieces = sorted(LEXICON) + ["X", "É", "Ä", "А", "1", ",", " ", "-", "_", "ß", "subscribersx", "Advertisement",
                                "\U0001d400", "😀"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", "\n"]) for _ in range(rng.randint(1, 30)))
        scanned, plain = _lexicon_counts_both_ways(text)
        assert scanned == plain, text


def test_very_long_pages_count_the_lexicon_like_the_regex() -> None:
    text = "The news of the day. Subscribe to the newsletter, advertisements\n" * 5000
    scanned, plain = _lexicon_counts_both_ways(text)
    assert scanned == plain
    assert scanned[0][0] == 5 and scanned[1][0] == 2  # the of the to the; subscribe newsletter


def test_only_one_table_character_changes_tokens_when_lower_cased() -> None:
    changing = [chr(code) for code in range(TABLE_SIZE)
                if len(chr(code).lower()) != 1 or bool(WORD.match(chr(code))) != bool(WORD.match(chr(code).lower()))]
    assert changing == [LOWER_CHANGES_TOKENS]


@pytest.mark.parametrize("text", TEXTS + ["ends with NUL\x00", "\x00", "x\x00\x00y\x00"])
def test_code_points_are_those_of_the_string(text: str) -> None:
    assert code_points(text).tolist() == [ord(char) for char in text]


def test_the_scan_has_one_flag_per_word_flag() -> None:
    assert kernels.N_FLAGS == len(WORD_FLAGS)


def _class_counts(text: str) -> dict[str, int]:
    bits = [int(class_table()[min(ord(char), TABLE_SIZE - 1)]) for char in text]
    return {name: sum(1 for value in bits if value & CLASS_BIT[name]) for name in CLASSES}


def test_character_sums_count_each_line() -> None:
    lines = ["Hello World. It is 2024, OK?", "", "  3 big Dogs!", "日本 語。next"]
    text = "\n".join(lines)
    sums = _char_sums(text, np.array([len(line) for line in lines])).sums
    for i, line in enumerate(lines):
        with_newline = line + ("\n" if i < len(lines) - 1 else "")
        starts = [m.start() for m in re.finditer(r"\w+", line)]
        assert sums["words"][i] == len(starts)
        assert sums["cap_words"][i] == sum(line[s].isupper() for s in starts)
        assert sums["digit_words"][i] == sum(line[s].isdigit() for s in starts)
        assert sums["sentence_gaps"][i] == len(re.findall(r"[.!?。！？…](?=\s)", with_newline))
        assert sums["upper"][i] == sum(c.isupper() for c in line)
        assert sums["space"][i] == sum(c.isspace() for c in with_newline)


def test_character_sums_count_every_class_as_the_table_says() -> None:
    rng = random.Random(11)
    pieces = ["a", "Bc", " ", ".", "!", "\t", "1", "٣", "日", "기", "Ж", "ß", "«", "»", "©", "，",
              "\U0001d400", "\uffff", "😀"]
    for _ in range(200):
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(rng.randint(1, 5))]
        sums = _char_sums("\n".join(lines), np.array([len(line) for line in lines])).sums
        for i, line in enumerate(lines):
            with_newline = line + ("\n" if i < len(lines) - 1 else "")
            assert {name: sums[name][i] for name in CLASSES} == _class_counts(with_newline), lines


def _plain_edges(line: str) -> dict[str, float]:
    bits = [int(class_table()[min(ord(char), TABLE_SIZE - 1)]) for char in line]
    has = (lambda value, name: float(bool(value & CLASS_BIT[name])))
    before_last = bits[-2] if len(bits) > 1 else bits[-1]
    edges = {"ends_sentence": float(has(bits[-1], "sentence_end") or has(bits[-1], "quote")
                                    and has(before_last, "sentence_end")),
             "ends_colon": float(line[-1] in ":："), "ends_comma": has(bits[-1], "comma"),
             "ends_word": has(bits[-1], "word"), "ends_digit": has(bits[-1], "digit")}
    return edges | {f"starts_{name}": has(bits[0], name) for name in ("upper", "digit", "quote", "punct")}


def test_line_edges_match_plain_checks() -> None:
    rng = random.Random(13)
    pieces = ["a", "B", ".", "!", "?", "\"", "”", "»", ":", "：", ",", "，", "1", "٣", "日", "(", "-", " ",
              "\U0001d400"]
    for _ in range(300):
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 5))).strip() or "x" for _ in range(4)]
        own, names = base_features(lines)
        column = dict(zip(names, own.T))
        for i, line in enumerate(lines):
            assert {name: column[name][i] for name in _plain_edges(line)} == _plain_edges(line), lines


def test_windows_and_shifts_match_plain_loops() -> None:
    values = np.random.default_rng(0).random((9, 3))  # 9 rows of 3 columns, passed column by column
    means = window_means(values.T, (3, 7)).T
    for block, width in enumerate((3, 7)):
        for row in range(9):
            window = values[max(row - width // 2, 0):min(row + width // 2 + 1, 9)]
            assert np.allclose(means[row, 3 * block:3 * block + 3], window.mean(axis=0))
    shifted = _shifted(values.T, (-2, 1), fill=-1.0).T
    for block, shift in enumerate((-2, 1)):
        for row in range(9):
            expected = values[row + shift] if 0 <= row + shift < 9 else np.full(3, -1.0)
            assert np.array_equal(shifted[row, 3 * block:3 * block + 3], expected)


def test_clean_lines_shortcut_cleans_like_clean_line() -> None:
    rng = random.Random(5)
    pieces = ["a", "Bc", " ", "  ", "\t", "\xa0", "\u2003", "•", "-", "1", "12.", "3. ", "*", "\u200b", "é", "+"]
    for _ in range(2000):
        raw = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))) for _ in range(4)]
        expected = [(clean_line(line), number) for number, line in enumerate(raw, start=1) if clean_line(line)]
        texts, numbers = clean_lines(raw)
        assert list(zip(texts, numbers)) == expected


def _plain_raw_score(ensemble, row: np.ndarray) -> float:
    """One row walked tree by tree through the stored child pairs."""
    values = []
    for root in ensemble.roots:
        node = int(root)
        while ensemble.children[2 * node] != node:
            node = int(ensemble.children[2 * node + (row[ensemble.feature[node]] > ensemble.threshold[node])])
        values.append(ensemble.value[node])
    return float(np.sum(values)) + ensemble.baseline


def test_tree_walk_matches_walking_each_tree() -> None:
    classifier = load_classifier()
    rng = np.random.default_rng(1)
    for ensemble in (classifier.first, classifier.second):
        n_features = int(ensemble.feature.max()) + 1
        rows = rng.normal(size=(40, n_features)) * 3
        thresholds = ensemble.threshold[np.isfinite(ensemble.threshold)]
        rows[:5] = rng.choice(thresholds, size=(5, n_features))  # values on the thresholds themselves
        scores = ensemble.raw_score(rows)
        for row, score in zip(rows, scores):
            assert score == pytest.approx(_plain_raw_score(ensemble, row), abs=1e-12)


def test_timestamps_tried_only_where_they_can_start_match_finditer() -> None:
    rng = random.Random(7)
    pieces = ["1", "12", "2024", "12345", "-", ".", "/", ":", " ", "\n", "min", "MINUTES", "hours ", " ago", "days",
              "Hr", "분", "시간", "전", "分钟", "前", "天", "x", "٣", "²", "𝟑", "１", "\t"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        assert _timestamp_spans(text, codes) == [match.span() for match in TIMESTAMP.finditer(text)], text


def _random_ensemble(rng: np.random.Generator, n_trees: int, depth: int, n_features: int) -> TreeEnsemble:
    """Trees grown by random splits, with leaves at every depth up to ``depth``."""
    feature, threshold, children, value, roots = [], [], [], [], []

    def grow(level: int) -> int:
        node = len(feature)
        feature.append(0)
        threshold.append(np.inf)
        children.extend([node, node])
        value.append(0.0)
        if level < depth and (level == 0 or rng.random() < 0.8):
            feature[node], threshold[node] = int(rng.integers(n_features)), float(rng.normal())
            left = grow(level + 1)
            children[2 * node], children[2 * node + 1] = left, grow(level + 1)
        else:
            value[node] = float(rng.normal())
        return node

    for _ in range(n_trees):
        roots.append(grow(0))
    return TreeEnsemble(np.array(feature), np.array(threshold), np.array(children), np.array(value),
                        np.array(roots), depth, float(rng.normal()))


@pytest.mark.parametrize(("n_trees", "depth", "n_features", "n_rows"),
                         [(1, 1, 1, 1), (3, 2, 4, 7), (40, 5, 30, 41), (65, 7, 12, 130), (7, 9, 3, 5)])
def test_tree_walk_matches_walking_each_tree_on_random_ensembles(n_trees: int, depth: int, n_features: int,
                                                                 n_rows: int) -> None:
    rng = np.random.default_rng(n_trees)
    ensemble = _random_ensemble(rng, n_trees, depth, n_features)
    rows = rng.normal(size=(n_rows, n_features))
    rows[0, 0] = np.nan  # goes left, as ``x > threshold`` is false
    rows[-1] = ensemble.threshold[0] if np.isfinite(ensemble.threshold[0]) else 0.0
    for row, score in zip(rows, ensemble.raw_score(rows)):
        assert score == pytest.approx(_plain_raw_score(ensemble, row), abs=1e-12)


def test_only_the_listed_characters_open_a_unit_of_time() -> None:
    unit = re.compile(TIMESTAMP_UNIT_AFTER.pattern.removeprefix(r"\s*"), re.IGNORECASE)
    openers = {chr(code) for code in range(TABLE_SIZE)
               if any(unit.match(chr(code) + rest) for rest in ("in", "our", "ay", "r", "간", "钟", "时", ""))}
    assert openers == {chr(code) for code in TIMESTAMP_UNIT_FIRST_CODES.tolist()}


def test_tree_walk_reads_features_in_either_memory_order() -> None:
    classifier = load_classifier()
    rng = np.random.default_rng(2)
    for ensemble in (classifier.first, classifier.second):
        rows = rng.normal(size=(30, int(ensemble.feature.max()) + 1)) * 3
        by_row, by_column = np.ascontiguousarray(rows), np.asfortranarray(rows)
        assert np.array_equal(ensemble.raw_score(by_row), ensemble.raw_score(by_column))


def test_features_are_stored_column_by_column_with_the_plain_values() -> None:
    lines = ["Breaking: the river rose overnight", "By Jane Doe", "The water reached the old bridge at 5:30 am, "
             "officials said.", "Share on Facebook", "The water reached the old bridge", "Rescue teams: 12"]
    own, names = base_features(lines)
    first = line_features(lines)
    extra = np.arange(2 * len(lines), dtype=float).reshape(2, -1)
    second = context_features(first, np.linspace(0.1, 0.9, len(lines)), extra)
    assert own.T.flags["C_CONTIGUOUS"] and first.T.flags["C_CONTIGUOUS"] and second.T.flags["C_CONTIGUOUS"]
    assert np.array_equal(first[:, :own.shape[1]], own)
    assert np.array_equal(second[:, :first.shape[1]], first)
    assert np.array_equal(second[:, -2:], extra.T)
    column = dict(zip(names, own.T))
    assert column["ends_colon"].tolist() == [0, 0, 0, 0, 0, 0]
    assert column["repeat_page"].tolist() == [0.0] * len(lines)
    assert column["teaser"].tolist() == [0, 0, 0, 0, 1, 0]  # the cut-off start of the third line
    assert column["ends_sentence"].tolist() == [0, 0, 1, 0, 0, 0]


@pytest.mark.parametrize("probability", [[0.1, 0.2, 0.3], [0.9, 0.1, 0.8, 0.2, 0.1], [0.6], [0.7, 0.8, 0.9],
                                         [0.1, 0.9, 0.1, 0.1]])
def test_body_distances_and_extent_match_plain_loops(probability: list[float]) -> None:
    n = len(probability)
    second = context_features(np.zeros((n, 2)), np.array(probability), np.zeros((0, n)))
    before, after, inside = second[:, -7], second[:, -6], second[:, -5]
    confident = [i for i, value in enumerate(probability) if value > 0.5]
    for i in range(n):
        above, below = [j for j in confident if j < i], [j for j in confident if j > i]
        assert before[i] == (i - above[-1] if above else 1000.0)
        assert after[i] == (below[0] - i if below else 1000.0)
        assert inside[i] == (1.0 if not confident or confident[0] <= i <= confident[-1] else 0.0)


def test_line_ends_read_from_the_code_points() -> None:
    lines = ["Contents:", "目次：", "Plain line", "End.", "\"Quoted.\""]
    own, names = base_features(lines)
    column = dict(zip(names, own.T))
    assert column["ends_colon"].tolist() == [1, 1, 0, 0, 0]
    assert column["ends_sentence"].tolist() == [0, 0, 0, 1, 1]


def _plain_word_hashes(lines: list[str]) -> list[tuple[int, int, bool]]:
    """Line, hash and content flag of each token (run of word characters below ``TABLE_SIZE``):
    FNV-1a over the lower-cased code points, then the top bits of a multiplicative hash."""
    from newsfuse.extract.linefeatures import HASH_BITS, MIN_CONTENT_CHARS

    mask, found = (1 << 64) - 1, []
    for number, line in enumerate(lines):
        for token in re.findall(r"[^\W\U00010000-\U0010ffff]+", line):
            value = kernels.FNV_OFFSET
            for char in token:
                lower = char.lower()
                value = ((value ^ (ord(lower) if len(lower) == 1 else ord(char))) * kernels.FNV_PRIME) & mask
            hashed = ((value * kernels.HASH_MULTIPLIER) & mask) >> (64 - HASH_BITS)
            found.append((number, hashed, token.isalpha() and len(token) >= MIN_CONTENT_CHARS))
    return found


def test_page_scan_hashes_the_tokens_like_plain_fnv() -> None:
    from newsfuse.extract.linefeatures import page_scan

    rng = random.Random(31)
    pieces = ["River", "rIVER", " ", "İstanbul", "ß", "STRASSE", "_", "x1", "٣", "日本語", "기자", "Ж", "\U0001d400", "😀",
              "ǅ", ".", "-", "\u0301", "ﬀ"]
    pages = TEXTS + ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(300)]
    for page in pages:
        lines = page.split("\n")
        words = page_scan(lines).words
        assert list(zip(words.line.tolist(), words.word_hash.tolist(), words.content.tolist())) == \
            _plain_word_hashes(lines), page


def _plain_own_features(lines: list[str]) -> dict[str, np.ndarray]:
    """The share, capped-count, repeat, script and position features by numpy's element-wise
    operations, one array per feature (the plain computation ``base_features`` writes in place)."""
    from collections import Counter

    from newsfuse.extract.linefeatures import teaser_lines

    sums = _char_sums("\n".join(lines), np.array([len(line) for line in lines])).sums
    length, n = np.array([len(line) for line in lines], dtype=float), len(lines)
    words = np.maximum(sums["words"], 1)
    units = sums["words"] + sums["cjk"] + sums["hangul"] / 2
    stop, boiler = sums["stopwords"], sums["boilerplate"] + sums["symbol"]
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
    }
    counts = Counter(lines)
    features["repeat_page"] = np.log1p(np.array([counts[line] for line in lines], dtype=float) - 1)
    features["teaser"] = np.array([float(line in teaser_lines(lines)) for line in lines])
    scripts = np.vstack([sums[name] for name in ("latin", "cjk", "hangul", "cyrillic", "other_script")])
    shares = scripts / np.maximum(scripts.sum(axis=0), 1)
    weight = np.maximum(length - 40, 0)
    page_script = [sum(row) for row in shares * (weight if weight.sum() > 0 else length)]
    names = ("latin_share", "cjk_share", "hangul_share", "cyrillic_share", "other_share")
    features.update(zip(names, shares))
    features["page_script_match"] = shares[int(np.argmax(page_script))]
    position = np.arange(n, dtype=float)
    features.update(position=position / max(n - 1, 1), from_top=np.log1p(position),
                    from_bottom=np.log1p(n - 1 - position), page_lines=np.full(n, np.log1p(n)),
                    relative_length=length / max(length.max(), 1),
                    length_rank=np.argsort(np.argsort(-length)) / max(n, 1))
    return features


def test_own_features_written_in_place_equal_numpy_element_wise_ones(shared_dir) -> None:
    from newsfuse.extract.linefeatures import OWN_COLUMNS, clean_lines
    from newsfuse.extract.textdump import split_lines

    rng = random.Random(37)
    pieces = ["The ", "river ", "RISES", ", ", ". ", "2024 ", "10:30 ", "日本語の", "기자 ", "Москва ", "©", "«", "»",
              "and ", "share ", "\u0130 ", "x" * 45, "!"]
    pages = [[("".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))).strip() or "x"
              for _ in range(rng.randint(1, 9))] for _ in range(200)]
    paths = sorted((shared_dir / "data" / "textdumps" / "wcxb-dev").glob("*.txt"))[:10]
    pages += [clean_lines(split_lines(path.read_text(encoding="utf-8")))[0] for path in paths]
    for lines in pages:
        own, names = base_features(lines)
        assert tuple(names) == OWN_COLUMNS
        column = dict(zip(names, own.T))
        for name, values in _plain_own_features(lines).items():
            assert np.array_equal(column[name], values), (name, lines)


def test_teasers_are_the_lines_that_start_a_longer_one() -> None:
    from newsfuse.extract.linefeatures import TEASER_MIN_CHARS, _teasers

    rng = random.Random(41)
    pieces = ["The river rose", " overnight", " and", "The river", "x" * 12, " ", "ß", "日本"]
    for _ in range(500):
        lines = tuple("".join(rng.choice(pieces) for _ in range(rng.randint(1, 5))) for _ in range(rng.randint(1, 9)))
        plain = {short for short in lines for long in lines
                 if len(short) >= TEASER_MIN_CHARS and long != short and long.startswith(short)}
        assert _teasers(lines) == plain, lines


def test_length_rank_is_the_double_argsort_of_the_lengths() -> None:
    """The rank column from one argsort and its inverse permutation equals ``argsort(argsort())``,
    ties included."""
    from newsfuse.extract.linefeatures import POSITION_COLUMNS, _position_features

    rng = np.random.default_rng(31)
    for n in [1, 2, 3, 8, 150, 600] * 5:
        length = rng.integers(0, rng.choice([3, 40, 400]), n).astype(float)  # few values: many ties
        out = np.empty((len(POSITION_COLUMNS), n))
        _position_features(length, out)
        assert np.array_equal(out[POSITION_COLUMNS.index("length_rank")], np.argsort(np.argsort(-length)) / n)
