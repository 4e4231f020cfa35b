"""The bio of the article's own author closing the text is dropped, on both paths."""
from __future__ import annotations

from newsfuse.config import ExtractConfig
from newsfuse.extract.chrome import author_bio_start
from newsfuse.extract.metadata import finish_article
from newsfuse.model import Article

BODY = [
    "The city council approved a new budget on Tuesday after a long debate over road repairs.",
    "Council members voted seven to two in favour of the plan, which raises the local fuel levy.",
    "Work on the first roads is expected to begin in the spring, the mayor said after the vote.",
]


def test_a_closing_bio_opening_with_the_authors_name_is_found():
    for bio in ("Mara Lindqvist is a growth-focused analyst who has followed city budgets since 2015.",
                "Mara has covered the council for the Example Gazette since 2019.",
                "Mara Lindqvist, PhD, holds a chair in public finance at the city university."):
        assert author_bio_start([*BODY, bio], ["Mara Lindqvist"]) == len(BODY), bio


def test_a_closing_paragraph_about_someone_else_or_without_a_byline_is_kept():
    other = "Jonas Berg is a council member who voted against the plan and wants a referendum."
    assert author_bio_start([*BODY, other], ["Mara Lindqvist"]) is None
    assert author_bio_start([*BODY, other], []) is None


def test_the_authors_name_early_in_the_text_is_not_a_bio():
    opening = "Mara Lindqvist is a reporter, and she was in the chamber when the vote was taken."
    assert author_bio_start([opening, *BODY, *BODY], ["Mara Lindqvist"]) is None


def test_finish_article_drops_the_bio_and_its_line_number():
    bio = "Mara Lindqvist is a growth-focused analyst who has followed city budgets since 2015."
    article = Article(id="a", source="a.txt", body=[*BODY, bio], body_lines=[3, 4, 5, 9],
                      byline=["Mara Lindqvist"], title="Council approves budget")
    finish_article(article, ExtractConfig())
    assert article.body == BODY and article.body_lines == [3, 4, 5]
