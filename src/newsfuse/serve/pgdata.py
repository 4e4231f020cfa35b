"""The web application's reads over a PostgreSQL store (``postgresql://``): the same answers as ``data.py``'s
SQLite reader, with PostgreSQL's own means.

- Derived tables ``serve_stories`` (counts, dates, facet keys and labels, and a small ``tsvector`` of the
  story's lead: headline, titles, first lines, kept in the row), ``serve_search`` (the ``tsvector`` of all the
  story's words under a GIN index, apart so that story rows stay small), ``serve_facets`` and
  ``serve_moved``, made by this module in the store's database; search is ``plainto_tsquery('simple', ...)``
  over the whole words (every word must occur, no query syntax reaches the server), ranked by ``ts_rank``
  over the lead: ranking thousands of matches by their whole vectors would unpack every one of them.
- Keeping in step: each request (at most every ``CHECK_SECONDS``) reads ``pg_current_snapshot()``, which
  changes only when a transaction that wrote commits or aborts (no table is read); only then are the
  stories compared with their derived rows by ``xmin`` (a story row's version: every write gives a new one;
  the JSON is not read for it), and those that
  changed re-derived, in one transaction under an advisory lock (two servers over one store take turns).
"""
from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable

from newsfuse.serve.data import SYNC_BATCH, BaseReader, facet_keys, facet_labels
from newsfuse.serve.derive import StorySummary
from newsfuse.store import Store

SCHEMA_VERSION = "pg-6"
SYNC_LOCK = 0x73657276  # advisory lock key ("serv")
CHECK_SECONDS = 0.2  # the snapshot is looked at no more often than this per process
ANALYZE_AFTER = 1000  # stories re-derived in one sync after which the derived tables' statistics are renewed
MAX_SEARCH_CHARS = 400_000  # a tsvector holds at most 1 MB; a story's words are cut here
RANK_CHARS = 600  # the start of a story's words (headline, first title and lines) that ranks a match: small, in the row
TS_CONFIG = "simple"  # no stemming, no stop words: stories come in many languages
SORTS = {
    "newest": "s.sort_date DESC NULLS LAST, s.n_sources DESC, s.id",
    "covered": "s.n_sources DESC, s.n_articles DESC, s.sort_date DESC NULLS LAST, s.id",
    "disputed": "s.n_conflicts DESC, s.n_disputed DESC, s.n_sources DESC, s.id",
    "relevance": "ts_rank(s.lead, query) DESC, s.n_sources DESC, s.id",
}
SCHEMA = [
    "CREATE TABLE serve_stories (num BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id TEXT UNIQUE NOT NULL, "
    "src_xmin BIGINT, src_len INTEGER, headline TEXT, event_date TEXT, first_date TEXT, last_date TEXT, "
    "sort_date TEXT, n_articles INTEGER, n_sources INTEGER, n_conflicts INTEGER, n_disputed INTEGER, "
    "n_quotes INTEGER, articles TEXT, facet_labels TEXT, facet_keys TEXT, lead TSVECTOR)",
    "ALTER TABLE serve_stories ALTER COLUMN lead SET STORAGE MAIN",  # kept in the row: ranking reads it per match
    "CREATE INDEX serve_stories_newest ON serve_stories(sort_date DESC NULLS LAST, n_sources DESC, id)",
    "CREATE INDEX serve_stories_covered ON serve_stories(n_sources DESC, n_articles DESC, sort_date DESC NULLS LAST, id)",
    "CREATE INDEX serve_stories_disputed ON serve_stories(n_conflicts DESC, n_disputed DESC, n_sources DESC, id)",
    # the story's whole words apart, so that a story row stays small (a scan or a rank never unpacks them)
    "CREATE TABLE serve_search (num BIGINT PRIMARY KEY REFERENCES serve_stories (num) ON DELETE CASCADE, "
    "search TSVECTOR)",
    "CREATE INDEX serve_search_words ON serve_search USING GIN (search)",
    "CREATE TABLE serve_facets (facet TEXT NOT NULL, value TEXT NOT NULL, story_id TEXT NOT NULL, label TEXT, "
    "PRIMARY KEY (facet, value, story_id))",
    "CREATE INDEX serve_facets_story ON serve_facets(story_id)",
    "CREATE TABLE serve_moved (old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL)",
]
TABLES = ("serve_search", "serve_stories", "serve_facets", "serve_moved")


def search_words(text: str) -> str:
    """The user's words (letters and digits only) for ``plainto_tsquery``: every one must occur."""
    return " ".join("".join(c if c.isalnum() else " " for c in text).split()[:20])


class PostgresReader(BaseReader):
    """Reads a PostgreSQL store for the web application; one connection per thread (autocommit)."""

    def __init__(self, url: str):
        Store(url).close()  # checks the address, makes or migrates the store (StoreError otherwise)
        import psycopg
        self._psycopg = psycopg
        self.url = url
        self._local = threading.local()
        self._lock = threading.Lock()
        self._sync = self._connect()
        self._signal: str | None = None
        self._checked = 0.0
        self.generation = 0
        self._cache: OrderedDict = OrderedDict()
        self._make_tables()
        self.refresh()

    # connections -------------------------------------------------------------------------------------------
    def _connect(self):
        return self._psycopg.connect(self.url, autocommit=True)

    def _reader(self):
        connection = getattr(self._local, "connection", None)
        if connection is None or connection.closed:
            connection = self._local.connection = self._connect()
        if time.monotonic() - self._checked >= CHECK_SECONDS:
            self.refresh()
        return connection

    def close(self) -> None:
        self._sync.close()

    def _make_tables(self) -> None:
        c = self._sync
        with c.transaction():
            c.execute("SELECT pg_advisory_xact_lock(%s)", (SYNC_LOCK,))
            c.execute("CREATE TABLE IF NOT EXISTS serve_meta (key TEXT PRIMARY KEY, value TEXT)")
            row = c.execute("SELECT value FROM serve_meta WHERE key = 'schema'").fetchone()
            if not row or row[0] != SCHEMA_VERSION:
                for table in TABLES:
                    c.execute(f"DROP TABLE IF EXISTS {table}")
                for statement in SCHEMA:
                    c.execute(statement)
                c.execute("INSERT INTO serve_meta VALUES ('schema', %s) ON CONFLICT (key) DO UPDATE "
                          "SET value = excluded.value", (SCHEMA_VERSION,))

    # keeping in step ----------------------------------------------------------------------------------------
    def _snapshot(self) -> str:
        return self._sync.execute("SELECT pg_current_snapshot()::text").fetchone()[0]

    def _sync_if_written(self) -> int:
        self._checked = time.monotonic()
        signal = self._snapshot()
        if signal == self._signal:
            return 0
        changed = self._sync_changes()
        self._signal = signal  # read before the comparison: a commit during it is looked at next time
        return changed

    def _sync_changes(self) -> int:
        c = self._sync
        changed = [row[0] for row in c.execute(
            "SELECT s.id FROM stories s LEFT JOIN serve_stories v ON v.id = s.id "
            "WHERE v.id IS NULL OR v.src_xmin <> s.xmin::text::bigint")]  # every write of a row gives it a new xmin
        gone = c.execute("SELECT v.id, v.articles FROM serve_stories v WHERE NOT EXISTS "
                         "(SELECT 1 FROM stories s WHERE s.id = v.id)").fetchall()
        if not changed and not gone:
            return 0
        with c.transaction():
            c.execute("SELECT pg_advisory_xact_lock(%s)", (SYNC_LOCK,))
            for start in range(0, len(changed), SYNC_BATCH):
                self._derive(c, changed[start:start + SYNC_BATCH])
            for story_id, members in gone:
                self._drop(c, story_id, json.loads(members or "[]"))
        if len(changed) + len(gone) >= ANALYZE_AFTER:  # fresh statistics, or the planner guesses on a new table
            c.execute("VACUUM (ANALYZE) serve_stories, serve_search, serve_facets")  # and all-visible pages: counts skip the heap
        return len(changed) + len(gone)

    def _changed_rows(self, c, ids: list[str]) -> list:
        return c.execute("SELECT xmin::text::bigint, length(data), data FROM stories WHERE id = ANY(%s)",
                         (ids,)).fetchall()

    @staticmethod
    def _write_summary(c, version: int, length: int, summary: StorySummary) -> None:
        headline, words = summary.headline.replace("\x00", ""), summary.search_text.replace("\x00", "")
        c.execute("DELETE FROM serve_facets WHERE story_id = %s", (summary.id,))
        c.execute("DELETE FROM serve_stories WHERE id = %s", (summary.id,))
        num = c.execute(
            "INSERT INTO serve_stories (id, src_xmin, src_len, headline, event_date, first_date, last_date, "
            "sort_date, n_articles, n_sources, n_conflicts, n_disputed, n_quotes, articles, facet_labels, "
            "facet_keys, lead) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
            f"setweight(to_tsvector('{TS_CONFIG}', %s), 'A') || setweight(to_tsvector('{TS_CONFIG}', %s), 'B')) "
            "RETURNING num",
            (summary.id, version, length, summary.headline, summary.event_date, summary.first_date,
             summary.last_date, summary.event_date or summary.last_date, summary.n_articles, summary.n_sources,
             summary.n_conflicts, summary.n_disputed, summary.n_quotes, json.dumps(summary.articles),
             facet_labels(summary), facet_keys(summary), headline, words[:RANK_CHARS])).fetchone()[0]
        c.execute("INSERT INTO serve_search (num, search) VALUES (%s, "
                  f"setweight(to_tsvector('{TS_CONFIG}', %s), 'A') || setweight(to_tsvector('{TS_CONFIG}', %s), 'B'))",
                  (num, headline, words[:MAX_SEARCH_CHARS]))
        with c.cursor() as cursor:
            cursor.executemany("INSERT INTO serve_facets (facet, value, story_id, label) VALUES (%s, %s, %s, %s) "
                               "ON CONFLICT DO NOTHING",
                               [(facet, value, summary.id, label) for facet, value, label in summary.facets])
        c.execute("DELETE FROM serve_moved WHERE old_id = %s", (summary.id,))

    @staticmethod
    def _drop(c, story_id: str, members: list[str]) -> None:
        """Forget a story the store no longer holds; remember where its first article went."""
        c.execute("DELETE FROM serve_facets WHERE story_id = %s", (story_id,))
        c.execute("DELETE FROM serve_stories WHERE id = %s", (story_id,))
        for article in members:
            row = c.execute("SELECT story_id FROM story_articles WHERE article_id = %s LIMIT 1", (article,)).fetchone()
            if row:
                c.execute("INSERT INTO serve_moved VALUES (%s, %s) ON CONFLICT (old_id) DO UPDATE "
                          "SET new_id = excluded.new_id", (story_id, row[0]))
                c.execute("UPDATE serve_moved SET new_id = %s WHERE new_id = %s", (row[0], story_id))
                break

    # backend pieces of the shared reads ----------------------------------------------------------------------
    PLACEHOLDER = "%s"
    SORTS = SORTS

    def _in(self, column: str, values: Iterable) -> tuple[str, list]:
        return f"{column} = ANY(?)", [list(values)]

    def _search(self, q: str) -> tuple[str, list[str], list]:
        return (f"serve_stories s JOIN serve_search t ON t.num = s.num, plainto_tsquery('{TS_CONFIG}', ?) AS query",
                ["t.search @@ query"], [search_words(q)])
