"""Read inputs (files, folders; HTML, text dumps, JSONL, WARC) into ``RawDocument``.

``read_inputs`` yields a ``RawDocument`` per document or an ``InputError`` per
input that cannot be read; it never raises for a bad input. Files of other
extensions are sniffed: HTML or text is read, anything else is one error.
Hidden files and folders (names starting with ``.``) inside a folder are passed over.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsfuse.config import ReadConfig
from newsfuse.model import InputError, RawDocument
from newsfuse.read.decode import DecodeError, display_path, load_bytes, read_capped
from newsfuse.read.jsonl import read_jsonl
from newsfuse.read.warc import read_warc

__all__ = ["read_inputs", "read_path", "document_id", "display_path"]

HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
ID_EXTENSIONS = (".html", ".htm", ".txt", ".gz", ".warc", ".jsonl")  # stripped from file names to make ids
HTML_STARTS = ("<!doctype html", "<html", "<head", "<body", "<?xml")


def document_id(path: Path) -> str:
    """The file name without its known extensions: ``bbc.co.uk_news_01.txt.gz`` -> ``bbc.co.uk_news_01``."""
    name = display_path(Path(path.name))
    while True:
        stem, dot, extension = name.rpartition(".")
        if not stem or f"{dot}{extension}".lower() not in ID_EXTENSIONS:
            return name
        name = stem


def _files(path: Path, exclude: tuple[Path, ...]) -> Iterator[Path | InputError]:
    """Files under ``path`` in name order, or an error for each folder that cannot be listed."""
    if not path.is_dir():
        yield path
        return
    errors: list[OSError] = []
    for folder, subfolders, names in os.walk(path, onerror=errors.append):
        yield from _listing_errors(errors)
        here = Path(folder)
        subfolders[:] = sorted(s for s in subfolders
                               if not s.startswith(".") and not (exclude and (here / s).resolve() in exclude))
        for name in sorted(names):
            if not name.startswith("."):
                yield here / name
    yield from _listing_errors(errors)


def _listing_errors(errors: list[OSError]) -> Iterator[InputError]:
    while errors:
        error = errors.pop(0)
        yield InputError(display_path(Path(error.filename or "")), f"cannot read: {error.strerror or error}")


def _sniffed_kind(text: str) -> str:
    return "html" if text.lstrip()[:200].lower().startswith(HTML_STARTS) else "text"


def read_path(path: Path, config: ReadConfig | None = None) -> Iterator[RawDocument | InputError]:
    """Documents of one file, or one error naming it."""
    config = config or ReadConfig()
    name = path.name.lower()
    shown = display_path(path)
    try:
        if name.endswith(JSONL_SUFFIXES):
            yield from read_jsonl(path, config)
        elif name.endswith(WARC_SUFFIXES):
            yield from read_warc(path, config)
        else:
            text = load_bytes(read_capped(path, config.max_bytes), config, allow_gzip=True)
            kind = "html" if name.endswith(HTML_SUFFIXES) else _sniffed_kind(text)
            yield RawDocument(id=document_id(path), source=shown, kind=kind, content=text)
    except DecodeError as error:
        yield InputError(shown, str(error))
    except OSError as error:
        yield InputError(shown, f"cannot read: {error.strerror or error}")


def read_inputs(paths: Iterable[str | Path], config: ReadConfig | None = None,
                exclude: Iterable[Path] = ()) -> Iterator[RawDocument | InputError]:
    """Every document under ``paths`` (files or folders, read recursively); folders in ``exclude`` are passed over."""
    excluded = tuple(Path(p).resolve() for p in exclude)
    for raw in paths:
        if str(raw) == "":
            yield InputError("''", "an empty argument is not a file or folder")
            continue
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            yield InputError(display_path(path), "no such file or folder")
            continue
        for file in _files(path, excluded):
            if isinstance(file, InputError):
                yield file
            else:
                yield from read_path(file, config)
