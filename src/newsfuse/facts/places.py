"""Places: gazetteer-linked place mentions (first version: spaCy GPE/LOC/FAC spans, unlinked)."""
from __future__ import annotations

from spacy.tokens import Doc

from newsfuse.model import FactMention, Mention

PLACE_LABELS = {"GPE", "LOC", "FAC"}


def find_places(article_id: str, doc: Doc) -> list[FactMention]:
    return [FactMention(kind="place", value={"name": ent.text, "country": None, "lat": None, "lon": None,
                                             "gazetteer_id": None},
                        key=f"unlinked:{ent.text.lower()}", context={"linked": False},
                        mention=Mention(article_id, ent.text, ent.sent.text, ent.start_char))
            for ent in doc.ents if ent.label_ in PLACE_LABELS]
