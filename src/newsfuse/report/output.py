"""JSON outputs and atomic file writing."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from newsfuse.model import Article, Story


def atomic_write(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` so that readers see the old file or the whole new one."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(handle, 0o666 & ~_current_umask())  # mkstemp makes 0600; give the usual mode
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def articles_jsonl(articles: list[Article]) -> str:
    return "".join(json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in articles)


def stories_json(stories: list[Story]) -> str:
    return json.dumps([s.to_dict() for s in stories], ensure_ascii=False, indent=2) + "\n"
