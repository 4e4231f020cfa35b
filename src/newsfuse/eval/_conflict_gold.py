"""Conflict golds (``../shared/eval/CONFLICTS-GUIDE.md``): stories with their rows, and the guide's scoring.

A reported conflict is true when one side's value matches ``a_re`` and cites one of ``a_articles`` and
another side's value matches ``b_re`` and cites one of ``b_articles``, for some conflict or debatable
item; any other reported conflict is a false alarm (a trap hit when two sides match a trap's
regexes). ``temporal_order`` conflicts are left out on both sides.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.model import Article

LEFT_OUT_TYPE = "temporal_order"


@dataclass
class GoldStory:
    """One gold story, the data file its articles came from, and the articles themselves."""

    gold: dict
    part: str
    articles: list[Article]

    @property
    def id(self) -> str:
        return self.gold["subtopic"]

    @property
    def conflicts(self) -> list[dict]:
        """Gold conflicts counted for recall (all but temporal order)."""
        return [c for c in self.gold.get("conflicts", []) if set(c.get("types", [])) != {LEFT_OUT_TYPE}]


def row_article(row: dict, source: str) -> Article:
    """An article from an ECB+ row (doc_id, date) or a newsfuse JSONL row (id, published); the text is
    taken as a clean article, one paragraph a line, as ``newsfuse facts`` takes JSONL text."""
    identifier = row.get("id") or row["doc_id"]
    return Article(id=identifier, source=row.get("url") or source, title=row.get("title"),
                   published=row.get("published") or row.get("date"),
                   body=[p.strip() for p in row["text"].split("\n") if p.strip()], url=row.get("url"))


def load_rows(paths: list[Path]) -> dict[str, tuple[Article, str]]:
    """Every row of the data files by id, with the file's stem (its part: ``train``, ``dev``, ...)."""
    rows: dict[str, tuple[Article, str]] = {}
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    article = row_article(json.loads(line), str(path))
                    rows[article.id] = (article, path.name.split(".")[0])
    return rows


def load_gold(gold_path: Path, data_paths: list[Path]) -> tuple[list[GoldStory], list[str]]:
    """Gold stories whose articles are all in the data, and the ids of those that are not."""
    rows = load_rows(data_paths)
    stories, missing = [], []
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        gold = json.loads(line)
        found = [rows[a] for a in gold["articles"] if a in rows]
        if len(found) < len(gold["articles"]):
            missing.append(gold["subtopic"])
            continue
        stories.append(GoldStory(gold, found[0][1], [article for article, _ in found]))
    return stories, missing


def _side_fits(pattern: str, side: dict, articles: list[str] | None) -> bool:
    if not re.search(pattern, side["value"].lower()):
        return False
    return articles is None or bool(set(side["articles"]) & set(articles))


def two_sides_fit(conflict: dict, item: dict, cited: bool = True) -> bool:
    """Whether two different sides of a reported conflict match the item's ``a_re`` and ``b_re``
    (and, when ``cited``, cite one of its ``a_articles`` and ``b_articles``)."""
    a_articles = item.get("a_articles") if cited else None
    b_articles = item.get("b_articles") if cited else None
    sides = conflict["sides"]
    return any(i != j and _side_fits(item["a_re"], sides[i], a_articles) and _side_fits(item["b_re"], sides[j], b_articles)
               for i in range(len(sides)) for j in range(len(sides)))


@dataclass
class StoryScore:
    """One story's reported conflicts judged against its gold."""

    reported: int = 0
    true: int = 0
    typed_right: int = 0
    found: set[str] = field(default_factory=set)  # gold conflict ids matched by a reported conflict
    revised: set[str] = field(default_factory=set)  # gold updates matched by a conflict with status "revision"
    false_alarms: list[tuple[dict, str]] = field(default_factory=list)  # (conflict, why false)
    true_reports: list[dict] = field(default_factory=list)


def score_story(story: GoldStory, reported: list[dict]) -> StoryScore:
    """The guide's judgement of each reported conflict (``Conflict.to_dict()`` form)."""
    score = StoryScore()
    items = story.conflicts + story.gold.get("debatable", [])
    for conflict in reported:
        if conflict["type"] == LEFT_OUT_TYPE:
            continue
        score.reported += 1
        matched = [item for item in items if two_sides_fit(conflict, item)]
        if not matched:
            trap = next((t for t in story.gold.get("not_conflicts", []) if two_sides_fit(conflict, t, cited=False)), None)
            score.false_alarms.append((conflict, f"trap: {trap['why']}" if trap else "unlisted"))
            continue
        score.true += 1
        score.true_reports.append(conflict)
        score.typed_right += any(conflict["type"] in item.get("types", []) for item in matched)
        for item in matched:
            if item in story.conflicts:
                score.found.add(item["id"])
                if item.get("update") and conflict.get("status") == "revision":
                    score.revised.add(item["id"])
    return score


@dataclass
class Totals:
    """Scores summed over stories."""

    stories: int = 0
    reported: int = 0
    true: int = 0
    typed_right: int = 0
    gold: int = 0
    found: int = 0
    traps: int = 0
    updates: int = 0
    revisions_found: int = 0

    def add(self, story: GoldStory, score: StoryScore) -> None:
        self.stories += 1
        self.reported += score.reported
        self.true += score.true
        self.typed_right += score.typed_right
        self.gold += len(story.conflicts)
        self.found += len(score.found)
        self.traps += sum(why.startswith("trap") for _, why in score.false_alarms)
        self.updates += sum(bool(c.get("update")) for c in story.conflicts)
        self.revisions_found += len(score.revised)

    def line(self) -> str:
        precision = self.true / self.reported if self.reported else 0.0
        recall = self.found / self.gold if self.gold else 0.0
        typed = self.typed_right / self.true if self.true else 0.0
        return (f"precision {precision:.3f} ({self.true}/{self.reported}) recall {recall:.3f} ({self.found}/{self.gold}) "
                f"type accuracy {typed:.3f} trap hits {self.traps} false alarms {self.reported - self.true} "
                f"revisions {self.revisions_found}/{self.updates} ({self.stories} stories)")
