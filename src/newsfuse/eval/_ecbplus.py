"""ECB+ rows (``../shared/data/ecbplus/<split>.jsonl``) as articles with gold labels."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from newsfuse.model import Article


@dataclass(frozen=True)
class EcbDocument:
    article: Article
    topic: str
    subtopic: str


def load_split(data_dir: Path, split: str) -> list[EcbDocument]:
    """Documents of one split; ``published`` is the page's own date where it has one."""
    documents = []
    with open(Path(data_dir) / f"{split}.jsonl", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            article = Article(id=row["doc_id"], source=row.get("url") or row["doc_id"],
                              title=row.get("title"), published=row.get("date"),
                              body=[s for s in row["text"].split("\n") if s.strip()], url=row.get("url"))
            documents.append(EcbDocument(article, row["topic"], row["subtopic"]))
    return documents
