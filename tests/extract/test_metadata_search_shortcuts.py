"""The metadata search shortcuts (lazy line keys, bounded title search, one-pass year search,
cached date and byline answers, the vectorised language identification) give exactly what the
plain searches give, on real text dumps and random text."""
from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from newsfuse.extract.dates import find_dates
from newsfuse.extract.published import _lines_with_year
from newsfuse.extract.textdump import split_lines
from newsfuse.extract.titles import (LOOKBACK_LINES, MIN_REPEAT_CHARS, TOP_LINES, LineIndex, _is_candidate,
                                     _title_score, find_title_line, normalise)

DUMPS_PER_SET = 15


def _dumps(shared_dir: Path) -> list[list[str]]:
    folders = [shared_dir / "seeds", shared_dir / "data" / "textdumps" / "wcxb-dev"]
    paths = [p for folder in folders for p in sorted(folder.glob("*.txt"))[:DUMPS_PER_SET]]
    if not paths:
        pytest.skip("no text dumps found")
    return [split_lines(p.read_text(encoding="utf-8", errors="replace")) for p in paths]


def _plain_repeats(lines: list[str], index: int) -> tuple[int, bool, bool]:
    """Line ``index``'s repeats counted over every line's ``normalise`` form."""
    keys = [normalise(line) for line in lines]
    key = keys[index]
    if len(key) < MIN_REPEAT_CHARS:
        return 0, False, False
    top = "\n".join(keys[:TOP_LINES])
    return "\n".join(keys).count(key) - 1, Counter(keys)[key] > 1, top.count(key) > (index < TOP_LINES)


def _plain_title_line(lines: list[str], first_body: int) -> int | None:
    """The first line with the highest positive score, every candidate scored."""
    index_of = LineIndex(lines)
    best, best_score = None, 0.0
    for index in range(max(0, first_body - LOOKBACK_LINES), min(first_body, len(lines))):
        if _is_candidate(lines[index].strip()):
            score = _title_score(index_of, index, first_body)
            if score > best_score:
                best, best_score = index, score
    return best


def test_repeats_match_counting_over_every_line(shared_dir: Path) -> None:
    checked = 0
    for lines in _dumps(shared_dir):
        index_of = LineIndex(lines)
        for index in range(0, len(lines), 3):
            assert index_of.repeats(index) == _plain_repeats(lines, index)
            checked += 1
    assert checked > 100


def test_bounded_title_search_picks_the_exhaustive_best(shared_dir: Path) -> None:
    for lines in _dumps(shared_dir):
        for first_body in range(5, len(lines), 17):
            assert find_title_line(LineIndex(lines), first_body) == _plain_title_line(lines, first_body)


def test_repeated_headline_line_is_counted() -> None:
    lines = ["Rivers rise across the northern valley | Daily", "menu", "Rivers rise across the northern valley", "x"]
    repeats, identical, at_top = LineIndex(lines).repeats(2)
    assert (repeats, identical, at_top) == (1, False, True)


def test_year_search_keeps_exactly_the_lines_with_dates(shared_dir: Path) -> None:
    for lines in _dumps(shared_dir):
        zone = list(range(len(lines)))
        with_year = set(_lines_with_year(lines, zone))
        assert {i for i in zone if find_dates(lines[i])} <= with_year


def test_top_lines_alone_give_the_at_top_term(shared_dir: Path) -> None:
    for lines in _dumps(shared_dir):
        index_of = LineIndex(lines)
        for index in range(0, min(len(lines), LOOKBACK_LINES)):
            assert index_of.at_top(index) == index_of.repeats(index)[2]


def testletter_count_counts_what_isalpha_counts() -> None:
    from newsfuse.extract.titles import letter_count

    texts = _random_texts(13, 300) + ["".join(map(chr, range(128))), "ASCII only, 123 _ letters!"]
    assert [letter_count(text) for text in texts] == [sum(map(str.isalpha, text)) for text in texts]


def _random_texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    pieces = ["the ", "news ", "und ", "der ", "la ", "noticia ", "новости ", "日本語の", "뉴스 ", "新闻", "é", "ß", "\u0301",
              "A", "ZZ", ". ", ", ", "2024 ", "!", "\ufeff", "¿", "ǅ", "\U0001f600", "  ", "\n"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 80))) for _ in range(count)]


def test_vectorised_language_walk_visits_what_py3langid_counts() -> None:
    from py3langid import langid

    from newsfuse.extract.language import _classify

    fast = _classify().__self__
    identifier = langid._get_identifier()
    for text in _random_texts(11, 300):
        data = identifier._encode(text)
        expected = langid.visit_counts(identifier.tk_nextmove, identifier._rowbase, identifier.tk_output, data) or {}
        features, counts = fast.feature_counts(data)
        assert list(zip(features.tolist(), counts.tolist())) == list(expected.items()), text


def test_language_weights_widen_like_numpy_casts_them() -> None:
    import numpy as np

    from py3langid import langid

    from newsfuse.extract.kernels import widened_rows
    from newsfuse.extract.language import _classify

    fast = _classify().__self__
    table = langid._get_identifier().nb_ptc
    rows = np.random.default_rng(4).integers(0, len(table), 300)
    weights = np.empty((len(rows), table.shape[1]), dtype=np.float32)
    widened_rows(fast.weight_patterns, rows, fast.widened, weights)
    assert np.array_equal(weights, table[rows].astype(np.float32))


def test_vectorised_language_id_names_what_py3langid_names(shared_dir: Path) -> None:
    from py3langid import langid

    from newsfuse.extract.language import SAMPLE_CHARS, _classify

    texts = _random_texts(12, 500) + [" ".join(lines)[:SAMPLE_CHARS] for lines in _dumps(shared_dir)]
    texts += [" ".join(lines)[-SAMPLE_CHARS:] for lines in _dumps(shared_dir)]
    classify = _classify()
    assert [classify(text) for text in texts] == [langid.classify(text)[0] for text in texts]


def _plain_dates(text: str) -> list:
    """``find_dates`` without the cache and without skipping patterns that lack their characters."""
    from newsfuse.extract.dates import HAS_YEAR, PATTERNS, FoundDate, _from_match

    if not HAS_YEAR.search(text):
        return []
    found, taken = [], []
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            value = _from_match(match)
            if value is not None:
                groups = match.groupdict()
                taken.append(match.span())
                found.append(FoundDate(value, match.start(), match.end(), has_weekday=bool(groups.get("weekday")),
                                       has_time=bool(groups.get("time"))))
    return sorted(found, key=lambda d: d.start)


def test_cached_date_search_finds_what_every_pattern_finds(shared_dir: Path) -> None:
    rng = random.Random(13)
    pieces = ["2024", "2019", "-", "/", ".", "05", "12", "31", "年", "月", "日", "년", "월", "일", " ", "May ", "Sept. ", "ſep ",
              "OCT. ", "DEC", "\u212aey ", "İ", "ſat ", "ſun, ", "٣", "١٢/", "Mon. ", "wed ", "Thurs. ", "1st ",
              "Tuesday, ", "3rd ", "of ", ",", " at 10:30 pm", "T09:15", "x", "\n"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 14))) for _ in range(3000)]
    texts += [line for lines in _dumps(shared_dir) for line in lines]
    for text in texts + texts:  # the second time from the cache
        assert find_dates(text) == _plain_dates(text), text


def test_cached_answers_are_fresh_lists() -> None:
    from newsfuse.extract.bylines import parse_byline

    line = "By Jane Doe and John Roe, 2024-05-02"
    parse_byline(line).append("Someone Else")
    find_dates(line).clear()
    assert parse_byline(line) == ["Jane Doe", "John Roe"]
    assert [found.value.isoformat() for found in find_dates(line)] == ["2024-05-02"]


def test_keys_of_a_run_of_lines_match_normalise() -> None:
    rng = random.Random(17)
    pieces = ["Word", "ΣΟΦΟΣ", "σ", "İ", "ß", " ", "  ", "-", "—", "…", "\t", "'", "_", "١٢", "日本", "!", "\u200b"]
    for _ in range(300):
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(rng.randint(1, 6))]
        index_of = LineIndex(lines)
        index_of.add_keys(range(len(lines)))
        assert [index_of.key(i) for i in range(len(lines))] == [normalise(line) for line in lines]
    index_of = LineIndex(["one\ntwo", "three"])
    index_of.add_keys(range(2))  # a line holding a line break: keys made line by line
    assert [index_of.key(0), index_of.key(1)] == ["one two", "three"]


def test_year_search_finds_exactly_the_lines_holding_a_year() -> None:
    from newsfuse.extract.dates import HAS_YEAR

    rng = random.Random(19)
    pieces = ["2024", "19", "99", "20", "x", " ", "\u2028", "1"]
    for _ in range(2000):
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 5))) for _ in range(rng.randint(0, 8))]
        zone = sorted(rng.sample(range(len(lines)), rng.randint(0, len(lines))))
        assert _lines_with_year(lines, zone) == [i for i in zone if HAS_YEAR.search(lines[i])], (lines, zone)


def _plain_before_byline(index_of: LineIndex, index: int, first_body: int) -> bool:
    """Whether one of the next three non-empty lines up to ``first_body`` holds a byline or a date."""
    from itertools import islice

    from newsfuse.extract.bylines import parse_byline

    lines = index_of.lines
    following = islice((j for j in range(index + 1, min(first_body + 1, len(lines))) if lines[j].strip()), 3)
    return any(find_dates(lines[j]) or parse_byline(lines[j]) for j in following)


def test_byline_term_looks_at_the_next_three_non_empty_lines(shared_dir: Path) -> None:
    rng = random.Random(23)
    pieces = ["", "  ", "By Jane Doe", "May 2, 2024", "Some words here", "menu", "2024-05-02 10:00"]
    pages = [[rng.choice(pieces) for _ in range(rng.randint(1, 12))] for _ in range(400)] + _dumps(shared_dir)
    checked = 0
    for lines in pages:
        index_of = LineIndex(lines)
        for index in range(0, len(lines), 2):
            for first_body in (index + 1, index + 3, index + 9, len(lines)):
                assert index_of.before_byline(index, first_body) == _plain_before_byline(index_of, index, first_body)
                checked += 1
    assert checked > 1000


def test_repeats_match_counting_on_random_lines() -> None:
    """Line breaks inside lines, ``İ`` (lower-cased to two characters) and final sigmas: the
    counts from searching the lower-cased page are those over every line's key."""
    rng = random.Random(29)
    pieces = ["rivers rise ", "Rivers Rise", "RIVERS ", "rise", "İstanbul ", "istanbul", "ΣΟΦΟΣ ", "σοφος", "\n",
              " - ", "valley", "Valley ", "ß", "x"]
    for _ in range(1500):
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 7))) for _ in range(rng.randint(1, 8))]
        index_of = LineIndex(lines)
        for index in range(len(lines)):
            assert index_of.repeats(index) == _plain_repeats(lines, index), (lines, index)


def test_bio_search_finds_what_the_pattern_of_every_name_finds() -> None:
    """Only paragraphs opening with a name are matched against the names' pattern: the same
    answers as matching every one of the last paragraphs."""
    import random
    import re

    from newsfuse.extract.chrome import BIO_REACH, BIO_VERB, MAX_BIO_WORDS, MIN_FIRST_NAME_CHARS, author_bio_start

    def plain(paragraphs: list[str], names: list[str]) -> int | None:
        keys = {key for name in names for key in (name, name.split()[0])
                if len(key) >= MIN_FIRST_NAME_CHARS and key[:1].isupper()}
        if not keys:
            return None
        opening = re.compile("(?:" + "|".join(map(re.escape, sorted(keys, key=len, reverse=True))) + ")" + BIO_VERB)
        return next((p for p in range(max(1, len(paragraphs) - BIO_REACH), len(paragraphs))
                     if len(paragraphs[p].split(" ")) <= MAX_BIO_WORDS and opening.match(paragraphs[p])), None)

    rng = random.Random(43)
    openings = ["Jane Doe is a reporter.", "Jane has covered courts.", "Janet writes.", "The river rose.",
                "Jane Doe, MD, is a doctor.", "Bo is here.", "jane is lower.", "Jane Doe " + "word " * 130 + "is."]
    for _ in range(2000):
        paragraphs = [rng.choice(openings) for _ in range(rng.randint(0, 6))]
        names = rng.sample(["Jane Doe", "Bo Li", "Mary Major", "al Smith"], rng.randint(0, 2))
        assert author_bio_start(paragraphs, names) == plain(paragraphs, names), (paragraphs, names)


def test_bounded_title_search_picks_the_exhaustive_best_on_random_pages() -> None:
    """Random pages of headline-like, chrome, dated, bracketed, short and repeated lines: the
    bounded search with its inlined candidate tests picks what scoring every candidate picks."""
    rng = random.Random(47)
    pieces = ["Rivers rise across the northern valley", "Rivers Rise Across The Valley", "Home", "menu",
              "By Jane Doe", "May 2, 2024", "Published 2024-05-02 10:00", "(ATTN: editors) note here", "Share this",
              "The council met on Tuesday to discuss the plan.", "Read more...", "A B", "x" * 310,
              "Storm | Daily Times", "12 34 56 78", "", "  ", "Élan vital returns to İstanbul streets"]
    for _ in range(600):
        lines = [rng.choice(pieces) for _ in range(rng.randint(1, 30))]
        for first_body in {0, len(lines) // 2, len(lines) - 1, len(lines)}:
            assert find_title_line(LineIndex(lines), first_body) == _plain_title_line(lines, first_body), (lines, first_body)


def test_keys_of_any_lines_match_normalise() -> None:
    rng = random.Random(53)
    pieces = ["Word", "ΣΟΦΟΣ", "İ", " ", "-", "…", "\t", "_", "日本", "\n"]
    for _ in range(300):
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))) for _ in range(rng.randint(1, 8))]
        picked = sorted(rng.sample(range(len(lines)), rng.randint(0, len(lines))))
        index_of = LineIndex(lines)
        index_of.add_keys(picked)
        assert [index_of.key(i) for i in range(len(lines))] == [normalise(line) for line in lines]


def test_lines_found_by_their_places_are_those_found_by_counting_line_breaks() -> None:
    """Where lower-casing keeps the page's length, the lines holding a word come from their
    places in the page; the same lines as counting the line breaks before each place."""
    rng = random.Random(59)
    pieces = ["rivers rise ", "Rivers Rise", "rise", "ΣΟΦΟΣ ", "σοφος", "valley", "Valley ", "ß", "x", " ", "rise rise"]
    checked = 0
    for _ in range(1500):
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))) for _ in range(rng.randint(1, 9))]
        index_of = LineIndex(lines)
        assert index_of._line_starts()  # no character here changes its length when lower-cased
        for index, line in enumerate(lines):
            words = normalise(line).split(" ")
            if words != [""]:
                longest = max(words, key=len)
                assert index_of._lines_holding(words, index) == index_of._lines_holding_counted(words, longest)
                checked += 1
    assert checked > 3000
    assert not LineIndex(["İstanbul rivers", "rivers"])._line_starts()  # "İ" lower-cases to two characters
