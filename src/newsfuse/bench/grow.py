"""Memory as the store grows: one batch ingested and the report written at store sizes up to 1M articles.

What it measures. One SQLite store grows through ``--sizes`` articles (10k, 100k, 300k, 1M by default).
It is filled as an ingest without facts leaves a store, not through every stage (facts for a million
stored articles would take days and are not what is measured): synthetic, real-ish articles (``bench
ingest``'s generator: ECB+ sentences retold per story, five articles a story, some lightly edited
copies of an earlier one) at ``--per-day`` articles a day, so that a bigger store spans more days, as
a newsroom's store grows. Each chunk goes through ingest's own first step (``store.copyindex.trace_new``:
copies and versions traced through the stored index and verified, band keys, sampled shingles and
strongest terms indexed, relations kept); the stories are the generator's (not clustered again: the
clusterer's cost is not what is measured), with their provenance, and facts, quotes, a brief and a
conflict now and then of a real story's size. The fill rate is printed; a size whose fill would not end
within ``--fill-minutes`` is not filled (the figures stop at the last size filled, and say so).

At each size, each in a fresh process (spawned, so its peak resident size is its own):

- ingest: ``--batch`` new articles (40 % join stored stories of the store's last three weeks, 10 %
  copies of stored articles, the rest new stories; 5 % undated), facts on (``--no-facts``: off), end to end (``ingest_articles``),
  inside one transaction rolled back afterwards so that the store grows on unchanged; and the same
  batch into an empty store: the same-process baseline, a ratio of time and of peak memory.
- report: ``pipeline.report`` of the whole store (the three files), its time and peak memory.

Peak memory is the process's own ``VmHWM`` (not ``ru_maxrss``, which a spawned process inherits from
its parent): for the ingest, started again once the models are loaded (spaCy, the IDF table: their
load's own peak is printed apart), so it is the ingest's peak with the models resident; the facts
workers' largest peak is polled apart. Bounded means the ingest's peak at the largest size is within
20 % of the smallest size's. Wall-clock on a shared machine: the load average is printed.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import random
import tempfile
import time
from datetime import date as Date, timedelta
from pathlib import Path

from newsfuse.bench._processes import Sampler, descendants, result_in_child, status_mb, tree_peak_mb
from newsfuse.bench.ingest import DEFAULT_ECBPLUS, START_DAY, Synthetic

DEFAULT_SIZES = "10000,100000,300000,1000000"
FILL_CHUNK = 2_000  # articles per fill transaction
RECENT_DAYS = 21  # the stored stories a batch article may join: those of the store's last three weeks
JOIN_SHARE, COPY_SHARE = 0.4, 0.1  # of the batch; the rest are new stories
UNDATED_SHARE = 0.05  # batch articles with no date (their stored neighbours are sought at any date)
BOUNDED_GROWTH = 1.2  # the ingest's peak at the largest size against the smallest
COPY_MARK = " The report was updated."  # how ``bench ingest``'s generator edits a copy
WORKER_POLL_SECONDS = 0.2
FILL_CACHE_KB = 262_144  # SQLite page cache of the filling connection (the index B-trees grow past the default)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help="store sizes in articles, comma-separated, ascending")
    parser.add_argument("--batch", type=int, default=200, help="new articles ingested at each size")
    parser.add_argument("--per-day", type=int, default=500, help="stored articles a day (the store's span grows with it)")
    parser.add_argument("--fill-minutes", type=float, default=40.0,
                        help="time the fill may take in all; a size whose fill would end later is not filled")
    parser.add_argument("--store-dir", type=Path, help="keep the growing store here (grow.sqlite) and reuse it in "
                        "the next run: sizes below what it holds are skipped (default: a temporary folder)")
    parser.add_argument("--no-report", action="store_true", help="measure the ingest only")
    parser.add_argument("--no-facts", action="store_true", help="ingest without facts and reconciliation (the steps "
                        "whose memory depends on the store: copies traced through its index, the region clustered)")
    parser.add_argument("--data", type=Path, default=DEFAULT_ECBPLUS, help="ECB+ folder (train.jsonl, dev.jsonl)")
    parser.add_argument("--seed", type=int, default=7)


# the fill ------------------------------------------------------------------------------------------------
class Filler:
    """Writes the synthetic stream into the store in arrival order, as an ingest without facts leaves it."""

    def __init__(self, data: Path, seed: int, per_day: int):
        from newsfuse.config import Config

        self.synthetic = Synthetic(data, seed, days=10 ** 7)
        self.per_day = per_day
        self.config = Config()
        self.made = 0  # articles generated so far (written or skipped)

    def _generate(self, count: int) -> tuple[list, list[list[str]]]:
        """The next ``count`` articles of the stream, whole stories (the last one cut where ``count``
        is no multiple of five), and the groups (stories) they make."""
        articles, groups = [], []
        while len(articles) < count:
            story = self.synthetic.story(self.made // self.per_day)
            members = [self.synthetic.article(story) for _ in range(5)][:count - len(articles)]
            self.made += len(members)
            articles += members
            groups.append([a.id for a in members])
        self._forget_before(self.made // self.per_day - RECENT_DAYS - 5)
        return articles, groups

    def _forget_before(self, day: int) -> None:
        self.synthetic.stories = [s for s in self.synthetic.stories if s["day"] >= day]

    def skip(self, count: int) -> None:
        """Generate ``count`` articles without writing them (a kept store already holds them)."""
        while count > 0:
            articles, _ = self._generate(min(FILL_CHUNK, count))
            count -= len(articles)

    def write(self, store, count: int) -> None:
        """Write the next ``count`` articles as ingest's first step does (``trace_new``: copies traced through
        the stored index, index rows and terms added), then their stories with provenance and derived parts."""
        from newsfuse.copies import set_provenance
        from newsfuse.store import PLACED
        from newsfuse.store.copyindex import trace_new

        while count > 0:
            articles, groups = self._generate(min(FILL_CHUNK, count))
            count -= len(articles)
            by_id = {a.id: a for a in articles}
            with store.transaction():
                seqs = store.put_articles(articles, PLACED)
                relations = trace_new(store, articles, seqs, self.config.copies, self.config.stories)
                stories = self._stories(groups, by_id)
                set_provenance(stories, relations)
                store.replace_stories([], stories, {a.id: a.reference_date for a in articles})

    def _stories(self, groups: list[list[str]], by_id: dict) -> list:
        from newsfuse.store.codec import story_from_dict
        from newsfuse.stories import stories_of_groups

        stories = []
        for story in stories_of_groups(groups, by_id):
            data = story.to_dict()
            data.update(_derived(story.articles, by_id))
            stories.append(story_from_dict(data))
        return stories


def _derived(members: list[str], by_id: dict) -> dict:
    """What facts and reconciliation leave on a story: places, a date, a person, a quote, a brief,
    a conflict now and then (the sizes of a real story's, not its meaning)."""
    pick = random.Random(members[0])
    first, last = by_id[members[0]], by_id[members[-1]]
    day = first.published
    place = first.body[0].rsplit(" in ", 1)[-1].split(" on ")[0]
    person = " ".join(first.body[0].split()[:2])
    return {
        "event_date": day,
        "facts": [{"id": "P1", "kind": "place", "value": {"name": place, "country": "XX", "lat": round(pick.uniform(-40, 60), 3),
                                                         "lon": round(pick.uniform(-120, 140), 3),
                                                         "gazetteer_id": f"bench:{pick.randrange(5000)}"},
                   "mentions": [{"article": m, "text": place, "sentence": by_id[m].body[0]} for m in members],
                   "independent_support": len(members)},
                  {"id": "D1", "kind": "date", "value": {"start": day, "end": day, "granularity": "day"},
                   "mentions": [{"article": first.id, "text": "Tuesday", "sentence": first.body[0]}],
                   "independent_support": 1},
                  {"id": "N1", "kind": "person", "value": {"name": person},
                   "mentions": [{"article": m, "text": person, "sentence": by_id[m].body[0]} for m in members],
                   "independent_support": len(members)}],
        "quotes": [{"id": "Q1", "speaker": person, "text": last.body[1], "independent_support": 1, "variants": [],
                    "mentions": [{"article": last.id, "text": last.body[1], "sentence": last.body[1]}]}],
        "conflicts": [] if pick.random() > 1 / 7 else [
            {"id": "C1", "type": "number", "about": "people affected", "explanation": "the counts differ",
             "sides": [{"value": "12", "articles": members[:1], "independent_support": 1},
                       {"value": "15", "articles": members[-1:], "independent_support": 1}]}],
        "brief": [{"text": first.body[0], "citations": members[:2], "status": "corroborated",
                   "independent_support": min(2, len(members)), "section": "brief"}],
    }


# the batch -----------------------------------------------------------------------------------------------
def new_batch(store, data: Path, seed: int, size: int) -> list:
    """``size`` new articles dated after the store's last day: new members of stored stories of its
    last weeks, copies of their articles, new stories. The same draws at every store size."""
    from newsfuse.model import Article
    from newsfuse.store.pages import stories_between

    pick = random.Random(seed)
    fresh = Synthetic(data, seed, days=10 ** 7)
    latest = store.latest_date()
    last = Date.fromisoformat(latest) if latest else START_DAY
    recent = stories_between(store, (last - timedelta(days=RECENT_DAYS)).isoformat(), last.isoformat(), limit=500)
    members = store.members(recent)
    stored = store.load_articles(a for ids in members.values() for a in ids)
    articles = []
    for number in range(size):
        day = (last + timedelta(days=pick.randint(0, 2))).isoformat()
        draw = pick.random()
        if recent and draw < JOIN_SHARE + COPY_SHARE:
            story = [stored[a] for a in members[pick.choice(sorted(members))]]
            if draw < JOIN_SHARE:
                sentences = [s for a in story for s in a.body[1:-1]]
                body = [story[0].body[0], *pick.sample(sentences, min(len(sentences), pick.randint(3, 6))), story[-1].body[-1]]
            else:
                body = [*story[0].body[:-1], story[0].body[-1] + COPY_MARK]
            title = story[0].title.rsplit(" (", 1)[0]
        else:
            new = fresh.article(fresh.story(0))
            body, title = new.body, new.title.rsplit(" (", 1)[0]
        undated = pick.random() < UNDATED_SHARE
        articles.append(Article(id=f"grow-batch-{number:05d}", source="bench", title=f"{title} (batch {number})",
                                published=None if undated else day, body=body, outlet=f"Outlet {pick.randint(1, 40)}"))
    return articles


# the measurements, each in a fresh process ----------------------------------------------------------------
class _RolledBack(Exception):
    """Raised to undo the measured ingest, so that the store grows on unchanged."""


def _reset_peak() -> None:
    """Start this process's peak (``VmHWM``) again from its present size (Linux ``clear_refs``)."""
    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")


class _WorkerPeaks(Sampler):
    """The largest peak among this process's children (the facts workers), polled while they live."""

    def __init__(self) -> None:
        super().__init__(WORKER_POLL_SECONDS)
        self.peak_mb = 0.0

    def sample(self) -> None:
        for pid in descendants(os.getpid()):
            self.peak_mb = max(self.peak_mb, tree_peak_mb(pid))


def _warm_without_facts(config) -> None:
    """What an ingest without facts loads once (the IDF table, the clusterer), before the clock starts."""
    from newsfuse.pipeline import ingest_articles
    from newsfuse.store import Store

    with Store(":memory:") as store:
        ingest_articles(store, new_batch(store, DEFAULT_ECBPLUS, 0, 2), config, derive=False)


def _ingest_child(db: str, articles: list, roll_back: bool, facts: bool, queue) -> None:
    from newsfuse.bench.ingest import _warm
    from newsfuse.config import Config
    from newsfuse.pipeline import ingest_articles
    from newsfuse.store import Store

    config = Config()
    _warm(config) if facts else _warm_without_facts(config)
    with Store(db) as store:
        warm_mb = status_mb("VmHWM")
        _reset_peak()
        before_mb = status_mb("VmRSS")
        started = time.perf_counter()
        try:
            with _WorkerPeaks() as workers, store.transaction():
                result = ingest_articles(store, articles, config, derive=facts)
                if roll_back:
                    raise _RolledBack
        except _RolledBack:
            pass
        seconds = time.perf_counter() - started
    queue.put({"seconds": seconds, "peak_mb": status_mb("VmHWM"), "before_mb": before_mb, "warm_mb": warm_mb,
               "workers_mb": workers.peak_mb, "region": result.placement.region,
               "written": len(result.placement.changed)})


def _report_child(db: str, out: str, queue) -> None:
    from newsfuse.pipeline import report
    from newsfuse.store import Store

    with Store(db) as store:
        before_mb = status_mb("VmRSS")
        started = time.perf_counter()
        paths, _ = report(store, Path(out))
        seconds = time.perf_counter() - started
    queue.put({"seconds": seconds, "peak_mb": status_mb("VmHWM"), "before_mb": before_mb,
               "output_mb": sum(p.stat().st_size for p in paths) / 1e6})


# the run ---------------------------------------------------------------------------------------------------
def _sizes(text: str) -> list[int]:
    sizes = [int(part) for part in text.split(",") if part.strip()]
    if not sizes or sizes != sorted(sizes) or sizes[0] <= 0:
        raise SystemExit(f"newsfuse: --sizes {text}: give ascending positive sizes")
    return sizes


def main(args: argparse.Namespace) -> int:
    sizes = _sizes(args.sizes)
    with tempfile.TemporaryDirectory(prefix="newsfuse-bench-grow-") as scratch:
        folder = args.store_dir or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        return _grow(args, sizes, str(folder / "grow.sqlite"), Path(scratch))


def _grow(args: argparse.Namespace, sizes: list[int], db: str, scratch: Path) -> int:
    from newsfuse.store import Store

    filler = Filler(args.data, args.seed, args.per_day)
    rows, fill_seconds, rate = [], 0.0, None
    with Store(db) as store:
        if store.backend == "sqlite":
            store.connection.execute(f"PRAGMA cache_size = -{FILL_CACHE_KB}")
        held = store.count("articles")
        filler.skip(held)
        for size in sizes:
            if size < held:
                print(f"{size:,}: skipped, the kept store holds {held:,} articles")
                continue
            needed = size - held
            if needed and rate and fill_seconds + needed / rate > args.fill_minutes * 60:
                print(f"{size:,}: not filled: {needed:,} more articles at {rate:.0f} articles/s would take "
                      f"{needed / rate / 60:.0f} min, past --fill-minutes {args.fill_minutes:g} "
                      f"({fill_seconds / 60:.1f} min used); the figures stop at {held:,}")
                break
            started = time.perf_counter()
            filler.write(store, needed)
            seconds = time.perf_counter() - started
            fill_seconds += seconds
            held = size
            if needed:
                rate = needed / seconds
                print(f"fill to {size:,}: {needed:,} articles in {seconds:.0f} s ({rate:.0f} articles/s, "
                      f"load average {os.getloadavg()[0]:.1f}); the store holds {store.count('stories'):,} stories")
            batch = new_batch(store, args.data, args.seed + 1, args.batch)
            rows.append(_measure(args, size, db, batch, scratch))
    _summary(rows)
    return 0


def _measure(args: argparse.Namespace, size: int, db: str, batch: list, scratch: Path) -> dict:
    into_store = result_in_child(_ingest_child, db, batch, True, not args.no_facts, start="spawn")
    empty = scratch / f"empty-{size}.sqlite"
    into_empty = result_in_child(_ingest_child, str(empty), batch, False, not args.no_facts, start="spawn")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{empty}{suffix}").unlink(missing_ok=True)
    row = {"size": size, "store": into_store, "empty": into_empty}
    print(f"{size:,}: ingest of {len(batch)} into the store {into_store['seconds']:.1f} s, peak {into_store['peak_mb']:.0f} MB "
          f"(from {into_store['before_mb']:.0f} with the models loaded; their load's peak {into_store['warm_mb']:.0f}; "
          f"facts workers {into_store['workers_mb']:.0f} each at most; region {into_store['region']}, "
          f"{into_store['written']} stories written); into an empty store {into_empty['seconds']:.1f} s, peak "
          f"{into_empty['peak_mb']:.0f} MB (workers {into_empty['workers_mb']:.0f}): time x{into_store['seconds'] / into_empty['seconds']:.2f}, "
          f"peak x{into_store['peak_mb'] / into_empty['peak_mb']:.2f}; load average {os.getloadavg()[0]:.1f}", flush=True)
    if not args.no_report:
        out = scratch / f"report-{size}"
        row["report"] = done = result_in_child(_report_child, db, str(out), start="spawn")
        for path in out.iterdir():
            path.unlink()
        out.rmdir()
        print(f"{size:,}: report {done['seconds']:.1f} s, peak {done['peak_mb']:.0f} MB (at start {done['before_mb']:.0f}), "
              f"{done['output_mb']:.0f} MB written; load average {os.getloadavg()[0]:.1f}", flush=True)
    return row


def _summary(rows: list[dict]) -> None:
    if not rows:
        return
    print(json.dumps(rows))
    first, last = rows[0], rows[-1]
    growth = last["store"]["peak_mb"] / first["store"]["peak_mb"]
    verdict = "bounded" if growth <= BOUNDED_GROWTH else "NOT bounded"
    line = (f"ingest peak {first['store']['peak_mb']:.0f} MB at {first['size']:,} -> {last['store']['peak_mb']:.0f} MB at "
            f"{last['size']:,}: x{growth:.2f} ({verdict}: within x{BOUNDED_GROWTH}); same batch into an empty store "
            f"{last['empty']['peak_mb']:.0f} MB")
    if "report" in first:
        line += (f"; report peak {first['report']['peak_mb']:.0f} MB -> {last['report']['peak_mb']:.0f} MB "
                 f"(x{last['report']['peak_mb'] / first['report']['peak_mb']:.2f})")
    print(line)
