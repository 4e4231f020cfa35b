"""The pieces of windowed stories that run without Spark: windows, stitching, prefix weights."""
from __future__ import annotations

from collections import Counter

import pytest

pytest.importorskip("sklearn")

from newsfuse.model import Article  # noqa: E402
from newsfuse.spark.stories import _features, _prefix_counts, plan_windows, stitch, window_length  # noqa: E402
from newsfuse.stories import arrival_order  # noqa: E402
from newsfuse.stories.features import article_terms, stream_features  # noqa: E402


def test_windows_follow_dates_and_undated_go_with_the_article_before():
    days = [None, 100, 101, None, 130, 131, 200, None]
    windows, firsts, ends = plan_windows(days, length=30, lead_in=10)
    assert windows == [0, 0, 0, 0, 1, 1, 2, 2]  # 200 is in slot 3: empty slots are skipped
    assert firsts == [0, 4, 6]  # lead-ins: nothing before day 120, nothing in days 180-189
    assert ends == [4, 6, 8]  # no lead-out: each window ends with its own articles
    assert plan_windows(days, length=30, lead_in=10, lead_out=30)[2] == [6, 6, 8]  # window 0 (to day 101) replays 130, 131


def test_lead_in_reaches_back_into_earlier_windows():
    days = [10, 20, 25, 40, 41, 70]
    assert plan_windows(days, length=30, lead_in=15)[:2] == ([0, 0, 0, 1, 1, 2], [0, 2, 5])  # window 1 from day 25
    assert plan_windows(days, length=30, lead_in=30)[1] == [0, 0, 3]  # window 2 (day 70) from day 40


def test_undated_stream_is_one_window():
    assert plan_windows([None, None], 30, 30) == ([0, 0], [0], [2])
    assert window_length([None], 30, 2) == 30
    assert window_length([0, 99], 30, 2) == 50


def test_stitch_joins_a_window_story_to_the_earlier_story_of_most_of_its_lead_in():
    window_of = {"a": 0, "b": 0, "c": 0, "d": 1, "e": 1, "f": 1, "g": 2}
    first = [["a", "b"], ["c", "d", "f"]]  # d and f: window 0's lead-out, placed by window 1
    second = [["b", "c", "a", "d"], ["e", "g"], ["c", "f"]]  # lead-in a, b, c; lead-out g
    assert stitch([first, second], window_of) == [["a", "b", "d"], ["c", "f"], ["e"]]


def _article(number: int, text: str, day: int | None) -> Article:
    return Article(id=f"a{number}", source="test", title=text.split(".")[0], body=[text],
                   published=f"2024-01-{day:02d}" if day else None)


def test_prefix_counts_give_the_local_stream_weights():
    texts = ["Flood in Dresden. The river Elbe rose by 3 metres.", "The Elbe flood reached Dresden on Monday.",
             "Elections in Peru. Voters chose a new congress.", "Dresden counts the flood damage along the Elbe.",
             "Peru congress meets after elections."]
    articles = [_article(n, text, day) for n, text in enumerate(texts) for day in [(n * 7) % 5 + 1 if n != 2 else None]]
    ordered = arrival_order(articles, lambda a: a.reference_date, lambda a: a.id)
    local = {f.id: f for f in stream_features(ordered)}
    terms = [article_terms(a) for a in ordered]
    counts: dict[int, dict[str, int]] = {p: {} for p in range(len(terms))}
    positions: dict[str, list[int]] = {}
    for position, item in enumerate(terms):
        for term in set(item.words) | set(item.names):
            positions.setdefault(term, []).append(position)
    for term, held in positions.items():
        for position, (name, rank) in _prefix_counts((term, list(reversed(held)))):
            counts[position][name] = rank
    assert Counter(len(c) for c in counts.values())  # every article has terms
    for position, item in enumerate(terms):
        assert _features(item, position, counts[position]) == local[item.id]
