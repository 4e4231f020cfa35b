"""Runs the stages in order: read -> extract -> copies -> stories -> facts -> reconcile -> report."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.config import Config
from newsfuse.copies import provenance_for, trace_copies
from newsfuse.extract import NoArticleError, extract_document
from newsfuse.model import Article, InputError, Story
from newsfuse.read import read_inputs
from newsfuse.reconcile import reconcile_story
from newsfuse.report import write_outputs
from newsfuse.store import Store

Progress = Callable[[str], None]


@dataclass
class RunResult:
    articles: list[Article] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)


def extract_inputs(paths: Iterable[str | Path], config: Config, on_error: Callable[[InputError], None],
                   progress: Progress | None = None) -> Iterable[Article]:
    """Articles of every readable input; each problem goes to ``on_error`` and the batch goes on."""
    seen: set[str] = set()
    for item in read_inputs(paths, config.read):
        if progress:
            progress(getattr(item, "source", ""))
        if isinstance(item, InputError):
            on_error(item)
            continue
        if item.id in seen:
            on_error(InputError(item.source, f"duplicate id {item.id!r}, skipped"))
            continue
        try:
            article = extract_document(item, config.extract)
        except NoArticleError as error:
            on_error(InputError(item.source, str(error)))
            continue
        seen.add(item.id)
        yield article


def build_stories(articles: list[Article], config: Config) -> list[Story]:
    """Copies, stories, facts and reconciliation over extracted articles."""
    from newsfuse.facts import extract_facts  # heavy (spaCy, scikit-learn): ``extract`` alone needs neither
    from newsfuse.stories import cluster_articles

    relations = trace_copies(articles, config.copies)
    stories = cluster_articles(articles, relations, config.stories)
    by_id = {a.id: a for a in articles}
    for story in stories:
        story.provenance = provenance_for(story.articles, relations)
    extract_facts(stories, by_id, config.facts)
    for story in stories:
        reconcile_story(story, by_id, config.reconcile)
    return stories


def run(paths: Iterable[str | Path], out_dir: Path, db: str | Path | None = None,
        config: Config | None = None, progress: Progress | None = None) -> RunResult:
    """The main job: inputs to ``articles.jsonl``, ``stories.json``, ``report.html`` and the store."""
    config = config or Config()
    result = RunResult()
    result.articles = list(extract_inputs(paths, config, result.errors.append, progress))
    if not result.articles:
        return result
    out_dir.mkdir(parents=True, exist_ok=True)
    with Store(db or out_dir / "newsfuse.sqlite") as store:
        store.save_articles(result.articles)
        result.stories = build_stories(result.articles, config)
        store.save_stories(result.stories)
    result.outputs = write_outputs(out_dir, result.articles, result.stories)
    return result
