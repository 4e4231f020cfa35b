"""Stories in Spark: the local features, exactly, then the online clustering per time window in tasks.

1. Arrival order: the driver collects each article's id and reference date (small) and orders
   them by the local rule (``stories.arrival_order``).
2. Features: the local features weigh each article by the stream's document frequencies so far
   (``StreamIdf``: the articles up to it in arrival order, itself included). Tasks count them
   per term (a group-by on the term, its articles' positions sorted), so every article's
   weights are the local ones without the stream passing through one process. (The local
   stream halves its counts past ``MAX_STREAM_TERMS`` distinct terms; a stream that large gets
   slightly different weights here.)
3. Windows: the arrival order is cut by reference date into windows of ``length`` days (an
   undated article goes with the dated one before it). Each window's task replays the
   ``lead_in`` days before it, its own articles and the ``lead_out`` days after it through the
   local ``cluster_features`` (online clustering with events, then the revision), with the copy
   relations among them. The lead-in rebuilds the stories still live at the window's start (a
   story closes ``window_days`` after its last activity, and the time factor is 0 between
   articles further apart than that); the lead-out lets the stories live at its end grow, split
   into events and be revised as they would be locally before its own articles are placed.
4. Stitching, window after window on the driver: a window's story joins the story, already
   placed, that holds most of its lead-in articles (the one the local run would have grown),
   else it is new; then copies are joined as locally (``_join_related``'s rule).

One window (a corpus shorter than ``length``, or undated) gives the local groups exactly;
with several, a story that lived longer than the lead-in before a window's start is rebuilt
from its recent part only, and the revision sees a window with its lead-in and lead-out, not
the batch, so results can differ there (``newsfuse bench spark`` measures it).
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from itertools import chain
from types import SimpleNamespace

from newsfuse.config import StoriesConfig
from newsfuse.copies.groups import connected_components
from newsfuse.model import Article, Provenance, Relation, Story
from newsfuse.stories import arrival_order, article_terms, cluster_features, stories_of_groups
from newsfuse.stories.calibration import resolve
from newsfuse.stories.features import (ArticleFeatures, ArticleTerms, channel_vectors, combine_channels,
                                       shipped_channel_weights, weigh)
from newsfuse.stories.idf import StreamIdf, shipped_idf
from newsfuse.stories.live import day_number

LEAD_IN_WINDOWS = 1  # lead-in of a window: this many ``window_days``


def plan_windows(days: list[int | None], length: int, lead_in: int, lead_out: int = 0
                 ) -> tuple[list[int], list[int], list[int]]:
    """For days in arrival order (None: undated): each position's window (0, 1, ... in order),
    and the positions each window's task replays, from its lead-in's start (``firsts``) to the
    end of its lead-out (``ends``, exclusive)."""
    dated = [day for day in days if day is not None]
    if not dated:
        return [0] * len(days), [0], [len(days)]
    carried, last = [], dated[0]
    for day in days:
        last = day if day is not None else last
        carried.append(last)
    slots = [(day - dated[0]) // length for day in carried]
    numbers = {slot: number for number, slot in enumerate(sorted(set(slots)))}
    windows = [numbers[slot] for slot in slots]
    firsts, position = [], 0
    for slot in sorted(numbers):
        start_day = dated[0] + slot * length - lead_in
        while carried[position] < start_day:
            position += 1
        firsts.append(position)
    ends, position = [], 0
    for window in range(len(numbers)):
        while position < len(days) and windows[position] <= window:
            position += 1
        end_day = carried[position - 1] + lead_out
        while position < len(days) and carried[position] <= end_day:
            position += 1
        ends.append(position)
    return windows, firsts, ends


def window_length(days: list[int | None], lead_in: int, parallelism: int) -> int:
    """Days per window: the span shared among the tasks, never shorter than the lead-in."""
    dated = [day for day in days if day is not None]
    span = max(dated) - min(dated) + 1 if dated else 1
    return max(lead_in, math.ceil(span / max(parallelism, 1)), 1)


def stitch(window_groups: list[list[list[str]]], window_of: dict[str, int]) -> list[list[str]]:
    """Groups over all windows: each window's group (its own members; lead-out members are placed
    by their own window) joins the earlier story holding most of its lead-in members (ties: the
    earlier story), else starts one."""
    label: dict[str, int] = {}
    members: list[list[str]] = []
    for window, groups in enumerate(window_groups):
        for group in groups:
            own = [member for member in group if window_of[member] == window]
            if not own:
                continue
            earlier = Counter(label[member] for member in group if window_of[member] < window)
            if earlier:
                target = min(earlier, key=lambda story: (-earlier[story], story))
            else:
                target = len(members)
                members.append([])
            for member in own:
                label[member] = target
            members[target].extend(own)
    return [group for group in members if group]


def join_related(groups: list[list[str]], relations: list[Relation]) -> list[list[str]]:
    """Groups that a copy relation links become one (a copy may arrive after its story closed)."""
    within = ((group[0], member) for group in groups for member in group[1:])
    across = ((r.source, r.target) for r in relations)
    return connected_components([m for group in groups for m in group], chain(within, across))


def _features(terms: ArticleTerms, position: int, frequencies: dict[str, int]) -> ArticleFeatures:
    """The local ``stream_features_of_terms`` of one article: ``frequencies`` are its terms'
    document frequencies over positions 0..``position``."""
    idf = StreamIdf(shipped_idf())
    idf.documents, idf.frequencies = position + 1, frequencies
    return ArticleFeatures(id=terms.id, words=weigh(terms.words, idf),
                           names=combine_channels(channel_vectors(terms.names, idf), shipped_channel_weights()),
                           date=terms.reference_date, title=terms.title or "")


def _term_positions(row: tuple[int, tuple[ArticleTerms, list[int]]]):
    position, (terms, _) = row
    return ((term, position) for term in set(terms.words) | set(terms.names))


def _prefix_counts(term_positions: tuple[str, list[int]]):
    term, positions = term_positions
    return ((position, (term, rank)) for rank, position in enumerate(sorted(positions), start=1))


def _by_window(row):
    position, (article, counts) = row
    (terms, windows), = article
    features = _features(terms, position, dict(counts))
    return ((window, (position, features)) for window in windows)


def _cluster_window(rows, config: StoriesConfig, partners: dict[str, list[str]]) -> list[list[str]]:
    ordered = [features for _, features in sorted(rows, key=lambda row: row[0])]
    inside = {f.id: partners[f.id] for f in ordered if f.id in partners}
    return cluster_features(ordered, config, inside)


def _arrival(pair: tuple[int, Article]) -> tuple[str, str | None, str | None, bool]:
    article = pair[1]
    return article.id, article.reference_date, article.title, article.title_derived


def cluster_stories(articles, relations: list[Relation], config: StoriesConfig, lead_in_days: int | None = None,
                    length_days: int | None = None, lead_out_days: int | None = None) -> list[Story]:
    """Stories (ids, articles, headline) of an RDD of (index, Article), clustered per time window
    in tasks. ``lead_in_days`` defaults to ``window_days``, ``lead_out_days`` to the lead-in;
    ``length_days`` to the dated span shared among the cluster's cores (at least the lead-in)."""
    context = articles.context
    arrivals = arrival_order(articles.map(_arrival).collect(), lambda item: item[1], lambda item: item[0])
    days = [day_number(date) for _, date, _, _ in arrivals]
    lead_in = lead_in_days if lead_in_days is not None else math.ceil(config.window_days * LEAD_IN_WINDOWS)
    length = length_days or window_length(days, lead_in, context.defaultParallelism)
    windows, firsts, ends = plan_windows(days, length, lead_in, lead_in if lead_out_days is None else lead_out_days)
    replayed: list[list[int]] = [[] for _ in windows]
    for window, (first, end) in enumerate(zip(firsts, ends)):
        for position in range(first, end):
            replayed[position].append(window)
    placed = context.broadcast({item[0]: (position, replayed[position]) for position, item in enumerate(arrivals)})

    def positioned(pair: tuple[int, Article]) -> tuple[int, tuple[ArticleTerms, list[int]]]:
        position, windows_of = placed.value[pair[1].id]
        return position, (article_terms(pair[1]), windows_of)

    terms = articles.map(positioned).persist()  # (position, (terms, windows))
    counts = terms.flatMap(_term_positions).groupByKey().flatMap(_prefix_counts)  # (position, (term, count))
    partners: dict[str, list[str]] = defaultdict(list)
    for relation in relations:
        partners[relation.source].append(relation.target)
        partners[relation.target].append(relation.source)
    shared = context.broadcast(dict(partners))
    resolved = resolve(config)
    count = len(firsts)
    grouped = (terms.cogroup(counts).flatMap(_by_window)
               .groupByKey(count, partitionFunc=lambda window: window)
               .mapValues(lambda rows: _cluster_window(rows, resolved, shared.value)).collect())
    for done in (shared, placed):
        done.unpersist()
    terms.unpersist()
    window_groups = [groups for _, groups in sorted(grouped)]
    window_of = {item[0]: windows[position] for position, item in enumerate(arrivals)}
    groups = join_related(stitch(window_groups, window_of), relations)
    titles = {item[0]: SimpleNamespace(title=item[2], title_derived=item[3]) for item in arrivals}
    return stories_of_groups(groups, titles)


def set_provenance(stories: list[Story], relations: list[Relation], labels: dict[str, str]) -> None:
    """Each story's relations and independent groups; ``labels`` maps an article with a relation
    to its component's label (Spark's connected components), others are groups of one."""
    story_of = {member: story.id for story in stories for member in story.articles}
    inside: dict[str, list[Relation]] = defaultdict(list)
    for relation in relations:  # copies always share a story (``stories`` joins them)
        inside[story_of[relation.source]].append(relation)
    for story in stories:
        groups: dict[str, list[str]] = defaultdict(list)
        for member in story.articles:
            groups[labels.get(member, member)].append(member)
        story.provenance = Provenance(relations=inside.get(story.id, []),
                                      independent_groups=sorted((sorted(g) for g in groups.values()), key=lambda g: g[0]))
