"""What the web application keeps about a story besides the store's own rows: its counts, dates and facet
values (outlets, languages, places, people) and the words to search, all derived from the contract's story
and article dicts. Pure functions; ``data.py`` writes their results into the ``serve_*`` tables."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

from newsfuse.model import Article
from newsfuse.report.html import outlet_of

FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SAFE_SCHEMES = ("http", "https")


@dataclass
class StorySummary:
    id: str
    headline: str
    event_date: str | None
    first_date: str | None
    last_date: str | None
    n_articles: int
    n_sources: int
    n_conflicts: int
    n_disputed: int
    n_quotes: int
    articles: list[str]
    facets: list[tuple[str, str, str]] = field(default_factory=list)  # (facet, value, label)
    search_text: str = ""


def safe_url(address: object) -> str | None:
    """The address if it is an absolute http(s) URL, else None: nothing scraped becomes a javascript: or data:
    link, or a link into this application."""
    if not isinstance(address, str) or any(ord(c) < 33 for c in address):
        return None
    try:
        parsed = urlparse(address)
    except ValueError:
        return None
    if parsed.scheme.lower() not in SAFE_SCHEMES or not parsed.netloc:
        return None
    return address


def article_object(data: dict) -> Article:
    """An ``Article`` from the store's JSON, ignoring fields this version does not know."""
    known = Article.__dataclass_fields__
    return Article.from_dict({k: v for k, v in data.items() if k in known})


def article_date(data: dict) -> str | None:
    """The article's own full date: published, else a full dateline date."""
    published = data.get("published")
    if isinstance(published, str) and FULL_DATE.match(published):
        return published
    dateline = data.get("dateline") or {}
    date = dateline.get("date") if isinstance(dateline, dict) else None
    return date if isinstance(date, str) and FULL_DATE.match(date) else None


def article_outlet(data: dict) -> str:
    try:
        return outlet_of(article_object(data))
    except (TypeError, ValueError):
        return str(data.get("outlet") or data.get("id") or "")


def place_key(value: dict) -> str:
    """A place's page key: its gazetteer id, else its name."""
    return str(value.get("gazetteer_id") or f"name:{value.get('name') or ''}")


def place_label(value: dict) -> str:
    name, country = value.get("name") or "", value.get("country")
    return f"{name} ({country})" if country and country != name else str(name)


def people_of(story: dict) -> dict[str, str]:
    """Person names of a story (person facts and quote speakers): key (casefolded) -> name as written."""
    people: dict[str, str] = {}
    for fact in story.get("facts") or []:
        if fact.get("kind") == "person":
            name = (fact.get("value") or {}).get("name")
            if isinstance(name, str) and name.strip():
                people.setdefault(person_key(name), name)
    for quote in story.get("quotes") or []:
        name = quote.get("speaker")
        if isinstance(name, str) and name.strip():
            people.setdefault(person_key(name), name)
    return people


def person_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def summarize(story: dict, articles: dict[str, dict]) -> StorySummary:
    """The index row, facet values and search text of one story."""
    members = [a for a in story.get("articles") or [] if isinstance(a, str)]
    present = [articles[a] for a in members if a in articles]
    dates = sorted(d for d in (article_date(a) for a in present) if d)
    groups = (story.get("provenance") or {}).get("independent_groups") or []
    brief = story.get("brief") or []
    facets: set[tuple[str, str, str]] = set()
    for article in present:
        outlet = article_outlet(article)
        if outlet:
            facets.add(("outlet", outlet, outlet))
        language = article.get("language")
        if isinstance(language, str) and language:
            facets.add(("language", language, language))
    for fact in story.get("facts") or []:
        if fact.get("kind") == "place" and isinstance(fact.get("value"), dict) and fact["value"].get("name"):
            facets.add(("place", place_key(fact["value"]), place_label(fact["value"])))
    for key, name in people_of(story).items():
        facets.add(("person", key, name))
    headline = story.get("headline") or next((a.get("title") for a in present if a.get("title")), None) \
        or next((b.get("text") for b in brief if b.get("text")), None) or "Untitled story"
    words = [headline]
    for article in present:
        words.append(article.get("title") or "")
        words.extend(p for p in article.get("body") or [] if isinstance(p, str))
    words.extend(b.get("text") or "" for b in brief)
    words.extend(f"{q.get('speaker') or ''} {q.get('text') or ''}" for q in story.get("quotes") or [])
    words.extend(label for facet, _, label in facets if facet in ("place", "person", "outlet"))
    event_date = story.get("event_date")
    return StorySummary(
        id=str(story["id"]), headline=str(headline),
        event_date=event_date if isinstance(event_date, str) and FULL_DATE.match(event_date) else None,
        first_date=dates[0] if dates else None, last_date=dates[-1] if dates else None,
        n_articles=len(members), n_sources=len(groups) or len(members),
        n_conflicts=len(story.get("conflicts") or []),
        n_disputed=sum(1 for b in brief if b.get("status") == "disputed"),
        n_quotes=len(story.get("quotes") or []), articles=members,
        facets=sorted(facets), search_text="\n".join(w for w in words if w))
