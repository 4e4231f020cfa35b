"""Cohesion with the page's main block: the words of each line hashed once (lower-cased
runs of word characters, content words marked), the main block found, and the share of a
line's content words that another line of the block uses, counted as sets of words would."""
from __future__ import annotations

import re

import numpy as np
import pytest

from newsfuse.extract.cohesion import BODY_PROBABILITY, cohesion, line_words
from newsfuse.extract.kernels import main_block as compiled_main_block

LINES = [
    "The River rose overnight, the river kept rising",
    "By Jane Doe",
    "---",
    "Share on Facebook İstanbul ß STRASSE straße",
    "日本語の記事 the 新闻 기자",
    "Москва и Киев: the the the",
    "An emoji 😀 between words, a math letter the\U0001d400x",
]


def test_words_are_the_lower_cased_word_runs_of_each_line() -> None:
    found = line_words(LINES)
    tokens = [re.findall(r"\w+", line.replace("\U0001d400", " ")) for line in LINES]
    assert np.bincount(found.line, minlength=len(LINES)).tolist() == [len(words) for words in tokens]
    assert found.content.tolist() == [len(word) >= 4 and word.isalpha() for line in tokens for word in line]
    by_word: dict[str, set[int]] = {}
    for word, hashed in zip([word.lower() for line in tokens for word in line], found.word_hash.tolist()):
        by_word.setdefault(word, set()).add(hashed)
    assert all(len(hashes) == 1 for hashes in by_word.values())  # a word has one hash, whatever its case
    assert len(set.union(*by_word.values())) == len(by_word)  # and distinct words distinct ones


def main_block(words_per_line: np.ndarray, probability: np.ndarray) -> tuple[int, int]:
    """The main block by prefix sums in numpy: the first best end, the first lowest start before it."""
    running = np.concatenate([[0.0], np.cumsum((probability - BODY_PROBABILITY) * words_per_line)])
    end = int(np.argmax(running[1:] - np.minimum.accumulate(running[:-1])))
    return int(np.argmin(running[:end + 1])), end


def test_compiled_main_block_matches_prefix_sums() -> None:
    rng = np.random.default_rng(5)
    for _ in range(300):
        n = int(rng.integers(1, 40))
        words = rng.integers(1, 4, n).astype(float)  # small counts and few probability values: many ties
        probability = rng.choice([0.1, 0.5, 0.9], n)
        assert compiled_main_block(words, probability, BODY_PROBABILITY) == main_block(words, probability)


def test_main_block_is_the_run_with_most_confident_words() -> None:
    words = np.array([30, 30, 30, 30, 30, 2, 30], dtype=float)
    assert main_block(words, np.array([0.9, 0.9, 0.1, 0.1, 0.9, 0.1, 0.9])) == (0, 1)  # two low lines cost more
    assert main_block(words, np.array([0.9, 0.9, 0.1, 0.9, 0.9, 0.1, 0.9])) == (0, 6)  # than one low line does
    start, end = main_block(words, np.full(7, 0.1))
    assert start == end


def test_cohesion_is_the_share_of_content_words_the_main_block_uses() -> None:
    lines = [
        "Floodwater reached the river bridge before dawn",
        "Residents near the bridge left their homes as floodwater rose",
        "Officials said the river would crest on Friday",
        "About the author: Mary writes about gardening and recipes",
    ]
    both = cohesion(lines, np.array([0.9, 0.9, 0.9, 0.8]))
    assert both.shape == (4, 4)
    assert both[0, 0] == pytest.approx(3 / 6)  # floodwater, river, bridge of six content words
    assert both[0, 3] == 0.0  # the bio talks about something else
    assert both[1].tolist() == pytest.approx(np.log1p([6, 8, 6, 6]).tolist())
    assert both[2].tolist() == pytest.approx([np.mean(both[0, :2]), np.mean(both[0, :3]), np.mean(both[0, 1:]),
                                              np.mean(both[0, 2:])])  # over three lines, fewer at the edges
    assert both[3].tolist() == pytest.approx([np.mean(both[0])] * 4)
    assert cohesion([], np.zeros(0)).shape == (4, 0)


def _plain_cohesion(lines: list[str], probability: np.ndarray) -> np.ndarray:
    """Cohesion computed with sets of words, line by line."""
    content = [{word.lower() for word in re.findall(r"\w+", line) if len(word) >= 4 and word.isalpha()}
               for line in lines]
    start, end = main_block(np.array([len(re.findall(r"\w+", line)) + 1.0 for line in lines]), probability)
    out = np.zeros((4, len(lines)))
    for i, words in enumerate(content):
        others = set().union(*(content[j] for j in range(start, end + 1) if j != i))
        out[0, i] = len(words & others) / max(len(words), 1)
        out[1, i] = np.log1p(len(words))
    for row, half in ((2, 1), (3, 3)):
        out[row] = [out[0, max(0, i - half):i + half + 1].mean() for i in range(len(lines))]
    return out


def test_cohesion_matches_sets_of_words_on_random_pages() -> None:
    rng = np.random.default_rng(4)
    vocabulary = "river bridge water flood Flood RIVER town mayor said the of 2024 x1y2 rain storm dams".split()
    for _ in range(50):
        lines = [" ".join(rng.choice(vocabulary, rng.integers(1, 12))) for _ in range(rng.integers(1, 15))]
        probability = rng.random(len(lines))
        assert cohesion(lines, probability) == pytest.approx(_plain_cohesion(lines, probability))


def test_a_page_of_repeated_words_fills_no_more_than_its_table() -> None:
    lines = ["word " * 3000, "other words here"] * 3
    both = cohesion(lines, np.full(len(lines), 0.9))
    assert both[0].tolist() == [1.0] * len(lines)
