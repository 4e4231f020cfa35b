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


def add_arguments(parser) -> None:
    parser.add_argument("--db", required=True, metavar="URL_OR_PATH", help="the store: a path, sqlite:///PATH or postgresql://USER:PASSWORD@HOST:PORT/DBNAME")
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    parser.add_argument("--token", help=f"the token that uploads need (default: ${TOKEN_VARIABLE}; none: uploads refused)")


def main(args) -> int:
    """Build the app over the store (derived tables brought up to date first), then serve until Ctrl-C."""
    import time

    import uvicorn

    from newsfuse.serve.app import create_app

    token = args.token or os.environ.get(TOKEN_VARIABLE) or None
    started = time.monotonic()
    app = create_app(args.db, token)
    counts = app.state.app.reader.counts()
    print(f"newsfuse: {counts['stories']} stories, {counts['articles']} articles indexed in "
          f"{time.monotonic() - started:.1f} s; writes {'need the token' if token else 'are off (no token)'}",
          file=sys.stderr, flush=True)
    print(f"newsfuse: serving http://{args.host}:{args.port}/", file=sys.stderr, flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False)
    return 0
