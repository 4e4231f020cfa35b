"""The web application, ``newsfuse serve``: reads the store (``data.py``, plain SQL over its tables plus
derived ``serve_*`` tables with an FTS5 index), renders pages from ``templates/`` (autoescaped) with views
from ``views.py``, every page also as JSON, tables as CSV; uploads go through ``ingest.py`` and need the token
given at start. Assets (stylesheet, Natural Earth countries) ship in ``static/``; no network, no page script.
"""
from __future__ import annotations

import os
import sys

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000
TOKEN_VARIABLE = "NEWSFUSE_TOKEN"
DB_VARIABLE = "NEWSFUSE_SERVE_DB"  # how worker processes learn the store (uvicorn builds their app by name)


def add_arguments(parser) -> None:
    parser.add_argument("--db", required=True, metavar="URL_OR_PATH", help="the store: a path, sqlite:///PATH or postgresql://USER:PASSWORD@HOST:PORT/DBNAME")
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    parser.add_argument("--token", help=f"the token that uploads need (default: ${TOKEN_VARIABLE}; none: uploads refused)")
    parser.add_argument("--workers", type=int, default=1, help="server processes (default 1; each answers requests "
                        "on its own, one per core helps under concurrent load)")


def main(args) -> int:
    """Build the app over the store (derived tables brought up to date first), then serve until Ctrl-C."""
    import time

    import uvicorn

    from newsfuse.serve.app import create_app

    token = args.token or os.environ.get(TOKEN_VARIABLE) or None
    started = time.monotonic()
    app = create_app(args.db, token, warm=args.workers == 1)
    counts = app.state.app.reader.counts()
    print(f"newsfuse: {counts['stories']} stories, {counts['articles']} articles indexed in "
          f"{time.monotonic() - started:.1f} s; writes {'need the token' if token else 'are off (no token)'}",
          file=sys.stderr, flush=True)
    print(f"newsfuse: serving http://{args.host}:{args.port}/" +
          (f" with {args.workers} worker processes" if args.workers > 1 else ""), file=sys.stderr, flush=True)
    options = {"host": args.host, "port": args.port, "log_level": "warning", "server_header": False}
    if args.workers > 1:  # the derived tables are up to date now: each worker opens them as they are
        app.state.app.reader.close()
        os.environ[DB_VARIABLE] = str(args.db)
        if token:
            os.environ[TOKEN_VARIABLE] = token
        uvicorn.run("newsfuse.serve.app:app_from_environment", factory=True, workers=args.workers, **options)
    else:
        uvicorn.run(app, **options)
    return 0
