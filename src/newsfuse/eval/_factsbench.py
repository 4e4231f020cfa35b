"""Shared by the facts-bench evaluations (dates, quotes, places, quantities).

Each evaluation runs newsfuse in-process on a development set of ``../shared/data/facts-bench``
(through ``newsfuse.facts.standalone``, the code behind ``newsfuse facts``), maps the output as
the reference scorer's docstring says, and prints the reference scorer's own figures: the scorer
module is loaded from ``../shared/eval/facts-bench`` and run on the mapped rows.

spaCy parses and peer outputs depend only on the texts (and the model or peer version), not on
newsfuse's finders, so both are kept in the cache folder (``NEWSFUSE_CACHE_DIR``, else
``~/.cache/newsfuse``); ``--no-cache`` parses and runs the peer afresh.
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib.util
import io
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"
DATA = SHARED / "data" / "facts-bench"
SCORERS = SHARED / "eval" / "facts-bench"


def add_common_arguments(parser: argparse.ArgumentParser, default_data: Path, what: str) -> None:
    parser.add_argument("--data", type=Path, default=default_data, help=what)
    parser.add_argument("--scorers", type=Path, default=SCORERS, help="folder of the reference scorers")
    parser.add_argument("--no-peer", action="store_true", help="score newsfuse only")
    parser.add_argument("--no-cache", action="store_true", help="parse and run the peer afresh")
    parser.add_argument("--examples", type=int, default=0, help="print N of the scorer's error examples")


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def gold_path(data: Path) -> Path:
    """``NAME.gold.jsonl`` next to ``NAME.jsonl``."""
    return data.with_name(data.name.removesuffix(".jsonl") + ".gold.jsonl")


def digest(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, default=str).encode()).hexdigest()[:16]


def cache_file(kind: str, key: str, suffix: str) -> Path:
    from newsfuse.extract.tablecache import cache_dir
    return cache_dir() / "facts-bench" / f"{kind}-{key}{suffix}"


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """``write`` to a scratch file next to ``path``, then rename it into place (no half files)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, scratch = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
        os.close(handle)
        write(Path(scratch))
        os.replace(scratch, path)
    except OSError as error:
        print(f"cache not written ({error})", file=sys.stderr)


def parse_texts_cached(texts: list[str], use_cache: bool = True) -> list:
    """spaCy docs of ``texts`` through the fact stage's pipeline, from the cache where it has them."""
    import spacy
    from spacy.tokens import DocBin

    from newsfuse.facts.nlp import load_nlp, parse_texts
    nlp = load_nlp()
    key = digest(spacy.__version__, nlp.meta.get("name"), nlp.meta.get("version"), nlp.pipe_names,
                 hashlib.sha256("\0".join(texts).encode()).hexdigest())
    path = cache_file("parses", key, ".spacy")
    if use_cache and path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = parse_texts(texts)
    if use_cache:
        write_atomically(path, DocBin(docs=docs, store_user_data=False).to_disk)
    return docs


def cached_json(kind: str, key: str, build: Callable[[], Any], use_cache: bool = True) -> Any:
    """``build()``'s JSON-able result, kept in the cache folder under ``kind`` and ``key``."""
    path = cache_file(kind, key, ".json")
    if use_cache and path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    result = build()
    if use_cache:
        write_atomically(path, lambda scratch: scratch.write_text(json.dumps(result), encoding="utf-8"))
    return result


def newsfuse_rows(rows: list[dict[str, Any]], kinds: frozenset[str], use_cache: bool = True) -> tuple[list[dict], list]:
    """``newsfuse facts`` output (one dict per row) for ``kinds``, and the parses (for peers)."""
    from newsfuse.facts.standalone import clean_input, find_in_doc
    docs = parse_texts_cached([row["text"] for row in rows], use_cache)
    found = []
    for row, doc in zip(rows, docs):
        item = clean_input(row["id"], row["text"], row.get("published"), row.get("title"))
        result = find_in_doc(item, doc, kinds)
        if result.errors:
            print(str(result.input_error()), file=sys.stderr)
        found.append(result.to_dict())
    return found, docs


def load_scorer(scorers: Path, name: str) -> ModuleType:
    """The reference scorer ``scorers/name.py`` as a module."""
    path = scorers / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"factsbench_{name}", path)
    if spec is None or spec.loader is None or not path.exists():
        raise FileNotFoundError(f"reference scorer not found: {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_scorer(scorers: Path, name: str, arguments: list[str], files: dict[str, Iterable[dict]]) -> tuple[dict, str]:
    """Run the reference scorer's ``main`` on ``arguments``, where each key of ``files`` names a
    JSONL file written from its rows; its JSON result and the lines it printed after it."""
    module = load_scorer(scorers, name)
    with tempfile.TemporaryDirectory(prefix="factsbench-") as folder:
        paths = {}
        for key, rows in files.items():
            paths[key] = Path(folder) / f"{key}.jsonl"
            with open(paths[key], "w", encoding="utf-8") as out:
                out.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        argv = [str(paths.get(argument, argument)) for argument in arguments]
        printed = io.StringIO()
        saved, sys.argv = sys.argv, [f"{name}.py", *argv]
        try:
            with contextlib.redirect_stdout(printed):
                module.main()
        finally:
            sys.argv = saved
    result, end = json.JSONDecoder().raw_decode(printed.getvalue())
    return result, printed.getvalue()[end:].strip()


def print_scored(system: str, result: dict, examples: str) -> None:
    """The scorer's figures for one system, as the scorer prints them."""
    print(f"== {system}")
    print(json.dumps(result, indent=1))
    if examples:
        print(examples)


def peer_missing(peer: str, package: str) -> None:
    print(f"peer {peer} not run: {package} is not installed (pip install -e '.[peers]')")


class Timer:
    """Seconds spent, for the header line."""

    def __init__(self) -> None:
        self.started = time.perf_counter()

    def __str__(self) -> str:
        return f"{time.perf_counter() - self.started:.1f} s"
