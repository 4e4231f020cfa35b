"""What extraction dropped from a page, kept as text lines so that a reader can see it on request.

An HTML page's visible text is read as lines (a block element or ``<br>`` ends one; script, style and
hidden elements are not text); a line is dropped where it is neither a body paragraph, nor a piece of
one, nor the headline. A text dump's dropped lines are its non-empty lines outside ``body_lines``.
Either way the lines come in page order; at most ``MAX_LINES`` lines or ``MAX_CHARS`` characters are
kept, those nearest the article first, so that a huge page cannot bloat the store.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from lxml.html import HtmlElement

MAX_LINES = 200
MAX_CHARS = 20_000
MAX_LINE_CHARS = 1_000  # a longer line is cut, so that one blob cannot fill the room
MIN_PIECE_WORDS = 3  # a shorter line found inside a paragraph may be chrome that happens to share words
NOT_TEXT = frozenset({"head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
                      "canvas", "select", "textarea"})
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "tfoot", "thead", "tr", "ul"})
CELLS = frozenset({"td", "th"})  # a table row is one line, its cells apart
WORD = re.compile(r"\w+")
_BREAK = object()


def _key(text: str) -> str:
    """The words of ``text``, lower-cased and single-spaced: punctuation and table marks do not matter."""
    return " ".join(WORD.findall(text.casefold()))


def _text_runs(root: HtmlElement) -> Iterator[object]:
    """The page's visible text in document order, ``_BREAK`` where a block starts or ends."""
    stack: list[HtmlElement | str | object] = [root]
    while stack:
        item = stack.pop()
        if item is _BREAK or isinstance(item, str):  # a tail, or the break closing a block
            yield item
            continue
        tag = item.tag.lower() if isinstance(item.tag, str) else None
        if item.tail:
            stack.append(item.tail)
        if tag is None or tag in NOT_TEXT or item.get("hidden") is not None:
            continue
        if tag in BLOCKS:
            yield _BREAK
            stack.append(_BREAK)
        elif tag in CELLS:
            yield " "
        if item.text:
            yield item.text
        stack.extend(reversed(item))


def page_lines(root: HtmlElement) -> Iterator[str]:
    """The page's visible text lines, whitespace collapsed, empty ones left out."""
    parts: list[str] = []
    for run in _text_runs(root):
        if run is _BREAK:
            line = " ".join("".join(parts).split())
            parts.clear()
            if line:
                yield line
        else:
            parts.append(run)
    line = " ".join("".join(parts).split())
    if line:
        yield line


def _distances(anchors: list[bool]) -> list[int]:
    """Each position's distance to the nearest anchor position (the page's length where there is none)."""
    far = len(anchors)
    distances, last = [far] * far, None
    for index, anchor in enumerate(anchors):
        last = index if anchor else last
        if last is not None:
            distances[index] = index - last
    last = None
    for index in range(far - 1, -1, -1):
        last = index if anchors[index] else last
        if last is not None:
            distances[index] = min(distances[index], last - index)
    return distances


def nearest_dropped(lines: list[str], kept: list[bool]) -> list[str]:
    """The lines not ``kept``, in page order; past ``MAX_LINES`` lines or ``MAX_CHARS`` characters, those
    nearest the kept ones (a byline, related links, comments) rather than a long menu at the top."""
    distances = _distances(kept)
    chosen, room = [], MAX_CHARS
    for index in sorted((i for i, k in enumerate(kept) if not k), key=distances.__getitem__):
        if len(chosen) == MAX_LINES or room <= 0:
            break
        chosen.append(index)
        room -= min(len(lines[index]), MAX_LINE_CHARS)
    return [_shortened(lines[index]) for index in sorted(chosen)]


def _shortened(line: str) -> str:
    return line if len(line) <= MAX_LINE_CHARS else line[:MAX_LINE_CHARS - 1] + "…"


def dropped_page_lines(lines: list[str], body: list[str], title: str | None) -> list[str]:
    """``lines`` of an HTML page that are not in ``body`` (whole, or as a piece of a paragraph) nor ``title``."""
    paragraphs = {_key(paragraph) for paragraph in body}
    if title:
        paragraphs.add(_key(title))
    body_text = "\n".join(paragraphs)

    def kept(line: str) -> bool:
        key = _key(line)
        return not key or key in paragraphs or (key.count(" ") + 1 >= MIN_PIECE_WORDS and key in body_text)

    return nearest_dropped(lines, [kept(line) for line in lines])


def dropped_dump_lines(lines: list[str], numbers: list[int], body_lines: list[int] | None,
                       title: str | None) -> list[str]:
    """A text dump's cleaned ``lines`` (1-based ``numbers``) outside ``body_lines``, the headline line left out."""
    body = set(body_lines or ())
    headline = _key(title) if title else None
    return nearest_dropped(lines, [number in body or (headline is not None and _key(line) == headline)
                                   for line, number in zip(lines, numbers)])
