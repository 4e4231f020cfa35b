"""Dates as TimeML reads them: quarters, seasons, placed months, vague references, the discourse
anchor ("a year earlier", "the quarter"), spans read in parts, and the TIMEX3 values of the eval."""
from __future__ import annotations

from datetime import date

import pytest

from newsfuse.eval.dates import timex_value
from newsfuse.facts.dates import find_dates, resolve
from newsfuse.facts.nlp import load_nlp
from newsfuse.facts.reference import Reference

REFERENCE = date(1989, 11, 2)  # a Thursday


def value(text: str, reference: date = REFERENCE, tense: str = "") -> str:
    resolved = resolve(text, reference, tense)
    assert resolved is not None, text
    fact = {"value": {"start": resolved.start.isoformat(), "end": resolved.end.isoformat(),
                      "granularity": resolved.granularity},
            "context": {"season": resolved.season, "range": resolved.range}}
    return timex_value(fact)


@pytest.mark.parametrize("text, expected", [
    ("the third quarter", "1989-Q3"), ("third-quarter", "1989-Q3"), ("the fourth quarter", "1989-Q4"),
    ("fiscal 1990's first quarter", "1990-Q1"), ("the year-ago third quarter", "1988-Q3"),
    ("next year's first quarter", "1990-Q1"), ("the third quarter of 1984", "1984-Q3"),
    ("the 1990s", "199"), ("the early 1980s", "198"), ("fiscal 1989", "1989"),
    ("nineteen ninety-six", "1996"), ("the year two thousand", "2000"), ("the nineties", "199"),
    ("the '80s", "198"), ("Friday Oct. 13", "1989-10-13"),
])
def test_quarters_decades_and_years(text: str, expected: str) -> None:
    assert value(text) == expected


@pytest.mark.parametrize("text, reference, expected", [
    ("last May", date(1998, 2, 6), "1997-05"), ("last April", REFERENCE, "1989-04"),
    ("this September", date(1998, 3, 1), "1998-09"), ("June last year", date(1998, 2, 6), "1997-06"),
    ("last fall", date(1999, 4, 10), "1998-FA"), ("this summer", date(1998, 3, 22), "1998-SU"),
    ("late last July", date(1998, 2, 6), "1997-07"), ("earlier this month", REFERENCE, "1989-11"),
    ("early next year", REFERENCE, "1990"), ("the end of 1990", REFERENCE, "1990"),
    ("late yesterday", REFERENCE, "1989-11-01"), ("the last decade", date(1998, 2, 6), "198"),
    ("the twenties", date(1998, 2, 6), "192"), ("the weekend", date(1990, 8, 13), "1990-W32-WE"), ("earlier this week", REFERENCE, "1989-W44"),
])
def test_placed_months_seasons_and_modifiers(text: str, reference: date, expected: str) -> None:
    assert value(text, reference) == expected


@pytest.mark.parametrize("text", ["now", "currently", "recently", "in recent weeks", "weeks ago", "the future",
                                  "the coming months", "the near term"])
def test_vague_references_are_recognised_as_no_date(text: str) -> None:
    resolved = resolve(text, REFERENCE)
    assert resolved is not None and resolved.vague, text


def test_vague_references_are_no_date_facts() -> None:
    found = facts("Sales are now weak and fell recently, in recent weeks and months ago; the company "
                  "currently sees no change in the near future or the coming months, it said Tuesday.")
    assert found == [("Tuesday", "1989-10-31")]


def test_future_weekday_and_month_in_a_forward_looking_sentence() -> None:
    assert value("Friday", tense="future") == "1989-11-03"
    assert value("Friday") == "1989-10-27"
    assert value("January", tense="future") == "1990-01"


def facts(text: str) -> list[tuple[str, str]]:
    found = find_dates("a", load_nlp()(text), Reference(REFERENCE, "published"))
    return [(f.mention.text, timex_value({"value": f.value | {"granularity": f.context["granularity"]},
                                          "context": f.context})) for f in found]


def test_a_year_earlier_is_the_period_last_named_a_year_before() -> None:
    found = dict(facts("Third-quarter net income rose 12% from a year earlier. "
                       "Sales in the quarter were flat compared with the year-ago period."))
    assert found["a year earlier"] == "1988-Q3" and found["the quarter"] == "1989-Q3"
    assert found["the year-ago period"] == "1988-Q3"


def test_an_entity_joining_two_dates_is_read_in_parts() -> None:
    found = facts("Net rose in the quarter ended Sept. 30. He was there between 1994 and 1997. "
                  "It expects a loss for the year ending June 30, 1990.")
    assert ("Sept. 30", "1989-09-30") in found and ("1994", "1994") in found and ("1997", "1997") in found
    assert ("June 30, 1990", "1990-06-30") in found


def test_an_age_is_no_date() -> None:
    assert facts("The 6-year-old boy is now in Miami, officials said Tuesday.") == [("Tuesday", "1989-10-31")]


def test_plans_and_the_simple_present_look_forward_to_a_weekday() -> None:
    found = dict(facts("He and Arafat meet separately Monday with Albright. The league has scheduled a news "
                       "conference Friday. Weakness in stocks hurt the index on Tuesday."))
    assert found == {"Monday": "1989-11-06", "Friday": "1989-11-03", "Tuesday": "1989-10-31"}


@pytest.mark.parametrize("text, reference, expected", [
    ("Thanksgiving Day", date(2000, 1, 7), "1999-11-25"), ("last Thanksgiving", date(2000, 2, 10), "1999-11-25"),
    ("Election Day", date(1998, 10, 26), "1998-11-03"), ("Easter", date(2000, 4, 17), "2000-04-23"),
    ("Christmas Eve", REFERENCE, "1989-12-24"), ("Memorial Day 1999", REFERENCE, "1999-05-31"),
    ("the week of March 6", date(2000, 2, 24), "2000-W10"),
])
def test_holidays_and_the_week_of_a_day(text: str, reference: date, expected: str) -> None:
    assert value(text, reference) == expected


def test_a_holiday_naming_a_kind_of_thing_is_no_date() -> None:
    assert facts("He was found on Thanksgiving Day. Christmas trees sold well.") == [("Thanksgiving Day", "1988-11-24")]


def test_a_year_earlier_after_the_nine_months_is_that_year() -> None:
    found = facts("Third-quarter net rose 12% from a year earlier. For the nine months, net rose 5% from "
                  "a year earlier. Net for the year-earlier nine months included a gain. In the latest quarter, "
                  "sales fell from a year earlier.")
    assert [v for t, v in found if t.lower().endswith(("earlier", "nine months"))] == ["1988-Q3", "1988", "1988", "1988-Q3"]


def test_a_weekday_before_a_date_is_one_date_with_it() -> None:
    found = facts("$14 million flowed out Friday Oct. 13 alone. The board met Monday, Oct. 23, in Paris.")
    assert found == [("Friday Oct. 13", "1989-10-13"), ("Monday, Oct. 23", "1989-10-23")]


def test_a_yearless_date_named_again_keeps_its_reading_unless_its_sentence_places_it() -> None:
    found = facts("The members are expected to join in March. The summit in March is the first. "
                  "The index peaked in March, he said.")
    assert [value for text, value in found if text == "March"] == ["1990-03", "1990-03", "1989-03"]


def test_a_weekday_in_apposition_to_a_date_is_no_date_of_its_own() -> None:
    found = facts("The awards will be broadcast live on Oscar Sunday, March 2, 1990, on the ABC Television Network. "
                  "Shares were bought from Oct. 2 to Tuesday.")
    assert found == [("March 2, 1990", "1990-03-02"), ("Oct. 2", "1989-10-02"), ("Tuesday", "1989-10-31")]


def test_a_decade_with_an_apostrophe_is_the_decade_not_its_first_year() -> None:
    found = facts("He led the family from the 1930's to the 1960's and in the late 1980's. "
                  "The 1990's budget was cut.")
    assert found == [("1930's", "193"), ("1960's", "196"), ("the late 1980's", "198"), ("1990's", "1990")]


def test_a_quarter_of_play_in_a_game_report_is_no_date() -> None:
    game = facts("Luck threw a touchdown pass late in the fourth quarter. The interception came in the "
                 "second quarter, and the Colts reached the playoffs.")
    assert game == []
    results = facts("Earnings rose in the fourth quarter; profit in the third quarter of 1988 fell, "
                    "the quarterback of the company said.")
    assert [value for _, value in results] == ["1989-Q4", "1988-Q3"]


def test_an_infinitive_of_achievement_under_a_past_verb_is_past() -> None:
    past = facts("The company was able to restore some services by Tuesday afternoon.")
    ahead = facts("The company is able to restore some services by Tuesday afternoon.")
    assert past == [("Tuesday", "1989-10-31")] and ahead == [("Tuesday", "1989-11-07")]


def test_numbers_joined_by_a_hyphen_or_slash_without_a_year_are_no_date() -> None:
    assert facts("The Colts (10-5) won 20-13 after a 4-1/2-month wait, as on 9/11.") == []
    assert facts("The deal closed on 10/23/1989.") == [("10/23/1989", "1989-10-23")]


def test_a_date_set_for_something_looks_ahead() -> None:
    found = facts("A provisional trial date was set for March 28. The hearing was pencilled in for April. "
                  "Officials postponed until Tuesday morning any action on the case.")
    assert found == [("March 28", "1990-03-28"), ("April", "1990-04"), ("Tuesday", "1989-11-07")]


def test_a_future_auxiliary_places_a_yearless_date_ahead_a_weaker_cue_only_favours_it() -> None:
    found = facts("Qantas will double its flights by April. Shares have fallen 6.8% from May, he said.")
    assert found == [("April", "1990-04"), ("May", "1989-05")]


def test_since_a_date_is_a_time_already_begun() -> None:
    found = facts("Qantas will double its flights by April. Its shares have fallen since April.")
    assert found == [("April", "1990-04"), ("April", "1989-04")]


def test_year_end_is_the_last_day_of_the_year_the_text_places() -> None:
    found = facts("The thrift expects to complete the transaction by year-end. The index change is since year-end.")
    assert found == [("year-end", "1989-12-31"), ("year-end", "1988-12-31")]


def test_a_day_word_in_the_name_of_a_paper_or_programme_is_no_date() -> None:
    found = facts('USA Today reported it. He spoke on ABC\'s "This Week," and on World News Tonight. '
                  "Today, the board met. This week it votes.")
    assert found == [("Today", "1989-11-02"), ("This week", "1989-W44")]


def test_todays_event_is_a_date_todays_world_is_not() -> None:
    found = facts("Today's move was the latest step. It is typical of today's computers and today's world.")
    assert found == [("Today", "1989-11-02")]
