"""The self-contained HTML report: one file, no network, all text escaped."""
from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from newsfuse.model import Article, Story

_ENVIRONMENT = Environment(loader=PackageLoader("newsfuse.report", "templates"),
                           autoescape=select_autoescape(default=True, default_for_string=True))


def render_report(stories: list[Story], articles: dict[str, Article]) -> str:
    return _ENVIRONMENT.get_template("report.html.j2").render(stories=stories, articles=articles)
