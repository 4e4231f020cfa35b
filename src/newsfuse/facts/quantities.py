"""Quantities: number, unit or counted noun, and bound (first version: spaCy CARDINAL/QUANTITY spans)."""
from __future__ import annotations

from spacy.tokens import Doc

from newsfuse.model import FactMention, Mention


def find_quantities(article_id: str, doc: Doc) -> list[FactMention]:
    found = []
    for ent in doc.ents:
        if ent.label_ not in {"CARDINAL", "QUANTITY"}:
            continue
        digits = ent.text.replace(",", "")
        try:
            amount = float(digits.split()[0])
        except ValueError:
            continue
        found.append(FactMention(kind="quantity", value={"amount": amount, "unit": "", "bound": "exact"},
                                 key=f"quantity:{amount}", mention=Mention(article_id, ent.text, ent.sent.text, ent.start_char)))
    return found
