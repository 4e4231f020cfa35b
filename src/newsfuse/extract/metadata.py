"""Article metadata for both kinds of input: title, byline, dateline, publication date, language.

``finish_article`` runs last in each extractor. For a text dump it reads the
dump's ``lines`` around the kept body (``article.body_lines``, 1-based); for
HTML it cleans what trafilatura found. A headline or byline opening the body and
the author's own bio closing it are taken out of the body. What the feed gave
(JSONL ``title``, ``published``) is never overridden.
"""
from __future__ import annotations

from newsfuse.config import ExtractConfig
from newsfuse.extract.bylines import looks_like_name, parse_byline
from newsfuse.extract.chrome import author_bio_start
from newsfuse.extract.dates import find_dates
from newsfuse.extract.datelines import parse_dateline
from newsfuse.extract.language import identify_language
from newsfuse.extract.published import find_published
from newsfuse.extract.titles import LineIndex, clean_title, find_title_in_body_start, find_title_line, normalise
from newsfuse.model import Article, Dateline

DERIVED_TITLE_WORDS = 12
DATELINE_PARAGRAPHS = 2  # a dateline opens the first paragraph, or the second after a standfirst
BYLINE_ABOVE_BODY = 12
BYLINE_INTO_BODY = 2
MAX_HEADLINE_WORDS = 30
MIN_HEADLINE_CHARS = 20
SENTENCE_ENDS = ".!?\"”'’"


def find_dateline(body: list[str]) -> Dateline | None:
    """The dateline opening one of the body's first paragraphs."""
    for paragraph in body[:DATELINE_PARAGRAPHS]:
        dateline = parse_dateline(paragraph)
        if dateline:
            return dateline
    return None


def _bare_name_beside_date(lines: list[str], index: int) -> list[str]:
    """A line holding only a person's name, next to a date line (a byline without "By")."""
    line = lines[index].strip()
    if not looks_like_name(line):
        return []
    neighbours = range(max(0, index - 1), min(len(lines), index + 2))
    return [line] if any(find_dates(lines[j]) for j in neighbours if j != index) else []


def _byline_from_lines(lines: list[str], start: int, first_body: int, body_lines: set[int]) -> list[str]:
    """Names from the byline lines between the headline and the body's start, "By" lines first."""
    by_lines: list[str] = []
    other: list[str] = []
    for index in range(start, min(len(lines), first_body + BYLINE_INTO_BODY)):
        starts_with_by = lines[index].lstrip().lower().startswith("by ")
        if index + 1 in body_lines and not starts_with_by:
            continue
        names = parse_byline(lines[index])
        (by_lines if starts_with_by else other).extend(names or _bare_name_beside_date(lines, index))
    return list(dict.fromkeys(by_lines + other))


def _finish_from_lines(article: Article, lines: list[str], site: str | None) -> None:
    """Title, byline and date from the dump's lines around the kept body."""
    if not article.body_lines:
        return
    first_body, last_body = min(article.body_lines) - 1, max(article.body_lines) - 1
    line_index = LineIndex(lines)
    title_index = find_title_line(line_index, first_body)
    if title_index is None:
        title_index = find_title_in_body_start(line_index, [n - 1 for n in article.body_lines])
    if not article.title and title_index is not None:
        article.title = clean_title(lines[title_index], site)
    if not article.byline:
        start = title_index + 1 if title_index is not None else max(0, first_body - BYLINE_ABOVE_BODY)
        article.byline = _byline_from_lines(lines, start, first_body, set(article.body_lines))
    if not article.published:
        article.published = find_published(lines, first_body, last_body, title_index,
                                           {number - 1 for number in article.body_lines})


def _is_headline_copy(paragraph: str, title: str) -> bool:
    """A paragraph that is the headline word for word (a question or an exclamation too), or a
    short one without a sentence end that holds it or is held by it."""
    key, headline = normalise(paragraph), normalise(title)
    if not key:
        return False
    if key == headline:
        return True
    if len(paragraph.split()) > MAX_HEADLINE_WORDS or paragraph.rstrip()[-1:] in SENTENCE_ENDS:
        return False
    return len(key) >= MIN_HEADLINE_CHARS and (key in headline or headline in key)


def _drop_heading_lines(article: Article) -> None:
    """A headline repeated as the body's first paragraph, or a byline there, is not body."""
    while len(article.body) > 1 and (
            (article.title and _is_headline_copy(article.body[0], article.title)) or parse_byline(article.body[0])):
        article.body.pop(0)
        if article.body_lines:
            article.body_lines.pop(0)


def _drop_author_bio(article: Article) -> None:
    """The bio of the article's own author closing the text is not body."""
    start = author_bio_start(article.body, article.byline)
    if start is not None:
        del article.body[start:]
        if article.body_lines:
            del article.body_lines[start:]


def finish_article(article: Article, config: ExtractConfig, lines: list[str] | None = None) -> Article:
    """Fill the metadata the extractor could not; ``lines`` are a text dump's lines."""
    if lines is not None:
        _finish_from_lines(article, lines, article.site)
    _drop_heading_lines(article)
    _drop_author_bio(article)
    if article.body and article.dateline is None:
        article.dateline = find_dateline(article.body)
    if not article.published and article.dateline and article.dateline.date and len(article.dateline.date) == 10:
        article.published = article.dateline.date
    if article.body:
        article.language = identify_language(article.body)
    if not article.title and article.body and config.derive_missing_title:
        article.derived_title = " ".join(article.body[0].split()[:DERIVED_TITLE_WORDS])
    return article
