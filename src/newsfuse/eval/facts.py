"""Fact stage quality against a gold file: facts, quotes and speakers, date resolution.

Runs extraction, copies, stories and facts on the gold's documents (by default
the seeds folder next to the gold file) and checks:

- facts whose gold ``normalized`` value has a checkable form: a count with
  per-article bounds (``value``, ``unit``, ``bound``), a distance (``value_km``,
  1% tolerance), a place (``lat``/``lon`` within 0.2 degrees), a date range
  (``start``/``end``), a person (``person``, one key across the story);
- quotes: found in each listed article (fuzzy containment) and the speaker right;
- date resolution: each article's weekday dates ("said Friday") resolve to the
  gold event date, and the story's ``event_date`` is it.

Slots are (gold item, article) pairs. A slot's prediction is the mention of
the right kind whose text lies inside the gold mention (earliest, then
longest), or the best-matching quote. Recall = right slots / all slots.
Precision = right slots / slots with a prediction: a wrong value, speaker or
date on a gold slot counts as a false positive (the gold is partial, so
mentions outside gold slots are not judged). F1 from the two.
"""
from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_GOLD = Path(__file__).resolve().parents[3] / ".." / "shared" / "eval" / "seeds.gold.json"
PLACE_TOLERANCE_DEGREES = 0.2
DISTANCE_TOLERANCE = 0.01
QUOTE_MATCH_SCORE = 75  # variants across outlets score 78-80 here, other quotes below 55
METERS = {"m": 1.0, "meter": 1.0, "metre": 1.0, "km": 1000.0, "kilometer": 1000.0, "kilometre": 1000.0,
          "mi": 1609.344, "mile": 1609.344}


@dataclass
class Tally:
    right: int = 0
    wrong: int = 0
    missed: int = 0
    lines: list[str] = field(default_factory=list)

    def add(self, outcome: str, line: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)
        self.lines.append(f"  {outcome:6} {line}")

    def scores(self) -> tuple[float, float, float]:
        predicted, total = self.right + self.wrong, self.right + self.wrong + self.missed
        precision = self.right / predicted if predicted else 0.0
        recall = self.right / total if total else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="gold JSON (seeds.gold.json form)")
    parser.add_argument("--inputs", type=Path, help="the gold's documents (default: ../seeds next to the gold)")
    parser.add_argument("--articles", type=Path, help="an articles.jsonl to use instead of extracting --inputs")


def fold_text(text: str) -> str:
    from anyascii import anyascii
    return " ".join(anyascii(text).lower().replace("-", " ").split())


def load_articles(inputs: Path, articles_file: Path | None, config) -> list:
    from newsfuse.model import Article
    from newsfuse.pipeline import extract_inputs
    if articles_file is not None:
        return [Article.from_dict(json.loads(line)) for line in articles_file.read_text().splitlines() if line.strip()]
    return list(extract_inputs([inputs], config, lambda error: print(error)))


def run_stage(inputs: Path, articles_file: Path | None = None):
    """Stories with fact mentions for every document in ``inputs`` (or ``articles_file``)."""
    from newsfuse.config import Config
    from newsfuse.copies import set_provenance, trace_copies
    from newsfuse.facts import extract_facts
    from newsfuse.stories import cluster_articles
    config = Config()
    articles = load_articles(inputs, articles_file, config)
    relations = trace_copies(articles, config.copies)
    stories = cluster_articles(articles, relations, config.stories)
    set_provenance(stories, relations)
    extract_facts(stories, {a.id: a for a in articles}, config.facts)
    return stories


def gold_article(doc_id: str, article_ids: list[str]) -> str | None:
    return next((a for a in article_ids if a == doc_id or a.split("_")[0] == doc_id), None)


def predicted_slot(mentions, kind: str, article: str, surface: str):
    """The mention of ``kind`` in ``article`` inside the gold surface: earliest, then longest."""
    parts = [fold_text(p) for p in surface.split("...")]
    best, best_rank = None, None
    for mention in mentions:
        if mention.kind != kind or mention.mention.article != article:
            continue
        text = fold_text(mention.mention.text)
        for part in parts:
            if text and (text in part or part in text):
                rank = (part.find(text) if text in part else 0, -len(text))
                if best_rank is None or rank < best_rank:
                    best, best_rank = mention, rank
    return best


def meters(value: dict[str, Any]) -> float | None:
    si = value.get("si") or {}
    if si.get("amount") is not None and str(si.get("unit", "")).lower() in ("m", "meter", "metre"):
        return float(si["amount"])
    unit = str(value.get("unit", "")).lower().rstrip("s")
    return float(value["amount"]) * METERS[unit] if unit in METERS and value.get("amount") is not None else None


def check_value(normalized: dict[str, Any], doc_id: str, mention) -> bool:
    value, context = mention.value, mention.context
    if "bound" in normalized:
        words = {fold_text(str(v)).rstrip("s") for v in [value.get("unit", ""), *context.values()] if isinstance(v, str)}
        return (value.get("amount") == normalized["value"] and value.get("bound") == normalized["bound"].get(doc_id)
                and normalized["unit"] in words)
    if "value_km" in normalized:
        distance = meters(value)
        return distance is not None and abs(distance / 1000 - normalized["value_km"]) <= normalized["value_km"] * DISTANCE_TOLERANCE
    if "lat" in normalized:
        return (value.get("lat") is not None and abs(value["lat"] - normalized["lat"]) <= PLACE_TOLERANCE_DEGREES
                and abs(value["lon"] - normalized["lon"]) <= PLACE_TOLERANCE_DEGREES)
    if "start" in normalized:
        return value.get("start") == normalized["start"] and value.get("end") == normalized["end"]
    return fold_text(value.get("name", "")) == fold_text(normalized["person"])


def fact_kind(normalized: dict[str, Any]) -> str | None:
    for key, kind in (("bound", "quantity"), ("value_km", "quantity"), ("lat", "place"), ("start", "date"),
                      ("person", "person")):
        if key in normalized:
            return kind
    return None


def evaluate_facts(gold: dict, mentions, article_ids: list[str], tally: Tally) -> None:
    for fact in gold.get("facts", []):
        normalized = fact.get("normalized") or {}
        kind = fact_kind(normalized)
        if kind is None:
            continue
        keys = set()
        for doc_id, surface in fact["mentions"].items():
            article = gold_article(doc_id, article_ids)
            found = predicted_slot(mentions, kind, article, surface) if article else None
            label = f"{fact['id']} {doc_id} {surface!r}"
            if found is None:
                tally.add("missed", label)
                continue
            keys.add(found.key)
            right = check_value(normalized, doc_id, found)
            tally.add("right" if right else "wrong", f"{label} -> {found.mention.text!r} {json.dumps(found.value)}")
        if kind == "person" and len(keys) > 1:
            tally.lines.append(f"  note   {fact['id']}: the person has {len(keys)} keys {sorted(keys)}")


def evaluate_quotes(gold: dict, quotes, article_ids: list[str], tally: Tally) -> None:
    from rapidfuzz import fuzz
    for quote in gold.get("quotes", []):
        target = fold_text(quote["text"])
        for doc_id in quote["docs"]:
            article = gold_article(doc_id, article_ids)
            scored = [(fuzz.partial_ratio(target, fold_text(q.text)), q) for q in quotes if q.mention.article == article]
            score, found = max(scored, key=lambda pair: pair[0], default=(0, None))
            label = f"{quote['id']} {doc_id} ({quote['speaker']})"
            if found is None or score < QUOTE_MATCH_SCORE:
                tally.add("missed", label)
                continue
            right = fold_text(found.speaker or "") == fold_text(quote["speaker"])
            tally.add("right" if right else "wrong", f"{label} -> speaker {found.speaker!r} via {found.context.get('speaker_via')}")


def evaluate_dates(gold: dict, stories, article_ids: list[str], tally: Tally) -> None:
    event = (gold.get("story") or {}).get("event_date")
    if not event:
        return
    for doc_id in gold.get("documents", {}):
        article = gold_article(doc_id, article_ids)
        weekdays = [m for s in stories for m in s.fact_mentions
                    if m.kind == "date" and m.mention.article == article and m.context.get("weekday")]
        if article is None or not weekdays:
            tally.add("missed", f"briefing date {doc_id}: no weekday date found")
            continue
        values = sorted({m.value["start"] for m in weekdays})
        tally.add("right" if values == [event] else "wrong", f"briefing date {doc_id}: {values} (gold {event})")
    for story in stories:
        tally.add("right" if story.event_date == event else "wrong", f"story {story.id} event_date {story.event_date} (gold {event})")


def report(name: str, tally: Tally) -> None:
    precision, recall, f1 = tally.scores()
    print(f"{name}:")
    for line in tally.lines:
        print(line)
    print(f"  {name}: right {tally.right} wrong {tally.wrong} missed {tally.missed}  "
          f"P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")


def main(args: argparse.Namespace) -> int:
    gold = json.loads(args.gold.read_text())
    inputs = args.inputs or args.gold.resolve().parent.parent / "seeds"
    stories = run_stage(inputs, args.articles)
    article_ids = [a for s in stories for a in s.articles]
    mentions = [m for s in stories for m in s.fact_mentions]
    quotes = [q for s in stories for q in s.quote_mentions]
    tallies = {"facts": Tally(), "quotes": Tally(), "dates": Tally()}
    evaluate_facts(gold, mentions, article_ids, tallies["facts"])
    evaluate_quotes(gold, quotes, article_ids, tallies["quotes"])
    evaluate_dates(gold, stories, article_ids, tallies["dates"])
    for name, tally in tallies.items():
        report(name, tally)
    total = Tally(*(sum(getattr(t, f) for t in tallies.values()) for f in ("right", "wrong", "missed")))
    precision, recall, f1 = total.scores()
    print(f"all: right {total.right} wrong {total.wrong} missed {total.missed}")
    print(f"precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    return 0
