"""A bug met while deriving one story (facts, reconciliation) costs that story its facts, in one
line naming it, not the batch: before, the story stayed pending and every later ingest into the
store stopped on it again. Without an error callback (evaluations, ``bench fuzz``) it is raised."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse import facts, pipeline
from newsfuse.config import Config
from newsfuse.model import Story
from newsfuse.pipeline import extract_inputs, ingest, ingest_articles
from newsfuse.store import PENDING_PLACE, Store

PAGES = {
    "fire-1": ("Fire closes harbour", "A fire broke out in the harbour of Porto Vell on Tuesday, Anna Berg said. "
               "About 300 people left the quay as firefighters arrived."),
    "fire-2": ("Harbour fire put out", "Firefighters put out a fire in the harbour of Porto Vell on Tuesday, "
               "Anna Berg said, after about 300 people left the quay."),
    "vote-1": ("Council passes budget", "The council of Lindholm passed its budget on Monday by 21 votes to 8, "
               "mayor Jonas Krell said after a long debate on schools."),
}
BROKEN = "vote-1"


def _pages(folder: Path, names: list[str]) -> Path:
    folder.mkdir()
    for name in names:
        title, body = PAGES[name]
        (folder / f"{name}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return folder


def _failing_for(broken: str, real):
    def failing(story: Story, *args, **kwargs):
        if broken in story.articles:
            raise ValueError("a finder's bug")
        return real(story, *args, **kwargs)
    return failing


def _stories(store: Store) -> dict[str, Story]:
    return {a: story for story in store.stories() for a in story.articles}


@pytest.mark.parametrize("stage", ["facts", "reconciliation"])
def test_a_story_that_meets_a_bug_is_kept_without_it_and_reported(tmp_path, monkeypatch, stage):
    if stage == "facts":
        monkeypatch.setattr(facts, "story_facts", _failing_for(BROKEN, facts.story_facts))
    else:
        monkeypatch.setattr(pipeline, "reconcile_story", _failing_for(BROKEN, pipeline.reconcile_story))
    errors = []
    with Store(str(tmp_path / "store.sqlite")) as store:
        result, _ = ingest([_pages(tmp_path / "a", list(PAGES))], store, Config(), on_error=errors.append)
        assert result.new == 3 and store.pending(PENDING_PLACE) == []
        stories = _stories(store)
        assert stories[BROKEN].facts == [] and (stage == "facts" or stories[BROKEN].brief == [])
        assert stories["fire-1"] is stories["fire-2"] and stories["fire-1"].facts  # the other story is whole
    assert len(errors) == 1
    line = str(errors[0])
    assert "\n" not in line and f"story {stories[BROKEN].id} (1 article: {BROKEN})" in line
    assert f"{stage} failed, a bug to report: ValueError: a finder's bug" in line


def test_the_next_ingest_is_not_stopped_by_a_story_that_met_a_bug(tmp_path, monkeypatch):
    url = str(tmp_path / "store.sqlite")
    with monkeypatch.context() as patch:
        patch.setattr(facts, "story_facts", _failing_for(BROKEN, facts.story_facts))
        with Store(url) as store:
            ingest([_pages(tmp_path / "a", [BROKEN])], store, Config(), on_error=lambda error: None)
    errors = []
    with Store(url) as store:
        result, _ = ingest([_pages(tmp_path / "b", ["fire-1", "fire-2"])], store, Config(), on_error=errors.append)
        assert errors == [] and result.new == 2 and store.pending(PENDING_PLACE) == []
        assert len(store.stories()) == 2


def test_without_an_error_callback_the_bug_is_raised(tmp_path, monkeypatch):
    monkeypatch.setattr(facts, "story_facts", _failing_for(BROKEN, facts.story_facts))
    articles = list(extract_inputs([_pages(tmp_path / "a", [BROKEN])], Config(), print))
    with Store(str(tmp_path / "store.sqlite")) as store:
        with pytest.raises(ValueError, match="a finder's bug"):
            ingest_articles(store, articles, Config())
        assert store.pending(PENDING_PLACE) == [BROKEN]  # rolled back: nothing half-written


def test_a_worker_notes_its_story_error_only_when_asked(tmp_path, monkeypatch):
    monkeypatch.setattr(facts, "story_facts", _failing_for(BROKEN, facts.story_facts))
    article = list(extract_inputs([_pages(tmp_path / "a", [BROKEN])], Config(), print))[0]
    story = Story(id="story-x", articles=[BROKEN])
    done, _, failed = facts._facts_of_one_story((story, [article], Config().facts, None, True))
    assert failed == {"story-x": "ValueError: a finder's bug"} and done.fact_mentions == []
    with pytest.raises(ValueError):
        facts._facts_of_one_story((story, [article], Config().facts, None, False))
