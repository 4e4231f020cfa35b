"""``newsfuse bench extraction`` on text dumps with ``--baseline-html``: trafilatura runs on the
HTML pages named like the dumps, and the ratio of the rates is printed."""
from __future__ import annotations

import argparse
from pathlib import Path

from newsfuse.bench import extraction

ARTICLE = ("Harbour officials said on Monday that the new ferry terminal will open next spring, "
           "after two years of building work and a long dispute over its cost.")


def _page(title: str) -> str:
    paragraphs = "".join(f"<p>{ARTICLE} Paragraph {n} adds a detail of its own.</p>" for n in range(6))
    return (f"<html><head><title>{title}</title></head><body><nav>Home | News | Sport</nav>"
            f"<article><h1>{title}</h1>{paragraphs}</article><footer>Contact us</footer></body></html>")


def _dump(title: str) -> str:
    lines = ["Home", "News", "Sport", title] + [f"{ARTICLE} Paragraph {n} adds a detail of its own." for n in range(6)]
    return "\n".join(lines + ["Contact us"])


def _folders(tmp_path: Path) -> tuple[Path, Path]:
    dumps, html = tmp_path / "dumps", tmp_path / "html"
    dumps.mkdir()
    html.mkdir()
    for name in ("page-a", "page-b", "page-c"):
        (dumps / f"{name}.txt").write_text(_dump(f"Ferry terminal {name}"), encoding="utf-8")
    for name in ("page-a", "page-c", "unrelated"):  # page-b has no HTML; unrelated has no dump
        (html / f"{name}.html").write_text(_page(f"Ferry terminal {name}"), encoding="utf-8")
    return dumps, html


def test_source_pages_are_the_html_pages_named_like_the_dumps(tmp_path):
    dumps, html = _folders(tmp_path)
    documents = extraction._documents(dumps, False, None)
    sources = extraction._source_pages(html, documents)
    assert [page.id for page in sources] == ["page-a", "page-c"]
    assert all(page.kind == "html" for page in sources)


def test_bench_prints_the_baseline_ratio_last(tmp_path, capsys):
    dumps, html = _folders(tmp_path)
    args = argparse.Namespace(data=dumps, limit=None, text=False, repeat=1, baseline_html=html)
    assert extraction.main(args) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert "trafilatura alone on the HTML of 2 of the 3 pages" in last
    assert float(last.rsplit(" ", 1)[1]) > 0


def test_bench_says_when_no_html_page_matches(tmp_path, capsys):
    dumps, _ = _folders(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    args = argparse.Namespace(data=dumps, limit=None, text=False, repeat=1, baseline_html=empty)
    assert extraction.main(args) == 0
    assert "no HTML page in --baseline-html is named like a dump" in capsys.readouterr().out
