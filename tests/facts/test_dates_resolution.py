"""Dates resolved against references: weekdays, ranges, relative periods, year-less datelines."""
from __future__ import annotations

from datetime import date

import pytest

from newsfuse.facts.dates import resolve
from newsfuse.facts.reference import story_references
from newsfuse.model import Article, Dateline

FRIDAY = date(2023, 10, 13)


def span(text: str, reference: date = FRIDAY) -> tuple[str, str, str]:
    resolved = resolve(text, reference)
    assert resolved is not None, text
    return resolved.start.isoformat(), resolved.end.isoformat(), resolved.granularity


@pytest.mark.parametrize("text, expected", [
    ("Friday", "2023-10-13"),  # same weekday as the reference: that day
    ("on Wednesday", "2023-10-11"),
    ("Saturday", "2023-10-07"),  # never after the reference
    ("last Friday", "2023-10-06"),
])
def test_weekday_is_most_recent_on_or_before_reference(text: str, expected: str) -> None:
    assert span(text)[:2] == (expected, expected)


@pytest.mark.parametrize("text, expected", [
    ("between Sept. 7 and Oct. 1", ("2023-09-07", "2023-10-01", "day")),
    ("between September 7 and October 1", ("2023-09-07", "2023-10-01", "day")),
    ("Sept. 7-8", ("2023-09-07", "2023-09-08", "day")),
])
def test_ranges(text: str, expected: tuple) -> None:
    assert span(text) == expected


def test_range_across_new_year_takes_the_start_year_from_the_end() -> None:
    assert span("from Dec. 28 to Jan. 3", date(2023, 1, 10)) == ("2022-12-28", "2023-01-03", "day")


@pytest.mark.parametrize("text, expected", [
    ("last month's", ("2023-09-01", "2023-09-30", "month")),
    ("in September", ("2023-09-01", "2023-09-30", "month")),
    ("in early September", ("2023-09-01", "2023-09-10", "month")),
    ("last year", ("2022-01-01", "2022-12-31", "year")),
    ("last week", ("2023-10-02", "2023-10-08", "week")),
    ("yesterday", ("2023-10-12", "2023-10-12", "day")),
    ("Sept. 13", ("2023-09-13", "2023-09-13", "day")),
])
def test_relative_periods_with_granularity(text: str, expected: tuple) -> None:
    assert span(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("earlier this month", ("2023-10-01", "2023-10-31", "month")),
    ("later this year", ("2023-01-01", "2023-12-31", "year")),
])
def test_earlier_and_later_state_the_whole_period(text: str, expected: tuple) -> None:
    assert span(text) == expected


def test_year_less_date_prefers_the_near_past_but_allows_the_near_future() -> None:
    assert span("Jan. 5", date(2023, 12, 28))[0] == "2024-01-05"
    assert span("March", FRIDAY)[0] == "2023-03-01"


@pytest.mark.parametrize("text", ["six-day", "11-month-old", "78", "less than a month", "the early days"])
def test_durations_and_ages_are_not_dates(text: str) -> None:
    assert resolve(text, FRIDAY) is None


def article(article_id: str, body: str, dateline: Dateline | None = None, published: str | None = None) -> Article:
    return Article(id=article_id, source=article_id, body=[body], dateline=dateline, published=published)


def test_year_less_dateline_takes_year_from_published() -> None:
    wire = article("a", "WASHINGTON -- The ministry said Friday.", Dateline("WASHINGTON", "10-13"), "2023-10-14")
    references, event = story_references([wire])
    assert references["a"].date == FRIDAY and references["a"].source == "dateline"
    assert event == FRIDAY


def test_year_less_dateline_takes_year_from_the_story() -> None:
    dated = article("a", "The ministry said Friday.", Dateline("X", "2023-10-13"))
    yearless = article("b", "Washington, Oct 13 (EFE).- The ministry said Friday.")
    references, _ = story_references([dated, yearless])
    assert references["b"].date == FRIDAY


def test_chrome_date_is_not_the_reference_when_the_story_has_a_dateline() -> None:
    wire = article("a", "PARIS, Oct. 13 (AFP) -- Officials said Friday.", published="2023-10-13")
    repost = article("b", "Officials said Friday that talks had failed.", published="2023-12-12")
    references, event = story_references([wire, repost])
    assert event == FRIDAY
    assert references["b"].date == FRIDAY and references["b"].source == "story"


def test_late_published_date_is_kept_without_a_weekday() -> None:
    wire = article("a", "PARIS, Oct. 13 (AFP) -- Officials said Friday.", published="2023-10-13")
    analysis = article("b", "Two months on, the talks are still stalled.", published="2023-12-12")
    references, _ = story_references([wire, analysis])
    assert references["b"].date == date(2023, 12, 12) and references["b"].source == "published"


def test_article_without_dates_uses_the_story_date() -> None:
    wire = article("a", "ROME, 2023-10-13 -- x", Dateline("ROME", "2023-10-13"))
    undated = article("b", "Officials said Friday.")
    references, _ = story_references([wire, undated])
    assert references["b"].date == FRIDAY and references["b"].source == "story"


def test_lead_dateline_with_region_is_read_when_extraction_left_none() -> None:
    wire = article("a", "SPLIT, Croatia, March 4 (APA) -- Passengers were evacuated on Tuesday.", published="2025-03-05")
    references, event = story_references([wire])
    assert references["a"].source == "dateline" and event == date(2025, 3, 4)


def test_year_less_dateline_in_an_undated_story_takes_the_year_its_weekday_fits() -> None:
    wire = article("a", "WASHINGTON, Oct. 13 (Yonhap) -- Officials said Friday that talks failed.")
    references, _ = story_references([wire])
    assert references["a"].date.weekday() == 4 and (references["a"].date.month, references["a"].date.day) == (10, 13)
    assert references["a"].date <= date.today()


def test_without_datelines_the_first_report_dates_the_story() -> None:
    first = article("a", "Officials said Friday.", published="2023-10-13")
    reposts = [article(name, "Officials said Friday.", published="2023-12-12") for name in ("b", "c")]
    references, event = story_references([first, *reposts])
    assert event == FRIDAY
    assert {references[name].date for name in ("b", "c")} == {FRIDAY}


@pytest.mark.parametrize("text, expected", [
    ("Friday", "2023-10-13"),  # the reference's own weekday, looking forward: that day
    ("Monday", "2023-10-16"), ("next Friday", "2023-10-20"),
])
def test_weekday_looking_forward_is_from_the_reference_on(text: str, expected: str) -> None:
    resolved = resolve(text, FRIDAY, "future")
    assert resolved is not None and resolved.start.isoformat() == expected


def test_an_ago_past_the_calendar_is_none() -> None:
    """A count of thousands of digits (past ``int``'s limit for a string) or a day before year 1
    is no date, and no error."""
    assert resolve("9" * 5_000 + " days ago", FRIDAY) is None
    assert resolve("10000 years ago", FRIDAY) is None
    assert resolve("9999999999 days ago", FRIDAY) is None
    assert span("3 days ago") == ("2023-10-10", "2023-10-10", "day")
    assert span("12000 days ago") == ("1990-12-05", "1990-12-05", "day")
