"""Render HTML pages as flat text dumps with per-line body labels (training time only).

Follows ``../shared/data/README.md`` ("How a dump was made", "How a line label was
derived"): three renderers (inscriptis 2.7.6, an lxml recipe, html2text 2025.4.15 with its
Markdown stripped again), the same flattening, and labels from a difflib alignment of the
dump's tokens with the gold body's. ``render_all`` renders every WCXB article page with every
renderer into a cache folder of dumps laid out as ``textdumps/`` (``<id>.txt`` and
``<id>.json``), which ``train.py`` reads (augmented training, its default). The renderers
are the optional extra ``train`` (``pip install -e '.[train]'``), imported inside functions.
"""
from __future__ import annotations

import difflib
import gzip
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

RENDERERS = ("inscriptis", "lxml", "html2text")  # index = sha1(id) mod 3 for the shipped dumps
RECIPE_VERSION = 1  # raise when the rendering, flattening or labelling changes: the cache is keyed on it
LIBRARIES = ("inscriptis", "html2text", "lxml")
MIN_MATCH_TOKENS = 4  # tokens in a matching block for them to count as matched
MATCHED_SHARE = 0.5  # a line is body when at least this share of its tokens is matched
TOKEN = re.compile(r"\w+")
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
END_TAGS = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)
DROPPED_TAGS = ("script", "style", "noscript", "template")
BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "section", "article",
              "header", "footer", "nav", "ul")
LEADING_BULLET = re.compile(r"^\s*(?:[*•·\-–+]|\d+\.)\s+")  # before stripping: a lone bullet stays
SPACES = re.compile(r"\s{2,}")  # a lone tab or no-break space stays, as in the shipped dumps
MARKDOWN_PREFIX = re.compile(r"^\s*(?:#+(?:\s+|$)|>\s?|[*+\-]\s+|\d+\.\s+)")  # heading, quote, list item
MARKDOWN_RULE = re.compile(r"^\s*(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")
CODE_SPAN = re.compile(r"`+([^`]*)`+")
STRIKE = re.compile(r"~~(.+?)~~")
BACKSLASH_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~])")


@dataclass(frozen=True)
class Dump:
    """One rendered page: flattened lines and their 0/1 body labels."""

    renderer: str
    lines: list[str]
    labels: list[int]


def shipped_renderer(page_id: str) -> str:
    """The renderer the shipped dumps drew for ``page_id``: sha1 of its UTF-8 bytes mod 3."""
    return RENDERERS[int(hashlib.sha1(page_id.encode("utf-8")).hexdigest(), 16) % len(RENDERERS)]


def _for_libxml2(html: str) -> str:
    """Without an XML declaration and ``</body>``/``</html>`` (libxml2 drops text after them)."""
    return END_TAGS.sub("", XML_DECLARATION.sub("", html))


def render_inscriptis(html: str) -> str:
    from inscriptis import get_text

    return get_text(_for_libxml2(html))


def render_lxml(html: str) -> str:
    """Scripts and styles removed, a newline after every block element, then the text."""
    import lxml.html

    text = _for_libxml2(html)
    if not text.strip():
        return ""
    root = lxml.html.document_fromstring(text)
    for element in list(root.iter(*DROPPED_TAGS)):
        element.drop_tree()
    for element in root.iter(*BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    return root.text_content()


def _table_rows(lines: list[str]) -> set[int]:
    """Indexes of Markdown table rows: the line above a separator row and the lines with a
    pipe that follow it without a break."""
    rows: set[int] = set()
    for index, line in enumerate(lines):
        if not TABLE_SEPARATOR.match(line):
            continue
        if index and "|" in lines[index - 1]:
            rows.add(index - 1)
        following = index + 1
        while following < len(lines) and lines[following].strip():
            rows.add(following)
            following += 1
    return rows


def _strip_markdown_line(line: str, table_row: bool) -> str:
    if MARKDOWN_RULE.match(line) or TABLE_SEPARATOR.match(line):
        return ""
    stripped = MARKDOWN_PREFIX.sub("", line)
    while stripped != line:
        line, stripped = stripped, MARKDOWN_PREFIX.sub("", stripped)
    return BACKSLASH_ESCAPE.sub(r"\1", line.replace("|", " ") if table_row else line)


def strip_markdown(markdown: str) -> str:
    """html2text's Markdown as a browser copy gives the text."""
    lines = [CODE_SPAN.sub(r"\1", STRIKE.sub(r"\1", line)) for line in markdown.split("\n")]
    rows = _table_rows(lines)
    return "\n".join(_strip_markdown_line(line, index in rows) for index, line in enumerate(lines))


def render_html2text(html: str) -> str:
    """html2text's Markdown (no links, images, wrapping or emphasis), with the Markdown stripped."""
    import html2text

    converter = html2text.HTML2Text()
    converter.ignore_links = True
    converter.ignore_images = True
    converter.ignore_emphasis = True
    converter.body_width = 0
    converter.unicode_snob = True
    return strip_markdown(converter.handle(html))


RENDER = {"inscriptis": render_inscriptis, "lxml": render_lxml, "html2text": render_html2text}


def flatten(text: str) -> list[str]:
    """Lines as scraped dumps have them: stripped, no leading bullet, single spaces, none empty."""
    lines = []
    for line in text.splitlines():
        line = SPACES.sub(" ", LEADING_BULLET.sub("", line).strip())
        if line:
            lines.append(line)
    return lines


def label_lines(lines: list[str], gold_body: str) -> list[int]:
    """1 for a line with at least half of its tokens in a block of ``MIN_MATCH_TOKENS`` or more
    tokens aligned with the gold body's, else 0."""
    line_tokens = [TOKEN.findall(line.lower()) for line in lines]
    dump = [token for tokens in line_tokens for token in tokens]
    matched = [False] * len(dump)
    matcher = difflib.SequenceMatcher(None, dump, TOKEN.findall(gold_body.lower()), autojunk=False)
    for block in matcher.get_matching_blocks():
        if block.size >= MIN_MATCH_TOKENS:
            matched[block.a:block.a + block.size] = [True] * block.size
    labels, start = [], 0
    for tokens in line_tokens:
        hits = sum(matched[start:start + len(tokens)])
        labels.append(int(bool(tokens) and hits >= MATCHED_SHARE * len(tokens)))
        start += len(tokens)
    return labels


def render_page(html: str, gold_body: str, renderer: str) -> Dump:
    lines = flatten(RENDER[renderer](html))
    return Dump(renderer, lines, label_lines(lines, gold_body))


def read_html(path: Path) -> str:
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return data.decode("utf-8", errors="replace")


def article_pages(wcxb_dir: Path) -> list[tuple[str, str]]:
    """(id, gold body) of every WCXB article page with a non-empty gold body, as the
    shipped ``textdumps/wcxb-dev`` folder selects them."""
    files = json.loads((wcxb_dir / "metadata.json").read_text())["files"]
    pages = []
    for page_id in sorted(files):
        if files[page_id].get("page_type") != "article":
            continue
        truth = json.loads((wcxb_dir / "ground-truth" / f"{page_id}.json").read_text())["ground_truth"]
        body = truth.get("main_content") or ""
        if body.strip():
            pages.append((page_id, body))
    return pages


def write_dump(folder: Path, page_id: str, dump: Dump, gold_body: str) -> None:
    """``<id>.txt`` and ``<id>.json`` as in ``textdumps/`` (only the fields training reads)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{page_id}.txt").write_text("".join(line + "\n" for line in dump.lines), encoding="utf-8")
    info = {"id": page_id, "renderer": dump.renderer, "n_lines": len(dump.lines), "labels": dump.labels,
            "gold_body": gold_body}
    (folder / f"{page_id}.json").write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")


def recipe_key() -> str:
    """The recipe version and the renderers' library versions, e.g. ``recipe1-inscriptis2.7.6-...``."""
    from importlib.metadata import version

    return "-".join([f"recipe{RECIPE_VERSION}", *(f"{name}{version(name)}" for name in LIBRARIES)])


def render_all(wcxb_dir: Path, cache: Path, renderers: tuple[str, ...] = RENDERERS) -> list[Path]:
    """Render every WCXB article page with every renderer into ``cache/<recipe_key()>/<renderer>/``
    (pages already there are kept) and return those folders."""
    pages = article_pages(wcxb_dir)
    folders = [cache / recipe_key() / renderer for renderer in renderers]
    for page_id, gold_body in pages:
        missing = [folder for folder in folders if not (folder / f"{page_id}.json").exists()]
        if not missing:
            continue
        html = read_html(wcxb_dir / "html" / f"{page_id}.html.gz")
        for folder in missing:
            write_dump(folder, page_id, render_page(html, gold_body, folder.name), gold_body)
    return folders
