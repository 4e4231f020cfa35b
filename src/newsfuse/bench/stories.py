"""Story assignment: articles per second and memory with 100k live stories (synthetic).

Phase 1 fills the live set with ``--live`` stories, then times ``--articles`` arrivals
(half join a random live story, half start one) against it; as a baseline in the same
run, the same arrivals against a small live set (``--baseline-live``). Phase 2 streams
``--stream`` articles whose dates advance by one day every ``--per-day`` arrivals and
prints live stories and resident memory as it goes: stories age out, so memory stays
flat. The end-of-batch revision is timed over the ``--live`` set too. Also times feature extraction on real ECB+ text. Throughput prints last.
"""
from __future__ import annotations

import argparse
import random
import resource
import time
from datetime import date, timedelta
from pathlib import Path

DEFAULT_ECBPLUS = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "ecbplus"
VOCABULARY, NAMES = 200_000, 100_000
STORY_WORDS, STORY_NAMES = 12, 5
ARTICLE_WORDS, ARTICLE_BACKGROUND, ARTICLE_NAMES = 8, 12, 4
START_DAY = date(2024, 1, 1)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--live", type=int, default=100_000, help="live stories before timing (0: skip)")
    parser.add_argument("--baseline-live", type=int, default=1_000, help="live stories for the baseline")
    parser.add_argument("--articles", type=int, default=10_000, help="timed arrivals")
    parser.add_argument("--stream", type=int, default=240_000, help="arrivals in the ageing stream (0: skip)")
    parser.add_argument("--per-day", type=int, default=4_000, help="arrivals per day in the ageing stream")
    parser.add_argument("--data", type=Path, default=DEFAULT_ECBPLUS, help="ECB+ folder for the feature timing")
    parser.add_argument("--seed", type=int, default=7)


class SyntheticStream:
    """Articles as features: each story has its own core words and names."""

    def __init__(self, seed: int):
        self.random = random.Random(seed)
        self.stories: dict[int, tuple[list[str], list[str]]] = {}
        self.count = 0
        self.made = 0

    def new_story(self) -> int:
        pick = self.random.randrange
        words = [f"w{pick(VOCABULARY)}" for _ in range(STORY_WORDS)]
        names = [f"n:e{pick(NAMES)}" for _ in range(STORY_NAMES)]
        self.made += 1
        self.stories[self.made] = (words, names)
        return self.made

    def forget(self, stories: list[int]) -> None:
        """Drop stories that will get no more articles, so the generator's memory stays flat."""
        for story in stories:
            self.stories.pop(story, None)

    def article(self, story: int, day: str | None):
        from newsfuse.stories.features import ArticleFeatures

        words, names = self.stories[story]
        chosen = self.random.sample(words, ARTICLE_WORDS)
        chosen += [f"w{self.random.randrange(VOCABULARY)}" for _ in range(ARTICLE_BACKGROUND)]
        self.count += 1
        return ArticleFeatures(id=f"a{self.count}", words=_unit(chosen, self.random),
                               names=_unit(self.random.sample(names, ARTICLE_NAMES), self.random), date=day)


def _unit(terms: list[str], rng: random.Random) -> dict[str, float]:
    weights = {t: rng.uniform(1.0, 3.0) for t in terms}
    norm = sum(w * w for w in weights.values()) ** 0.5
    return {t: w / norm for t, w in weights.items()}


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_assignment(config, live: int, articles: int, seed: int,
                     time_revision: bool = False) -> tuple[float, float, int, int]:
    """Arrivals per wall second and per CPU second against ``live`` pre-filled stories;
    joins asked for, and joins that found their story. Then, if asked, the revision is timed."""
    from newsfuse.stories.events import EventClusterer

    stream = SyntheticStream(seed)
    clusterer = EventClusterer(config, keep_closed=False)
    day = START_DAY.isoformat()
    first_article = {}
    for _ in range(live):
        story = stream.new_story()
        features = stream.article(story, day)
        clusterer.add(features)
        first_article[story] = features.id
    batch = []
    for _ in range(articles):
        joins = stream.random.random() < 0.5
        story = 1 + stream.random.randrange(live) if joins else stream.new_story()
        batch.append((story, joins, stream.article(story, day)))
    started, started_cpu = time.perf_counter(), time.process_time()
    placed = [clusterer.add(features) for _, _, features in batch]
    elapsed, elapsed_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    correct = sum(1 for (story, joins, _), number in zip(batch, placed)
                  if joins and clusterer.story_of_article(first_article[story]) == number)
    if time_revision:
        timed_revision(clusterer, config)
    return articles / elapsed, articles / elapsed_cpu, sum(1 for _, joins, _ in batch if joins), correct


def timed_revision(clusterer, config) -> None:
    """Print how fast the end-of-batch revision goes over every live story and article."""
    from newsfuse.stories.revise import revise

    groups = [list(story.members) for story in clusterer.live.values()]
    started = time.process_time()
    revised = revise(groups, clusterer.features, config)
    elapsed = time.process_time() - started
    print(f"revision at batch end: {len(clusterer.features)} articles in {len(groups)} stories -> "
          f"{len(revised)} stories, {len(clusterer.features) / elapsed:.0f} articles per CPU second")


def ageing_stream(config, total: int, per_day: int, seed: int) -> None:
    """Print live stories and resident memory along a long dated stream."""
    from newsfuse.stories.events import EventClusterer

    stream = SyntheticStream(seed)
    clusterer = EventClusterer(config, keep_closed=False)
    recent: list[int] = []
    started = time.perf_counter()
    for index in range(total):
        day = (START_DAY + timedelta(days=index // per_day)).isoformat()
        if recent and stream.random.random() < 0.5:
            story = recent[-1 - stream.random.randrange(min(len(recent), per_day))]
        else:
            story = stream.new_story()
            recent.append(story)
        clusterer.add(stream.article(story, day))
        if (index + 1) % (total // 6) == 0:
            print(f"stream: {index + 1} articles, day {day}, live stories {len(clusterer.live)}, "
                  f"index terms {clusterer.index_size}, RSS {_rss_mb():.0f} MB", flush=True)
        if len(recent) > 4 * per_day:
            stream.forget(recent[: len(recent) - per_day])
            del recent[: len(recent) - per_day]
    print(f"stream: {total / (time.perf_counter() - started):.0f} articles/s including synthetic generation")


def feature_rate(data_dir: Path) -> float:
    from newsfuse.eval._ecbplus import load_split
    from newsfuse.stories.features import article_features
    from newsfuse.stories.idf import shipped_idf

    articles = [d.article for d in load_split(data_dir, "train")]
    idf = shipped_idf()
    started = time.process_time()
    for article in articles:
        article_features(article, idf, article.reference_date)
    return len(articles) / (time.process_time() - started)


def main(args: argparse.Namespace) -> int:
    from newsfuse.config import StoriesConfig
    from newsfuse.stories.calibration import resolve

    config = resolve(StoriesConfig())
    if args.data.exists():
        print(f"features: {feature_rate(args.data):.0f} ECB+ train articles per CPU second (tokenise, names, TF-IDF)")
    if args.stream:
        ageing_stream(config, args.stream, args.per_day, args.seed)
    if not args.live:
        return 0
    wall, cpu, _, _ = timed_assignment(config, args.baseline_live, args.articles, args.seed)
    print(f"baseline: {args.baseline_live} live stories: {wall:.0f} articles/s assigned ({cpu:.0f} per CPU second)")
    wall, cpu, joins, correct = timed_assignment(config, args.live, args.articles, args.seed, time_revision=True)
    print(f"peak memory (ru_maxrss): {_peak_mb():.0f} MB")
    print(f"joins to the right story: {correct} of {joins}")
    print(f"{args.live} live stories: {wall:.0f} articles/s assigned ({cpu:.0f} per CPU second)")
    return 0
