"""The web application (Starlette): routes, content negotiation (HTML for people; the same view as JSON with a
``.json`` suffix or ``Accept: application/json``; CSV for tables), the write token, and security headers."""
from __future__ import annotations

import csv
import hmac
import io
import json
import os
import threading
from dataclasses import asdict
from urllib.parse import quote, urlencode

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from newsfuse import __version__
from newsfuse.serve.data import FACET_SAMPLE, SORTS, IndexQuery, StoreReader
from newsfuse.serve.derive import person_key
from newsfuse.serve.ingest import MAX_FILE_BYTES, MAX_FILES, Ingester, Upload
from newsfuse.serve.openapi import openapi_document
from newsfuse.serve.templating import environment
from newsfuse.serve.views import article_view, person_view, place_view, story_view

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
MAX_UPLOAD_BYTES = MAX_FILES * MAX_FILE_BYTES
PER_PAGE = 50
CSV_LIMIT = 100_000
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class SecurityHeaders:
    """Pure ASGI middleware: the same strict headers on every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    header for header in SECURITY_HEADERS if header[0] not in names]
            await send(message)

        return await self.app(scope, receive, send_with_headers)


def _json_safe(value):
    return json.loads(json.dumps(value, default=lambda o: asdict(o) if hasattr(o, "__dataclass_fields__") else str(o)))


def _csv_cell(value) -> str:
    """A cell no spreadsheet takes for a formula."""
    text = "" if value is None else (value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                                      if isinstance(value, (list, dict)) else str(value))
    return "'" + text if text.startswith(FORMULA_START) else text


def _csv_response(header: list[str], rows, filename: str) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_cell(row.get(name)) for name in header])
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{filename}"'})


class App:
    def __init__(self, db: str, token: str | None = None):
        self.reader = StoreReader(db)
        self.ingester = Ingester(db)
        self.token = token or None
        self.templates = environment()

    # helpers -------------------------------------------------------------------------------------------------
    @staticmethod
    def accepts_json(request: Request) -> bool:
        accept = request.headers.get("accept", "")
        return "application/json" in accept and "text/html" not in accept

    def page(self, request: Request, template: str, context: dict, data: dict, as_json: bool,
             status: int = 200) -> Response:
        if as_json or self.accepts_json(request):
            return JSONResponse(_json_safe(data), status_code=status)
        html = self.templates.get_template(template).render(request_path=request.url.path, **context)
        return HTMLResponse(html, status_code=status)

    def not_found(self, request: Request, what: str, as_json: bool = False) -> Response:
        return self.page(request, "error.html.j2", {"title": "Not found", "message": f"No {what} here."},
                         {"error": f"no {what}"}, as_json, status=404)

    @staticmethod
    def split_suffix(ident: str, suffix: str, exists) -> tuple[str, bool]:
        """``ident`` and whether its suffix asked for another form; an id that itself ends so wins."""
        if ident.endswith(suffix) and not exists(ident):
            return ident[:-len(suffix)], True
        return ident, False

    # index ---------------------------------------------------------------------------------------------------
    def index_query(self, request: Request) -> IndexQuery:
        p = request.query_params
        try:
            page = max(1, min(int(p.get("page", "1")), 10_000))
        except ValueError:
            page = 1
        return IndexQuery(q=p.get("q", "")[:200], date_from=p.get("from", "")[:10], date_to=p.get("to", "")[:10],
                          outlet=p.get("outlet", ""), language=p.get("language", ""), place=p.get("place", ""),
                          person=p.get("person", ""), sort=p.get("sort", ""), page=page, per_page=PER_PAGE)

    async def index(self, request: Request) -> Response:
        return await run_in_threadpool(self._index, request, request.url.path.endswith(".json"))

    def _index(self, request: Request, as_json: bool) -> Response:
        query = self.index_query(request)
        result = self.reader.index(query)
        filters = query.filters()
        data = {"total": result.total, "page": query.page, "per_page": query.per_page, "sort": query.order,
                "filters": filters, "stories": result.stories, "facets": result.facets,
                "facets_sampled": result.total > FACET_SAMPLE,
                "csv": "/index.csv" + (f"?{urlencode(filters)}" if filters else "")}

        def link(**change) -> str:
            merged = {**filters, "sort": query.sort, **change}
            return "/?" + urlencode({k: v for k, v in merged.items() if v})

        pages = (result.total + query.per_page - 1) // query.per_page
        context = {"result": result, "query": query, "filters": filters, "link": link, "pages": pages,
                   "sorts": [s for s in SORTS if s != "relevance" or query.q], "counts": self.reader.counts(),
                   "csv": data["csv"], "sampled": data["facets_sampled"], "sample": FACET_SAMPLE}
        return self.page(request, "index.html.j2", context, data, as_json)

    async def index_csv(self, request: Request) -> Response:
        def build():
            query = self.index_query(request)
            rows = self.reader.index(IndexQuery(**{**asdict(query), "page": 1, "per_page": CSV_LIMIT})).stories
            return _csv_response(["id", "headline", "event_date", "first_date", "last_date", "articles",
                                  "independent_sources", "conflicts", "disputed", "quotes", "outlets", "places",
                                  "languages"], rows, "stories.csv")
        return await run_in_threadpool(build)

    # story ---------------------------------------------------------------------------------------------------
    async def story(self, request: Request) -> Response:
        return await run_in_threadpool(self._story, request)

    def _story(self, request: Request) -> Response:
        ident, as_json = self.split_suffix(request.path_params["ident"], ".json",
                                           lambda i: self.reader.story(i) is not None)
        story = self.reader.story(ident)
        if story is None:
            moved = self.reader.moved(ident)
            if moved:
                return RedirectResponse(f"/story/{quote(moved, safe='')}{'.json' if as_json else ''}", status_code=307)
            return self.not_found(request, "story", as_json)
        articles = self.reader.articles(story.get("articles") or [])
        view = story_view(story, articles)
        data = {"story": story, "headline": view["headline"], "sources": view["sources"],
                "coverage": view["coverage"], "provenance_graph": view["graph"], "timeline": view["timeline"],
                "places": view["places"], "routes": view["routes"], "facts_table": view["facts"],
                "map": {k: v for k, v in view["map"].items() if k != "countries"} if view["map"] else None,
                "facts_csv": f"/story/{quote(ident, safe='')}/facts.csv"}
        return self.page(request, "story.html.j2", {"v": view, "title": view["headline"]}, data, as_json)

    async def story_facts_csv(self, request: Request) -> Response:
        def build():
            story = self.reader.story(request.path_params["ident"])
            if story is None:
                return self.not_found(request, "story")
            rows = []
            for fact in story.get("facts") or []:
                for mention in fact.get("mentions") or [{}]:
                    rows.append({"story": story.get("id"), "fact": fact.get("id"), "kind": fact.get("kind"),
                                 "value": fact.get("value"), "independent_support": fact.get("independent_support"),
                                 "article": mention.get("article"), "text": mention.get("text"),
                                 "sentence": " ".join(str(mention.get("sentence") or "").split())})
            return _csv_response(["story", "fact", "kind", "value", "independent_support", "article", "text",
                                  "sentence"], rows, "facts.csv")
        return await run_in_threadpool(build)

    # article, person, place ----------------------------------------------------------------------------------
    async def article(self, request: Request) -> Response:
        return await run_in_threadpool(self._article, request)

    def _article(self, request: Request) -> Response:
        ident, as_json = self.split_suffix(request.path_params["ident"], ".json",
                                           lambda i: self.reader.article(i) is not None)
        article = self.reader.article(ident)
        if article is None:
            return self.not_found(request, "article", as_json)
        view = article_view(article, self.reader.stories_of_article(ident))
        return self.page(request, "article.html.j2", {"v": view, "title": article.get("title") or ident},
                         _json_safe(view), as_json)

    async def person(self, request: Request) -> Response:
        return await run_in_threadpool(self._person, request)

    def _person(self, request: Request) -> Response:
        ident = request.path_params["ident"]
        as_json = False
        if ident.endswith(".json") and not self.reader.stories_with("person", person_key(ident), 1):
            ident, as_json = ident[:-5], True
        key = person_key(ident)
        rows = self.reader.stories_with("person", key)
        view = person_view(key, self.reader.story_data([r["id"] for r in rows])) if rows else None
        if view is None:
            return self.not_found(request, "person", as_json)
        return self.page(request, "person.html.j2", {"v": view, "title": view["name"]}, view, as_json)

    async def place(self, request: Request) -> Response:
        return await run_in_threadpool(self._place, request)

    def _place(self, request: Request) -> Response:
        ident = request.path_params["ident"]
        as_json = False
        if ident.endswith(".json") and not self.reader.stories_with("place", ident, 1):
            ident, as_json = ident[:-5], True
        rows = self.reader.stories_with("place", ident)
        view = place_view(ident, self.reader.story_data([r["id"] for r in rows[:5]]), rows) if rows else None
        if view is None:
            return self.not_found(request, "place", as_json)
        data = {k: v for k, v in view.items() if k != "map"}
        return self.page(request, "place.html.j2", {"v": view, "title": view["label"]}, data, as_json)

    # ingest --------------------------------------------------------------------------------------------------
    async def ingest_form(self, request: Request) -> Response:
        return self.page(request, "ingest.html.j2", {"title": "Add articles", "writable": bool(self.token),
                                                     "max_files": MAX_FILES, "max_mb": MAX_FILE_BYTES // 2**20},
                         {"writable": bool(self.token), "post": "/ingest", "field": "files", "token_field": "token"},
                         False)

    def _refuse(self, request: Request, status: int, message: str) -> Response:
        headers = {"www-authenticate": 'Bearer realm="newsfuse"'} if status == 401 else {}
        if self.accepts_json(request) or "multipart" not in request.headers.get("content-type", ""):
            return JSONResponse({"error": message}, status_code=status, headers=headers)
        html = self.templates.get_template("error.html.j2").render(title="Not allowed", message=message)
        return HTMLResponse(html, status_code=status, headers=headers)

    async def ingest(self, request: Request) -> Response:
        if not self.token:
            return self._refuse(request, 403, "writing is off: start newsfuse serve with --token or NEWSFUSE_TOKEN")
        if int(request.headers.get("content-length") or 0) > MAX_UPLOAD_BYTES:
            return self._refuse(request, 413, "upload too large")
        given = request.headers.get("authorization", "").removeprefix("Bearer ").strip() or None
        if given is not None and not hmac.compare_digest(given.encode(), self.token.encode()):
            return self._refuse(request, 403, "wrong token")
        try:
            form = await request.form(max_files=MAX_FILES, max_fields=20)
        except Exception:  # a malformed or over-long multipart body
            return self._refuse(request, 400, "the upload could not be read (multipart/form-data with files)")
        if given is None:
            field = form.get("token")
            if not isinstance(field, str) or not field:
                return self._refuse(request, 401, "a token is needed to add articles")
            if not hmac.compare_digest(field.encode(), self.token.encode()):
                return self._refuse(request, 403, "wrong token")
        uploads = []
        for item in form.getlist("files"):
            if isinstance(item, str):
                continue
            content = await item.read(MAX_FILE_BYTES + 1)
            if len(content) > MAX_FILE_BYTES:
                return self._refuse(request, 413, f"{item.filename}: over {MAX_FILE_BYTES // 2**20} MB")
            if content:
                uploads.append(Upload(item.filename or "", content))
        if not uploads:
            return self._refuse(request, 400, "no files were sent (field 'files')")
        result = await run_in_threadpool(self.ingester.ingest, uploads)
        self.reader.refresh()
        placed = []
        for article_id in result.articles:
            stories = self.reader.stories_of_article(article_id)
            placed.append({"article": article_id, "stored": self.reader.article(article_id) is not None,
                           "stories": [{"id": s.get("id"), "headline": s.get("headline")} for s in stories]})
        data = {"articles": placed, "errors": result.errors, "how": result.how}
        status = 200 if any(p["stored"] for p in placed) else 422
        return self.page(request, "ingested.html.j2", {"title": "Added", "placed": placed, "errors": result.errors},
                         data, self.accepts_json(request) or "text/html" not in request.headers.get("accept", ""),
                         status=status)

    async def openapi(self, request: Request) -> Response:
        return JSONResponse(openapi_document(__version__))


def create_app(db: str, token: str | None = None, warm: bool = False) -> Starlette:
    """The ASGI application over the store at ``db``; writes need ``token`` (none: writes refused). With
    ``warm`` and a token, the ingest's models load in a background thread so the first upload need not wait."""
    app = App(db, token)
    if warm and app.token:
        threading.Thread(target=app.ingester.warm, name="newsfuse-warm-up", daemon=True).start()
    static = StaticFiles(packages=[("newsfuse.serve", "static")])
    routes = [
        Route("/", app.index), Route("/index.json", app.index), Route("/index.csv", app.index_csv),
        Route("/story/{ident:path}/facts.csv", app.story_facts_csv),
        Route("/story/{ident:path}", app.story), Route("/article/{ident:path}", app.article),
        Route("/person/{ident:path}", app.person), Route("/place/{ident:path}", app.place),
        Route("/ingest", app.ingest_form, methods=["GET"]), Route("/ingest", app.ingest, methods=["POST"]),
        Route("/openapi.json", app.openapi), Mount("/static", static, name="static"),
    ]
    starlette = Starlette(routes=routes)
    starlette.state.app = app
    wrapped = SecurityHeaders(starlette)
    wrapped.state = starlette.state
    return wrapped


def app_from_environment() -> Starlette:
    """The application of one worker process of ``newsfuse serve --workers N``: the store and the token
    from the environment its parent set."""
    from newsfuse.serve import DB_VARIABLE, TOKEN_VARIABLE
    return create_app(os.environ[DB_VARIABLE], os.environ.get(TOKEN_VARIABLE) or None, warm=True)
