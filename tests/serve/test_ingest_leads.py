"""At start the web app embeds the leads an upload will be compared with for translations, so that the first
upload after a store was filled without them (or upgraded) need not: the newest articles' and the undated
ones', each once."""
from __future__ import annotations

import hashlib

from newsfuse.copies.translation import lead_of, paragraphs_of
from newsfuse.model import Article
from newsfuse.serve.ingest import Ingester
from newsfuse.store import Store

PARAGRAPHS = ["The harbour of Telmar reopened on {day} after a storm closed it for three days.",
              "Fishing boats returned to their moorings in the afternoon, the port office said.",
              "Repairs to the breakwater will take several weeks, officials told reporters."]


def _article(article_id: str, published: str | None, language: str = "en") -> Article:
    return Article(id=article_id, source=f"{article_id}.txt", published=published, language=language,
                   body=[p.format(day=article_id) for p in PARAGRAPHS])


def _key(article: Article) -> str:
    return hashlib.sha1(lead_of(paragraphs_of(article)).encode("utf-8")).hexdigest()


def test_the_newest_and_undated_articles_leads_are_stored_first_then_the_others_once(tmp_path):
    articles = [_article("old", "2030-01-10"), _article("recent", "2031-05-01", "fr"),
                _article("newest", "2031-05-20"), _article("undated", None, "de")]
    path = tmp_path / "store.sqlite"
    with Store(path) as store:
        store.save_batch(articles, [])
    assert Ingester(str(path)).store_missing_leads(2) == 3
    with Store(path) as store:
        held = store.lead_vectors([_key(a) for a in articles])
    assert set(held) == {_key(a) for a in articles if a.id != "old"}
    assert Ingester(str(path)).store_missing_leads() == 1
    with Store(path) as store:
        assert set(store.lead_vectors([_key(a) for a in articles])) == {_key(a) for a in articles}
    assert Ingester(str(path)).store_missing_leads() == 0
