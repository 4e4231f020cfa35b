"""Quotes on PolNeAR (train + dev, facts-bench): detection and speakers by the reference scorer
quotes_score.py.

newsfuse's quotes go to the scorer as printed by ``newsfuse facts`` (system "newsfuse"); textacy's
``direct_quotations`` runs on the same spaCy parses in the same run (system "textacy": the quoted
span with its marks, the speaker tokens joined). textacy gives up on a document with an odd
number of quotation marks; there it runs paragraph by paragraph. The summary prints last.
"""
from __future__ import annotations

import argparse

from newsfuse.eval._factsbench import DATA, add_common_arguments

DEFAULT_DATA = DATA / "quotes" / "polnear-traindev.jsonl"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_common_arguments(parser, DEFAULT_DATA, "PolNeAR rows (gold: NAME.gold.jsonl next to it)")


def textacy_quotes(doc) -> list[dict]:
    """textacy's direct quotations of one parsed document, in the scorer's "textacy" form."""
    from textacy.extract.triples import direct_quotations
    try:
        return [quote_row(triple, 0) for triple in direct_quotations(doc)]
    except ValueError:  # an odd number of quotation marks in the document
        pass
    found = []
    for paragraph in paragraphs(doc):
        try:
            found += [quote_row(triple, paragraph.start_char) for triple in direct_quotations(paragraph.as_doc())]
        except ValueError:
            continue
    return found


def paragraphs(doc) -> list:
    """The document's paragraphs (split at blank lines) as spans."""
    spans, offset = [], 0
    for text in doc.text.split("\n\n"):
        span = doc.char_span(offset, offset + len(text), alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
        offset += len(text) + 2
    return spans


def quote_row(triple, offset: int) -> dict:
    content = triple.content
    return {"start": offset + content.start_char, "end": offset + content.end_char, "text": content.text,
            "speaker": " ".join(token.text for token in triple.speaker)}


def summary(system: str, result: dict) -> str:
    detection, speaker = result["detection"], result["speaker"]
    named, pronoun = speaker["named"].get("entity_acc"), speaker["pronoun"].get("entity_acc")
    return (f"{system}: detection F1 {detection['F1']:.4f} (P {detection['P']:.4f}, R {detection['R']:.4f}); "
            f"speaker right: named {named}, pronoun {pronoun}")


def main(args: argparse.Namespace) -> int:
    from newsfuse.eval._factsbench import Timer, gold_path, load_jsonl, newsfuse_rows, print_scored, run_scorer
    rows, gold = load_jsonl(args.data), str(gold_path(args.data))
    timer = Timer()
    found, docs = newsfuse_rows(rows, frozenset({"quote"}), not args.no_cache)
    print(f"PolNeAR {args.data.name}: {len(rows)} documents; newsfuse {timer}")
    options = ["--examples", str(args.examples)]
    scored = {"newsfuse": run_scorer(args.scorers, "quotes_score", [gold, "nf", "newsfuse", *options], {"nf": found})}
    if not args.no_peer:
        timer = Timer()
        predicted = [{"id": row["id"], "quotes": textacy_quotes(doc)} for row, doc in zip(rows, docs)]
        print(f"textacy direct_quotations: {timer}")
        scored["textacy"] = run_scorer(args.scorers, "quotes_score", [gold, "tx", "textacy", *options], {"tx": predicted})
    for system, (result, examples) in scored.items():
        print_scored(system, result, examples)
    for system, (result, _) in scored.items():
        print(summary(system, result))
    return 0
