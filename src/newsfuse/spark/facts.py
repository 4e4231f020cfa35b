"""Facts and reconciliation in Spark tasks, one story at a time, with the local stage code.

Each story meets its articles in one task (a join on the story id), where the local
``facts.story_facts`` (spaCy parse and finders) and ``reconcile.reconcile_story`` run as
``extract_facts`` runs them in its worker processes. spaCy is loaded once per Python worker
(``facts.nlp.load_nlp`` is cached in the module and Spark reuses its workers). A story whose
derivation fails is tried again article by article: each article that fails alone is one
error naming it and is left out, and the story is derived from the others.
"""
from __future__ import annotations

from collections.abc import Iterable

from newsfuse.config import Config
from newsfuse.model import Article, InputError, Story, error_text


def _derive(story: Story, members: list[Article], config: Config) -> None:
    """Facts, quotes, event date and reconciliation of ``story`` from ``members`` (in story order)."""
    from newsfuse.facts import parse_articles, story_facts  # spaCy: loaded in the worker, once
    from newsfuse.reconcile import reconcile_story

    by_id = {article.id: article for article in members}
    work = Story(id=story.id, articles=[article.id for article in members], headline=story.headline,
                 provenance=story.provenance)
    story_facts(work, members, parse_articles([work], by_id, config.facts))
    story.event_date, story.fact_mentions, story.quote_mentions = work.event_date, work.fact_mentions, work.quote_mentions
    reconcile_story(story, by_id, config.reconcile)


def derive_story(story: Story, members: Iterable[Article], config: Config) -> tuple[Story, list[InputError]]:
    """``story`` with its facts and reconciliation, and one error per article that failed."""
    by_id = {article.id: article for article in members}
    ordered = [by_id[a] for a in story.articles if a in by_id]
    try:
        _derive(story, ordered, config)
        return story, []
    except Exception:  # find the article that fails; the others still make the story
        pass
    errors, kept = [], []
    for article in ordered:
        try:
            _derive(Story(id=story.id, articles=[article.id], headline=story.headline), [article], config)
            kept.append(article)
        except Exception as error:
            errors.append(InputError(article.source, f"facts failed for article {article.id!r}, left out of its story, "
                                                     f"a bug to report: {error_text(error)}"))
    try:
        _derive(story, kept, config)
    except Exception as error:
        story.fact_mentions, story.quote_mentions, story.facts, story.quotes = [], [], [], []
        story.conflicts, story.single_source, story.brief = [], [], []
        errors.append(InputError(story.id, f"facts failed for the story of {', '.join(story.articles)}, "
                                           f"a bug to report: {error_text(error)}"))
    return story, errors


def derive_stories(spark, articles, stories: list[Story], config: Config):
    """An RDD of (Story, errors): every story of ``stories`` derived in a task with its articles."""
    context = spark.sparkContext
    slices = max(context.defaultParallelism, min(len(stories) // 50, 1000))
    assignment = context.parallelize([(member, story.id) for story in stories for member in story.articles], slices)
    members = (articles.map(lambda pair: (pair[1].id, pair[1])).join(assignment, slices)
               .map(lambda row: (row[1][1], row[1][0])).groupByKey(slices))
    skeletons = context.parallelize([(story.id, story) for story in stories], slices)
    return skeletons.join(members, slices).map(lambda row: derive_story(row[1][0], row[1][1], config))
