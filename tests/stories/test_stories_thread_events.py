"""Two events of one topic inside one thread become two stories; one event stays one."""
from __future__ import annotations

import random
from dataclasses import replace

from newsfuse.config import StoriesConfig
from newsfuse.model import Article
from newsfuse.stories import EventClusterer, cluster_articles
from newsfuse.stories.calibration import resolve
from newsfuse.stories.features import ArticleFeatures

TOPIC = [
    "The navy warship intercepted a group of pirate skiffs in the gulf and detained the pirates.",
    "Naval commandos boarded the pirate boats after a warning shot and seized rifles and grenades.",
    "The pirates had tried to hijack a merchant vessel sailing through the busy shipping lane.",
    "Piracy in the gulf has surged this year, and several navies now escort merchant ships.",
    "The detained pirates will be handed over to the coast guard for prosecution, officials said.",
]
EVENTS = {
    "a": ["The frigate Varuna Keel captured {n} pirates near Port Halden on Thursday.",
          "Captain Orlan Bestrow of the Varuna Keel said the {n} pirates surrendered without a fight.",
          "The tanker Silver Amaranth had sent a distress call before the Varuna Keel arrived."],
    "b": ["The destroyer Telmar Ridge seized {n} pirates off Cape Wenlow on Sunday.",
          "Commander Ruth Adeyemi of the Telmar Ridge said the {n} pirates fired on her crew first.",
          "The bulk carrier Norden Lark had radioed for help before the Telmar Ridge closed in."],
}
COUNTS = {"a": 23, "b": 26}
REPORTS = resolve(StoriesConfig()).event_min_size + 1  # each event large enough to be a story


def _report(event: str, index: int, rng: random.Random) -> Article:
    details = [line.format(n=COUNTS[event]) for line in EVENTS[event]]
    body = rng.sample(TOPIC, 4) + rng.sample(details, 2)
    rng.shuffle(body)
    title = f"Navy captures {COUNTS[event]} pirates in the gulf"
    return Article(id=f"{event}-{index}", source=f"{event}-{index}.txt", title=title, body=body)


def _articles(events: str) -> list[Article]:
    rng = random.Random(5)
    return [_report(event, index, rng) for index in range(REPORTS) for event in events]


def test_two_events_of_one_topic_are_two_stories_without_dates() -> None:
    groups = {frozenset(s.articles) for s in cluster_articles(_articles("ab"), [])}
    assert groups == {frozenset(f"a-{i}" for i in range(REPORTS)), frozenset(f"b-{i}" for i in range(REPORTS))}


def test_threads_only_merge_the_two_events() -> None:
    config = replace(StoriesConfig(), event_min_size=10**9)
    assert len(cluster_articles(_articles("ab"), [], config)) == 1


def test_one_event_is_not_split() -> None:
    assert len(cluster_articles(_articles("a"), [])) == 1


def _features(article_id: str, terms: list[str]) -> ArticleFeatures:
    weight = 1 / len(terms) ** 0.5
    return ArticleFeatures(id=article_id, words={t: weight for t in terms}, names={})


def test_event_state_is_freed_when_a_thread_closes() -> None:
    clusterer = EventClusterer(replace(resolve(StoriesConfig()), max_idle_articles=2), keep_closed=False)
    clusterer.add(_features("a", ["flood", "river", "dam"]))
    for index in range(3):
        clusterer.add(_features(f"x{index}", [f"topic{index}", f"word{index}"]))
    assert "a" not in clusterer.features and "a" not in clusterer.event_of
    assert len(clusterer.features) == len(clusterer.event_of) == 2
