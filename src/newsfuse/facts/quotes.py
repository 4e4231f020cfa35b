"""Direct quotations and their speakers."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from newsfuse.model import Mention, QuoteMention

QUOTE = re.compile(r"[\"“]([^\"”]{8,})[\"”]")


def find_quotes(article_id: str, doc: Doc) -> list[QuoteMention]:
    quotes = []
    for match in QUOTE.finditer(doc.text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        speaker = None
        if span is not None:
            people = [e.text for e in span.sent.ents if e.label_ == "PERSON"]
            speaker = people[0] if people else None
        quotes.append(QuoteMention(text=match.group(1), speaker=speaker,
                                   mention=Mention(article_id, match.group(0), span.sent.text if span else "", match.start())))
    return quotes
