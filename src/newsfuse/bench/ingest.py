"""Incremental ingest: one new article into a store of N articles, and 1,000 new articles into
that store against the same 1,000 into an empty store (the same-process baseline), with peak memory.

What it measures. A store of ``--size`` articles (10k by default; ``--size 100000`` for the issue's
figure) is filled first, untimed: synthetic, real-ish articles (sentences of ECB+ train and dev
articles, one source article per story with every fourth word the story's own, so that stories of one
source share a topic but no passage, with invented names, numbers and titles), about five
articles a story, dated over ``--months`` months, 2 % of them lightly edited copies of another.
The fill goes through ``ingest_articles`` without facts (facts for every stored story would take
hours and are not what is measured). An ingest keeps every article's spaCy parse in the store
(``article_parses``), and the finders' results with it (``article_finds``), and reads them back when
the article's story is derived again; ``--fill-parses`` says which the fill keeps (by deriving the
facts of their stored stories): ``touched`` (default), the members of every story a measured ingest
writes, found by running each measured ingest once without facts on a copy of the store, so that
for what is measured the store is as an ingest leaves it; ``all``, every stored article (about
0.1 s per article on a loaded machine); ``none``, none (every member parsed again: the store before
parses were kept). Then, each in a fresh child process with the store copied
(SQLite) so that time and peak memory (``ru_maxrss``) are its own:

- ``one``: ``ingest_articles`` of one new article of an existing story, end to end: copy tracing
  through the stored index, the region's stories derived again, facts and reconciliation of the
  stories whose membership changed (the touched story, with all its articles). Median of
  ``--repeats`` articles.
- ``batch``: 1,000 new articles (``--batch``: new stories and new members of stored ones, dated in
  the store's last weeks) into the store of N, and the same into an empty store; the ratio is
  the cost that the store adds.

Loading the models once (spaCy, the IDF table) is done before the clock starts, in each child.
Wall-clock on a shared machine: figures vary between runs; CPU time (the child, its fact workers)
varies less with the load, so the ratio is printed in both.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from newsfuse.bench._processes import result_in_child

DEFAULT_ECBPLUS = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "ecbplus"
ARTICLES_PER_STORY = 5
COPY_SHARE = 0.02
START_DAY = date(2024, 1, 1)
FIRST_NAMES = ["Alma", "Bruno", "Chiara", "Dmitri", "Elena", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kofi", "Lena",
               "Marek", "Nadia", "Omar", "Paula", "Quentin", "Rosa", "Sven", "Tamar", "Ugo", "Vera", "Wen", "Yusuf"]
FILL_PARSES = {"touched": "the stored members of every story a measured ingest writes", "all": "every stored article",
               "none": "every member of a story derived again is parsed again"}
SYLLABLES = ["ka", "lo", "mer", "vin", "dra", "sel", "tor", "ban", "qui", "res", "mon", "zel", "pa", "rik", "os", "tan"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--size", type=int, default=10_000, help="articles in the store (100000 for the issue's figure)")
    parser.add_argument("--batch", type=int, default=1_000, help="new articles in the batch measurement")
    parser.add_argument("--months", type=int, default=12, help="months the stored articles are spread over")
    parser.add_argument("--repeats", type=int, default=3, help="single-article ingests (the median is printed)")
    parser.add_argument("--data", type=Path, default=DEFAULT_ECBPLUS, help="ECB+ folder (train.jsonl, dev.jsonl)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--fill-parses", choices=tuple(FILL_PARSES), default="touched",
                        help="which stored articles' parses the fill keeps (see the module's docstring)")


def source_sentences(data: Path) -> list[list[str]]:
    """The sentences of each ECB+ train and dev article with at least four of six words or more."""
    sources = []
    for split in ("train", "dev"):
        for line in (data / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
            sentences = [s for s in json.loads(line)["text"].split("\n") if len(s.split()) >= 6]
            if len(sentences) >= 4:
                sources.append(sentences)
    return sources


class Synthetic:
    """Real-ish articles: each story takes one ECB+ article's sentences, its own names and numbers."""

    def __init__(self, data: Path, seed: int, days: int):
        self.random = random.Random(seed)
        self.days = days
        self.sources = source_sentences(data)
        self.background = [s for sentences in self.sources for s in sentences]
        self.stories: list[dict] = []
        self.made = 0

    def _name(self) -> str:
        pick = self.random.choice
        return f"{pick(FIRST_NAMES)} {pick(SYLLABLES).title()}{pick(SYLLABLES)}{pick(SYLLABLES)}"

    def _retold(self, sentences: list[str]) -> list[str]:
        """The source's sentences with every fourth word the story's own: stories of one source share
        words (one topic) but no five-word passage (no copies of one another)."""
        own = [f"{self.random.choice(SYLLABLES)}{self.random.choice(SYLLABLES)}{n}" for n in range(8)]
        return [" ".join(own[i % 8] if i % 4 == 3 else word for i, word in enumerate(sentence.split()))
                for sentence in sentences]

    def story(self, day: int) -> dict:
        sentences = self._retold(self.random.choice(self.sources))
        names = [self._name() for _ in range(3)]
        place = f"{self.random.choice(SYLLABLES).title()}{self.random.choice(SYLLABLES)}ville"
        facts = [f"{names[0]} said {self.random.randint(2, 900)} people were affected in {place} on Tuesday.",
                 f"{names[1]}, a spokesman for {names[2]}'s office, confirmed the figure of "
                 f"{self.random.randint(2, 90)} injured."]
        story = {"number": len(self.stories), "day": day, "sentences": sentences, "facts": facts, "place": place,
                 "title": f"{names[0]} and {place}: {' '.join(sentences[0].split()[:8])}", "members": []}
        self.stories.append(story)
        return story

    def article(self, story: dict, day_offset: int | None = None):
        from newsfuse.model import Article

        self.made += 1
        pick = self.random
        if story["members"] and pick.random() < COPY_SHARE * ARTICLES_PER_STORY:
            original = pick.choice(story["members"])
            body = list(original.body)
            body[-1] = body[-1] + " The report was updated."
        else:
            own = pick.sample(story["sentences"], min(len(story["sentences"]), pick.randint(3, 6)))
            body = [story["facts"][0], *own, *pick.sample(self.background, 2), story["facts"][1]]
        day = START_DAY + timedelta(days=min(self.days + 60, story["day"] + (day_offset if day_offset is not None
                                                                            else pick.randint(0, 3))))
        article = Article(id=f"synthetic-{self.made:07d}", source="bench", title=f"{story['title']} ({self.made})",
                          published=day.isoformat(), body=body, outlet=f"Outlet {pick.randint(1, 40)}")
        story["members"].append(article)
        return article

    def stored(self, size: int) -> list:
        articles = []
        while len(articles) < size:
            story = self.story(self.random.randrange(self.days))
            articles.extend(self.article(story) for _ in range(ARTICLES_PER_STORY))
        return sorted(articles[:size], key=lambda a: (a.published, a.id))

    def new_batch(self, size: int) -> list:
        """Half new members of stories of the last weeks, half new stories there."""
        recent = [s for s in self.stories if s["day"] >= self.days - 21]
        articles = []
        while len(articles) < size:
            if recent and self.random.random() < 0.5:
                articles.append(self.article(self.random.choice(recent)))
            else:
                story = self.story(self.days - self.random.randrange(7))
                articles.append(self.article(story))
        return articles


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _warm(config) -> None:
    """Load what the path loads once per process before the clock starts (spaCy, the IDF table,
    the unit registry, the stage modules): two small articles ingested into a store in memory."""
    from newsfuse.model import Article
    from newsfuse.pipeline import ingest_articles
    from newsfuse.store import Store

    body = ["A fire spread over 5 kilometres near Paris on Tuesday, said John Smith.",
            "\"We saw 300 people leave,\" said Anna Berg, a spokeswoman for the city."]
    warm = [Article(id=f"warm{n}", source="warm", title="Fire near Paris", published="2024-01-02", body=body)
            for n in range(2)]
    with Store(":memory:") as store:
        ingest_articles(store, warm, config)


def _config():
    from newsfuse.config import Config

    config = Config()
    config.copies.translation = False  # one language: the encoder is never loaded
    return config


def _ingest_child(store_path: str, articles: list, derive: bool, queue) -> None:
    from newsfuse.bench._processes import StageClock, own_tree_cpu_seconds
    from newsfuse.pipeline import ingest_articles
    from newsfuse.store import Store

    config = _config()
    if derive:
        _warm(config)
    with Store(store_path) as store:
        base, kept = _peak_mb(), store.count("article_parses")
        clock = StageClock()
        started, cpu = time.perf_counter(), own_tree_cpu_seconds()
        result = ingest_articles(store, articles, config, clock, derive=derive)
        clock.finish()
        elapsed, cpu = time.perf_counter() - started, own_tree_cpu_seconds() - cpu
        queue.put({"seconds": elapsed, "cpu": cpu, "stages": clock.seconds, "peak_mb": _peak_mb(), "base_mb": base,
                   "region": result.placement.region,
                   "written": len(result.placement.changed), "articles": store.count("articles"),
                   "parsed": store.count("article_parses") - kept,
                   "members": sum(len(s.articles) for s in result.placement.changed)})


def _in_child(store_path: str, articles: list, derive: bool = True) -> dict:
    return result_in_child(_ingest_child, store_path, articles, derive)


def _touched_members(store: Path, folder: Path, cases: list[list]) -> set[str]:
    """The stored members of every story that ingesting each case (on its own copy of the store,
    without facts) writes: the articles whose parses that ingest reads."""
    from newsfuse.pipeline import ingest_articles
    from newsfuse.store import Store

    members: set[str] = set()
    for case in cases:
        with Store(_copy(store, folder, "touched.sqlite")) as scratch:
            placement = ingest_articles(scratch, case, _config(), derive=False).placement
        new = {a.id for a in case}
        members.update(a for story in placement.changed for a in story.articles if a not in new)
    return members


def _fill_parses_child(store_path: str, folder: str, cases: list[list], which: str, queue) -> None:
    """Keep the parses and finder results of the stored articles ``which`` names, as the ingest
    that derived their stories (with all their members) would have."""
    from newsfuse.facts import extract_facts
    from newsfuse.model import Story
    from newsfuse.store import Store

    started = time.perf_counter()
    wanted = _touched_members(Path(store_path), Path(folder), cases) if which == "touched" else None
    with Store(store_path) as store:
        members = store.members(set(store.stories_of(store.all_ids() if wanted is None else wanted).values()))
        articles = store.load_articles({a for held in members.values() for a in held})
        with store.transaction():
            extract_facts([Story(id=s, articles=held) for s, held in members.items()], articles, _config().facts, store)
        queue.put({"articles": len(articles), "seconds": time.perf_counter() - started,
                   "kept": store.count("article_parses")})


def _stage_times(result: dict) -> str:
    return " ".join(f"{stage} {seconds:.2f}" for stage, seconds in result["stages"].items())


def _copy(store: Path, folder: Path, name: str) -> str:
    target = folder / name
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{store}{suffix}").exists():
            shutil.copy(f"{store}{suffix}", f"{target}{suffix}")
    return str(target)


def main(args: argparse.Namespace) -> int:
    synthetic = Synthetic(args.data, args.seed, args.months * 30)
    stored = synthetic.stored(args.size)
    singles = [synthetic.article(synthetic.stories[-1 - n * 7], day_offset=1) for n in range(args.repeats)]
    batch = synthetic.new_batch(args.batch)
    with tempfile.TemporaryDirectory(prefix="newsfuse-bench-ingest-") as folder:
        folder = Path(folder)
        store = folder / "store.sqlite"
        started = time.perf_counter()
        fill = _in_child(str(store), stored, derive=False)
        print(f"fill (untimed in the figures): {args.size} articles over {args.months} months, no facts: "
              f"{time.perf_counter() - started:.1f} s, peak {fill['peak_mb']:.0f} MB")
        if args.fill_parses != "none":
            kept = result_in_child(_fill_parses_child, str(store), str(folder), [[a] for a in singles] + [batch],
                              args.fill_parses)
            print(f"fill parses (untimed): {kept['articles']} stored articles' parses kept "
                  f"({FILL_PARSES[args.fill_parses]}), {kept['seconds']:.1f} s")
        else:
            print(f"fill parses: none kept ({FILL_PARSES['none']})")
        ones = []
        for number, article in enumerate(singles):
            one = _in_child(_copy(store, folder, f"one{number}.sqlite"), [article])
            ones.append(one)
            print(f"one new article into {args.size}: {one['seconds']:.2f} s, CPU {one['cpu']:.2f} s "
                  f"(region {one['region']} articles, "
                  f"{one['written']} stories written, {one['members']} members, {one['parsed']} parsed; "
                  f"{_stage_times(one)}), peak {one['peak_mb']:.0f} MB")
        into_store = _in_child(_copy(store, folder, "batch.sqlite"), batch)
        into_empty = _in_child(str(folder / "empty.sqlite"), batch)
        for name, result in ((f"the store of {args.size}", into_store), ("an empty store", into_empty)):
            print(f"{args.batch} new articles into {name}: {result['seconds']:.1f} s, CPU {result['cpu']:.1f} s "
                  f"(region {result['region']} articles, {result['written']} stories written, "
                  f"{result['members']} members, {result['parsed']} parsed; {_stage_times(result)}), "
                  f"peak {result['peak_mb']:.0f} MB")
    median = statistics.median(o["seconds"] for o in ones)
    ratio, cpu_ratio = (into_store[key] / into_empty[key] for key in ("seconds", "cpu"))
    print(f"ingest of 1 article into a store of {args.size}: median {median:.2f} s "
          f"(CPU {statistics.median(o['cpu'] for o in ones):.2f} s); "
          f"{args.batch} articles into it / into an empty store: x{ratio:.2f} "
          f"({into_store['seconds']:.1f} s / {into_empty['seconds']:.1f} s), in CPU time x{cpu_ratio:.2f}; "
          f"peak {max(o['peak_mb'] for o in [*ones, into_store, into_empty]):.0f} MB; "
          f"stored parses: {args.fill_parses}; load average {os.getloadavg()[0]:.1f}")
    return 0
