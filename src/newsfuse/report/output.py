"""JSON outputs and atomic file writing."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from newsfuse.model import Article, Story


def write_aside(path: Path, text: str) -> Path:
    """Write ``text`` to a new temporary file beside ``path`` (``.NAME.*.tmp``); returns it."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(handle, 0o666 & ~_current_umask())  # mkstemp makes 0600; give the usual mode
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
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


def articles_jsonl(articles: list[Article]) -> str:
    return "".join(json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in articles)


def stories_json(stories: list[Story]) -> str:
    return json.dumps([s.to_dict() for s in stories], ensure_ascii=False, indent=2) + "\n"
