"""End-of-batch revision: fragments join their story, misplaced articles move, copies stay."""
from __future__ import annotations

import math

from newsfuse.config import StoriesConfig
from newsfuse.stories.features import ArticleFeatures
from newsfuse.stories.revise import revise

CONFIG = StoriesConfig(name_weight=0.4, revise_small_size=2, revise_join_threshold=0.2, revise_margin=0.03)


def unit(*terms: str) -> dict[str, float]:
    return {term: 1 / math.sqrt(len(terms)) for term in terms}


def article(article_id: str, words: tuple[str, ...], names: tuple[str, ...]) -> ArticleFeatures:
    return ArticleFeatures(id=article_id, words=unit(*words), names=unit(*names))


FLOOD = ("flood", "river", "levee", "rain", "evacuate")
FIRE = ("fire", "forest", "smoke", "crews", "hectares")
ARTICLES = {
    **{f"flood-{i}": article(f"flood-{i}", FLOOD, ("n:ostrava", f"#:{i}")) for i in range(4)},
    **{f"fire-{i}": article(f"fire-{i}", FIRE, ("n:kelms", f"#:{10 + i}")) for i in range(4)},
    "flood-late": article("flood-late", FLOOD[:4] + ("dam",), ("n:ostrava",)),
    "lone": article("lone", ("election", "ballot", "turnout"), ("n:vardenia",)),
}
FLOODS = [f"flood-{i}" for i in range(4)]
FIRES = [f"fire-{i}" for i in range(4)]


def as_sets(groups: list[list[str]]) -> set[frozenset[str]]:
    return {frozenset(group) for group in groups}


def test_a_fragment_joins_the_story_it_fits_and_an_unrelated_one_stays_alone():
    groups = revise([FLOODS, FIRES, ["flood-late"], ["lone"]], ARTICLES, CONFIG)
    assert as_sets(groups) == {frozenset(FLOODS + ["flood-late"]), frozenset(FIRES), frozenset(["lone"])}


def test_a_misplaced_article_moves_to_the_story_it_fits_best():
    groups = revise([FLOODS[:3], FIRES + [FLOODS[3]]], ARTICLES, CONFIG)
    assert as_sets(groups) == {frozenset(FLOODS), frozenset(FIRES)}


def test_an_article_held_by_a_copy_relation_does_not_move():
    groups = revise([FLOODS[:3], FIRES + [FLOODS[3]]], ARTICLES, CONFIG, fixed={FLOODS[3]})
    assert frozenset(FIRES + [FLOODS[3]]) in as_sets(groups)


def test_revision_off_keeps_the_groups():
    off = StoriesConfig(name_weight=0.4, revise_small_size=0, revise_join_threshold=1.0, revise_margin=1.0)
    groups = revise([FLOODS[:3], FIRES + [FLOODS[3]], ["flood-late"]], ARTICLES, off)
    assert as_sets(groups) == {frozenset(FLOODS[:3]), frozenset(FIRES + [FLOODS[3]]), frozenset(["flood-late"])}


SENATE_VOTE = ("senate", "vote", "passes", "background", "checks", "bill")
HEARING = ("committee", "hearing", "emails", "testify", "subpoena", "panel")
CAPITOL = ("n:washington", "n:congress", "n:obama")


def test_a_story_of_two_events_sharing_only_names_is_split_and_one_event_is_not():
    vote = {f"vote-{i}": ArticleFeatures(id=f"vote-{i}", words=unit(*SENATE_VOTE[i:] + ("capitol",)), names=unit(*CAPITOL))
            for i in range(3)}
    hearing = {f"hear-{i}": ArticleFeatures(id=f"hear-{i}", words=unit(*HEARING[i:] + ("capitol",)), names=unit(*CAPITOL))
               for i in range(3)}
    features = {**vote, **hearing}
    groups = revise([list(features)], features, CONFIG)
    assert as_sets(groups) == {frozenset(vote), frozenset(hearing)}
    assert as_sets(revise([list(vote)], vote, CONFIG)) == {frozenset(vote)}
    never = StoriesConfig(**{**CONFIG.__dict__, "split_ratio": 100.0})
    assert as_sets(revise([list(features)], features, never)) == {frozenset(features)}
