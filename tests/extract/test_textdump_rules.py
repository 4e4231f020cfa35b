"""Text-dump post-classifier rules: each fires on a page made for it and not on a near miss."""
from __future__ import annotations

from newsfuse.extract.textdump import drop_chrome

PARAGRAPHS = [
    "The city council approved a new budget on Tuesday after a long debate over how to pay for road repairs.",
    "Council members voted seven to two in favour of the plan, which raises the local fuel levy by two cents a litre.",
    "\"We had to find the money somewhere, and the roads cannot wait another winter,\" the mayor said after the vote.",
    "Opponents argued that the levy would hit rural drivers hardest, since they have no public transport to fall back on.",
]
INSERTED = "Storm floods coastal villages for the second time this year"


def _kept_text(lines: list[str]) -> list[str]:
    return [lines[i] for i in drop_chrome(lines, list(range(len(lines))))]


def test_a_lone_headline_between_paragraphs_is_dropped():
    lines = [*PARAGRAPHS[:2], INSERTED, *PARAGRAPHS[2:]]
    assert _kept_text(lines) == PARAGRAPHS


def test_subheadings_of_a_structured_article_are_kept():
    headings = ["How the levy will be collected", "What the opposition wants instead"]
    lines = [PARAGRAPHS[0], headings[0], PARAGRAPHS[1], PARAGRAPHS[2], headings[1], PARAGRAPHS[3]]
    assert _kept_text(lines) == lines


def test_a_lone_short_label_or_clause_is_not_taken_for_a_headline():
    for line in ("Budget vote: the figures", "and the levy rises by two cents,", "Next steps"):
        lines = [*PARAGRAPHS[:2], line, *PARAGRAPHS[2:]]
        assert _kept_text(lines) == lines, line


def _dated_list(items: int) -> list[str]:
    lines = []
    for n in range(items):
        lines += [f"Other story number {n} makes the news today",
                  "Jane Roe",
                  f"Tuesday November {n + 10}, 2019",
                  "A long teaser paragraph of another article that goes on for many words to read like prose here."]
    return lines


def test_a_list_of_dated_articles_after_the_body_is_dropped():
    lines = [*PARAGRAPHS, *_dated_list(4)]
    assert _kept_text(lines) == PARAGRAPHS


def test_dates_inside_the_body_or_too_few_items_are_kept():
    two_items = [*PARAGRAPHS, *_dated_list(2)]
    assert _kept_text(two_items)[-1] == two_items[-1]
    timeline = [PARAGRAPHS[0], "March 3, 2024", PARAGRAPHS[1], "March 4, 2024", PARAGRAPHS[2],
                "March 5, 2024", PARAGRAPHS[3]]
    assert set(PARAGRAPHS) <= set(_kept_text(timeline))


def test_a_table_of_dated_figures_is_not_a_dated_list():
    table = [f"{month}/1/2013 +{month}.1%" for month in range(1, 7)]
    lines = [*PARAGRAPHS, *table, PARAGRAPHS[0]]
    assert _kept_text(lines) == lines


def test_shared_chrome_lines_are_dropped_from_dumps_too():
    lines = [*PARAGRAPHS[:2], "Photo: Jane Roe / Example Press", *PARAGRAPHS[2:],
             "Jane Roe contributed reporting.", "Tell us what you think!"]
    assert _kept_text(lines) == PARAGRAPHS


def test_a_closing_quote_that_mentions_reporting_is_kept():
    ending = ("\"We will keep reporting on the roads,\" the mayor said, "
              "\"until every street is fixed and the levy ends.\"")
    assert _kept_text([*PARAGRAPHS, ending]) == [*PARAGRAPHS, ending]


def test_a_comment_section_after_the_body_is_dropped():
    comments = ["12 Comments", "Jane Roe",
                "This levy is long overdue and I am glad the council finally found the courage to act.",
                "John Doe", "Rural drivers are being punished again, and nobody in the chamber seems to care about us."]
    assert _kept_text([*PARAGRAPHS, *comments]) == PARAGRAPHS


def test_a_comments_link_above_the_body_does_not_cut_it():
    lines = [PARAGRAPHS[0], "12 Comments", *PARAGRAPHS[1:]]
    assert set(PARAGRAPHS) <= set(_kept_text(lines))
