"""SQLite store. Every write is one transaction; ingesting the same document
twice leaves one row (rows are keyed by document id and replaced by content)."""
from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from newsfuse.model import Article, Story
from newsfuse.store.schema import MIGRATIONS

SCHEMA_VERSION = len(MIGRATIONS)
BUSY_SECONDS = 60.0  # how long a writer waits for another one to finish


def _statements(script: str) -> list[str]:
    """The statements of a migration script, which holds no ``;`` but between statements
    (``executescript`` would commit the open transaction)."""
    return [statement for statement in script.split(";") if statement.strip()]


class StoreError(RuntimeError):
    """The store cannot be opened or is newer than this program."""


def _path_of(url_or_path: str | Path) -> str:
    """The SQLite file of a path or an ``sqlite:///path`` URL; raises ``StoreError`` for any other URL."""
    text = str(url_or_path)
    if text.startswith("sqlite:///"):
        return text.removeprefix("sqlite:///")  # sqlite:///relative/path, sqlite:////absolute/path
    scheme = text.split("://", 1)[0] if "://" in text else ""
    if scheme:
        hint = "sqlite:///PATH (three slashes)" if scheme == "sqlite" else "a path or sqlite:///PATH"
        raise StoreError(f"{text}: not a store this newsfuse can open (give {hint})")
    if not text:
        raise StoreError("an empty --db is not a store")
    return text


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Store:
    def __init__(self, url_or_path: str | Path):
        path = _path_of(url_or_path)
        try:
            if path != ":memory:":
                if Path(path).is_dir():
                    raise StoreError(f"{path}: cannot open store: it is a folder")
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.connection = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
        except (sqlite3.Error, OSError) as error:
            raise StoreError(f"{path}: cannot open store: {getattr(error, 'strerror', None) or error}") from error
        try:
            self.connection.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.Error as error:
            self.connection.close()
            raise StoreError(f"{path}: cannot open store: {error}") from error
        except StoreError:
            self.connection.close()
            raise
        self.connection.isolation_level = ""  # back to implicit transactions for the writes below

    def _migrate(self) -> None:
        """Bring the schema up to date. Two processes creating one store take turns:
        ``BEGIN IMMEDIATE`` holds the write lock, and the version is read again under it."""
        if self._version() == SCHEMA_VERSION:
            return
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            version = self._version()
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in _statements(script):
                    self.connection.execute(statement)
                self.connection.execute(f"PRAGMA user_version = {number}")
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    def _version(self) -> int:
        version = self.connection.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(f"store schema {version} is newer than this newsfuse ({SCHEMA_VERSION})")
        return version

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def save_batch(self, articles: list[Article], stories: list[Story]) -> None:
        """Save a batch's articles and stories in one transaction."""
        with self.connection:
            self._write_articles(articles)
            self._write_stories(stories)

    def save_articles(self, articles: list[Article]) -> None:
        with self.connection:
            self._write_articles(articles)

    def save_stories(self, stories: list[Story]) -> None:
        """Replace the stories that hold any of these stories' articles."""
        with self.connection:
            self._write_stories(stories)

    def _write_articles(self, articles: list[Article]) -> None:
        rows = [(a.id, a.source, content_hash(a.text), json.dumps(a.to_dict(), ensure_ascii=False))
                for a in articles]
        self.connection.executemany(
            "INSERT INTO articles (id, source, content_hash, data) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET source=excluded.source, "
            "content_hash=excluded.content_hash, data=excluded.data", rows)

    def _write_stories(self, stories: list[Story]) -> None:
        for story in stories:
            placeholders = ",".join("?" * len(story.articles))
            self.connection.execute(
                f"DELETE FROM stories WHERE id IN (SELECT story_id FROM story_articles "
                f"WHERE article_id IN ({placeholders}))", story.articles)
            self.connection.execute("INSERT OR REPLACE INTO stories (id, headline, data) VALUES (?, ?, ?)",
                                    (story.id, story.headline, json.dumps(story.to_dict(), ensure_ascii=False)))
            self.connection.executemany(
                "INSERT INTO story_articles (story_id, article_id) VALUES (?, ?)",
                [(story.id, a) for a in story.articles])
            self._save_facts(story)

    def _save_facts(self, story: Story) -> None:
        self.connection.executemany(
            "INSERT INTO facts (story_id, fact_id, kind, data) VALUES (?, ?, ?, ?)",
            [(story.id, f.id, f.kind, json.dumps(f.to_dict(), ensure_ascii=False)) for f in story.facts])
        self.connection.executemany(
            "INSERT INTO quotes (story_id, quote_id, speaker, data) VALUES (?, ?, ?, ?)",
            [(story.id, q.id, q.speaker, json.dumps(q.to_dict(), ensure_ascii=False)) for q in story.quotes])

    def articles(self) -> list[Article]:
        rows = self.connection.execute("SELECT data FROM articles ORDER BY id")
        return [Article.from_dict(json.loads(data)) for (data,) in rows]

    def count(self, table: str) -> int:
        if table not in {"articles", "stories", "story_articles", "facts", "quotes"}:
            raise ValueError(table)
        return self.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
