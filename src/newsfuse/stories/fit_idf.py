"""Fit the shipped IDF table: ``python -m newsfuse.stories.fit_idf [SHARED_DATA_DIR]``.

Documents: every ECB+ train document (title and text) and every WCXB dev page's gold
main content. Terms are the words and name terms of ``newsfuse.stories.features``.
Deterministic: the same data give the same file.
"""
from __future__ import annotations

import ast
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from newsfuse.stories.features import content_words, name_terms
from newsfuse.stories.idf import IDF_PATH, IdfTable

DEFAULT_DATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "data"


def corpus_texts(data_dir: Path) -> Iterator[str]:
    """ECB+ train documents, then WCXB dev gold bodies."""
    with open(data_dir / "ecbplus" / "train.jsonl", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            yield f"{row.get('title') or ''}\n{row['text']}"
    for path in sorted((data_dir / "wcxb-dev" / "ground-truth").glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))["ground_truth"]
        if isinstance(truth, str):
            truth = ast.literal_eval(truth)
        if truth.get("main_content"):
            yield f"{truth.get('title') or ''}\n{truth['main_content']}"


def fit(texts: Iterator[str]) -> IdfTable:
    frequencies: Counter = Counter()
    documents = 0
    for text in texts:
        documents += 1
        frequencies.update(set(content_words(text)) | set(name_terms(text)))
    return IdfTable(documents, dict(frequencies))


def main(argv: list[str]) -> int:
    data_dir = Path(argv[0]) if argv else DEFAULT_DATA
    table = fit(corpus_texts(data_dir.resolve()))
    table.save(IDF_PATH)
    print(f"{table.documents} documents, {len(table.frequencies)} terms -> {IDF_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
