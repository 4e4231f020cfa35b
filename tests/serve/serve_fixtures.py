"""Shared by the web application's tests: a fictional store with hostile text in every scraped field, and a
live uvicorn server on a free 127.0.0.1 port."""
from __future__ import annotations

import hashlib
import json
import socket
import sqlite3
import threading
import time
from pathlib import Path

from _postgres import throwaway_database

from newsfuse.store import Store

TOKEN = "test-token-7f3a"
SCRIPT = "<script>window.__pwned=1</script>"
IMG = "<img src=x onerror=\"window.__pwned=2\">"
HOSTILE = SCRIPT + IMG
STORY_ID = "story-aaaaaaaaaaaa"
OTHER_ID = "story-bbbbbbbbbbbb"
ODD_ID = "odd\"><svg onload=alert(1)>.x"
CHROME = ["Home", f"News {HOSTILE}", "<a href=\"javascript:window.__pwned=4\">Related: crates</a>", "Copyright 2031"]


def _article(article_id: str, title: str, body: list[str], **extra) -> dict:
    data = {"id": article_id, "source": f"{article_id}.html", "title": title, "title_derived": False, "byline": [],
            "dateline": None, "published": "2031-05-05", "language": "en", "body": body, "body_lines": None,
            "url": None, "outlet": None, "site": None, "derived_title": None}
    data.update(extra)
    return data


def fictional_data() -> tuple[list[dict], list[dict]]:
    articles = [
        _article("a", f"Crates leave Karvik {HOSTILE}",
                 [f"More than 400 crates were shipped from Karvik to Telmar on Monday. {HOSTILE}",
                  f"\u201cThese crates hold timber {SCRIPT},\u201d said Mira Tal."],
                 url="javascript:window.__pwned=3", outlet=f"Outlet A {IMG}", chrome=CHROME),
        _article("b", "Crates leave Karvik, port says", ["About 420 crates were shipped from Karvik to Telmar on Monday, the port said."],
                 url="https://b.example/news/crates", outlet="Port Weekly", language="en"),
        _article(ODD_ID, "A third report", ["Crates again, from Karvik."], source="data:text/html,<script>alert(1)</script>",
                 outlet="Odd Outlet", language="fr"),
        _article("c", "Glass factory opens in Orvane", ["A glass factory opened in Orvane on Friday, the mayor said."],
                 published="2031-06-10", outlet="Valley Post"),
    ]
    place = {"name": f"Telmar {IMG}", "country": "HR", "lat": 43.5, "lon": 16.4, "gazetteer_id": "geonames:1"}
    story = {
        "id": STORY_ID, "headline": f"Crates leave Karvik {HOSTILE}", "event_date": "2031-05-05",
        "articles": ["a", "b", ODD_ID],
        "provenance": {"relations": [{"from": ODD_ID, "to": "b", "relation": "copy", "directed": True,
                                      "evidence": [f"shared passage {SCRIPT}"]}],
                       "independent_groups": [["a"], ["b", ODD_ID]]},
        "facts": [
            {"id": "F1", "kind": "quantity", "value": {"amount": 400, "unit": "crate", "bound": "lower"},
             "mentions": [{"article": "a", "text": "More than 400 crates", "sentence": "More than 400 crates were shipped."}],
             "independent_support": 1},
            {"id": "F2", "kind": "place", "value": place,
             "mentions": [{"article": "a", "text": "Telmar", "sentence": "shipped from Karvik to Telmar on Monday."},
                          {"article": "b", "text": "Telmar", "sentence": "shipped from Karvik to Telmar on Monday"}],
             "independent_support": 2},
            {"id": "F3", "kind": "date", "value": {"start": "2031-05-05", "end": "2031-05-05", "granularity": "day"},
             "mentions": [{"article": "a", "text": "Monday", "sentence": f"The crates left on Monday. {HOSTILE}"}],
             "independent_support": 2},
            {"id": "F4", "kind": "person", "value": {"name": f"Mira Tal {SCRIPT}"},
             "mentions": [{"article": "a", "text": "Mira Tal", "sentence": "said Mira Tal."}], "independent_support": 1},
        ],
        "quotes": [{"id": "Q1", "speaker": f"Mira Tal {SCRIPT}", "text": f"These crates hold timber {SCRIPT}",
                    "mentions": [{"article": "a", "text": "These crates hold timber", "sentence": ""}],
                    "independent_support": 1, "variants": [{"article": "a", "text": f"These crates hold timber {SCRIPT}", "diff": ""}]}],
        "conflicts": [{"id": "C1", "type": "bound", "about": f"crates shipped {SCRIPT}", "status": "dispute",
                       "sides": [{"value": f"more than 400 {IMG}", "articles": ["a"], "independent_support": 1},
                                 {"value": "about 420", "articles": ["b"], "independent_support": 1}],
                       "evidence": [{"side": f"more than 400 {IMG}", "sentences": [{"article": "a", "text": f"More than 400 crates {SCRIPT}"}]},
                                    {"side": "about 420", "sentences": [{"article": "b", "text": "About 420 crates were shipped"}]}],
                       "explanation": f"the counts differ {SCRIPT}"}],
        "single_source": [{"article": "a", "text": f"These crates hold timber {HOSTILE}"}],
        "brief": [{"text": f"Crates were shipped from Karvik to Telmar {SCRIPT}", "citations": ["a", "b"],
                   "status": "disputed", "independent_support": 2, "section": "brief"}],
    }
    other = {"id": OTHER_ID, "headline": "Glass factory opens in Orvane", "event_date": "2031-06-10", "articles": ["c"],
             "provenance": {"relations": [], "independent_groups": [["c"]]},
             "facts": [{"id": "F1", "kind": "place", "value": {"name": "Orvane", "country": "FR", "lat": 45.0, "lon": 4.0,
                                                               "gazetteer_id": "geonames:2"},
                        "mentions": [{"article": "c", "text": "Orvane", "sentence": "A glass factory opened in Orvane."}],
                        "independent_support": 1}],
             "quotes": [], "conflicts": [], "single_source": [], "brief": []}
    return articles, [story, other]


def postgres_database():
    """A fresh database of its own on the test server (dropped afterwards); skipped without one."""
    return throwaway_database("newsfuse_serve", "serve")


def _write_postgres(url: str, articles: list[dict], stories: list[dict]) -> str:
    import psycopg
    with psycopg.connect(url) as connection, connection.cursor() as cursor:
        for article in articles:
            data = json.dumps(article)
            cursor.execute("INSERT INTO articles (id, source, content_hash, data) VALUES (%s, %s, %s, %s) "
                           "ON CONFLICT (id) DO UPDATE SET source = excluded.source, "
                           "content_hash = excluded.content_hash, data = excluded.data",
                           (article["id"], article["source"], hashlib.sha256(data.encode()).hexdigest(), data))
        for story in stories:
            cursor.execute("INSERT INTO stories (id, headline, data) VALUES (%s, %s, %s) ON CONFLICT (id) DO UPDATE "
                           "SET headline = excluded.headline, data = excluded.data",
                           (story["id"], story["headline"], json.dumps(story)))
            cursor.executemany("INSERT INTO story_articles (story_id, article_id) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                               [(story["id"], a) for a in story["articles"]])
    return url


def write_store(path, articles: list[dict], stories: list[dict]):
    """A store with these contract dicts, written with plain SQL into the store's own tables (an SQLite path
    or a ``postgresql://`` URL)."""
    Store(path).close()
    if str(path).startswith("postgresql://"):
        return _write_postgres(str(path), articles, stories)
    connection = sqlite3.connect(path)
    with connection:
        for article in articles:
            data = json.dumps(article)
            connection.execute("INSERT OR REPLACE INTO articles (id, source, content_hash, data) VALUES (?, ?, ?, ?)",
                               (article["id"], article["source"], hashlib.sha256(data.encode()).hexdigest(), data))
        for story in stories:
            connection.execute("INSERT OR REPLACE INTO stories (id, headline, data) VALUES (?, ?, ?)",
                               (story["id"], story["headline"], json.dumps(story)))
            connection.executemany("INSERT OR REPLACE INTO story_articles (story_id, article_id) VALUES (?, ?)",
                                   [(story["id"], a) for a in story["articles"]])
    connection.close()
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LiveServer:
    """uvicorn in a thread on a free 127.0.0.1 port."""

    def __init__(self, db: Path, token: str | None = TOKEN):
        import uvicorn

        from newsfuse.serve.app import create_app
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(create_app(str(db), token), host="127.0.0.1", port=self.port,
                                                    log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)
