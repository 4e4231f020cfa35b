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


class StoreError(RuntimeError):
    """The store cannot be opened or is newer than this program."""


def _path_of(url_or_path: str | Path) -> str:
    text = str(url_or_path)
    return text.removeprefix("sqlite:///") if text.startswith("sqlite:///") else text


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Store:
    def __init__(self, url_or_path: str | Path):
        path = _path_of(url_or_path)
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.connection = sqlite3.connect(path)
        except sqlite3.Error as error:
            raise StoreError(f"{path}: cannot open store: {error}") from error
        self.connection.execute("PRAGMA foreign_keys = ON")
        self._migrate()

    def _migrate(self) -> None:
        version = self.connection.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(f"store schema {version} is newer than this newsfuse ({SCHEMA_VERSION})")
        with self.connection:
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                self.connection.executescript(script)
                self.connection.execute(f"PRAGMA user_version = {number}")

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def save_articles(self, articles: list[Article]) -> None:
        rows = [(a.id, a.source, content_hash(a.text), json.dumps(a.to_dict(), ensure_ascii=False))
                for a in articles]
        with self.connection:
            self.connection.executemany(
                "INSERT INTO articles (id, source, content_hash, data) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET source=excluded.source, "
                "content_hash=excluded.content_hash, data=excluded.data", rows)

    def save_stories(self, stories: list[Story]) -> None:
        """Replace the stories that hold any of these stories' articles."""
        with self.connection:
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
