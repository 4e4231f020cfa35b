"""Stage 4, facts: mentions of people, organisations, places, quantities,
dates and quotes in each article of a story.

Reads ``Article`` bodies, datelines and ``published`` dates; sets
``Story.fact_mentions``, ``Story.quote_mentions`` and ``Story.event_date``.

Every article of every story is parsed in one batched ``nlp.pipe`` run (for
large inputs, stories are shared out to worker processes that each parse and
find, so the finders run in parallel too). Given a ``ParseStore`` (the store), an article whose
parse is kept there (same text, same model: ``nlp.parse_key``) is read back instead of parsed,
and the new parses are handed to it to keep, in both paths; so are the finders' results
(``kept.py``: those that read only the article's parse, and places and dates while their story
context is unchanged). Then, per story: reference dates and the event date (``reference.py``), dates
resolved against them (``dates.py``), the per-article finders (``FINDERS``),
places (``places.py``, backed by the countries the whole story names),
quotes (``quotes.py``), and the story-level passes that link people and
organisations across articles (``people.py``) and name quote speakers.
Each finder module documents the ``context`` keys it sets.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from spacy.tokens import Doc

from newsfuse.config import FactsConfig
from newsfuse.facts.dates import find_dates
from newsfuse.facts.kept import (ArticleFinds, dates_context, finds_bytes, finds_from_bytes, finds_key,
                                  places_context)
from newsfuse.facts.landmarks import find_areas
from newsfuse.facts.nlp import ParseStore, doc_bytes, doc_from_bytes, model_name, parse_key, parse_texts
from newsfuse.facts.people import find_people, link_people
from newsfuse.facts.places import countries_named, places_and_reliance
from newsfuse.facts.quantities import find_quantities
from newsfuse.facts.quotes import find_quotes, link_speakers
from newsfuse.facts.reference import Reference, story_references
from newsfuse.model import Article, FactMention, InputError, Story, error_text, story_error
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


def story_facts(story: Story, members: list[Article], docs: dict[str, Doc],
                kept: dict[str, bytes] | None = None, made: dict[str, bytes] | None = None) -> None:
    """Fact and quote mentions of one story, with its story-level passes. With ``kept`` (kept
    finds by ``finds_key``), an article's finds are read back where their context is unchanged,
    and with ``made``, the finds that were not are added to it, to be kept."""
    references, event = story_references(members)
    story.event_date = event.isoformat() if event else None
    story.fact_mentions, story.quote_mentions = [], []
    story_countries = countries_named([docs[a.id] for a in members])
    for article in members:
        key = finds_key(article.id, article.text) if kept is not None or made is not None else ""
        held = finds_from_bytes(kept[key]) if kept and key in kept else None
        finds = article_finds(article.id, docs[article.id], story_countries, references.get(article.id), held)
        if made is not None and finds is not held:
            made[key] = finds_bytes(finds)
        story.fact_mentions.extend(finds.places + finds.own + finds.dates)
        story.quote_mentions.extend(finds.quotes)
    link_people(story.fact_mentions)
    link_speakers(story.quote_mentions, story.fact_mentions)


def article_finds(article_id: str, doc: Doc, story_countries: Counter, reference: Reference | None,
                  held: ArticleFinds | None = None) -> ArticleFinds:
    """The finders' mentions in one article: ``held`` (finds read back) itself if its context is
    the same, else its context-free mentions with places and dates found again where their context
    changed, else everything found. Places found without falling back on the story's countries
    keep no places context: they hold in any story."""
    places_now, dates_now = places_context(story_countries), dates_context(reference)
    same_places = held is not None and held.places_context in (None, places_now)
    same_dates = held is not None and held.dates_context == dates_now
    if held is not None and same_places and same_dates:
        return held
    if held is not None and same_places:
        places, places_read = held.places, held.places_context
    else:
        places, relies = places_and_reliance(article_id, doc, story_countries)
        places_read = places_now if relies else None
    own = held.own if held is not None else [mention for finder in FINDERS for mention in finder(article_id, doc)]
    dates = held.dates if same_dates else find_dates(article_id, doc, reference)
    quotes = held.quotes if held is not None else find_quotes(article_id, doc)
    return ArticleFinds(places_read, places, own, dates_now, dates, quotes)


Task = tuple[Story, list[Article], FactsConfig, "Kept | None", bool]  # the last: errors noted, not raised
Kept = tuple[dict[str, bytes], dict[str, bytes]]  # kept parses by ``parse_key``, kept finds by ``finds_key``
OnError = Callable[[InputError], None]


def _find(stories: list[Story], articles: dict[str, Article], config: FactsConfig, kept: Kept | None,
          failed: dict[str, str] | None = None) -> Kept:
    """Parse and find the stories' articles; with ``kept`` (their kept parses and finds), those are
    read back, and the new parses and finds are returned, to be kept. With ``failed``, a story
    whose finders raise is left without facts and its error noted there by story id (a finder's
    bug must not stop the batch); without it, the error is raised."""
    made: Kept | None = None if kept is None else ({}, {})
    docs = parse_articles(stories, articles, config, kept and kept[0], made and made[0])
    for story in stories:
        try:
            story_facts(story, [articles[a] for a in story.articles], docs, kept and kept[1], made and made[1])
        except Exception as error:
            if failed is None:
                raise
            story.event_date, story.fact_mentions, story.quote_mentions = None, [], []
            failed[story.id] = error_text(error)
    return made or ({}, {})


def _facts_of_one_story(task: Task) -> tuple[Story, Kept, dict[str, str]]:
    """Worker: one story's facts (``_find``); the story, its new parses and finds, and its noted error."""
    story, members, config, kept, noted = task
    failed: dict[str, str] | None = {} if noted else None
    return story, _find([story], {a.id: a for a in members}, config, kept, failed), failed or {}


def _extract_in_workers(stories: list[Story], articles: dict[str, Article], config: FactsConfig,
                        parses: ParseStore | None, on_error: OnError | None) -> None:
    """Share the stories out to worker processes, largest first; each parses and finds. Kept parses
    and finds are read, and new ones kept, ``WORKER_CHUNK_ARTICLES`` articles' worth of stories at a time."""
    order = sorted(range(len(stories)), key=lambda i: -sum(len(articles[a].text) for a in stories[i].articles))
    chunks = _story_chunks(order, stories) if parses is not None else [order]
    with worker_pool(config.n_process) as pool:
        for chunk in chunks:
            kept = _kept_by_story(parses, [stories[i] for i in chunk], articles) if parses is not None else None
            tasks = [(stories[i], [articles[a] for a in stories[i].articles], config,
                      None if kept is None else kept[n], on_error is not None) for n, i in enumerate(chunk)]
            new_parses: dict[str, bytes] = {}
            new_finds: dict[str, bytes] = {}
            for index, (done, (made_parses, made_finds), failed) in zip(chunk, pool.map(_facts_of_one_story, tasks)):
                story = stories[index]
                story.event_date, story.fact_mentions, story.quote_mentions = (
                    done.event_date, done.fact_mentions, done.quote_mentions)
                new_parses.update(made_parses)
                new_finds.update(made_finds)
                _report(failed, [story], on_error)
            if parses is not None:
                _keep(parses, new_parses, new_finds)


def _kept(parses: ParseStore, stories: list[Story], articles: dict[str, Article]) -> Kept:
    """The kept parses and finds of the stories' articles, read in one go."""
    ids = {a for story in stories for a in story.articles}
    return (parses.stored_parses({parse_key(articles[a].text) for a in ids}),
            parses.stored_finds({finds_key(a, articles[a].text) for a in ids}))


def _kept_by_story(parses: ParseStore, stories: list[Story], articles: dict[str, Article]) -> list[Kept]:
    """Each story's kept parses and finds (``_kept`` of them all, shared out)."""
    held_parses, held_finds = _kept(parses, stories, articles)
    return [({key: held_parses[key] for a in story.articles if (key := parse_key(articles[a].text)) in held_parses},
             {key: held_finds[key] for a in story.articles if (key := finds_key(a, articles[a].text)) in held_finds})
            for story in stories]


def _keep(parses: ParseStore, new_parses: dict[str, bytes], new_finds: dict[str, bytes]) -> None:
    if new_parses:
        parses.keep_parses(new_parses, model_name())
    if new_finds:
        parses.keep_finds(new_finds)


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
                  parses: ParseStore | None = None, on_error: OnError | None = None) -> None:
    """Set the fact and quote mentions and the event date of every story; with ``parses``, the
    articles' kept parses and finds are read back there and the new ones kept there. With
    ``on_error``, a story whose finders raise is kept without facts and reported there in one line
    (``model.story_error``); without it, the error is raised."""
    config = config or FactsConfig()
    n_articles = sum(len(story.articles) for story in stories)
    if config.n_process > 1 and len(stories) > 1 and n_articles >= config.n_process * config.min_docs_per_process:
        _extract_in_workers(stories, articles, config, parses, on_error)
        return
    failed: dict[str, str] | None = None if on_error is None else {}
    made = _find(stories, articles, config, None if parses is None else _kept(parses, stories, articles), failed)
    if parses is not None:
        _keep(parses, *made)
    _report(failed or {}, stories, on_error)


def _report(failed: dict[str, str], stories: list[Story], on_error: OnError | None) -> None:
    """Each story's noted error, one line each, to ``on_error`` (errors are noted only where it is given)."""
    for story in stories:
        if on_error is not None and story.id in failed:
            on_error(story_error(story.id, story.articles, "facts", failed[story.id]))
