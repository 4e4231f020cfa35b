"""Uploads into the store: the files are written to a private temporary folder under safe names and fed to
``newsfuse.pipeline.ingest`` where the pipeline has one; otherwise the existing stages run over the stored
articles plus the new ones and the batch is saved into the same store (stories replace the stories holding
their articles). One ingest at a time. ``warm()`` runs the same ingest once into a throw-away store, so that
the first upload does not wait for the models (extraction, copies, stories, facts) to load, then stores the
lead vectors the store lacks, of its newest articles first and then of all the others, so that an upload does
not wait to embed them either."""
from __future__ import annotations

import importlib
import inspect
import re
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.config import Config
from newsfuse.model import InputError, RawDocument

MAX_FILES = 20
LEAD_CHUNK = 64  # articles whose leads are embedded per hold of the ingest lock at start (an upload waits for one)
LEAD_FILL_ARTICLES = 10_000  # the newest articles whose leads are embedded before uploads are ready: weeks of news
MAX_FILE_BYTES = 10 * 1024 * 1024
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
WARM_DONE = "uploads ready (the ingest's models loaded)"
LEADS_DONE = "every stored article's lead held for uploads"
WARM_UP_TEXTS = (  # two languages with a few paragraphs each, so that translation finding loads its encoder
    "Boats leave Lisbon harbour\n\n"
    "Twelve fishing boats left the harbour of Lisbon on Monday morning, port officials said.\n\n"
    "The boats will return on Friday with their catch, the harbour master told reporters.\n\n"
    "The weather along the coast was calm for most of the week, according to the port office.\n",
    "Des bateaux quittent le port de Lisbonne\n\n"
    "Douze bateaux de p\u00eache ont quitt\u00e9 le port de Lisbonne lundi matin, selon les autorit\u00e9s du port.\n\n"
    "Les bateaux reviendront vendredi avec leur p\u00eache, a indiqu\u00e9 le capitaine du port aux journalistes.\n\n"
    "Le temps sur la c\u00f4te est rest\u00e9 calme pendant presque toute la semaine, selon le bureau du port.\n")


@dataclass
class Upload:
    name: str
    content: bytes


@dataclass
class IngestResult:
    articles: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    how: str = ""


def safe_name(name: str, number: int) -> str:
    """A file name that keeps the upload's own name (its id) where it can, never a path or a hidden file."""
    base = SAFE_NAME.sub("_", Path(name or "").name).lstrip("._")[:120]
    return base or f"upload-{number}.txt"


class Ingester:
    def __init__(self, db: str):
        self.db = db
        self._lock = threading.Lock()

    def warm(self) -> None:
        """Ingest small made-up documents (two languages) into a temporary store: models loaded, compiled
        code cached. A failure is one line on standard error; uploads then load what they need themselves."""
        try:
            with self._lock, tempfile.TemporaryDirectory(prefix="newsfuse-warm-") as folder:
                paths = []
                for number, text in enumerate(WARM_UP_TEXTS):
                    paths.append(Path(folder) / f"warm-up-{number}.txt")
                    paths[-1].write_text(text, encoding="utf-8")
                started = time.monotonic()
                Ingester(str(Path(folder) / "warm.sqlite"))._ingest_paths(paths, IngestResult())
            self.store_missing_leads(LEAD_FILL_ARTICLES)
            print(f"newsfuse: {WARM_DONE} in {time.monotonic() - started:.1f} s", file=sys.stderr, flush=True)
            self.store_missing_leads()
            print(f"newsfuse: {LEADS_DONE}", file=sys.stderr, flush=True)
        except Exception as error:  # noqa: BLE001 - a warm-up never stops the server
            print(f"newsfuse: warming up the ingest failed: {error}", file=sys.stderr, flush=True)

    def store_missing_leads(self, newest: int | None = None) -> int:
        """Embed ahead of uploads the leads a new article is compared with for translations and the store
        lacks (a store filled before it kept them, or by other means): those of its undated articles and of
        its ``newest`` newest (all when None), newest first, ``LEAD_CHUNK`` at a time so that an upload waits
        for one chunk at most. Returns how many leads were embedded."""
        from newsfuse.store import Store
        from newsfuse.store.copyindex import store_leads
        started, embedded = time.monotonic(), 0
        with Store(self.db) as store:
            dates = store.dates_of(store.all_ids())
            undated = [article_id for article_id, day in dates.items() if day is None]
            dated = sorted(((day, article_id) for article_id, day in dates.items() if day is not None), reverse=True)
            ids = undated + [article_id for _, article_id in dated[:newest]]
            for start in range(0, len(ids), LEAD_CHUNK):
                with self._lock:
                    embedded += store_leads(store, list(store.load_articles(ids[start:start + LEAD_CHUNK]).values()))
        print(f"newsfuse: {embedded} leads of {len(ids)} articles (undated and newest first) stored for uploads in "
              f"{time.monotonic() - started:.1f} s", file=sys.stderr, flush=True)
        return embedded

    def ingest(self, uploads: list[Upload]) -> IngestResult:
        result = IngestResult()
        with self._lock, tempfile.TemporaryDirectory(prefix="newsfuse-upload-") as folder:
            paths = []
            for number, upload in enumerate(uploads):
                path = Path(folder) / safe_name(upload.name, number)
                while path.exists():
                    path = path.with_name(f"{number}-{path.name}")
                path.write_bytes(upload.content)
                paths.append(path)
            self._ingest_paths(paths, result)
        return result

    def _ingest_paths(self, paths: list[Path], result: IngestResult) -> None:
        config = Config()
        result.articles = self._document_ids(paths, config)
        pipeline = importlib.import_module("newsfuse.pipeline")
        ingest = getattr(pipeline, "ingest", None)
        if callable(ingest):
            self._ingest(ingest, paths, config, result)
        else:
            self._rebuild(pipeline, paths, config, result)

    @staticmethod
    def _document_ids(paths: list[Path], config: Config) -> list[str]:
        from newsfuse.read import read_inputs
        return [item.id for item in read_inputs(paths, config.read) if isinstance(item, RawDocument)]

    def _ingest(self, ingest, paths: list[Path], config: Config, result: IngestResult) -> None:
        """Call the pipeline's own ``ingest`` with the arguments its signature takes (an open store or the
        store's address)."""
        from newsfuse.store import Store
        offered = {"db": self.db, "config": config, "on_error": lambda e: result.errors.append(str(e))}
        parameters = inspect.signature(ingest).parameters
        accepted = {k: v for k, v in offered.items() if k in parameters}
        if "store" in parameters:
            with Store(self.db) as store:
                ingest([str(p) for p in paths], store=store, **accepted)
        else:
            ingest([str(p) for p in paths], **accepted)
        result.how = "pipeline.ingest"

    def _rebuild(self, pipeline, paths: list[Path], config: Config, result: IngestResult) -> None:
        from newsfuse.store import Store

        def report(error: InputError) -> None:
            result.errors.append(str(error))

        new = list(pipeline.extract_inputs([str(p) for p in paths], config, report))
        result.articles = [a.id for a in new]
        if not new:
            return
        with Store(self.db) as store:
            merged = {a.id: a for a in store.articles()}
            merged.update((a.id, a) for a in new)
            stories = pipeline.build_stories(list(merged.values()), config)
            store.save_batch(new, stories)
        result.how = "pipeline stages over the stored and new articles"
