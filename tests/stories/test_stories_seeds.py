"""The founding pages are one story, whatever their (partly missing) dates."""
from __future__ import annotations

from pathlib import Path

from newsfuse.model import Article
from newsfuse.stories import cluster_articles

MIN_BODY_WORDS = 12  # a crude body filter, so this test does not depend on extraction


def _seed_articles(seeds_dir: Path) -> list[Article]:
    articles = []
    for path in sorted(seeds_dir.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        body = [line for line in lines if len(line.split()) >= MIN_BODY_WORDS]
        articles.append(Article(id=path.stem, source=str(path), body=body))
    return articles


def test_founding_pages_are_one_story(seeds_dir: Path) -> None:
    articles = _seed_articles(seeds_dir)
    assert len(articles) == 5
    stories = cluster_articles(articles, [])
    assert len(stories) == 1


def test_founding_pages_one_story_despite_a_wrong_date(seeds_dir: Path) -> None:
    articles = _seed_articles(seeds_dir)
    articles[0].published, articles[1].published = "2023-10-13", "2023-10-13"
    articles[2].published = "2024-06-01"  # a page-chrome date months off
    assert len(cluster_articles(articles, [])) == 1
