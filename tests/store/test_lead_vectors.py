"""A translation lead is embedded once and kept in the store: a later ingest reads it back."""
from __future__ import annotations

import sys
from pathlib import Path

from newsfuse.config import Config
from newsfuse.copies import translation
from newsfuse.model import Article
from newsfuse.pipeline import ingest_articles
from newsfuse.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "copies"))
from test_copies_translation import ENGLISH, FRENCH_TRANSLATION  # noqa: E402


def test_stored_leads_are_read_back_not_embedded_again(store_url, monkeypatch):
    encoder = translation.sentence_encoder()
    embedded: list[str] = []

    class Counting:
        def encode(self, texts):
            embedded.extend(texts)
            return encoder.encode(texts)
    monkeypatch.setattr(translation, "sentence_encoder", lambda: Counting())
    french = Article(id="fr", source="fr.txt", language="fr", body=FRENCH_TRANSLATION, published="2031-04-02")
    english = Article(id="en", source="en.txt", language="en", body=ENGLISH, published="2031-04-01")
    rewrite = Article(id="en-2", source="en-2.txt", language="en", body=ENGLISH[::-1], published="2031-04-03")
    with Store(store_url) as store:
        ingest_articles(store, [french, english], Config())
        assert embedded.count(translation.lead_of(FRENCH_TRANSLATION)) == 1
        before = len(embedded)
        ingest_articles(store, [rewrite], Config())
        assert translation.lead_of(FRENCH_TRANSLATION) not in embedded[before:]
        assert translation.lead_of(ENGLISH[::-1]) in embedded[before:]
        assert any(r.relation == "translation" for r in store.relations_among(["fr", "en"]))
