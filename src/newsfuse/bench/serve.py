"""The web application under load: p50/p95 of the index, a search and a story page with concurrent clients
against ``newsfuse serve`` on 127.0.0.1, beside the same reads in this process without HTTP (the baseline);
then how long an ingested article takes to be visible.

What it measures. A store of ``--stories`` stories of ``--per-story`` articles (20,000 x 5 = 100k articles
by default) is filled first, untimed, through the store's own ``save_batch``: real-ish text (sentences of
ECB+ articles, each story retelling one source article with its own invented names and numbers, so words
have news frequencies), 300 outlets (a few common, most rare), four languages, three places a story,
dated over two years. The store is kept (an SQLite file given with ``--sqlite``, a schema of the database
given with ``--postgres``) and reused by the next run when its counts match.

- Baseline: the readers' calls each page makes (``StoreReader.index``, ``story`` and its ``articles``),
  one at a time in this process: the raw query time with no HTTP and no rendering.
- Load: ``newsfuse serve`` in a child process (``--workers`` processes), ``--clients`` client processes
  (one keep-alive connection each) sending ``--requests`` requests of each kind: the floor (``/openapi.json``, a
  constant document: what HTTP, the client and the machine's load cost alone), the index (newest, most
  covered and most disputed, page 1-3), a facet (an outlet), a search of one word and of two words taken from a random
  story's headline (words that exist, as people search for), a story page (HTML) and its JSON.
- Ingest: one new article POSTed to ``/ingest`` with the token (the pipeline's ingest runs inside the
  server), dated on the newest day of the two years (news as it arrives: the server stored its window's
  lead vectors at start), then another dated on a day drawn from the two years: the POST's time, then the
  time until the article's page and its story's page show it. And a write by another process (a new article and story saved into the store,
  as ``newsfuse ingest`` commits them): the time from its commit until the index and the story page
  show it, the app's own part of "visible within 2 s".

The server's peak memory (``VmHWM`` of its processes) and this process's are printed. Wall-clock on a
shared machine: the load average is printed beside the figures.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import re
import resource
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote, urlencode

from newsfuse.bench.ingest import source_sentences
from newsfuse.bench._processes import tree_cpu_seconds, tree_peak_mb
from newsfuse.serve import TOKEN_VARIABLE

DEFAULT_ECBPLUS = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "ecbplus"
START_DAY = date(2024, 1, 1)
DAYS = 730
OUTLETS = 300
LANGUAGES = ["en"] * 7 + ["fr", "de", "es"]
SYLLABLES = ["ka", "lo", "mer", "vin", "dra", "sel", "tor", "ban", "qui", "res", "mon", "zel", "pa", "rik", "os", "tan"]
FILL_CHUNK = 1000  # stories per save_batch
WORD = re.compile(r"[A-Za-z]{5,}")
KINDS = ("floor", "index", "facet", "search", "search 2 words", "story", "story.json")
TARGET_MS = 200
PG_SCHEMA = "newsfuse_bench_serve"
UPLOAD_PREFIX = "bench-upload-"
REUSE_DRIFT = 100  # articles earlier runs' ingest measurements may have added to a kept store
VISIBLE_WITHIN_S = 2.0
UPLOAD_DAYS = {"newest": "the newest day (its window's leads stored at start)",
               "any": "a day drawn from the two years"}
POLL_S = 0.02


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sqlite", metavar="PATH", help="the SQLite store to fill and measure, kept for the next run "
                        "(reused when it holds the same synthetic stories; default: a temporary file)")
    parser.add_argument("--postgres", metavar="URL", help="measure PostgreSQL (with --sqlite: both): postgresql://... of a "
                        f"database where the schema {PG_SCHEMA} is made, filled and kept for the next run")
    parser.add_argument("--stories", type=int, default=20_000, help="stories in the store (20000 for the issue's figure)")
    parser.add_argument("--per-story", type=int, default=5, help="articles per story")
    parser.add_argument("--clients", type=int, default=4, help="concurrent client threads")
    parser.add_argument("--requests", type=int, default=200, help="requests of each kind")
    parser.add_argument("--workers", type=int, default=1, help="server processes (newsfuse serve --workers)")
    parser.add_argument("--no-ingest", action="store_true", help="skip the ingest measurements")
    parser.add_argument("--wait-leads", type=float, default=0, metavar="SECONDS",
                        help="before measuring, wait up to this long for the server to hold every stored article's "
                             "lead vector (its background fill at start, once per store; a store filled by ingest "
                             "has them where translations were compared)")
    parser.add_argument("--data", type=Path, default=DEFAULT_ECBPLUS, help="ECB+ folder (train.jsonl, dev.jsonl)")
    parser.add_argument("--seed", type=int, default=7)


# the synthetic store ------------------------------------------------------------------------------------------
class Synthetic:
    """Stories of real-ish text: each retells one ECB+ article's sentences with its own names and numbers."""

    def __init__(self, data: Path, seed: int):
        self.random = random.Random(seed)
        self.sources = source_sentences(data)
        weights = [1 / (rank + 1) for rank in range(OUTLETS)]  # a few outlets carry most articles
        self.outlets = self.random.choices([f"Outlet {n}" for n in range(OUTLETS)], weights, k=50_000)

    def _word(self, parts: int = 3) -> str:
        return "".join(self.random.choice(SYLLABLES) for _ in range(parts))

    def story(self, number: int, per_story: int, first_article: int):
        """(articles, story) of story ``number`` with articles numbered from ``first_article``."""
        from newsfuse.model import Article
        from newsfuse.store.codec import story_from_dict

        pick = self.random
        sentences = pick.choice(self.sources)
        person, place_names = f"{self._word(2).title()} {self._word().title()}", [self._word().title() for _ in range(3)]
        own = [f"{person} said {pick.randint(2, 900)} people were affected in {place_names[0]}.",
               f"Officials in {place_names[1]} confirmed {pick.randint(2, 90)} injured."]
        day = START_DAY + timedelta(days=pick.randrange(DAYS))
        ids = [f"bench-{first_article + k:07d}" for k in range(per_story)]
        articles = []
        for k, article_id in enumerate(ids):
            published = (day + timedelta(days=pick.randint(0, 3))).isoformat()
            body = [own[0], *pick.sample(sentences, min(len(sentences), pick.randint(3, 8))), own[1]]
            articles.append(Article(id=article_id, source=f"{article_id}.html", published=published,
                                    title=f"{place_names[0]}: {' '.join(sentences[0].split()[:9])}",
                                    body=body, language=pick.choice(LANGUAGES), outlet=pick.choice(self.outlets),
                                    url=f"https://outlet{k}.example/{article_id}"))
        places = [{"id": f"P{n}", "kind": "place",
                   "value": {"name": name, "country": "XX", "lat": round(pick.uniform(-40, 60), 3),
                             "lon": round(pick.uniform(-120, 140), 3), "gazetteer_id": f"bench:{pick.randrange(5000)}"},
                   "mentions": [{"article": ids[0], "text": name, "sentence": own[0]}], "independent_support": 1}
                  for n, name in enumerate(place_names)]
        groups = [ids[:2], *[[a] for a in ids[2:]]][:1 + number % per_story]
        story = {
            "id": f"story-bench{number:07d}", "headline": articles[0].title, "event_date": day.isoformat(),
            "articles": ids,
            "provenance": {"relations": [{"from": ids[1], "to": ids[0], "relation": "copy", "directed": True,
                                          "evidence": []}] if per_story > 1 else [],
                           "independent_groups": groups},
            "facts": [*places, {"id": "D1", "kind": "date", "value": {"start": day.isoformat(), "end": day.isoformat(),
                                                                     "granularity": "day"},
                                "mentions": [{"article": ids[-1], "text": "Monday", "sentence": sentences[1]}],
                                "independent_support": 1},
                      {"id": "N1", "kind": "person", "value": {"name": person},
                       "mentions": [{"article": ids[0], "text": person, "sentence": own[0]}], "independent_support": 1}],
            "quotes": [{"id": "Q1", "speaker": person, "text": sentences[2], "independent_support": 1, "variants": [],
                        "mentions": [{"article": ids[-1], "text": sentences[2], "sentence": sentences[2]}]}],
            "conflicts": [] if number % 7 else [
                {"id": "C1", "type": "number", "about": "people affected", "explanation": "the counts differ",
                 "sides": [{"value": "12", "articles": ids[:1], "independent_support": 1},
                           {"value": "15", "articles": ids[-1:], "independent_support": 1}]}],
            "single_source": [],
            "brief": [{"text": own[0], "citations": ids[:2], "status": "corroborated", "independent_support": 2,
                       "section": "brief"}, {"text": sentences[1], "citations": ids[-1:], "status": "single_source",
                                             "independent_support": 1, "section": "single_source"}]}
        return articles, story_from_dict(story)


def _store_counts(db: str) -> tuple[int, int]:
    from newsfuse.store import Store
    with Store(db) as store:
        return store.count("stories"), store.count("articles")


def fill(db: str, synthetic: Synthetic, stories: int, per_story: int) -> list[tuple[str, str]]:
    """Fill the store; returns the (id, headline) of the stories written."""
    from newsfuse.store import Store
    written = []
    with Store(db) as store:
        for start in range(0, stories, FILL_CHUNK):
            articles, chunk = [], []
            for number in range(start, min(stories, start + FILL_CHUNK)):
                own, story = synthetic.story(number, per_story, number * per_story)
                articles += own
                chunk.append(story)
            store.save_batch(articles, chunk)
            written += [(story.id, story.headline) for story in chunk]
    return written


def postgres_url(url: str) -> str:
    """``url`` with the bench's own schema first on the search path (made where missing)."""
    import psycopg
    with psycopg.connect(url, autocommit=True) as c:
        c.execute(f"CREATE SCHEMA IF NOT EXISTS {PG_SCHEMA}")
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{PG_SCHEMA}"


def _is_bench_store(db: str) -> bool:
    """Whether the store is empty or every article in it is one this bench made (it never fills another store)."""
    sql = "SELECT count(*) FROM articles WHERE id NOT LIKE 'bench-%'"  # uploads too: UPLOAD_PREFIX
    if db.startswith("postgres"):
        import psycopg
        with psycopg.connect(db, autocommit=True) as c:
            if not c.execute("SELECT to_regclass('articles')").fetchone()[0]:
                return True
            return c.execute(sql).fetchone()[0] == 0
    import sqlite3
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as c:
        if not c.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles'").fetchone():
            return True
        return c.execute(sql).fetchone()[0] == 0


def _empty(db: str) -> None:
    if db.startswith("postgres"):
        import psycopg
        with psycopg.connect(db, autocommit=True) as c:
            c.execute(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE")
            c.execute(f"CREATE SCHEMA {PG_SCHEMA}")
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)


# requests ---------------------------------------------------------------------------------------------------
def request_paths(kind: str, headlines: list[tuple[str, str]], rng: random.Random) -> str:
    story_id, headline = rng.choice(headlines)
    words = WORD.findall(headline) or ["report"]
    if kind == "floor":  # the cheapest answer (a constant JSON document): what HTTP and the machine cost alone
        return "/openapi.json"
    if kind == "index":
        return "/?" + urlencode({"sort": rng.choice(["newest", "covered", "disputed"]), "page": rng.randint(1, 3)})
    if kind == "facet":
        return "/?" + urlencode({"outlet": f"Outlet {rng.randrange(30)}", "sort": "covered"})
    if kind == "search":
        return "/?" + urlencode({"q": rng.choice(words)})
    if kind == "search 2 words":
        return "/?" + urlencode({"q": " ".join(rng.sample(words, min(2, len(words))))})
    return f"/story/{quote(story_id, safe='')}{'.json' if kind == 'story.json' else ''}"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def baseline(reader, paths: list[str]) -> list[float]:
    """The reads a page makes, without HTTP or rendering: seconds per request path."""
    from urllib.parse import parse_qs, unquote, urlparse

    from newsfuse.serve.data import IndexQuery
    times = []
    for path in paths:
        parsed = urlparse(path)
        started = time.perf_counter()
        if parsed.path == "/openapi.json":
            pass
        elif parsed.path.startswith("/story/"):
            story = reader.story(unquote(parsed.path[len("/story/"):]).removesuffix(".json"))
            reader.articles(story.get("articles") or [])
        else:
            p = {k: v[0] for k, v in parse_qs(parsed.query).items()}
            reader.index(IndexQuery(q=p.get("q", ""), outlet=p.get("outlet", ""), sort=p.get("sort", ""),
                                    page=int(p.get("page", 1))))
        times.append(time.perf_counter() - started)
    return times


def _client(port: int, paths: list[str], queue) -> None:
    """One client: a keep-alive connection sending ``paths`` in turn; puts (seconds, errors)."""
    import http.client
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    times, errors = [], 0
    for path in paths:
        started = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        times.append(time.perf_counter() - started)
        errors += response.status != 200
    connection.close()
    queue.put((times, errors))


def load(port: int, paths: list[str], clients: int) -> tuple[list[float], float, int]:
    """Send ``paths`` from ``clients`` client processes (no lock shared between them, as separate users would
    be): (seconds per request, wall seconds, errors)."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    processes = [context.Process(target=_client, args=(port, paths[n::clients], queue)) for n in range(clients)]
    started = time.perf_counter()
    for process in processes:
        process.start()
    results = [queue.get() for _ in processes]
    wall = time.perf_counter() - started
    for process in processes:
        process.join()
    return [t for times, _ in results for t in times], wall, sum(errors for _, errors in results)


# the server -------------------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``newsfuse serve`` in a child process on a free 127.0.0.1 port."""

    def __init__(self, db: str, token: str | None, workers: int):
        self.port, self.workers = free_port(), workers
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.NamedTemporaryFile(prefix="newsfuse-bench-serve-", suffix=".log", delete=False)
        command = [sys.executable, "-m", "newsfuse.cli", "serve", "--db", db, "--port", str(self.port),
                   "--workers", str(workers), *(["--token", token] if token else [])]
        environment = {k: v for k, v in os.environ.items() if k != TOKEN_VARIABLE}  # no token: no writes, no warm-up
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
                                        env=environment)

    def wait(self, seconds: float = 1800) -> float:
        import httpx
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            if self.process.poll() is not None:
                raise RuntimeError(f"newsfuse serve stopped: {Path(self.log.name).read_text()[-2000:]}")
            try:
                if httpx.get(self.url + "/openapi.json", timeout=5).status_code == 200:
                    return time.monotonic() - started
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError("newsfuse serve did not answer")

    def wait_warm(self, seconds: float = 600, line: str | None = None) -> float:
        """Seconds until every worker says its ingest is warm (its models loaded in the background), or
        has written ``line``."""
        from newsfuse.serve.ingest import WARM_DONE
        started = time.monotonic()
        while Path(self.log.name).read_text(errors="replace").count(line or WARM_DONE) < self.workers:
            if time.monotonic() - started > seconds or self.process.poll() is not None:
                return float("inf")
            time.sleep(0.2)
        return time.monotonic() - started

    def cpu_seconds(self) -> float:
        """CPU seconds (user and system) the server's processes have used so far."""
        return tree_cpu_seconds(self.process.pid)

    def peak_mb(self) -> float:
        """The largest resident size of the server's processes (the parent and its workers)."""
        return tree_peak_mb(self.process.pid)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.unlink(self.log.name)



# visibility of new articles ---------------------------------------------------------------------------------
def wait_visible(url: str, checks: list[tuple[str, str]], limit: float = 120.0) -> float:
    """Seconds until every (path, text) check finds its text in the page at path."""
    import httpx
    started = time.perf_counter()
    pending = list(checks)
    with httpx.Client(base_url=url, timeout=30) as session:
        while pending and time.perf_counter() - started < limit:
            path, text = pending[0]
            response = session.get(path)
            if response.status_code == 200 and text in response.text:
                pending.pop(0)
            else:
                time.sleep(POLL_S)
    return time.perf_counter() - started if not pending else float("inf")


def ingest_upload(url: str, token: str, synthetic: Synthetic, story_count: int, per_story: int,
                  published: str | None = None) -> dict:
    """POST one new article (dated ``published``, else a day of the two years); time the POST and until its
    pages show it."""
    import httpx
    articles, _ = synthetic.story(story_count + 1, 1, story_count * per_story + 10)
    article = articles[0]
    article.published = published or article.published
    line = json.dumps({"id": UPLOAD_PREFIX + secrets.token_hex(4), "title": article.title, "url": article.url,
                       "published": article.published, "outlet": article.outlet,
                       "text": "\n\n".join(article.body)})
    started = time.perf_counter()
    response = httpx.post(url + "/ingest", files={"files": ("upload.jsonl", line.encode(), "application/jsonl")},
                          headers={"authorization": f"Bearer {token}", "accept": "application/json"}, timeout=600)
    posted = time.perf_counter() - started
    result = {"post_s": posted, "status": response.status_code, "visible_s": float("inf"), "story": None}
    if response.status_code != 200:
        result["error"] = response.text[:300]
        return result
    placed = response.json()["articles"][0]
    story_id = placed["stories"][0]["id"] if placed["stories"] else None
    checks = [(f"/article/{quote(placed['article'], safe='')}.json", placed["article"])]
    if story_id:
        checks.append((f"/story/{quote(story_id, safe='')}.json", placed["article"]))
    result.update(story=story_id, visible_s=posted + wait_visible(url, checks))
    return result


def ingest_commit(db: str, url: str, synthetic: Synthetic, number: int, per_story: int) -> float:
    """A new story of two articles saved by this process; seconds from its commit until the index (newest
    first) and its story page show it."""
    from newsfuse.store import Store
    articles, story = synthetic.story(number, 2, number * per_story + 100)
    later = (START_DAY + timedelta(days=DAYS + 30)).isoformat()
    for article in articles:
        article.published = later
    story.event_date = later
    with Store(db) as store:
        store.save_batch(articles, [story])
        committed = time.perf_counter()
    checks = [("/index.json?sort=newest", story.id), (f"/story/{quote(story.id, safe='')}", articles[-1].id)]
    if wait_visible(url, checks) == float("inf"):
        return float("inf")
    return time.perf_counter() - committed


# the run ----------------------------------------------------------------------------------------------------
def _load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def measure(db: str, args: argparse.Namespace) -> dict:
    from newsfuse.serve.data import StoreReader
    backend = "PostgreSQL" if db.startswith("postgres") else "SQLite"
    synthetic = Synthetic(args.data, args.seed)
    counts = (args.stories, args.stories * args.per_story)
    stories, articles = _store_counts(db)
    if stories >= counts[0] and counts[1] <= articles <= counts[1] + REUSE_DRIFT:
        print(f"[{backend}] reusing the store: {counts[0]} stories, {counts[1]} articles")
        headlines = [(story.id, story.headline) for story in  # the fill's random draws again
                     (synthetic.story(n, args.per_story, n * args.per_story)[1] for n in range(args.stories))]
    else:
        _empty(db)
        started = time.perf_counter()
        headlines = fill(db, synthetic, args.stories, args.per_story)
        print(f"[{backend}] fill (untimed in the figures): {counts[0]} stories, {counts[1]} articles in "
              f"{time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    reader = StoreReader(db)
    print(f"[{backend}] the app's derived tables made in {time.perf_counter() - started:.1f} s")
    rng = random.Random(args.seed)
    paths = {kind: [request_paths(kind, headlines, rng) for _ in range(args.requests)] for kind in KINDS}
    raw = {kind: baseline(reader, paths[kind]) for kind in KINDS}
    reader.close()
    token = None if args.no_ingest else secrets.token_hex(16)
    server = Server(db, token, args.workers)
    try:
        answering = server.wait()
        warm = f"; its ingest warm after {server.wait_warm():.1f} s more" if token else " (no token: read only)"
        print(f"[{backend}] newsfuse serve answering after {answering:.1f} s ({args.workers} worker(s)){warm}")
        if token and args.wait_leads:
            from newsfuse.serve.ingest import LEADS_DONE
            waited = server.wait_warm(args.wait_leads, LEADS_DONE)
            print(f"[{backend}] every stored lead held after {waited:.0f} s more" if waited != float("inf")
                  else f"[{backend}] the leads' fill not done after {args.wait_leads:.0f} s: measuring during it")
        for kind in KINDS:  # a warm-up pass, unmeasured: first plans, template compilation, the basemap
            load(server.port, paths[kind][:10], args.clients)
        rows = {}
        for kind in KINDS:
            cpu = server.cpu_seconds()
            times, wall, errors = load(server.port, paths[kind], args.clients)
            rows[kind] = {"p50": percentile(times, 0.5), "p95": percentile(times, 0.95), "max": max(times),
                          "rps": len(times) / wall, "errors": errors, "raw_p50": percentile(raw[kind], 0.5),
                          "raw_p95": percentile(raw[kind], 0.95), "cpu": (server.cpu_seconds() - cpu) / len(times)}
            r = rows[kind]
            ratio = f" (x{r['p95'] / r['raw_p95']:.1f})" if r["raw_p95"] > 1e-4 else ""
            print(f"[{backend}] {kind:15s} {args.clients} clients: p50 {1000 * r['p50']:6.1f} ms  p95 "
                  f"{1000 * r['p95']:6.1f} ms  max {1000 * r['max']:6.0f} ms  {r['rps']:5.1f} req/s  errors {errors}"
                  f"  server CPU {1000 * r['cpu']:5.1f} ms/request"
                  f" | same process, reads only: p95 {1000 * r['raw_p95']:5.1f} ms{ratio}  load {_load_average()}")
        result = {"backend": backend, "rows": rows}
        if not args.no_ingest:
            committed = ingest_commit(db, server.url, synthetic, args.stories + 5, args.per_story)
            print(f"[{backend}] a story committed by another process: visible on the index and its page after "
                  f"{committed:.2f} s")
            newest = (START_DAY + timedelta(days=DAYS - 1)).isoformat()
            for name, published in (("newest", newest), ("any", None)):
                upload = ingest_upload(server.url, token, synthetic, args.stories, args.per_story, published)
                print(f"[{backend}] POST /ingest of one article of {UPLOAD_DAYS[name]}: answered in "
                      f"{upload['post_s']:.2f} s (status {upload['status']}), article and story ({upload['story']}) "
                      f"visible after {upload['visible_s']:.2f} s{'; ' + upload['error'] if upload.get('error') else ''}")
                result[f"upload_{name}"] = upload
            result.update(committed_s=committed)
        result["server_peak_mb"] = server.peak_mb()
        print(f"[{backend}] peak memory: server {result['server_peak_mb']:.0f} MB, this process "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
        return result
    finally:
        server.stop()


def main(args: argparse.Namespace) -> int:
    folder = None if args.sqlite or args.postgres else tempfile.mkdtemp(prefix="newsfuse-bench-serve-")
    dbs = [args.sqlite or str(Path(folder) / "store.sqlite")] if args.sqlite or folder else []
    if args.postgres:
        dbs.append(postgres_url(args.postgres))
    for db in dbs:
        if (db.startswith("postgres") or Path(db).exists()) and not _is_bench_store(db):
            print(f"newsfuse: {db.split('?')[0]}: holds articles this bench did not make; give a new path or database",
                  file=sys.stderr)
            return 1
    try:
        results = [measure(db, args) for db in dbs]
    finally:
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
    for result in results:
        rows = result["rows"]
        worst = {k: max(rows[k]["p95"] for k in group) for k, group in
                 (("index", ("index", "facet")), ("search", ("search", "search 2 words")), ("story", ("story", "story.json")))}
        verdict = " ".join(f"{k} {1000 * v:.0f} ms{'' if 1000 * v <= TARGET_MS else ' (over ' + str(TARGET_MS) + ')'}"
                           for k, v in worst.items())
        line = (f"{result['backend']}, {args.stories} stories / {args.stories * args.per_story} articles, "
                f"{args.clients} clients, {args.workers} worker(s): p95 {verdict}")
        if "upload_any" in result:
            newest, any_day = result["upload_newest"]["visible_s"], result["upload_any"]["visible_s"]
            line += (f"; committed write visible in {result['committed_s']:.2f} s, upload visible in {newest:.2f} s "
                     f"(newest day) / {any_day:.2f} s (any day) (target {VISIBLE_WITHIN_S:.0f} s)")
        print(line + f"; server peak {result['server_peak_mb']:.0f} MB; load {_load_average()}")
    return 0
