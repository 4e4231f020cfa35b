"""Stage 4, facts: mentions of people, organisations, places, quantities,
dates and quotes in each article of a story.

Reads ``Article`` bodies, datelines and ``published`` dates; sets
``Story.fact_mentions``, ``Story.quote_mentions`` and ``Story.event_date``.

Every article of every story is parsed in one batched ``nlp.pipe`` run (for
large inputs, stories are shared out to worker processes that each parse and
find, so the finders run in parallel too). Then, per story: reference dates and the event date (``reference.py``), dates
resolved against them (``dates.py``), the per-article finders (``FINDERS``),
places (``places.py``, backed by the countries the whole story names),
quotes (``quotes.py``), and the story-level passes that link people and
organisations across articles (``people.py``) and name quote speakers.
Each finder module documents the ``context`` keys it sets.
"""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from newsfuse.config import FactsConfig
from newsfuse.facts.dates import find_dates
from newsfuse.facts.landmarks import find_areas
from newsfuse.facts.nlp import parse_texts
from newsfuse.facts.people import find_people, link_people
from newsfuse.facts.places import countries_named, find_places
from newsfuse.facts.quantities import find_quantities
from newsfuse.facts.quotes import find_quotes, link_speakers
from newsfuse.facts.reference import story_references
from newsfuse.model import Article, FactMention, Story
from newsfuse.workers import worker_pool

__all__ = ["extract_facts", "FINDERS"]

Finder = Callable[[str, Doc], list[FactMention]]
FINDERS: tuple[Finder, ...] = (find_people, find_areas, find_quantities)


def parse_articles(stories: list[Story], articles: dict[str, Article], config: FactsConfig) -> dict[str, Doc]:
    """Every article of every story, parsed in one batched run."""
    ids = list(dict.fromkeys(a for story in stories for a in story.articles))
    return dict(zip(ids, parse_texts((articles[a].text for a in ids), batch_size=config.batch_size)))


def story_facts(story: Story, members: list[Article], docs: dict[str, Doc]) -> None:
    """Fact and quote mentions of one story, with its story-level passes."""
    references, event = story_references(members)
    story.event_date = event.isoformat() if event else None
    story.fact_mentions, story.quote_mentions = [], []
    story_countries = countries_named([docs[a.id] for a in members])
    for article in members:
        doc = docs[article.id]
        story.fact_mentions.extend(find_places(article.id, doc, story_countries))
        for finder in FINDERS:
            story.fact_mentions.extend(finder(article.id, doc))
        story.fact_mentions.extend(find_dates(article.id, doc, references.get(article.id)))
        story.quote_mentions.extend(find_quotes(article.id, doc))
    link_people(story.fact_mentions)
    link_speakers(story.quote_mentions, story.fact_mentions)


def _facts_of_one_story(task: tuple[Story, list[Article], FactsConfig]) -> Story:
    """Worker: parse one story's articles and find its facts."""
    story, members, config = task
    story_facts(story, members, parse_articles([story], {a.id: a for a in members}, config))
    return story


def _extract_in_workers(stories: list[Story], articles: dict[str, Article], config: FactsConfig) -> None:
    """Share the stories out to worker processes, largest first; each parses and finds."""
    order = sorted(range(len(stories)), key=lambda i: -sum(len(articles[a].text) for a in stories[i].articles))
    tasks = [(stories[i], [articles[a] for a in stories[i].articles], config) for i in order]
    with worker_pool(config.n_process) as pool:
        for index, done in zip(order, pool.map(_facts_of_one_story, tasks)):
            story = stories[index]
            story.event_date, story.fact_mentions, story.quote_mentions = (
                done.event_date, done.fact_mentions, done.quote_mentions)


def extract_facts(stories: list[Story], articles: dict[str, Article], config: FactsConfig | None = None) -> None:
    """Set the fact and quote mentions and the event date of every story."""
    config = config or FactsConfig()
    n_articles = sum(len(story.articles) for story in stories)
    if config.n_process > 1 and len(stories) > 1 and n_articles >= config.n_process * config.min_docs_per_process:
        _extract_in_workers(stories, articles, config)
        return
    docs = parse_articles(stories, articles, config)
    for story in stories:
        story_facts(story, [articles[a] for a in story.articles], docs)
