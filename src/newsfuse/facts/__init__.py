"""Stage 4, facts: mentions of people, organisations, places, quantities,
dates and quotes in each article of a story.

Reads ``Article`` bodies, datelines and ``published`` dates; sets
``Story.fact_mentions``, ``Story.quote_mentions`` and ``Story.event_date``.

Every article of every story is parsed in one batched ``nlp.pipe`` run (for
large inputs, stories are shared out to worker processes that each parse and
find, so the finders run in parallel too). Given a ``ParseStore`` (the store), an article whose
parse is kept there (same text, same model: ``nlp.parse_key``) is read back instead of parsed,
and the new parses are handed to it to keep, in both paths. Then, per story: reference dates and the event date (``reference.py``), dates
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
from newsfuse.facts.nlp import ParseStore, doc_bytes, doc_from_bytes, model_name, parse_key, parse_texts
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
WORKER_CHUNK_ARTICLES = 2_000  # articles whose kept parses are read (and new ones kept) at a time, worker path


def parse_articles(stories: list[Story], articles: dict[str, Article], config: FactsConfig,
                   stored: dict[str, bytes] | None = None, new: dict[str, bytes] | None = None) -> dict[str, Doc]:
    """Every article of every story, parsed in one batched run; with ``stored`` (kept parses by
    ``parse_key``), those kept are read back and only the others parsed (one text once), and with
    ``new``, the parses made are added to it, to be kept."""
    ids = list(dict.fromkeys(a for story in stories for a in story.articles))
    stored = stored or {}
    keys = {a: parse_key(articles[a].text) for a in ids}
    texts = {keys[a]: articles[a].text for a in ids if keys[a] not in stored}
    parsed = dict(zip(texts, parse_texts(texts.values(), batch_size=config.batch_size)))
    if new is not None:
        new.update((key, doc_bytes(doc)) for key, doc in parsed.items())
    return {a: parsed[keys[a]] if keys[a] in parsed else doc_from_bytes(stored[keys[a]]) for a in ids}


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


Task = tuple[Story, list[Article], FactsConfig, "dict[str, bytes] | None"]


def _facts_of_one_story(task: Task) -> tuple[Story, dict[str, bytes]]:
    """Worker: parse one story's articles (those not in its kept parses, where given) and find its
    facts; the story and its new parses."""
    story, members, config, stored = task
    new: dict[str, bytes] | None = None if stored is None else {}
    story_facts(story, members, parse_articles([story], {a.id: a for a in members}, config, stored, new))
    return story, new or {}


def _extract_in_workers(stories: list[Story], articles: dict[str, Article], config: FactsConfig,
                        parses: ParseStore | None) -> None:
    """Share the stories out to worker processes, largest first; each parses and finds. Kept parses
    are read, and new ones kept, ``WORKER_CHUNK_ARTICLES`` articles' worth of stories at a time."""
    order = sorted(range(len(stories)), key=lambda i: -sum(len(articles[a].text) for a in stories[i].articles))
    chunks = _story_chunks(order, stories) if parses is not None else [order]
    with worker_pool(config.n_process) as pool:
        for chunk in chunks:
            stored = _kept_by_story(parses, [stories[i] for i in chunk], articles) if parses is not None else None
            tasks = [(stories[i], [articles[a] for a in stories[i].articles], config,
                      None if stored is None else stored[n]) for n, i in enumerate(chunk)]
            new: dict[str, bytes] = {}
            for index, (done, made) in zip(chunk, pool.map(_facts_of_one_story, tasks)):
                story = stories[index]
                story.event_date, story.fact_mentions, story.quote_mentions = (
                    done.event_date, done.fact_mentions, done.quote_mentions)
                new.update(made)
            if parses is not None and new:
                parses.keep_parses(new, model_name())


def _kept_by_story(parses: ParseStore, stories: list[Story], articles: dict[str, Article]) -> list[dict[str, bytes]]:
    """Each story's kept parses, read in one go."""
    keys = [{parse_key(articles[a].text) for a in story.articles} for story in stories]
    held = parses.stored_parses(set().union(*keys))
    return [{key: held[key] for key in own if key in held} for own in keys]


def _story_chunks(order: list[int], stories: list[Story]) -> list[list[int]]:
    """``order`` cut into runs of stories holding about ``WORKER_CHUNK_ARTICLES`` articles."""
    chunks: list[list[int]] = [[]]
    held = 0
    for index in order:
        if chunks[-1] and held + len(stories[index].articles) > WORKER_CHUNK_ARTICLES:
            chunks.append([])
            held = 0
        chunks[-1].append(index)
        held += len(stories[index].articles)
    return chunks


def extract_facts(stories: list[Story], articles: dict[str, Article], config: FactsConfig | None = None,
                  parses: ParseStore | None = None) -> None:
    """Set the fact and quote mentions and the event date of every story; with ``parses``, the
    articles' kept parses are read back there and the new ones kept there."""
    config = config or FactsConfig()
    n_articles = sum(len(story.articles) for story in stories)
    if config.n_process > 1 and len(stories) > 1 and n_articles >= config.n_process * config.min_docs_per_process:
        _extract_in_workers(stories, articles, config, parses)
        return
    new: dict[str, bytes] | None = None
    stored = None
    if parses is not None:
        new = {}
        stored = parses.stored_parses({parse_key(articles[a].text) for story in stories for a in story.articles})
    docs = parse_articles(stories, articles, config, stored, new)
    if parses is not None and new:
        parses.keep_parses(new, model_name())
    for story in stories:
        story_facts(story, [articles[a] for a in story.articles], docs)
