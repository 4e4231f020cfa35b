"""Everything the web application reads, in plain SQL over the store's tables (``articles``, ``stories``,
``story_articles``), plus its own derived tables (``serve_*``: story counts, facet values, a search index,
moved story ids) kept in step with the store. ``StoreReader(url)`` picks the backend: this module's SQLite
reader (FTS5 search) or ``pgdata.PostgresReader`` (PostgreSQL full-text search) for a ``postgresql://`` URL.

Keeping in step (SQLite): every request asks SQLite whether another connection wrote (``PRAGMA
data_version``, a counter read without I/O); only then are the stories whose row changed re-derived, under
one lock. Where the store's file is read-only, the derived tables live in a shared in-memory database instead.
"""
from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections import Counter, OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsfuse.serve.derive import StorySummary, person_key, summarize
from newsfuse.store import POSTGRES_SCHEMES, Store

SCHEMA_VERSION = "6"
BUSY_MS = 30_000
VERIFY_NEWEST = 200  # rows whose content is compared in full on each sync (SQLite may reuse the largest rowids)
SYNC_BATCH = 500
FACET_LIMIT = 12
FACET_SAMPLE = 1000  # facet counts over at most this many matching stories (the first in stored order)
WALK_SHARE = 0.05  # a facet value on more stories than this share: its page walks the order's index instead
INDEX_FACETS = ("outlet", "language", "place")
CACHE_SIZE = 256
SORTS = {
    "newest": "s.sort_date IS NULL, s.sort_date DESC, s.n_sources DESC, s.id",
    "covered": "s.n_sources DESC, s.n_articles DESC, s.sort_date DESC, s.id",
    "disputed": "s.n_conflicts DESC, s.n_disputed DESC, s.n_sources DESC, s.id",
    "relevance": "serve_search.rank, s.n_sources DESC",
}

SCHEMA = [
    "CREATE TABLE serve_stories (num INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, src_rowid INTEGER, "
    "src_len INTEGER, headline TEXT, event_date TEXT, first_date TEXT, last_date TEXT, sort_date TEXT, "
    "n_articles INTEGER, n_sources INTEGER, n_conflicts INTEGER, n_disputed INTEGER, n_quotes INTEGER, "
    "articles TEXT, facet_labels TEXT, facet_keys TEXT)",
    # one index per order of the index page (the same expressions as SORTS), so a page is an index walk
    "CREATE INDEX serve_stories_newest ON serve_stories(sort_date IS NULL, sort_date DESC, n_sources DESC, id)",
    "CREATE INDEX serve_stories_covered ON serve_stories(n_sources DESC, n_articles DESC, sort_date DESC, id)",
    "CREATE INDEX serve_stories_disputed ON serve_stories(n_conflicts DESC, n_disputed DESC, n_sources DESC, id)",
    "CREATE TABLE serve_facets (facet TEXT NOT NULL, value TEXT NOT NULL, story_id TEXT NOT NULL, label TEXT, "
    "PRIMARY KEY (facet, value, story_id)) WITHOUT ROWID",
    "CREATE INDEX serve_facets_story ON serve_facets(story_id)",
    "CREATE VIRTUAL TABLE serve_search USING fts5(headline, body, tokenize='unicode61 remove_diacritics 2')",
    "CREATE TABLE serve_moved (old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL)",
]
TABLES = ("serve_stories", "serve_facets", "serve_search", "serve_moved")


@dataclass(frozen=True)
class IndexQuery:
    q: str = ""
    date_from: str = ""
    date_to: str = ""
    outlet: str = ""
    language: str = ""
    place: str = ""
    person: str = ""
    sort: str = ""
    page: int = 1
    per_page: int = 50

    @property
    def order(self) -> str:
        if self.sort in SORTS and (self.sort != "relevance" or self.q):
            return self.sort
        return "relevance" if self.q else "newest"

    def filters(self) -> dict[str, str]:
        return {k: v for k, v in (("q", self.q), ("from", self.date_from), ("to", self.date_to),
                                  ("outlet", self.outlet), ("language", self.language), ("place", self.place),
                                  ("person", self.person)) if v}


@dataclass
class IndexResult:
    query: IndexQuery
    total: int
    stories: list[dict]
    facets: dict[str, list[dict]] = field(default_factory=dict)


def fts_query(text: str) -> str:
    """The user's words as an FTS5 query: every word must occur (quoted, so no syntax can break it)."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in text).split() if w]
    return " ".join(f'"{w}"' for w in words[:20])


def sqlite_path(url_or_path: str) -> str:
    text = str(url_or_path)
    return text.removeprefix("sqlite:///") if text.startswith("sqlite:///") else text


def StoreReader(url_or_path: str):  # noqa: N802 - called like the class it was
    """The web application's reader of the store at ``url_or_path``: ``pgdata.PostgresReader`` for a
    ``postgresql://`` URL, else the SQLite reader; both answer the same calls with the same rows."""
    if str(url_or_path).startswith(POSTGRES_SCHEMES):
        from newsfuse.serve.pgdata import PostgresReader
        return PostgresReader(str(url_or_path))
    return SQLiteReader(url_or_path)


INDEX_COLUMNS = ("s.id, s.headline, s.event_date, s.first_date, s.last_date, s.n_articles, s.n_sources, "
                 "s.n_conflicts, s.n_disputed, s.n_quotes, s.facet_labels")
INDEX_NAMES = ("id", "headline", "event_date", "first_date", "last_date", "articles", "independent_sources",
               "conflicts", "disputed", "quotes")
FACET_LISTS = {"outlet": "outlets", "place": "places", "language": "languages"}  # an index row's label lists


KEY_PART, KEY_END = "\x1f", "\x1e"  # separators of a story's facet keys (a value holding one, or NUL, is not counted)


def facet_labels(summary: StorySummary) -> str:
    """The labels of the story's outlets, places and languages, by label (JSON), for its index row."""
    labels: dict[str, list[str]] = {name: [] for name in FACET_LISTS.values()}
    for facet, _, label in sorted(summary.facets, key=lambda f: (f[0], f[2], f[1])):
        if facet in FACET_LISTS:
            labels[FACET_LISTS[facet]].append(label)
    return json.dumps(labels, ensure_ascii=False)


def facet_keys(summary: StorySummary) -> str:
    """The story's index facet values as one string (``facet KEY_PART value KEY_END`` each): counted for the
    index's facets by splitting, with no join and no JSON."""
    return "".join(f"{facet}{KEY_PART}{value}{KEY_END}" for facet, value, _ in summary.facets
                   if facet in INDEX_FACETS and not any(c in value for c in (KEY_PART, KEY_END, "\x00")))


def index_row(row: tuple) -> dict:
    """One story of the index page: its counts and dates, and the labels of its outlets, places, languages."""
    story = dict(zip(INDEX_NAMES, row))
    story.update(json.loads(row[len(INDEX_NAMES)] or "{}"))
    return story


class BaseReader:
    """The reads both backends share, written once in ``?``-placeholder SQL; a backend gives its connections
    (``_reader``), its placeholder (``PLACEHOLDER``), its list test (``_in``), its orders (``SORTS``), its
    search (``_search``, and where faster ``RANKED_PAGE`` and ``MATCH_COUNT`` for a search alone)."""

    PLACEHOLDER = "?"
    SORTS = SORTS
    RANKED_PAGE = ""  # a search's page in relevance order where the backend ranks faster alone than in a join
    MATCH_COUNT = ""  # the same for its count
    generation: int
    _cache: OrderedDict
    _lock: threading.Lock

    def _reader(self):  # pragma: no cover - each backend has its own
        raise NotImplementedError

    def _sql(self, sql: str) -> str:
        return sql if self.PLACEHOLDER == "?" else sql.replace("?", self.PLACEHOLDER)

    def _rows(self, c, sql: str, params: Iterable = ()) -> list:
        params = tuple(params)
        return (c.execute(self._sql(sql), params) if params else c.execute(self._sql(sql))).fetchall()

    def _in(self, column: str, values: Iterable) -> tuple[str, list]:
        """``column`` is one of ``values``: the condition and its parameters."""
        values = list(values)
        return f"{column} IN ({','.join('?' * len(values))})", values

    @staticmethod
    def _decode(data):
        return json.loads(data)

    # keeping in step ----------------------------------------------------------------------------------------
    def refresh(self) -> int:
        """Re-derive the stories that changed since the last look; returns how many did."""
        with self._lock:
            changed = self._sync_if_written()
            if changed:
                self.generation += 1
                self._cache.clear()
            return changed

    def _sync_if_written(self) -> int:
        """Where the store was written since the last look, re-derive what changed; returns how many did."""
        raise NotImplementedError  # pragma: no cover - each backend has its own

    def _changed_rows(self, c, keys: list) -> list:
        """(version, length, data) of the stories with these keys (the backend's row handle)."""
        raise NotImplementedError  # pragma: no cover - each backend has its own

    def _write_summary(self, c, version: int, length: int, summary: StorySummary) -> None:
        raise NotImplementedError  # pragma: no cover - each backend has its own

    def _derive(self, c, keys: list) -> None:
        stories = [(version, length, self._decode(data)) for version, length, data in self._changed_rows(c, keys)]
        wanted = sorted({a for _, _, story in stories for a in story.get("articles") or [] if isinstance(a, str)})
        articles = self._articles(c, wanted)
        for version, length, story in stories:
            story.setdefault("id", "")
            self._write_summary(c, version, length, summarize(story, articles))

    def _articles(self, c, ids: Iterable[str]) -> dict[str, dict]:
        ids = list(ids)
        found: dict[str, dict] = {}
        for start in range(0, len(ids), SYNC_BATCH):
            condition, params = self._in("id", ids[start:start + SYNC_BATCH])
            for article_id, data in self._rows(c, f"SELECT id, data FROM articles WHERE {condition}", params):
                found[article_id] = self._decode(data)
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
        return self._cached(("counts",), lambda: {"stories": self._rows(c, "SELECT count(*) FROM stories")[0][0],
                                                  "articles": self._rows(c, "SELECT count(*) FROM articles")[0][0]})

    def _search(self, q: str) -> tuple[str, list[str], list]:
        """The stories' source, conditions and parameters that keep the stories matching the words ``q``."""
        raise NotImplementedError  # pragma: no cover - each backend has its own

    def index(self, query: IndexQuery) -> IndexResult:
        c = self._reader()
        source, where, params = "serve_stories s", [], []
        if query.q:
            source, where, params = self._search(query.q)
        if query.date_from:
            where.append("s.sort_date >= ?")
            params.append(query.date_from)
        if query.date_to:
            where.append("s.sort_date <= ?")
            params.append(query.date_to)
        page_where = list(where)
        facets = [(f, person_key(v) if f == "person" else v) for f in ("outlet", "language", "place", "person")
                  if (v := getattr(query, f))]
        for facet, value in facets:
            where.append("s.id IN (SELECT story_id FROM serve_facets WHERE facet = ? AND value = ?)")
            common = query.order != "relevance" and self._facet_size(c, facet, value) > WALK_SHARE * self.counts()["stories"]
            page_where.append("EXISTS (SELECT 1 FROM serve_facets f WHERE f.facet = ? AND f.value = ? AND f.story_id = s.id)"
                              if common else where[-1])  # common: a few probes a row along the order's index
            params += [facet, value]
        words_only = bool(query.q) and len(where) == 1  # a search with no other filter
        base = f"FROM {source} {'WHERE ' + ' AND '.join(where) if where else ''}"
        offset = (max(query.page, 1) - 1) * query.per_page
        if words_only and query.order == "relevance" and self.RANKED_PAGE:
            rows = self._rows(c, self.RANKED_PAGE.format(columns=INDEX_COLUMNS), (*params, query.per_page, offset))
        else:
            rows = self._rows(c, f"SELECT {INDEX_COLUMNS} FROM {source} "
                              f"{'WHERE ' + ' AND '.join(page_where) if page_where else ''} "
                              f"ORDER BY {self.SORTS[query.order]} LIMIT ? OFFSET ?", (*params, query.per_page, offset))
        stories = [index_row(row) for row in rows]
        if words_only and self.MATCH_COUNT:
            count = self.MATCH_COUNT
        elif len(where) == 1 and len(facets) == 1:
            count = "SELECT count(*) FROM serve_facets WHERE facet = ? AND value = ?"
        else:
            count = f"SELECT count(*) {base}"
        total, facets = self._cached(("index", base, tuple(params)), lambda: self._totals(c, base, params, count))
        return IndexResult(query, total, stories, facets)

    def _facet_size(self, c, facet: str, value: str) -> int:
        """How many stories carry one facet value (counted once per sync)."""
        return self._cached(("facet size", facet, value), lambda: self._rows(
            c, "SELECT count(*) FROM serve_facets WHERE facet = ? AND value = ?", (facet, value))[0][0])

    def _totals(self, c, base: str, params: list, count: str) -> tuple[int, dict[str, list[dict]]]:
        """The number of matching stories and the ``FACET_LIMIT`` commonest values of each index facet among
        them; where more than ``FACET_SAMPLE`` match, among that many in stored order (by story id under a
        facet filter: a sample unrelated to the facets; ordering every match only to count facets would cost
        more than it tells). Counted from each story's own facet keys: one row a story, no join."""
        total = self._rows(c, count, params)[0][0]
        counted = Counter()
        for (keys,) in self._rows(c, f"SELECT s.facet_keys {base} LIMIT ?", [*params, FACET_SAMPLE]):
            counted.update(keys.split(KEY_END))
        candidates: dict[str, list[tuple[int, str]]] = {name: [] for name in INDEX_FACETS}
        for key, count in counted.most_common():  # by count alone (fast); ties are ordered by value below
            facet, _, value = key.partition(KEY_PART)
            kept = candidates.get(facet)
            if kept is not None and (len(kept) < FACET_LIMIT or count == kept[FACET_LIMIT - 1][0]):
                kept.append((count, value))
        commonest = {name: sorted(kept, key=lambda item: (-item[0], item[1]))[:FACET_LIMIT]
                     for name, kept in candidates.items()}
        shown = [(facet, value) for facet, kept in commonest.items() for _, value in kept]
        labels: dict[tuple[str, str], str] = {}
        for start in range(0, len(shown), SYNC_BATCH):  # labels for the few values shown, in one query
            chunk = shown[start:start + SYNC_BATCH]
            for facet, value, label in self._rows(
                    c, "SELECT v.column1, v.column2, (SELECT label FROM serve_facets f WHERE f.facet = v.column1 "
                    f"AND f.value = v.column2 LIMIT 1) FROM (VALUES {', '.join(['(?, ?)'] * len(chunk))}) AS v",
                    [part for pair in chunk for part in pair]):
                labels[facet, value] = label or value
        facets = {name: [{"value": value, "label": labels.get((name, value), value), "count": count}
                         for count, value in kept] for name, kept in commonest.items()}
        return total, facets

    def story(self, story_id: str) -> dict | None:
        rows = self._rows(self._reader(), "SELECT data FROM stories WHERE id = ?", (story_id,))
        return self._decode(rows[0][0]) if rows else None

    def moved(self, story_id: str) -> str | None:
        rows = self._rows(self._reader(), "SELECT new_id FROM serve_moved WHERE old_id = ?", (story_id,))
        return rows[0][0] if rows else None

    def articles(self, ids: Iterable[str]) -> dict[str, dict]:
        return self._articles(self._reader(), ids)

    def article(self, article_id: str) -> dict | None:
        rows = self._rows(self._reader(), "SELECT data FROM articles WHERE id = ?", (article_id,))
        return self._decode(rows[0][0]) if rows else None

    def stories_of_article(self, article_id: str) -> list[dict]:
        rows = self._rows(
            self._reader(),
            "SELECT s.data FROM story_articles sa JOIN stories s ON s.id = sa.story_id WHERE sa.article_id = ?",
            (article_id,))
        return [self._decode(data) for (data,) in rows]

    def stories_with(self, facet: str, value: str, limit: int = 200) -> list[dict]:
        """Index rows of the stories carrying one facet value (a place key, a person key), newest first."""
        rows = self._rows(
            self._reader(),
            "SELECT s.id, s.headline, s.event_date, s.last_date, s.n_articles, s.n_sources, s.n_conflicts, f.label "
            "FROM serve_facets f JOIN serve_stories s ON s.id = f.story_id WHERE f.facet = ? AND f.value = ? "
            f"ORDER BY {self.SORTS['newest']} LIMIT ?", (facet, value, limit))
        names = ("id", "headline", "event_date", "last_date", "articles", "independent_sources", "conflicts", "label")
        return [dict(zip(names, row)) for row in rows]

    def story_data(self, ids: list[str]) -> list[dict]:
        if not ids:
            return []
        condition, params = self._in("id", ids)
        return [self._decode(data) for (data,) in
                self._rows(self._reader(), f"SELECT data FROM stories WHERE {condition}", params)]


class SQLiteReader(BaseReader):
    """Reads an SQLite store for the web application; one SQLite connection per thread."""

    def __init__(self, url_or_path: str):
        Store(url_or_path).close()  # checks the address, makes or migrates the store (StoreError otherwise)
        self.url = str(url_or_path)
        self.path = sqlite_path(url_or_path)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._memory: str | None = None
        self._sync = self._connect()
        self._synced_version: int | None = None
        self.generation = 0  # counts syncs that changed something; caches key on it
        self._cache: OrderedDict = OrderedDict()
        self._prepare()

    # connections -------------------------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=BUSY_MS / 1000, isolation_level=None,
                                     check_same_thread=False)
        connection.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
        if self._memory:
            connection.execute("ATTACH DATABASE ? AS serve", (self._memory,))
        return connection

    def _reader(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._local.connection = self._connect()
            connection.execute("PRAGMA query_only = 1")
            self._local.version = None
        version = connection.execute("PRAGMA data_version").fetchone()[0]
        if version != self._local.version:
            self.refresh()
            self._local.version = version
        return connection

    def close(self) -> None:
        self._sync.close()

    def _prepare(self) -> None:
        """Make the derived tables (again, where this version's schema differs) and fill them."""
        try:
            self._make_tables(self._sync)
        except sqlite3.OperationalError as error:
            if "readonly" not in str(error):
                raise
            self._memory = f"file:newsfuse-serve-{uuid.uuid4().hex}?mode=memory&cache=shared"
            self._sync.close()
            self._sync = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=BUSY_MS / 1000,
                                         isolation_level=None, check_same_thread=False)
            self._sync.execute("ATTACH DATABASE ? AS serve", (self._memory,))
            self._make_tables(self._sync, schema="serve")
        self.refresh()

    def _make_tables(self, connection: sqlite3.Connection, schema: str = "main") -> None:
        connection.execute("BEGIN IMMEDIATE")
        try:
            connection.execute(f"CREATE TABLE IF NOT EXISTS {schema}.serve_meta (key TEXT PRIMARY KEY, value TEXT)")
            row = connection.execute(f"SELECT value FROM {schema}.serve_meta WHERE key = 'schema'").fetchone()
            if not row or row[0] != SCHEMA_VERSION:
                for table in TABLES:
                    connection.execute(f"DROP TABLE IF EXISTS {schema}.{table}")
                for statement in SCHEMA:
                    statement = statement.replace("CREATE TABLE ", f"CREATE TABLE {schema}.", 1) \
                        .replace("CREATE VIRTUAL TABLE ", f"CREATE VIRTUAL TABLE {schema}.", 1) \
                        .replace("CREATE INDEX ", f"CREATE INDEX {schema}.", 1)
                    connection.execute(statement)
                connection.execute(f"INSERT OR REPLACE INTO {schema}.serve_meta VALUES ('schema', ?)",
                                   (SCHEMA_VERSION,))
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise

    # keeping in step ----------------------------------------------------------------------------------------
    def _sync_if_written(self) -> int:
        version = self._sync.execute("PRAGMA data_version").fetchone()[0]
        if version == self._synced_version:
            return 0
        changed = self._sync_changes()
        self._synced_version = self._sync.execute("PRAGMA data_version").fetchone()[0]
        return changed

    def _sync_changes(self) -> int:
        c = self._sync
        c.execute("BEGIN" if self._memory else "BEGIN IMMEDIATE")
        try:
            changed = [row[0] for row in c.execute(
                "SELECT s.rowid FROM stories s LEFT JOIN serve_stories v ON v.id = s.id "
                "WHERE v.id IS NULL OR v.src_rowid != s.rowid")]
            changed += [row[0] for row in c.execute(
                "SELECT s.rowid FROM (SELECT rowid, id, data FROM stories ORDER BY rowid DESC LIMIT ?) s "
                "JOIN serve_stories v ON v.id = s.id WHERE v.src_rowid = s.rowid AND v.src_len != length(s.data)",
                (VERIFY_NEWEST,))]
            gone = c.execute("SELECT id, articles FROM serve_stories WHERE id NOT IN (SELECT id FROM stories)").fetchall()
            for start in range(0, len(changed), SYNC_BATCH):
                self._derive(c, changed[start:start + SYNC_BATCH])
            for story_id, members in gone:
                self._drop(c, story_id, json.loads(members or "[]"))
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return len(changed) + len(gone)

    def _changed_rows(self, c: sqlite3.Connection, rowids: list[int]) -> list:
        condition, params = self._in("rowid", rowids)
        return self._rows(c, f"SELECT rowid, length(data), data FROM stories WHERE {condition}", params)

    def _write_summary(self, c: sqlite3.Connection, rowid: int, length: int, summary: StorySummary) -> None:
        old = c.execute("SELECT num FROM serve_stories WHERE id = ?", (summary.id,)).fetchone()
        if old:
            c.execute("DELETE FROM serve_search WHERE rowid = ?", old)
            c.execute("DELETE FROM serve_facets WHERE story_id = ?", (summary.id,))
            c.execute("DELETE FROM serve_stories WHERE num = ?", old)
        cursor = c.execute(
            "INSERT INTO serve_stories (id, src_rowid, src_len, headline, event_date, first_date, last_date, "
            "sort_date, n_articles, n_sources, n_conflicts, n_disputed, n_quotes, articles, facet_labels, "
            "facet_keys) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (summary.id, rowid, length, summary.headline, summary.event_date, summary.first_date,
             summary.last_date, summary.event_date or summary.last_date, summary.n_articles, summary.n_sources,
             summary.n_conflicts, summary.n_disputed, summary.n_quotes, json.dumps(summary.articles),
             facet_labels(summary), facet_keys(summary)))
        c.execute("INSERT INTO serve_search (rowid, headline, body) VALUES (?, ?, ?)",
                  (cursor.lastrowid, summary.headline, summary.search_text))
        c.executemany("INSERT OR IGNORE INTO serve_facets (facet, value, story_id, label) VALUES (?, ?, ?, ?)",
                      [(facet, value, summary.id, label) for facet, value, label in summary.facets])
        c.execute("DELETE FROM serve_moved WHERE old_id = ?", (summary.id,))

    def _drop(self, c: sqlite3.Connection, story_id: str, members: list[str]) -> None:
        """Forget a story the store no longer holds; remember where its first article went."""
        num = c.execute("SELECT num FROM serve_stories WHERE id = ?", (story_id,)).fetchone()
        if num:
            c.execute("DELETE FROM serve_search WHERE rowid = ?", num)
        c.execute("DELETE FROM serve_facets WHERE story_id = ?", (story_id,))
        c.execute("DELETE FROM serve_stories WHERE id = ?", (story_id,))
        for article in members:
            row = c.execute("SELECT story_id FROM story_articles WHERE article_id = ? LIMIT 1", (article,)).fetchone()
            if row:
                c.execute("INSERT OR REPLACE INTO serve_moved VALUES (?, ?)", (story_id, row[0]))
                c.execute("UPDATE serve_moved SET new_id = ? WHERE new_id = ?", (row[0], story_id))
                break

    # backend pieces of the shared reads ----------------------------------------------------------------------
    RANKED_PAGE = ("SELECT {columns} FROM (SELECT rowid AS num, rank FROM serve_search WHERE serve_search MATCH ? "
                   "ORDER BY rank LIMIT ? OFFSET ?) AS m JOIN serve_stories s ON s.num = m.num ORDER BY m.rank")
    MATCH_COUNT = "SELECT count(*) FROM serve_search WHERE serve_search MATCH ?"

    def _search(self, q: str) -> tuple[str, list[str], list]:
        return ("serve_stories s JOIN serve_search ON serve_search.rowid = s.num", ["serve_search MATCH ?"],
                [fts_query(q) or '""'])
