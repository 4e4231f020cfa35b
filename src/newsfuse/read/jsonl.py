"""JSONL feeds: one ``{"id", "url"?, "html"? | "text"?, "title"?, "published"?, "fetched_at"?}`` per line."""
from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

from newsfuse.config import ReadConfig
from newsfuse.model import InputError, RawDocument
from newsfuse.read.decode import load_bytes


def read_jsonl(path: Path, config: ReadConfig) -> Iterator[RawDocument | InputError]:
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    text = load_bytes(data, config)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputError(where, f"not JSON ({error.msg})")
            continue
        document = _row_document(row, where)
        if isinstance(document, str):
            yield InputError(where, document)
        else:
            yield document


def _row_document(row: object, where: str) -> RawDocument | str:
    if not isinstance(row, dict):
        return "a row must be a JSON object"
    if not row.get("id"):
        return "row has no id"
    html, text = row.get("html"), row.get("text")
    content = html if isinstance(html, str) and html.strip() else text
    if not isinstance(content, str) or not content.strip():
        return f"row {row['id']!r} has neither html nor text"
    return RawDocument(
        id=str(row["id"]), source=row.get("url") or where,
        kind="html" if content is html else "text", content=content,
        url=row.get("url"), title=row.get("title"), published=row.get("published"),
        fetched_at=row.get("fetched_at"),
    )

