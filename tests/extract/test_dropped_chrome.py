"""Extraction keeps the page lines it dropped (menus, bylines, related links, footers) beside the article, in
page order and capped, and the article text itself is as before."""
from __future__ import annotations

from newsfuse.extract import extract_document
from newsfuse.extract.dropped import MAX_CHARS, MAX_LINE_CHARS, MAX_LINES, nearest_dropped
from newsfuse.model import Article, RawDocument

PARAGRAPHS = [
    "The harbour reopened on Monday after a storm that closed it for three days, the port authority said.",
    "Fishing boats returned to their moorings in the afternoon, and ferries resumed their normal timetable.",
    "Officials said repairs to the breakwater would take several weeks and cost more than two million euros.",
]
PAGE = """<!doctype html><html lang="en"><head><title>Harbour reopens after storm - The Quay Gazette</title>
<script>var menu = "not text";</script><style>p { color: red }</style></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Harbour reopens after storm</h1><p class="byline">By Lena Okafor</p>
{paragraphs}
</article>
<aside><h3>Related stories</h3><ul><li><a href="/a">Ferry timetable changes for winter</a></li></ul></aside>
<footer><p>Copyright 2031 The Quay Gazette. All rights reserved.</p></footer>
</body></html>""".replace("{paragraphs}", "".join(f"<p>{p}</p>" for p in PARAGRAPHS))
DUMP = "\n".join(["Home", "News", "Sport", "Harbour reopens after storm", "", *PARAGRAPHS, "", "Related stories",
                  "Ferry timetable changes for winter", "Contact us"]) + "\n"


def _extract(kind: str, content: str) -> Article:
    return extract_document(RawDocument(id="page", source="page", kind=kind, content=content))


def test_an_html_page_keeps_its_menu_byline_related_links_and_footer_as_chrome():
    article = _extract("html", PAGE)
    assert article.body == PARAGRAPHS
    assert article.chrome == ["Home", "News", "Sport", "By Lena Okafor", "Related stories",
                              "Ferry timetable changes for winter",
                              "Copyright 2031 The Quay Gazette. All rights reserved."]
    assert not {"var menu", "color: red"} & set(article.chrome)


def test_a_text_dump_keeps_its_lines_outside_the_body_as_chrome_the_headline_left_out():
    article = _extract("text", DUMP)
    assert article.body == PARAGRAPHS and article.title == "Harbour reopens after storm"
    assert article.chrome == ["Home", "News", "Sport", "Related stories", "Ferry timetable changes for winter",
                              "Contact us"]


def test_a_huge_menu_is_capped_and_the_lines_nearest_the_article_kept():
    menu = "".join(f"<li><a href='/s{i}'>Section number {i}</a></li>" for i in range(3000))
    blob = "x" * (MAX_LINE_CHARS * 3)
    page = PAGE.replace("<nav><ul>", f"<nav><ul>{menu}").replace("<footer>", f"<footer><p>{blob}</p>")
    article = _extract("html", page)
    assert article.body == PARAGRAPHS
    assert len(article.chrome) == MAX_LINES and sum(map(len, article.chrome)) <= MAX_CHARS
    assert "Section number 2999" in article.chrome and "Section number 0" not in article.chrome
    assert "By Lena Okafor" in article.chrome and "Ferry timetable changes for winter" in article.chrome
    assert max(map(len, article.chrome)) == MAX_LINE_CHARS


def test_the_nearest_lines_win_on_either_side():
    lines = [f"line {i}" for i in range(MAX_LINES * 2 + 10)]
    kept = [i == MAX_LINES for i in range(len(lines))]
    chosen = nearest_dropped(lines, kept)
    assert len(chosen) == MAX_LINES and f"line {MAX_LINES}" not in chosen
    assert chosen[0] == f"line {MAX_LINES // 2}" and chosen[-1] == f"line {MAX_LINES + MAX_LINES // 2}"


def test_an_article_stored_before_chrome_was_kept_reads_with_none():
    data = {"id": "old", "source": "old.html", "title": "Old", "body": ["An old article."], "body_lines": None}
    assert Article.from_dict(data).chrome == []
