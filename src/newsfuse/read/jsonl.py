"""JSONL feeds: one ``{"id", "url"?, "outlet"?, "html"? | "text"?, "title"?, "published"?, "fetched_at"?}`` per line.

The feed is streamed row by row (gunzipped as it goes); each bad row is one
error naming the file, the line and, where it is a field's type, the field.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from newsfuse.config import ReadConfig
from newsfuse.model import InputError, RawDocument
from newsfuse.read.decode import DecodeError, clean_string, decode_text, display_path, open_lines

OPTIONAL_STRINGS = ("url", "outlet", "html", "text", "title", "published", "fetched_at")
JSON_TYPES = {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "an object"}


def read_jsonl(path: Path, config: ReadConfig) -> Iterator[RawDocument | InputError]:
    name, number, rows = display_path(path), 0, 0
    try:
        for number, line in enumerate(open_lines(path, config), start=1):
            where = f"{name}:{number}"
            if line is None:
                rows += 1
                yield InputError(where, f"row too large (more than {config.max_bytes:,} bytes)")
            elif line.strip():
                rows += 1
                yield _row_document(line, where)
    except DecodeError as error:
        yield InputError(f"{name}:{number + 1}" if number else name, str(error))
        return
    if not rows:
        yield InputError(name, "empty input")


def _parse(line: bytes) -> object:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        text = decode_text(line)
    return json.loads(text.lstrip("\ufeff"))


def _row_document(line: bytes, where: str) -> RawDocument | InputError:
    try:
        row = _parse(line)
    except json.JSONDecodeError as error:
        return InputError(where, f"not JSON ({error.msg})")
    except RecursionError:
        return InputError(where, "not JSON we can read (nested too deeply)")
    except (ValueError, DecodeError) as error:  # a number too long to convert, an unknown encoding
        return InputError(where, f"not JSON we can read ({str(error).split(':')[0]})")
    return row_document(row, where)


def row_document(row: object, where: str) -> RawDocument | InputError:
    """The document of one parsed row (a JSONL line, a Parquet row with the same fields)."""
    if not isinstance(row, dict):
        return InputError(where, "a row must be a JSON object")
    fields = _checked_fields(row)
    if isinstance(fields, str):
        return InputError(where, fields)
    html, text = fields.get("html"), fields.get("text")
    content = html if html and html.strip() else text
    if not content or not content.strip():
        return InputError(where, f"row {fields['id']!r} has neither html nor text")
    return RawDocument(
        id=fields["id"], source=fields.get("url") or where,
        kind="html" if content is html else "text", content=content,
        url=fields.get("url"), outlet=fields.get("outlet"), title=fields.get("title"),
        published=fields.get("published"), fetched_at=fields.get("fetched_at"),
    )


def _checked_fields(row: dict) -> dict[str, str] | str:
    """The row's known fields as clean strings, or the message naming a field of the wrong type."""
    identifier = row.get("id")
    if isinstance(identifier, int) and not isinstance(identifier, bool):
        identifier = str(identifier)
    if identifier is None or identifier == "":
        return "row has no id"
    if not isinstance(identifier, str):
        return f"field 'id' must be a string, not {JSON_TYPES.get(type(identifier), 'null')}"
    fields = {"id": clean_string(identifier)}
    for name in OPTIONAL_STRINGS:
        value = row.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            return f"field {name!r} must be a string, not {JSON_TYPES.get(type(value), 'null')}"
        fields[name] = clean_string(value)
    return fields
