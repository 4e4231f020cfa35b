"""JSON outputs, written as they are read, and atomic file writing."""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from newsfuse.model import Article, Story


def write_aside(path: Path, text: str | Callable[[TextIO], None]) -> Path:
    """Write ``text`` (or what the function ``text`` writes to the stream it is given) to a new
    temporary file beside ``path`` (``.NAME.*.tmp``); returns it."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(handle, 0o666 & ~_current_umask())  # mkstemp makes 0600; give the usual mode
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            if callable(text):
                text(stream)
            else:
                stream.write(text)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def atomic_write(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` so that readers see the old file or the whole new one."""
    os.replace(write_aside(path, text), path)
    return path


def remove_leftovers(path: Path) -> None:
    """Remove temporary files of ``path`` that an earlier, killed write left behind."""
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        leftover.unlink(missing_ok=True)


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_articles_jsonl(stream: TextIO, articles: Iterable[Article]) -> None:
    for article in articles:
        stream.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")


def write_stories_json(stream: TextIO, stories: Iterable[Story]) -> None:
    """The stories as one JSON list, indented by two, one story at a time: the text of
    ``json.dumps([...], indent=2)`` (a JSON string holds no line break, so indenting every
    line of a story's own text nests it)."""
    separator = "[\n"
    for story in stories:
        text = json.dumps(story.to_dict(), ensure_ascii=False, indent=2)
        stream.write(separator + "  " + text.replace("\n", "\n  "))
        separator = ",\n"
    stream.write("[]\n" if separator == "[\n" else "\n]\n")
