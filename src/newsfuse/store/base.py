"""The store's one interface, written once over a small dialect layer; ``sqlite.py`` and
``postgres.py`` add connecting, migrating and the writer lock.

Writes that belong together happen inside ``transaction()``: one writer at a time holds
the store's writer lock (SQLite ``BEGIN IMMEDIATE``, PostgreSQL an advisory transaction
lock), readers never wait. SQL is written with ``?`` placeholders; the PostgreSQL
backend turns them into ``%s``.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from newsfuse.model import Article, Relation, Story
from newsfuse.store.codec import relation_from_dict, story_from_dict

IN_CHUNK = 500  # values per ``IN (...)`` list
TABLES = frozenset({"articles", "stories", "story_articles", "facts", "quotes", "copy_bands", "copy_samples",
                    "relations", "article_terms", "lead_vectors", "article_parses", "article_finds"})
PENDING_TRACE, PENDING_PLACE, PLACED = 2, 1, 0  # an article's ``pending`` state
RELATION_KINDS = {"translation": 1}  # the order relations come in: copies (0) before translations (1)


class StoreError(RuntimeError):
    """The store cannot be opened or is newer than this program."""


def content_hash(article: Article) -> str:
    """What makes two ingests of one document the same: every extracted field but where it was read from."""
    data = article.to_dict()
    data.pop("source", None)
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def _chunks(values: Sequence, size: int = IN_CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


class BaseStore:
    placeholder = "?"
    backend = ""

    # -- dialect layer -------------------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", "%s")

    def _rows(self, sql: str, params: Sequence = ()) -> list[tuple]:
        return list(self.connection.execute(self._sql(sql), tuple(params)).fetchall())

    def _run(self, sql: str, params: Sequence = ()) -> None:
        self.connection.execute(self._sql(sql), tuple(params))

    def _run_many(self, sql: str, rows: list[tuple]) -> None:
        if rows:
            self.connection.cursor().executemany(self._sql(sql), rows)

    def _rows_in(self, sql: str, values: Iterable, before: Sequence = (), after: Sequence = ()) -> list[tuple]:
        """``sql`` with ``{marks}`` for an ``IN`` list, run over ``values`` in chunks; ``before`` and
        ``after`` are the parameters before and after the list."""
        values = list(dict.fromkeys(values))
        found: list[tuple] = []
        for chunk in _chunks(values):
            found.extend(self._rows(sql.format(marks=",".join("?" * len(chunk))), (*before, *chunk, *after)))
        return found

    @contextmanager
    def transaction(self) -> Iterator[None]:  # pragma: no cover - each backend has its own
        raise NotImplementedError
        yield

    def close(self) -> None:
        self.connection.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- articles ------------------------------------------------------------------------------
    def article_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        return dict(self._rows_in("SELECT id, content_hash FROM articles WHERE id IN ({marks})", ids))

    def put_articles(self, articles: list[Article], pending: int = PENDING_PLACE) -> dict[str, int]:
        """Insert or update articles (an updated one keeps its ``seq``); returns id -> seq."""
        seqs = dict(self._rows_in("SELECT id, seq FROM articles WHERE id IN ({marks})", [a.id for a in articles]))
        next_seq = (self._rows("SELECT max(seq) FROM articles")[0][0] or 0) + 1
        rows = []
        for article in articles:
            if seqs.get(article.id) is None:
                seqs[article.id], next_seq = next_seq, next_seq + 1
            rows.append((article.id, article.source, content_hash(article), _dumps(article.to_dict()),
                         seqs[article.id], article.reference_date, article.language, article.outlet, pending))
        self._run_many(
            "INSERT INTO articles (id, source, content_hash, data, seq, date, language, outlet, pending) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET source = excluded.source, "
            "content_hash = excluded.content_hash, data = excluded.data, seq = excluded.seq, date = excluded.date, "
            "language = excluded.language, outlet = excluded.outlet, pending = excluded.pending", rows)
        return {a.id: seqs[a.id] for a in articles}

    def set_pending(self, ids: Iterable[str], state: int) -> None:
        for chunk in _chunks(list(ids)):
            self._run(f"UPDATE articles SET pending = ? WHERE id IN ({','.join('?' * len(chunk))})", (state, *chunk))

    def pending(self, state: int) -> list[str]:
        """Ids of articles in ``state``, in arrival order."""
        return [row[0] for row in self._rows("SELECT id FROM articles WHERE pending = ? ORDER BY seq", (state,))]

    def load_articles(self, ids: Iterable[str]) -> dict[str, Article]:
        """Articles by id, in arrival order."""
        rows = sorted(self._rows_in("SELECT seq, data FROM articles WHERE id IN ({marks})", ids))
        return {(article := Article.from_dict(json.loads(data))).id: article for _, data in rows}

    def load_by_seq(self, seqs: Iterable[int]) -> dict[int, Article]:
        rows = self._rows_in("SELECT seq, data FROM articles WHERE seq IN ({marks})", seqs)
        return {seq: Article.from_dict(json.loads(data)) for seq, data in rows}

    def seqs_of(self, ids: Iterable[str]) -> dict[str, int]:
        return dict(self._rows_in("SELECT id, seq FROM articles WHERE id IN ({marks})", ids))

    def dates_of(self, ids: Iterable[str]) -> dict[str, str | None]:
        return dict(self._rows_in("SELECT id, date FROM articles WHERE id IN ({marks})", ids))

    def has_placed(self) -> bool:
        """Whether any stored article is placed in a story (the first stored row answers, in a store of any size)."""
        return bool(self._rows("SELECT 1 FROM articles WHERE pending = ? LIMIT 1", (PLACED,)))

    def latest_date(self) -> str | None:
        return self._rows("SELECT max(date) FROM articles")[0][0]

    def all_ids(self) -> list[str]:
        return [row[0] for row in self._rows("SELECT id FROM articles ORDER BY seq")]

    def has_other_language(self, languages: Iterable[str]) -> bool:
        """Whether any stored article is in a language other than ``languages`` (by the language index)."""
        languages = list(languages)
        marks = ",".join("?" * len(languages))
        return bool(self._rows(f"SELECT 1 FROM articles WHERE language < ? OR language > ? OR (language NOT IN ({marks}) "
                               "AND language >= ? AND language <= ?) LIMIT 1",
                               (min(languages), max(languages), *languages, min(languages), max(languages))))

    def ids_in_other_languages(self, language: str, first: str | None, last: str | None) -> list[str]:
        """Articles in another language than ``language``, dated between ``first`` and ``last``
        (all dates where those are None), and the undated ones."""
        if first is None or last is None:
            return [r[0] for r in self._rows("SELECT id FROM articles WHERE language <> ?", (language,))]
        return [r[0] for r in self._rows("SELECT id FROM articles WHERE language <> ? AND "
                                         "(date IS NULL OR (date >= ? AND date <= ?))", (language, first, last))]

    def articles(self) -> list[Article]:
        """Every article, in arrival order."""
        rows = self._rows("SELECT data FROM articles ORDER BY seq, id")
        return [Article.from_dict(json.loads(data)) for (data,) in rows]

    # -- the copy-candidate index ----------------------------------------------------------------
    def add_copy_index(self, bands: list[tuple[int, int, int]], samples: list[tuple[int, int]]) -> None:
        """Rows (band, key, seq) and (hash, seq); keys and hashes as signed 64-bit integers."""
        self._run_many("INSERT INTO copy_bands (band, key, seq) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", bands)
        self._run_many("INSERT INTO copy_samples (hash, seq) VALUES (?, ?) ON CONFLICT DO NOTHING", samples)

    def remove_copy_index(self, bands: list[tuple[int, int, int]], samples: list[tuple[int, int]]) -> None:
        self._run_many("DELETE FROM copy_bands WHERE band = ? AND key = ? AND seq = ?", bands)
        self._run_many("DELETE FROM copy_samples WHERE hash = ? AND seq = ?", samples)

    def band_matches(self, band: int, keys: Iterable[int], most: int | None = None) -> list[tuple[int, int]]:
        """(key, seq) of stored articles sharing a band key; with ``most``, the ``most`` earliest a key
        (a key held more widely is read no further, however large the store)."""
        if most is None:
            return self._rows_in("SELECT key, seq FROM copy_bands WHERE band = ? AND key IN ({marks})", keys, (band,))
        return [(key, seq) for key in dict.fromkeys(keys) for (seq,) in
                self._rows("SELECT seq FROM copy_bands WHERE band = ? AND key = ? ORDER BY seq LIMIT ?", (band, key, most))]

    def sample_matches(self, hashes: Iterable[int], most: int | None = None) -> list[tuple[int, int]]:
        """(hash, seq) of stored articles holding a sampled shingle; with ``most``, the ``most`` earliest a hash."""
        if most is None:
            return self._rows_in("SELECT hash, seq FROM copy_samples WHERE hash IN ({marks})", hashes)
        return [(value, seq) for value in dict.fromkeys(hashes) for (seq,) in
                self._rows("SELECT seq FROM copy_samples WHERE hash = ? ORDER BY seq LIMIT ?", (value, most))]

    # -- the translation leads' vectors -----------------------------------------------------------
    def lead_vectors(self, hashes: Iterable[str]) -> dict[str, bytes]:
        """Stored lead vectors by the hash of their lead text."""
        return {key: bytes(vector) for key, vector in
                self._rows_in("SELECT hash, vector FROM lead_vectors WHERE hash IN ({marks})", hashes)}

    def add_lead_vectors(self, vectors: dict[str, bytes]) -> None:
        self._run_many("INSERT INTO lead_vectors (hash, vector) VALUES (?, ?) ON CONFLICT DO NOTHING",
                       list(vectors.items()))

    # -- the articles' parses and finds (``facts.nlp.ParseStore``) -----------------------------------
    def stored_parses(self, keys: Iterable[str]) -> dict[str, bytes]:
        """Kept parses by ``facts.nlp.parse_key`` (the model and the exact text parsed)."""
        return {key: bytes(data) for key, data in
                self._rows_in("SELECT text_hash, data FROM article_parses WHERE text_hash IN ({marks})", keys)}

    def keep_parses(self, parses: dict[str, bytes], model: str) -> None:
        self._run_many("INSERT INTO article_parses (text_hash, model, data) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                       [(key, model, data) for key, data in parses.items()])

    def stored_finds(self, keys: Iterable[str]) -> dict[str, bytes]:
        """Kept finder results by ``facts.kept.finds_key`` (the article, its parse and the finders)."""
        return {key: bytes(data) for key, data in
                self._rows_in("SELECT find_key, data FROM article_finds WHERE find_key IN ({marks})", keys)}

    def keep_finds(self, finds: dict[str, bytes]) -> None:
        self._run_many("INSERT INTO article_finds (find_key, data) VALUES (?, ?) "
                       "ON CONFLICT (find_key) DO UPDATE SET data = excluded.data", list(finds.items()))

    # -- the story-candidate terms ---------------------------------------------------------------
    def add_terms(self, rows: list[tuple[str, int, str | None]]) -> None:
        """Rows (term, seq, date): an article's strongest clustering terms and its date (None: undated)."""
        self._run_many("INSERT INTO article_terms (term, seq, dated, date) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                       [(term, seq, int(day is not None), day) for term, seq, day in rows])

    def remove_terms(self, rows: list[tuple[str, int, str | None]]) -> None:
        self._run_many("DELETE FROM article_terms WHERE term = ? AND seq = ?", [(term, seq) for term, seq, _ in rows])

    def term_holders(self, terms: Iterable[str], first: str | None, last: str | None,
                     most: int) -> list[tuple[str, int]]:
        """(term, seq) of stored articles holding ``terms``, dated between ``first`` and ``last``
        or undated (all of them where ``first`` is None); a term held by more than ``most`` of
        those says nothing about a story and is left out. At most ``most + 1`` rows are read a term,
        however many articles of the store hold it."""
        found: list[tuple[str, int]] = []
        for term in dict.fromkeys(terms):
            if first is None:
                rows = self._rows("SELECT seq FROM article_terms WHERE term = ? LIMIT ?", (term, most + 1))
            else:
                rows = self._rows("SELECT seq FROM (SELECT seq FROM article_terms WHERE term = ? AND date >= ? "
                                  "AND date <= ? UNION ALL SELECT seq FROM article_terms WHERE term = ? AND date IS "
                                  "NULL) AS holders LIMIT ?", (term, first, last, term, most + 1))
            if len(rows) <= most:
                found += [(term, seq) for (seq,) in rows]
        return found

    # -- relations -----------------------------------------------------------------------------
    def put_relations(self, relations: list[Relation]) -> None:
        self._run_many(
            "INSERT INTO relations (source, target, kind, data) VALUES (?, ?, ?, ?) ON CONFLICT (source, target) "
            "DO UPDATE SET kind = excluded.kind, data = excluded.data",
            [(r.source, r.target, RELATION_KINDS.get(r.relation, 0), _dumps(r.to_dict())) for r in relations])

    def remove_relations_of(self, ids: Iterable[str]) -> None:
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            self._run(f"DELETE FROM relations WHERE source IN ({marks}) OR target IN ({marks})", (*chunk, *chunk))

    def partners(self, ids: Iterable[str]) -> set[str]:
        """Articles related by a copy relation to any of ``ids``."""
        ids = list(ids)
        found = self._rows_in("SELECT target FROM relations WHERE source IN ({marks})", ids)
        found += self._rows_in("SELECT source FROM relations WHERE target IN ({marks})", ids)
        return {row[0] for row in found}

    def relations_among(self, ids: Iterable[str]) -> list[Relation]:
        """Relations with both ends in ``ids``, copies first, each kind by its articles' arrival."""
        members = set(ids)
        rows = self._rows_in("SELECT r.kind, r.data, s.seq, t.seq FROM relations r JOIN articles s ON s.id = r.source "
                             "JOIN articles t ON t.id = r.target WHERE r.source IN ({marks})", members)
        relations = [(kind, min(a, b), max(a, b), relation_from_dict(json.loads(data))) for kind, data, a, b in rows]
        return [r for *_, r in sorted(relations, key=lambda item: item[:3]) if r.target in members]

    # -- stories -------------------------------------------------------------------------------
    def stories_of(self, ids: Iterable[str]) -> dict[str, str]:
        """Article id -> the id of its story, for the articles in a story."""
        return dict(self._rows_in("SELECT article_id, story_id FROM story_articles WHERE article_id IN ({marks})", ids))

    def members(self, story_ids: Iterable[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for story, article in self._rows_in("SELECT story_id, article_id FROM story_articles "
                                            "WHERE story_id IN ({marks})", story_ids):
            found.setdefault(story, []).append(article)
        return found

    def replace_stories(self, removed: Iterable[str], stories: list[Story], dates: dict[str, str | None]) -> None:
        """Remove the ``removed`` stories (with their facts and quotes) and write ``stories``;
        ``dates`` gives each member's date for the stories' date span."""
        for chunk in _chunks(list(removed)):
            self._run(f"DELETE FROM stories WHERE id IN ({','.join('?' * len(chunk))})", chunk)
        for story in stories:
            own = sorted(d for a in story.articles if (d := dates.get(a)))
            self._run("INSERT INTO stories (id, headline, data, article_count, first_date, last_date) "
                      "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET headline = excluded.headline, "
                      "data = excluded.data, article_count = excluded.article_count, "
                      "first_date = excluded.first_date, last_date = excluded.last_date",
                      (story.id, story.headline, _dumps(story.to_dict()), len(story.articles),
                       own[0] if own else None, own[-1] if own else None))
            self._run("DELETE FROM story_articles WHERE story_id = ?", (story.id,))
            self._run("DELETE FROM facts WHERE story_id = ?", (story.id,))
            self._run("DELETE FROM quotes WHERE story_id = ?", (story.id,))
            self._run_many("INSERT INTO story_articles (story_id, article_id) VALUES (?, ?)",
                           [(story.id, a) for a in story.articles])
            self._run_many("INSERT INTO facts (story_id, fact_id, kind, data) VALUES (?, ?, ?, ?)",
                           [(story.id, f.id, f.kind, _dumps(f.to_dict())) for f in story.facts])
            self._run_many("INSERT INTO quotes (story_id, quote_id, speaker, data) VALUES (?, ?, ?, ?)",
                           [(story.id, q.id, q.speaker, _dumps(q.to_dict())) for q in story.quotes])

    def stories(self) -> list[Story]:
        """Every story, by its first date (undated ones last), then id."""
        rows = self._rows("SELECT data FROM stories ORDER BY first_date IS NULL, first_date, id")
        return [story_from_dict(json.loads(data)) for (data,) in rows]

    def count(self, table: str) -> int:
        if table not in TABLES:
            raise ValueError(table)
        return self._rows(f"SELECT count(*) FROM {table}")[0][0]

    # -- the batch writes of earlier versions, kept for their callers ----------------------------
    def save_batch(self, articles: list[Article], stories: list[Story]) -> None:
        """Save a batch's articles (placed) and stories in one transaction."""
        with self.transaction():
            self.put_articles(articles, PLACED)
            self._write_stories(stories, {a.id: a.reference_date for a in articles})

    def save_articles(self, articles: list[Article]) -> None:
        with self.transaction():
            self.put_articles(articles, PLACED)

    def save_stories(self, stories: list[Story]) -> None:
        """Replace the stories that hold any of these stories' articles."""
        with self.transaction():
            self._write_stories(stories, self.dates_of(a for s in stories for a in s.articles))

    def _write_stories(self, stories: list[Story], dates: dict[str, str | None]) -> None:
        held = self.stories_of(a for s in stories for a in s.articles)
        self.replace_stories(set(held.values()), stories, dates)
