"""The body ends at a closing line (an author's bio, "About the author", a closing credit, a newsletter prompt)
only once nearly all of its prose is above it; both paths apply the rule."""
from __future__ import annotations

import pytest

from newsfuse.extract.html import clean_paragraphs
from newsfuse.extract.lists import end_at_closing_marker

BODY = [
    "The regional water board approved a plan on Monday to replace the ageing pipes under the old town.",
    "Engineers said the work would start in the spring and take about three years to finish in full.",
    "Residents of the affected streets will be offered temporary supplies while their mains are replaced.",
    "The board's chair said the cost would be met from reserves and a small rise in the annual charge.",
    "Opposition members questioned the timetable but voted for the plan after a two-hour debate.",
    "A public meeting on the details is planned for next month at the town hall, the board said.",
    "Shops on the main square asked for the work there to be done outside the busy summer season.",
    "The board agreed to publish a street-by-street schedule before the first trenches are dug.",
    "Similar work in a neighbouring district ran six months late after old records proved wrong.",
    "Officials said they had surveyed every street this time to avoid the same problem recurring.",
]
CLOSINGS = [
    ["About the author", "Mara Kell covers local government for the Valley Courier.", "View all posts by Mara Kell"],
    ["Mara Kell is a staff reporter at the Valley Courier who has covered the water board since 2019.",
     "More from the Courier", "Bridge repairs delayed until autumn"],
    ["Get the Valley Courier's morning newsletter delivered to your inbox.", "Roads and transport",
     "Bridge repairs delayed until autumn"],
    ["Copyright © 2024 Valley Courier. All rights reserved.", "Terms of use and privacy are explained on our site."],
    ["Contact staff writer Mara Kell at 555-0100 or mkell@courier.example.",
     "This story about the pipes was written by Mara Kell and produced by the Valley Courier, a local newsroom."],
]


@pytest.mark.parametrize("closing", CLOSINGS)
def test_what_follows_a_closing_line_is_cut(closing):
    body = BODY + BODY[::-1]  # an article's length, so the closing lines are under a tenth of the prose
    lines = body + closing
    assert end_at_closing_marker(lines, list(range(len(lines)))) == list(range(len(body)))
    assert clean_paragraphs(lines) == body


def test_a_closing_line_with_much_prose_below_cuts_nothing():
    lines = BODY[:5] + ["Share this article"] + BODY[5:]
    assert end_at_closing_marker(lines, list(range(len(lines)))) == list(range(len(lines)))


def test_a_bio_like_sentence_about_a_thing_is_not_a_closing_line():
    lines = BODY + ["Flatline is a small code editor that the board's engineers use to check the pipe data."]
    assert end_at_closing_marker(lines, list(range(len(lines)))) == list(range(len(lines)))
