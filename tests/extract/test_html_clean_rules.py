"""HTML paragraph clean-up rules: each fires on a page made for it and not on a near miss."""
from __future__ import annotations

import pytest

from newsfuse.extract.html import clean_paragraphs

BODY = [
    "The city council approved a new budget on Tuesday after a long debate over road repairs.",
    "Council members voted seven to two in favour of the plan, which raises the local fuel levy.",
    "Work on the first roads is expected to begin in the spring, the mayor said after the vote.",
]
HEADLINE = "Council approves budget after long debate"


@pytest.mark.parametrize("chrome", [
    "Photo: Jane Roe / Example Press",
    "Image 1 of 8",
    "Related: Council delays vote on the harbour plan",
])
def test_inserted_chrome_lines_are_dropped(chrome):
    assert clean_paragraphs([BODY[0], chrome, *BODY[1:]]) == BODY


@pytest.mark.parametrize("prompt", [
    "Love local news? The Harbour Herald's morning newsletter brings the day's stories straight to your inbox. Sign up now.",
    "Get the best of the Valley Courier delivered to your inbox every week.",
    "If you value this reporting, consider supporting our journalism by subscribing today.",
    "This article is exclusive to Courier Plus subscribers",
    "Already have an account? Log in",
    "Listen to this article",
    "Download the Courier app for breaking news alerts.",
    "Check your email to complete signup",
])
def test_newsletter_subscription_and_app_prompts_are_dropped(prompt):
    assert clean_paragraphs([BODY[0], prompt, *BODY[1:]]) == BODY


@pytest.mark.parametrize("prose", [
    "The council's newsletter, which has 2,400 subscribers, first reported the levy in March.",
    "Residents who already have an account with the water board can pay the levy online, officials said.",
    "Several councillors said they read newsletters they subscribe to before every vote.",
    "The mayor urged residents to download the new parking app before the roadworks begin next month.",
])
def test_prose_about_newsletters_accounts_and_apps_is_kept(prose):
    assert clean_paragraphs([BODY[0], prose, *BODY[1:]]) == [BODY[0], prose, *BODY[1:]]


@pytest.mark.parametrize("prose", [
    "Image quality of the new traffic cameras was poor, officials said: they will be replaced.",
    "Watch the full debate later.",
    "Follow the money, the mayor told the chamber, and you will see where the levy goes.",
])
def test_prose_that_opens_like_chrome_is_kept(prose):
    assert clean_paragraphs([BODY[0], prose, *BODY[1:]]) == [BODY[0], prose, *BODY[1:]]


def test_a_deck_under_the_headline_is_dropped():
    deck = "Drivers will pay two cents more a litre to fix the roads"
    assert clean_paragraphs([HEADLINE, deck, *BODY]) == [HEADLINE, *BODY]


def test_a_lead_sentence_under_the_headline_is_kept():
    lead = "Drivers will pay two cents more a litre to fix the roads."
    assert clean_paragraphs([HEADLINE, lead, *BODY]) == [HEADLINE, lead, *BODY]


@pytest.mark.parametrize("tail", [
    ["Jane Roe contributed reporting."],
    ["(Reporting by Jane Roe; editing by John Doe)"],
    ["Jane Roe is a senior reporter who covers city hall and the regional economy."],
    ["Comments"],
    ["Like this story? Share it with a friend!"],
])
def test_trailing_chrome_is_dropped(tail):
    assert clean_paragraphs([*BODY, *tail]) == BODY


def test_a_closing_paragraph_about_people_or_subscriptions_is_kept():
    ending = [
        "Jane Roe is a nurse who has lived on the coast road for thirty years, and she welcomed the vote.",
        "Residents who subscribe to the council's alerts will hear when work on their street begins.",
    ]
    assert clean_paragraphs([*BODY, *ending[:1]]) == [*BODY, ending[0]]
    long_ending = (ending[1] + " The alerts go out by text message, and the council says they are free of"
                   " charge for every household.")
    assert clean_paragraphs([*BODY, long_ending]) == [*BODY, long_ending]


def test_a_request_for_comment_is_not_a_comment_prompt():
    ending = "The council did not immediately respond to a request for comment."
    assert clean_paragraphs([*BODY, ending]) == [*BODY, ending]


def test_a_list_of_other_articles_after_a_heading_ends_the_html_text():
    teasers = ["Harbour plan delayed again", "Mayor opens new library branch", "Bus fares to rise in May"]
    assert clean_paragraphs([*BODY, "More like this", *teasers]) == BODY


def test_a_list_heading_followed_by_long_prose_does_not_end_the_html_text():
    more = ("Read more about the levy and how the council expects it to raise the money for the repairs "
            "over the next three years, according to the budget papers published on Tuesday.")
    assert clean_paragraphs([*BODY[:2], "Read more", more, BODY[2]]) == [*BODY[:2], more, BODY[2]]


def test_a_list_of_dated_articles_after_the_html_text_is_dropped():
    items = []
    for n in range(3):
        items += [f"Other story number {n} makes the news today", f"March {n + 3}, 2021"]
    assert clean_paragraphs([*BODY, *items]) == BODY
