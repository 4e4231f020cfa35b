"""The one template environment of the web application and the static report: autoescaped Jinja2 over
``templates/``, with the filters the templates use. No web framework needed, so ``newsfuse report`` renders
the same templates as ``newsfuse serve``."""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from newsfuse import __version__


def environment() -> Environment:
    made = Environment(loader=PackageLoader("newsfuse.serve", "templates"),
                       autoescape=select_autoescape(default=True, default_for_string=True),
                       trim_blocks=True, lstrip_blocks=True)
    made.filters["q"] = lambda value: quote(str(value), safe="")
    made.filters["plural"] = lambda n, one, many=None: one if n == 1 else (many or one + "s")
    made.globals["version"] = __version__
    return made


@lru_cache(maxsize=1)
def stylesheet() -> Markup:
    """The application's stylesheet, for inlining into a self-contained page; it is ours and vendored, and
    checked to hold nothing that could end the style element or fetch anything."""
    css = (files("newsfuse.serve") / "static" / "app.css").read_text(encoding="utf-8")
    lowered = css.lower()
    if "</" in css or "url(" in lowered or "@import" in lowered:
        raise ValueError("app.css must not contain '</', url() or @import to be inlined")
    return Markup(css)
