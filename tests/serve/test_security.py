"""Scraped text stays text: escaped in every page, no javascript:/data: links, strict headers."""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from serve_fixtures import ODD_ID, SCRIPT, STORY_ID

from newsfuse.serve.derive import safe_url

PAGES = ["/", "/?q=crates", f"/story/{STORY_ID}", "/article/a", f"/article/{quote(ODD_ID, safe='')}",
         f"/person/{quote('Mira Tal ' + SCRIPT, safe='')}", "/place/geonames:1", "/ingest", "/story/nope"]


@pytest.mark.parametrize("path", PAGES)
def test_hostile_text_is_escaped(client, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    html = response.text
    assert "<script" not in html.lower()  # no page script at all; scraped ones escaped
    assert "<img" not in html and "onerror=" not in html.replace("onerror=&#34;", "")
    assert "<svg onload" not in html
    for href in re.findall(r'href="([^"]*)"', html):
        assert not href.lower().startswith(("javascript:", "data:text", "vbscript:")), href
    headers = response.headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "default-src 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_hostile_text_is_shown_escaped(client):
    html = client.get(f"/story/{STORY_ID}").text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert 'href="https://b.example/news/crates"' in html  # a real http(s) original is linked
    assert "javascript:window.__pwned=3" not in html  # a javascript: URL is not even shown as a link


@pytest.mark.parametrize("address, safe", [
    ("https://a.example/x", True), ("http://a.example", True), ("javascript:alert(1)", False),
    ("JaVaScRiPt:alert(1)", False), (" javascript:alert(1)", False), ("java\tscript:alert(1)", False),
    ("data:text/html,<script>", False), ("//evil.example", False), ("/story/x", False), ("https:///x", False),
    (None, False), (42, False)])
def test_safe_url(address, safe):
    assert (safe_url(address) is not None) is safe


def test_binds_loopback_by_default():
    import argparse

    from newsfuse.serve import add_arguments
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    args = parser.parse_args(["--db", "x.sqlite"])
    assert (args.host, args.port, args.token) == ("127.0.0.1", 8000, None)
