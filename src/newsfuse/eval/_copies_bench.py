"""Generates the provenance benchmark (seeded, deterministic) from real article bodies.

Origins are the gold bodies of the text-dump pages (``textdumps/wcxb-dev`` and
``textdumps/aeb``: WCXB ``main_content`` and AEB ``articleBody``). Each origin
gets one recipe:

- duplicate: the same text with punctuation and quotation-mark style changed, maybe a new headline;
- copy: light word edits (1-3 % of words substituted, dropped or swapped) plus some of: boilerplate
  lines, two paragraphs swapped, one paragraph added, a new headline;
- excerpt: the first paragraphs (25-50 % of the words), maybe with a "read more" line;
- version: the origin itself is not emitted; two sides each drop their own ~20 % of paragraphs,
  add their own new paragraphs and lightly edit the rest;
- single: the origin alone (a negative for every other article).

Added paragraphs (20 to 120 words) come from donor bodies that are never origins, each used once.
ECB+ train and dev documents are added as articles of their own: documents of the same
subtopic are reports of one event by different outlets (the hard negatives).
Gold pairs carry the relation type and, where known, the derived side (an excerpt always;
otherwise the later-dated side, when the dates differ).

Run ``python -m newsfuse.eval._copies_bench --data ../shared/data --out FILE`` to write the
benchmark as JSONL (one article a line, then the gold pairs) for inspection.
"""
from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from newsfuse.model import Article

SEED = 20231013
MIN_WORDS = 200
MIN_PARAGRAPHS = 4
DONOR_SHARE = 0.2
DONOR_WORDS = (20, 120)  # an added paragraph has the length of an ordinary paragraph
RECIPES = ("duplicate", "copy", "excerpt", "version", "single")
RECIPE_WEIGHTS = (0.15, 0.25, 0.2, 0.2, 0.2)
EDIT_RATE = (0.01, 0.03)
VERSION_DROP = 0.2
EXCERPT_SHARE = (0.25, 0.5)
MIN_EXCERPT_WORDS = 60
DATE_SHIFTS = (0, 1, 1, 2, 3)
BOILERPLATE = (
    "Share this article", "Follow us on Facebook and Twitter", "Subscribe to our newsletter for the latest updates.",
    "Advertisement", "All rights reserved.", "Click here to read more stories like this.",
    "Sign up for breaking news alerts delivered to your inbox.", "Related coverage",
)
WORD = re.compile(r"\w+")


@dataclass
class GoldPair:
    left: str
    right: str
    relation: str
    derived: str | None = None  # the side that derives from the other, where known


@dataclass
class Benchmark:
    articles: list[Article] = field(default_factory=list)
    pairs: list[GoldPair] = field(default_factory=list)
    ecb_subtopic: dict[str, str] = field(default_factory=dict)  # ECB+ article id -> subtopic


def load_bodies(data_dir: Path) -> list[tuple[str, list[str]]]:
    """(id, paragraphs) of every usable gold body, sorted by id, exact repeats dropped."""
    bodies, seen = [], set()
    for folder in ("wcxb-dev", "aeb"):
        for path in sorted((data_dir / "textdumps" / folder).glob("*.json")):
            body = json.loads(path.read_text(encoding="utf-8")).get("gold_body") or ""
            paragraphs = [p.strip() for p in re.split(r"\n+", body) if p.strip()]
            key = " ".join(WORD.findall(body.lower()))[:300]
            if len(paragraphs) >= MIN_PARAGRAPHS and len(WORD.findall(body)) >= MIN_WORDS and key not in seen:
                seen.add(key)
                bodies.append((f"{folder}-{path.stem}", paragraphs))
    return bodies


class Editor:
    """Seeded text edits."""

    def __init__(self, rng: random.Random, vocabulary: list[str]):
        self.rng = rng
        self.vocabulary = vocabulary

    def punctuation(self, paragraph: str) -> str:
        text = paragraph.replace('"', "\u201c", 1).replace('"', "\u201d", 1) if self.rng.random() < 0.5 else paragraph
        return re.sub(r", ", lambda m: " " if self.rng.random() < 0.3 else m.group(0), text).replace(" -- ", " - ")

    def words(self, paragraph: str, rate: float) -> str:
        tokens = paragraph.split(" ")
        out: list[str] = []
        for token in tokens:
            roll = self.rng.random()
            if roll < rate * 0.6:
                out.append(self.rng.choice(self.vocabulary))
            elif roll < rate * 0.8:
                continue
            elif roll < rate and out:
                out.insert(len(out) - 1, token)
            else:
                out.append(token)
        return " ".join(out)


def _date(rng: random.Random) -> date:
    return date(2024, 1, 1) + timedelta(days=rng.randrange(360))


def _article(article_id: str, paragraphs: list[str], day: date, title: str) -> Article:
    return Article(id=article_id, source="benchmark", title=title, body=paragraphs, published=day.isoformat())


class Generator:
    def __init__(self, bodies: list[tuple[str, list[str]]], seed: int):
        self.rng = random.Random(seed)
        order = list(bodies)
        self.rng.shuffle(order)
        donors = int(len(order) * DONOR_SHARE)
        self.donor_paragraphs = [p for _, ps in order[:donors] for p in ps
                                 if DONOR_WORDS[0] <= len(p.split()) <= DONOR_WORDS[1]]
        self.origins = order[donors:]
        vocabulary = sorted({w for _, ps in order[:donors] for p in ps for w in p.split() if w.isalpha()})
        self.edit = Editor(self.rng, vocabulary)
        self.benchmark = Benchmark()

    def donor(self) -> str:
        return self.donor_paragraphs.pop() if self.donor_paragraphs else "An added paragraph."

    def generate(self) -> Benchmark:
        for origin_id, paragraphs in self.origins:
            recipe = self.rng.choices(RECIPES, RECIPE_WEIGHTS)[0]
            getattr(self, recipe)(origin_id, paragraphs, _date(self.rng))
        return self.benchmark

    def _emit(self, origin: Article, derived: Article, relation: str, always_directed: bool = False) -> None:
        """Add both articles and their gold pair; ``derived`` derives from ``origin``."""
        self.benchmark.articles.extend((origin, derived))
        later = derived.published > origin.published
        self.benchmark.pairs.append(GoldPair(origin.id, derived.id, relation,
                                             derived.id if always_directed or later else None))

    def single(self, origin_id: str, paragraphs: list[str], day: date) -> None:
        self.benchmark.articles.append(_article(origin_id, paragraphs, day, paragraphs[0][:60]))

    def duplicate(self, origin_id: str, paragraphs: list[str], day: date) -> None:
        origin = _article(origin_id, paragraphs, day, paragraphs[0][:60])
        shifted = day + timedelta(days=self.rng.choice(DATE_SHIFTS))
        title = "Headline: " + origin.title if self.rng.random() < 0.5 else origin.title
        copy = _article(origin_id + "~duplicate", [self.edit.punctuation(p) for p in paragraphs], shifted, title)
        self._emit(origin, copy, "duplicate")

    def copy(self, origin_id: str, paragraphs: list[str], day: date) -> None:
        origin = _article(origin_id, paragraphs, day, paragraphs[0][:60])
        rate = self.rng.uniform(*EDIT_RATE)
        body = [self.edit.punctuation(self.edit.words(p, rate)) for p in paragraphs]
        if self.rng.random() < 0.5:
            i = self.rng.randrange(len(body) - 1)
            body[i], body[i + 1] = body[i + 1], body[i]
        if self.rng.random() < 0.5:
            body.insert(self.rng.randrange(1, len(body)), self.donor())
        if self.rng.random() < 0.5:
            body = [self.rng.choice(BOILERPLATE)] + body + [self.rng.choice(BOILERPLATE)]
        shifted = day + timedelta(days=self.rng.choice(DATE_SHIFTS))
        title = "New: " + origin.title if self.rng.random() < 0.5 else origin.title
        copy = _article(origin_id + "~copy", body, shifted, title)
        self._emit(origin, copy, "copy")

    def excerpt(self, origin_id: str, paragraphs: list[str], day: date) -> None:
        origin = _article(origin_id, paragraphs, day, paragraphs[0][:60])
        total = sum(len(p.split()) for p in paragraphs)
        wanted = max(total * self.rng.uniform(*EXCERPT_SHARE), MIN_EXCERPT_WORDS)
        body, words = [], 0
        for paragraph in paragraphs[:-1]:
            if words >= wanted:
                break
            body.append(self.edit.punctuation(paragraph))
            words += len(paragraph.split())
        if self.rng.random() < 0.5:
            body.append("Read the full story on our partner's website.")
        shifted = day + timedelta(days=self.rng.choice(DATE_SHIFTS))
        excerpt = _article(origin_id + "~excerpt", body, shifted, origin.title)
        self._emit(origin, excerpt, "excerpt", always_directed=True)

    def _version_side(self, paragraphs: list[str], dropped: set[int]) -> list[str]:
        body = [self.edit.words(p, EDIT_RATE[0]) for i, p in enumerate(paragraphs) if i not in dropped]
        for _ in range(self.rng.randint(1, 2)):
            body.insert(self.rng.randrange(1, len(body) + 1), self.donor())
        return body

    def version(self, origin_id: str, paragraphs: list[str], day: date) -> None:
        indices = list(range(1, len(paragraphs)))
        self.rng.shuffle(indices)
        count = max(1, round(len(paragraphs) * VERSION_DROP))
        left = _article(origin_id + "~version-a", self._version_side(paragraphs, set(indices[:count])), day,
                        paragraphs[0][:60])
        shifted = day + timedelta(days=self.rng.choice(DATE_SHIFTS))
        right = _article(origin_id + "~version-b", self._version_side(paragraphs, set(indices[count:2 * count])),
                         shifted, paragraphs[0][:60])
        self.benchmark.articles.extend((left, right))
        self.benchmark.pairs.append(GoldPair(left.id, right.id, "version", None))


def add_ecbplus(benchmark: Benchmark, data_dir: Path) -> None:
    """ECB+ train and dev documents, one sentence a paragraph."""
    for split in ("train", "dev"):
        for line in (data_dir / "ecbplus" / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            article_id = f"ecb-{row['doc_id']}"
            benchmark.articles.append(Article(id=article_id, source="ecbplus", title=row.get("title"),
                                              body=row["text"].split("\n"), published=row.get("date")))
            benchmark.ecb_subtopic[article_id] = row["subtopic"]


def build_benchmark(data_dir: Path, seed: int = SEED, with_ecbplus: bool = True) -> Benchmark:
    benchmark = Generator(load_bodies(data_dir), seed).generate()
    if with_ecbplus:
        add_ecbplus(benchmark, data_dir)
    return benchmark


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data", type=Path)
    parser.add_argument("--seed", default=SEED, type=int)
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args()
    benchmark = build_benchmark(args.data, args.seed)
    with args.out.open("w", encoding="utf-8") as out:
        for article in benchmark.articles:
            out.write(json.dumps({"article": article.to_dict()}, ensure_ascii=False) + "\n")
        for pair in benchmark.pairs:
            out.write(json.dumps({"pair": pair.__dict__}) + "\n")


if __name__ == "__main__":
    main()
