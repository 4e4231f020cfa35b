"""The vectorised shortcuts of the line features and the tree walk give exactly what the
plain computations give: lexicon counts, character counts, timestamps, windows, shifts,
line cleaning, line ends, the features' column-by-column storage and the two tree passes."""
from __future__ import annotations

import random
import re

import numpy as np
import pytest

from newsfuse.extract.lineclassifier import load_classifier
from newsfuse.extract.linefeatures import (
    LEXICON, LOWER_CHANGES_TOKENS, MAX_HASHED_CHARS, TABLE_SIZE, TIMESTAMP, _char_sums, _lexicon_kinds,
    _lexicon_kinds_by_regex, _shifted, _timestamp_spans, _windowed_means, base_features, clean_line, clean_lines,
    context_features, line_features,
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


def _codes_and_patterns(text: str) -> tuple[np.ndarray, np.ndarray]:
    lines = text.split("\n")
    lengths = np.fromiter(map(len, lines), dtype=np.int64, count=len(lines))
    _, codes, pattern = _char_sums(text, lengths)
    return codes, pattern


@pytest.mark.parametrize("text", TEXTS)
def test_lexicon_kinds_match_the_regex_tokens(text: str) -> None:
    codes, pattern = _codes_and_patterns(text)
    assert _lexicon_kinds(text, codes, pattern).tolist() == _lexicon_kinds_by_regex(text).tolist()


def test_lexicon_kinds_on_random_mixes_of_lexicon_words() -> None:
    rng = random.Random(3)
    pieces = sorted(LEXICON) + ["X", "É", "Ä", "А", "1", ",", " ", "-", "_", "ß", "subscribersx", "Advertisement"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", "\n"]) for _ in range(rng.randint(1, 30)))
        codes, pattern = _codes_and_patterns(text)
        assert _lexicon_kinds(text, codes, pattern).tolist() == _lexicon_kinds_by_regex(text).tolist(), text


def test_only_one_table_character_changes_tokens_when_lower_cased() -> None:
    changing = [chr(code) for code in range(TABLE_SIZE)
                if len(chr(code).lower()) != 1 or bool(WORD.match(chr(code))) != bool(WORD.match(chr(code).lower()))]
    assert changing == [LOWER_CHANGES_TOKENS]


def test_character_sums_count_each_line() -> None:
    lines = ["Hello World. It is 2024, OK?", "", "  3 big Dogs!", "日本 語。next"]
    text = "\n".join(lines)
    sums, _, _ = _char_sums(text, np.array([len(line) for line in lines]))
    for i, line in enumerate(lines):
        with_newline = line + ("\n" if i < len(lines) - 1 else "")
        starts = [m.start() for m in re.finditer(r"\w+", line)]
        assert sums["words"][i] == len(starts)
        assert sums["cap_words"][i] == sum(line[s].isupper() for s in starts)
        assert sums["digit_words"][i] == sum(line[s].isdigit() for s in starts)
        assert sums["sentence_gaps"][i] == len(re.findall(r"[.!?。！？…](?=\s)", with_newline))
        assert sums["upper"][i] == sum(c.isupper() for c in line)
        assert sums["space"][i] == sum(c.isspace() for c in with_newline)


def test_windows_and_shifts_match_plain_loops() -> None:
    values = np.random.default_rng(0).random((9, 3))  # 9 rows of 3 columns, passed column by column
    means = _windowed_means(values.T, (3, 7)).T
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


def test_very_long_pages_take_the_regex_path() -> None:
    text = "The news of the day. " * (MAX_HASHED_CHARS // 20)
    codes, pattern = _codes_and_patterns(text)
    assert len(codes) > MAX_HASHED_CHARS
    assert _lexicon_kinds(text, codes, pattern).tolist() == _lexicon_kinds_by_regex(text).tolist()


def test_timestamps_tried_only_where_they_can_start_match_finditer() -> None:
    rng = random.Random(7)
    pieces = ["1", "12", "2024", "12345", "-", ".", "/", ":", " ", "\n", "min", "MINUTES", "hours ", " ago", "days",
              "Hr", "분", "시간", "전", "分钟", "前", "天", "x", "٣", "²", "𝟑", "１", "\t"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        assert _timestamp_spans(text, codes) == [match.span() for match in TIMESTAMP.finditer(text)], text


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
    second = context_features(first, np.linspace(0.1, 0.9, len(lines)))
    assert own.T.flags["C_CONTIGUOUS"] and first.T.flags["C_CONTIGUOUS"] and second.T.flags["C_CONTIGUOUS"]
    assert np.array_equal(first[:, :own.shape[1]], own)
    assert np.array_equal(second[:, :first.shape[1]], first)
    column = dict(zip(names, own.T))
    assert column["ends_colon"].tolist() == [0, 0, 0, 0, 0, 0]
    assert column["repeat_page"].tolist() == [0.0] * len(lines)
    assert column["teaser"].tolist() == [0, 0, 0, 0, 1, 0]  # the cut-off start of the third line
    assert column["ends_sentence"].tolist() == [0, 0, 1, 0, 0, 0]


def test_line_ends_read_from_the_code_points() -> None:
    lines = ["Contents:", "目次：", "Plain line", "End.", "\"Quoted.\""]
    own, names = base_features(lines)
    column = dict(zip(names, own.T))
    assert column["ends_colon"].tolist() == [1, 1, 0, 0, 0]
    assert column["ends_sentence"].tolist() == [0, 0, 0, 1, 1]
