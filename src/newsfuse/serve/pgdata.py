"""The web application's reads over a PostgreSQL store (``postgresql://``): the same answers as ``data.py``'s
SQLite reader, with PostgreSQL's own means.

- Derived tables ``serve_stories`` (counts, dates and a ``tsvector`` of the story's words with a GIN index),
  ``serve_facets`` and ``serve_moved``, made by this module in the store's database; search is
  ``plainto_tsquery('simple', ...)`` over that vector (every word must occur, no query syntax reaches the
  server), ranked by ``ts_rank`` over a small second vector of the story's lead (headline, titles, first
  lines): ranking thousands of matches by their whole vectors would read every one of them.
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

from newsfuse.serve.data import (CACHE_SIZE, FACET_LIMIT, FACET_SAMPLE, INDEX_FACETS, SYNC_BATCH, IndexQuery,
                                 IndexResult)
from newsfuse.serve.derive import StorySummary, person_key, summarize
from newsfuse.store import Store

SCHEMA_VERSION = "pg-2"
SYNC_LOCK = 0x73657276  # advisory lock key ("serv")
CHECK_SECONDS = 0.2  # the snapshot is looked at no more often than this per process
ANALYZE_AFTER = 1000  # stories re-derived in one sync after which the derived tables' statistics are renewed
MAX_SEARCH_CHARS = 400_000  # a tsvector holds at most 1 MB; a story's words are cut here
RANK_CHARS = 2_000  # the start of a story's words (headline, titles, first lines) that ranks a match
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
    "n_quotes INTEGER, articles TEXT, search TSVECTOR, lead TSVECTOR)",
    "CREATE INDEX serve_stories_newest ON serve_stories(sort_date DESC NULLS LAST, n_sources DESC, id)",
    "CREATE INDEX serve_stories_covered ON serve_stories(n_sources DESC, n_articles DESC, sort_date DESC NULLS LAST, id)",
    "CREATE INDEX serve_stories_disputed ON serve_stories(n_conflicts DESC, n_disputed DESC, n_sources DESC, id)",
    "CREATE INDEX serve_stories_search ON serve_stories USING GIN (search)",
    "CREATE TABLE serve_facets (facet TEXT NOT NULL, value TEXT NOT NULL, story_id TEXT NOT NULL, label TEXT, "
    "PRIMARY KEY (facet, value, story_id))",
    "CREATE INDEX serve_facets_story ON serve_facets(story_id)",
    "CREATE TABLE serve_moved (old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL)",
]
TABLES = ("serve_stories", "serve_facets", "serve_moved")
INDEX_COLUMNS = ("s.id, s.headline, s.event_date, s.first_date, s.last_date, s.n_articles, s.n_sources, "
                 "s.n_conflicts, s.n_disputed, s.n_quotes")
INDEX_NAMES = ("id", "headline", "event_date", "first_date", "last_date", "articles", "independent_sources",
               "conflicts", "disputed", "quotes")


def search_words(text: str) -> str:
    """The user's words (letters and digits only) for ``plainto_tsquery``: every one must occur."""
    return " ".join("".join(c if c.isalnum() else " " for c in text).split()[:20])


class PostgresReader:
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

    def refresh(self) -> int:
        """Re-derive the stories that changed since the last look; returns how many did."""
        with self._lock:
            self._checked = time.monotonic()
            signal = self._snapshot()
            if signal == self._signal:
                return 0
            changed = self._sync_changes()
            self._signal = signal  # read before the comparison: a commit during it is looked at next time
            if changed:
                self.generation += 1
                self._cache.clear()
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
            c.execute("ANALYZE serve_stories, serve_facets")
        return len(changed) + len(gone)

    def _derive(self, c, ids: list[str]) -> None:
        rows = c.execute("SELECT id, data, xmin::text::bigint, length(data) FROM stories WHERE id = ANY(%s)",
                         (ids,)).fetchall()
        stories = [(version, length, json.loads(data)) for _, data, version, length in rows]
        wanted = sorted({a for _, _, story in stories for a in story.get("articles") or [] if isinstance(a, str)})
        articles = self._articles(c, wanted)
        for version, length, story in stories:
            story.setdefault("id", "")
            self._write_summary(c, version, length, summarize(story, articles))

    @staticmethod
    def _write_summary(c, version: int, length: int, summary: StorySummary) -> None:
        headline, words = summary.headline.replace("\x00", ""), summary.search_text.replace("\x00", "")
        c.execute("DELETE FROM serve_facets WHERE story_id = %s", (summary.id,))
        c.execute("DELETE FROM serve_stories WHERE id = %s", (summary.id,))
        c.execute(
            "INSERT INTO serve_stories (id, src_xmin, src_len, headline, event_date, first_date, last_date, "
            "sort_date, n_articles, n_sources, n_conflicts, n_disputed, n_quotes, articles, search, lead) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
            f"setweight(to_tsvector('{TS_CONFIG}', %s), 'A') || setweight(to_tsvector('{TS_CONFIG}', %s), 'B'), "
            f"setweight(to_tsvector('{TS_CONFIG}', %s), 'A') || setweight(to_tsvector('{TS_CONFIG}', %s), 'B'))",
            (summary.id, version, length, summary.headline, summary.event_date, summary.first_date,
             summary.last_date, summary.event_date or summary.last_date, summary.n_articles, summary.n_sources,
             summary.n_conflicts, summary.n_disputed, summary.n_quotes, json.dumps(summary.articles),
             headline, words[:MAX_SEARCH_CHARS], headline, words[:RANK_CHARS]))
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

    @staticmethod
    def _articles(c, ids: Iterable[str]) -> dict[str, dict]:
        ids = list(ids)
        found: dict[str, dict] = {}
        for start in range(0, len(ids), SYNC_BATCH):
            for article_id, data in c.execute("SELECT id, data FROM articles WHERE id = ANY(%s)",
                                              (ids[start:start + SYNC_BATCH],)):
                found[article_id] = json.loads(data)
        return found

    # reads ----------------------------------------------------------------------------------------------------
    def _cached(self, key: tuple, compute):
        cached = self._cache.get(key)
        if cached is not None and cached[0] == self.generation:
            return cached[1]
        value = compute()
        self._cache[key] = (self.generation, value)
        if len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return value

    def counts(self) -> dict[str, int]:
        c = self._reader()
        return self._cached(("counts",), lambda: {"stories": c.execute("SELECT count(*) FROM stories").fetchone()[0],
                                                  "articles": c.execute("SELECT count(*) FROM articles").fetchone()[0]})

    def index(self, query: IndexQuery) -> IndexResult:
        c = self._reader()
        source, where, params = "serve_stories s", [], []
        if query.q:
            source = f"serve_stories s, plainto_tsquery('{TS_CONFIG}', %s) AS query"
            params.append(search_words(query.q))
            where.append("s.search @@ query")
        if query.date_from:
            where.append("s.sort_date >= %s")
            params.append(query.date_from)
        if query.date_to:
            where.append("s.sort_date <= %s")
            params.append(query.date_to)
        for facet in ("outlet", "language", "place", "person"):
            value = getattr(query, facet)
            if value:
                where.append("s.id IN (SELECT story_id FROM serve_facets WHERE facet = %s AND value = %s)")
                params += [facet, person_key(value) if facet == "person" else value]
        base = f"FROM {source} {'WHERE ' + ' AND '.join(where) if where else ''}"
        offset = (max(query.page, 1) - 1) * query.per_page
        rows = c.execute(f"SELECT {INDEX_COLUMNS} {base} ORDER BY {SORTS[query.order]} LIMIT %s OFFSET %s",
                         (*params, query.per_page, offset)).fetchall()
        stories = [dict(zip(INDEX_NAMES, row)) for row in rows]
        total, facets = self._cached(("index", base, query.order, tuple(params)),
                                     lambda: self._totals(c, base, query.order, params))
        if stories:
            self._attach_facets(c, stories)
        return IndexResult(query, total, stories, facets)

    @staticmethod
    def _totals(c, base: str, order: str, params: list) -> tuple[int, dict[str, list[dict]]]:
        """As the SQLite reader: the matching count, facet counts among the first ``FACET_SAMPLE`` matches."""
        total = c.execute(f"SELECT count(*) {base}", params).fetchone()[0]
        facets: dict[str, list[dict]] = {name: [] for name in INDEX_FACETS}
        rows = c.execute(
            f"SELECT facet, value, count FROM (SELECT f.facet, f.value, count(*) AS count, "
            f"row_number() OVER (PARTITION BY f.facet ORDER BY count(*) DESC, f.value) AS n "
            f"FROM (SELECT s.id AS id {base} {'' if order == 'relevance' else 'ORDER BY ' + SORTS[order]} LIMIT %s) AS m "
            f"JOIN serve_facets f ON f.story_id = m.id WHERE f.facet = ANY(%s) GROUP BY f.facet, f.value) AS counted "
            f"WHERE n <= %s ORDER BY facet, n", (*params, FACET_SAMPLE, list(INDEX_FACETS), FACET_LIMIT)).fetchall()
        for facet, value, count in rows:
            label = c.execute("SELECT label FROM serve_facets WHERE facet = %s AND value = %s LIMIT 1",
                              (facet, value)).fetchone()
            facets[facet].append({"value": value, "label": label[0] if label else value, "count": count})
        return total, facets

    @staticmethod
    def _attach_facets(c, stories: list[dict]) -> None:
        by_id = {s["id"]: s for s in stories}
        for s in stories:
            s.update(outlets=[], places=[], languages=[])
        for story_id, facet, label in c.execute(
                "SELECT story_id, facet, label FROM serve_facets WHERE story_id = ANY(%s) "
                "AND facet IN ('outlet', 'place', 'language') ORDER BY label COLLATE \"C\"", (list(by_id),)):
            by_id[story_id][{"outlet": "outlets", "place": "places", "language": "languages"}[facet]].append(label)

    def story(self, story_id: str) -> dict | None:
        row = self._reader().execute("SELECT data FROM stories WHERE id = %s", (story_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def moved(self, story_id: str) -> str | None:
        row = self._reader().execute("SELECT new_id FROM serve_moved WHERE old_id = %s", (story_id,)).fetchone()
        return row[0] if row else None

    def articles(self, ids: Iterable[str]) -> dict[str, dict]:
        return self._articles(self._reader(), ids)

    def article(self, article_id: str) -> dict | None:
        row = self._reader().execute("SELECT data FROM articles WHERE id = %s", (article_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def stories_of_article(self, article_id: str) -> list[dict]:
        rows = self._reader().execute(
            "SELECT s.data FROM story_articles sa JOIN stories s ON s.id = sa.story_id WHERE sa.article_id = %s",
            (article_id,)).fetchall()
        return [json.loads(data) for (data,) in rows]

    def stories_with(self, facet: str, value: str, limit: int = 200) -> list[dict]:
        """Index rows of the stories carrying one facet value (a place key, a person key), newest first."""
        rows = self._reader().execute(
            "SELECT s.id, s.headline, s.event_date, s.last_date, s.n_articles, s.n_sources, s.n_conflicts, f.label "
            "FROM serve_facets f JOIN serve_stories s ON s.id = f.story_id WHERE f.facet = %s AND f.value = %s "
            f"ORDER BY {SORTS['newest']} LIMIT %s", (facet, value, limit)).fetchall()
        names = ("id", "headline", "event_date", "last_date", "articles", "independent_sources", "conflicts", "label")
        return [dict(zip(names, row)) for row in rows]

    def story_data(self, ids: list[str]) -> list[dict]:
        if not ids:
            return []
        rows = self._reader().execute("SELECT data FROM stories WHERE id = ANY(%s)", (list(ids),)).fetchall()
        return [json.loads(data) for (data,) in rows]
