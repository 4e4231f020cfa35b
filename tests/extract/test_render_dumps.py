"""Training-data renderers: the recipe reproduces the shipped WCXB text dumps and labels."""
from __future__ import annotations

import json

import numpy as np
import pytest

from newsfuse.extract.render_dumps import flatten, label_lines, shipped_renderer, strip_markdown

# a few shipped dumps per renderer, among them tables, code blocks, quotes and a U+2028 line break
REPRODUCED = {"inscriptis": ("0001", "0006", "0016"), "lxml": ("0011", "0146", "4363"),
              "html2text": ("0022", "0125", "0327", "0415")}


@pytest.fixture(scope="module")
def renderers():
    pytest.importorskip("inscriptis")
    pytest.importorskip("html2text")


@pytest.mark.parametrize("renderer,page_id", [(r, i) for r, ids in REPRODUCED.items() for i in ids])
def test_recipe_reproduces_shipped_dump(renderers, shared_dir, renderer, page_id):
    from newsfuse.extract.render_dumps import read_html, render_page

    dumps = shared_dir / "data" / "textdumps" / "wcxb-dev"
    html = shared_dir / "data" / "wcxb-dev" / "html" / f"{page_id}.html.gz"
    if not html.exists() or not (dumps / f"{page_id}.json").exists():
        pytest.skip("WCXB html or text dumps not found")
    info = json.loads((dumps / f"{page_id}.json").read_text())
    assert info["renderer"] == renderer == shipped_renderer(page_id)
    dump = render_page(read_html(html), info["gold_body"], renderer)
    assert dump.lines == (dumps / f"{page_id}.txt").read_text(encoding="utf-8").split("\n")[:-1]
    assert dump.labels == info["labels"]


def test_flatten_strips_bullets_and_collapses_runs_of_space():
    text = "  • First item  \n\n 4. \n•\n12.12.2025\nA\xa0B  C\u2028D\n  - \tdash item"
    assert flatten(text) == ["First item", "•", "12.12.2025", "A\xa0B C", "D", "dash item"]


def test_strip_markdown_drops_table_pipes_only_in_tables():
    markdown = ("# Heading\n> * quoted item\nName| Value\n---|---\nAlpha| 1\n\nkeep a | b\n"
                "`code`and``more`` \\- x\n~~gone~~ word")
    assert strip_markdown(markdown).split("\n") == [
        "Heading", "quoted item", "Name  Value", "", "Alpha  1", "", "keep a | b", "codeandmore - x", "gone word"]


def test_label_lines_needs_four_aligned_tokens_on_half_a_line():
    gold = "the quick brown fox jumps over the lazy dog"
    lines = ["Menu", "the quick brown fox", "jumps over the", "--", "cat sat on the mat quick brown"]
    assert label_lines(lines, gold) == [0, 1, 1, 0, 0]
    assert label_lines(["the quick brown"], gold) == [0]


def test_augmented_pages_add_the_two_other_renderings(renderers, shared_dir, tmp_path):
    import shutil

    from newsfuse.extract.train import augmented_pages, load_pages

    wcxb, dumps = shared_dir / "data" / "wcxb-dev", shared_dir / "data" / "textdumps" / "wcxb-dev"
    if not (wcxb / "metadata.json").exists() or not dumps.is_dir():
        pytest.skip("WCXB data not found")
    files = json.loads((wcxb / "metadata.json").read_text())["files"]
    ids = ["0001", "0011"]
    other = next(key for key, value in files.items() if value["page_type"] != "article")
    mini, shipped = tmp_path / "wcxb", tmp_path / "dumps"
    for folder in (mini / "html", mini / "ground-truth", shipped):
        folder.mkdir(parents=True)
    (mini / "metadata.json").write_text(json.dumps({"files": {key: files[key] for key in [*ids, other]}}))
    for key in [*ids, other]:
        shutil.copy(wcxb / "html" / f"{key}.html.gz", mini / "html")
        shutil.copy(wcxb / "ground-truth" / f"{key}.json", mini / "ground-truth")
    for key in ids:
        for suffix in (".txt", ".json"):
            shutil.copy(dumps / f"{key}{suffix}", shipped)
    originals = load_pages(shipped, mini / "metadata.json")
    added = augmented_pages(originals, tmp_path / "cache", mini, mini / "metadata.json")
    assert sorted((page.id, page.renderer) for page in added) == sorted(
        (page.id, renderer) for page in originals for renderer in ("inscriptis", "lxml", "html2text")
        if renderer != page.renderer)
    sites = {page.id: page.site for page in originals}
    assert all(not page.original and page.site == sites[page.id] for page in added)
    assert all(len(page.lines) == len(page.labels) and page.labels.any() for page in added)
    assert len(list((tmp_path / "cache").glob("*/*/*.json"))) == 3 * len(ids)
