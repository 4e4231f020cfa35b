"""The headline repeated as the first paragraph is not body, even as a question (HTML and text dumps)."""
from __future__ import annotations

from newsfuse.extract import extract_document
from newsfuse.model import RawDocument

PROSE = (
    "<p>Travel insurance covers medical bills, cancelled flights and lost luggage, and most policies cost "
    "between four and ten percent of the trip's price, according to the consumer groups we asked.</p>"
    "<p>Travellers with existing conditions should read the exclusions carefully, because many policies leave "
    "them out unless they are declared when the cover is bought, the groups said in their report.</p>"
    "<p>Credit cards sometimes include basic cover, but the limits are low and the claims process is slow, "
    "so it is worth comparing them with a standalone policy before booking a long journey abroad.</p>"
)


def _page(first: str) -> RawDocument:
    html = (f"<html><head><title>Do I Need Travel Insurance? | Example Travel</title></head><body><article>"
            f"<h1>Do I Need Travel Insurance?</h1>{first}{PROSE}</article></body></html>")
    return RawDocument(id="page", source="page.html", kind="html", content=html)


def test_question_headline_is_title_not_first_paragraph():
    article = extract_document(_page(""))
    assert article.title == "Do I Need Travel Insurance?"
    assert article.body[0].startswith("Travel insurance covers")
    assert all("Do I Need Travel Insurance?" != paragraph for paragraph in article.body)


def test_paragraph_that_only_contains_the_headline_stays():
    opening = "<p>Do I need travel insurance? Most people ask this before a trip, and the answer depends on where they go.</p>"
    article = extract_document(_page(opening))
    assert article.body[0].startswith("Do I need travel insurance? Most people ask")


def test_question_headline_opening_a_text_dump_is_not_body():
    prose = [
        "Travel insurance covers medical bills, cancelled flights and lost luggage, and most policies cost "
        "between four and ten percent of the trip's price, according to the consumer groups we asked.",
        "Travellers with existing conditions should read the exclusions carefully, because many policies leave "
        "them out unless they are declared when the cover is bought, the groups said in their report.",
        "Credit cards sometimes include basic cover, but the limits are low and the claims process is slow, "
        "so it is worth comparing them with a standalone policy before booking a long journey abroad.",
    ]
    document = RawDocument(id="dump", source="dump.txt", kind="text", title="Do I Need Travel Insurance?",
                           content="\n".join(["Do I Need Travel Insurance?", *prose]))
    article = extract_document(document)
    assert article.title == "Do I Need Travel Insurance?"
    assert article.body[0] == prose[0]
