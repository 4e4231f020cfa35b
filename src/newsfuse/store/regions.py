"""Stories brought up to date after an ingest: the affected region is derived again.

The articles waiting to be placed (``pending``) touch a region of the store: the articles they
are copies of, the stored articles sharing at least ``MIN_SHARED_TERMS`` of their strongest
clustering terms (``article_terms``: for a dated pending article, those dated within the stories
window (``StoriesConfig.window_days``) of its date and the undated ones; for an undated one, any),
the ``MAX_TERM_CANDIDATES`` sharing most, and every member of the stories those belong to. Where
nothing is dated, pending or stored, nothing bounds the region: it is the whole store. That region
is clustered again with the one-batch function (``stories.cluster_articles``, arrival order,
stream IDF, end-of-batch revision). The stories holding a pending article replace the stored ones
they took members from (what is left of those stays one story); every other stored story is kept
as stored. Only the stories written are handed on to facts and reconciliation.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date as Date, timedelta

from newsfuse.config import StoriesConfig
from newsfuse.copies import set_provenance
from newsfuse.model import Article, Story
from newsfuse.store.base import PENDING_PLACE, PLACED, BaseStore

MIN_SHARED_TERMS = 2  # strongest terms a stored article must share with a pending one to bring in its story
MAX_TERM_HOLDERS = 2_000  # a term held by more stored articles tells no story apart
MAX_TERM_CANDIDATES = 100  # stored articles brought in by terms, per pending article, most shared first

Derive = Callable[[list[Story], dict[str, Article]], None]  # sets facts, quotes, conflicts, brief


@dataclass
class Placement:
    placed: list[str] = field(default_factory=list)  # the pending articles now in stories
    region: int = 0  # articles clustered again
    touched: int = 0  # stored stories the region held
    changed: list[Story] = field(default_factory=list)  # stories written (new or changed membership)
    removed: int = 0  # stored stories gone (merged, split)


def _parse(day: str | None) -> Date | None:
    try:
        return Date.fromisoformat(day) if day else None
    except ValueError:
        return None


def strongest_terms(article: Article, config: StoriesConfig) -> list[str]:
    """The article's strongest word and name terms under the shipped IDF (the clusterer's index terms)."""
    from newsfuse.stories.features import article_features
    from newsfuse.stories.idf import shipped_idf
    from newsfuse.stories.live import index_terms

    features = article_features(article, shipped_idf(), article.reference_date)
    return index_terms(features.words, features.names, config)


def term_rows(articles: list[Article], seqs: dict[str, int], config: StoriesConfig) -> list[tuple[str, int, str | None]]:
    """Rows (term, seq, date) of ``article_terms``; the date where it is a reliable one."""
    return [(term, seqs[a.id], a.reference_date if _parse(a.reference_date) else None)
            for a in articles for term in dict.fromkeys(strongest_terms(a, config))]


def _term_neighbours(store: BaseStore, pending: dict[str, Article], config: StoriesConfig) -> set[str]:
    """Stored articles sharing ``MIN_SHARED_TERMS`` strongest terms with a pending article: for a
    dated one, those dated within the stories window of its date and the undated ones; for an
    undated one, any."""
    window = timedelta(days=config.window_days)
    found: set[int] = set()
    for article in pending.values():
        day = _parse(article.reference_date)
        first, last = ((day - window).isoformat(), (day + window).isoformat()) if day else (None, None)
        shared: dict[int, int] = {}
        for _, seq in store.term_holders(set(strongest_terms(article, config)), first, last, MAX_TERM_HOLDERS):
            shared[seq] = shared.get(seq, 0) + 1
        best = sorted((seq for seq, count in shared.items() if count >= MIN_SHARED_TERMS),
                      key=lambda seq: (-shared[seq], seq))
        found.update(best[:MAX_TERM_CANDIDATES])
    return {a.id for a in store.load_by_seq(found).values()}


def affected_region(store: BaseStore, pending: list[str], config: StoriesConfig) -> tuple[set[str], set[str]]:
    """The article ids to cluster again and the stored stories they hold."""
    if not store.has_placed():  # a first batch: no stored article to look for
        return set(pending), set()
    if not any(_parse(day) for day in store.dates_of(pending).values()) and _parse(store.latest_date()) is None:
        seeds = set(store.all_ids())  # nothing dated: nothing bounds the region
    else:
        seeds = set(pending) | store.partners(pending) | _term_neighbours(store, store.load_articles(pending), config)
    touched = set(store.stories_of(seeds).values())
    region = seeds | {a for members in store.members(touched).values() for a in members}
    return region, touched


def place_pending(store: BaseStore, config: StoriesConfig, derive: Derive | None = None,
                  progress: Callable[[str, int, int | None], None] | None = None) -> Placement:
    """Place every pending article in a story; runs inside the caller's transaction."""
    from newsfuse.stories import cluster_articles  # heavy (scikit-learn): loaded when stories are built

    result = Placement(placed=store.pending(PENDING_PLACE))
    if not result.placed:  # every stage still says it ran, with nothing to do
        if progress:
            progress("stories", 0, 0)
        if derive:
            derive([], {})
        return result
    region, touched = affected_region(store, result.placed, config)
    articles = store.load_articles(region)
    relations = store.relations_among(region)
    if progress:
        progress("stories", 0, len(articles))
    stories = cluster_articles(list(articles.values()), relations, config)
    if progress:
        progress("stories", len(articles), len(articles))
    result.changed, kept = _settle(stories, set(result.placed), store.members(touched), articles)
    set_provenance(result.changed, relations)
    if derive:
        derive(result.changed, articles)
    removed = touched - kept - {s.id for s in result.changed}
    store.replace_stories(removed, result.changed, store.dates_of(a for s in result.changed for a in s.articles))
    store.set_pending(result.placed, PLACED)
    result.region, result.touched, result.removed = len(region), len(touched), len(removed)
    return result


def _settle(stories: list[Story], pending: set[str], stored: dict[str, list[str]],
            articles: dict[str, Article]) -> tuple[list[Story], set[str]]:
    """The stories to write and the stored ones kept as they are: the region's stories that hold a
    pending article, and what is left of each stored story they took members from; every other
    stored story stays as stored (a regrouping among stored articles alone comes from clustering
    the region without the rest of the stream, not from the new articles)."""
    from newsfuse.stories import stories_of_groups

    joined = [story for story in stories if pending.intersection(story.articles)]
    taken = {a for story in joined for a in story.articles}
    kept, rests = set(), []
    for story_id, members in stored.items():
        rest = [a for a in members if a not in taken]
        if len(rest) == len(members):
            kept.add(story_id)
        elif rest:
            rests.append(rest)
    return joined + stories_of_groups(rests, articles), kept


def cluster_in_batches(articles: list[Article], relations: list, batches: int,
                       config: StoriesConfig | None = None) -> list[list[str]]:
    """The stories of ``articles`` ingested in ``batches`` chronological batches (their arrival
    order cut into equal parts) into an empty in-memory store: clustering only, no facts."""
    from newsfuse.store import Store
    from newsfuse.stories import arrival_order

    config = config or StoriesConfig()
    ordered = arrival_order(articles, lambda a: a.reference_date, lambda a: a.id)
    size = -(-len(ordered) // max(1, batches))
    with Store(":memory:") as store:
        seen: set[str] = set()
        for start in range(0, len(ordered), size):
            batch = ordered[start:start + size]
            seen.update(a.id for a in batch)
            with store.transaction():
                seqs = store.put_articles(batch, PENDING_PLACE)
                store.add_terms(term_rows(batch, seqs, config))
                store.put_relations([r for r in relations if r.source in seen and r.target in seen
                                     and (r.source in {a.id for a in batch} or r.target in {a.id for a in batch})])
                place_pending(store, config)
        return list(store.members(row[0] for row in store._rows("SELECT id FROM stories")).values())
