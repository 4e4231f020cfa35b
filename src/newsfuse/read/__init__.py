"""Read inputs (files, folders; HTML, text dumps, JSONL, WARC) into ``RawDocument``.

``read_inputs`` yields a ``RawDocument`` per document or an ``InputError`` per
input that cannot be read; it never raises for a bad input.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from newsfuse.config import ReadConfig
from newsfuse.model import InputError, RawDocument
from newsfuse.read.decode import DecodeError, load_bytes
from newsfuse.read.jsonl import read_jsonl
from newsfuse.read.warc import read_warc

__all__ = ["read_inputs", "read_path", "document_id"]

HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
TEXT_SUFFIXES = (".txt", ".txt.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
KNOWN_SUFFIXES = HTML_SUFFIXES + TEXT_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES


def document_id(path: Path) -> str:
    """The file name without its extensions: ``000_ab.html.gz`` -> ``000_ab``."""
    return path.name.split(".", 1)[0] if not path.name.startswith(".") else path.name


def _files(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            readable = child.is_file() or child.is_symlink()  # a broken link is reported, not skipped
            if readable and child.name.lower().endswith(KNOWN_SUFFIXES):
                yield child
    else:
        yield path


def read_path(path: Path, config: ReadConfig | None = None) -> Iterator[RawDocument | InputError]:
    """Documents of one file, or one error naming it."""
    config = config or ReadConfig()
    name = path.name.lower()
    try:
        if name.endswith(JSONL_SUFFIXES):
            yield from read_jsonl(path, config)
        elif name.endswith(WARC_SUFFIXES):
            yield from read_warc(path, config)
        else:
            kind = "html" if name.endswith(HTML_SUFFIXES) else "text"
            text = load_bytes(path.read_bytes(), config, allow_gzip=True)
            if kind == "text" and text.lstrip()[:200].lower().startswith(("<!doctype html", "<html")):
                kind = "html"
            yield RawDocument(id=document_id(path), source=str(path), kind=kind, content=text)
    except DecodeError as error:
        yield InputError(str(path), str(error))
    except OSError as error:
        yield InputError(str(path), f"cannot read: {error.strerror or error}")


def read_inputs(paths: Iterable[str | Path], config: ReadConfig | None = None) -> Iterator[RawDocument | InputError]:
    """Every document under ``paths`` (files or folders, read recursively)."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield InputError(str(path), "no such file or folder")
            continue
        for file in _files(path):
            yield from read_path(file, config)
