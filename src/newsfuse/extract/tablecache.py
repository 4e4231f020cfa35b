"""Tables worked out once per installation and read from files by every later process.

Start-up of a text-dump extraction used to rebuild lookup tables over the first 65,536
code points (a Python loop each) and to unpack py3langid's xz-compressed model (about
0.7 CPU s). ``cached_arrays`` builds such a table once, keeps its arrays as ``.npy``
files in the cache folder (``NEWSFUSE_CACHE_DIR``, else ``$XDG_CACHE_HOME/newsfuse``,
else ``~/.cache/newsfuse``) and later maps them back, read-only. An entry's name holds
a digest of the builder's source file, the Python and Unicode versions and a key the
caller gives (a dependency's version), so a change to any of them builds a new entry.
An entry is written to a temporary folder and renamed into place whole; where the
folder cannot be written the table is simply built in memory each time.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import Callable

import numpy as np

CACHE_ENV = "NEWSFUSE_CACHE_DIR"
DIGEST_CHARS = 16

Arrays = dict[str, np.ndarray]


def cache_dir() -> Path:
    """The folder that holds the cached tables."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newsfuse"


def entry_name(name: str, build: Callable[[], Arrays], key: str = "") -> str:
    """``name`` and a digest of what the table depends on."""
    digest = hashlib.sha256(Path(build.__code__.co_filename).read_bytes())
    digest.update(f"{sys.version_info[:2]} {unicodedata.unidata_version} {key}".encode())
    return f"{name}-{digest.hexdigest()[:DIGEST_CHARS]}"


def _read(folder: Path) -> Arrays:
    return {path.stem: np.asarray(np.load(path, mmap_mode="r")) for path in sorted(folder.glob("*.npy"))}


def _write(folder: Path, arrays: Arrays) -> None:
    """All of ``arrays`` under ``folder``, or nothing: written aside, then renamed into place."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        for array_name, array in arrays.items():
            np.save(scratch / f"{array_name}.npy", np.ascontiguousarray(array), allow_pickle=False)
        os.rename(scratch, folder)
    except OSError:  # another process got there first, or the disk is full
        shutil.rmtree(scratch, ignore_errors=True)


def cached_arrays(name: str, build: Callable[[], Arrays], key: str = "") -> Arrays:
    """The arrays ``build()`` returns, as read-only memory maps of the cache entry (built and
    stored first where there is none), so every process hands the compiled kernels arrays of
    one kind; where the cache cannot be written, the arrays as built."""
    folder = cache_dir() / entry_name(name, build, key)
    if folder.is_dir():
        try:
            return _read(folder)
        except (OSError, ValueError):
            pass
    arrays = build()
    try:
        _write(folder, arrays)
        return _read(folder)
    except (OSError, ValueError):  # a read-only home: build each time
        return arrays
