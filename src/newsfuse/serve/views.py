"""Page views: what each page shows, computed from the contract's story and article dicts. The templates only
lay these out, and the JSON form of a page is the same view."""
from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from newsfuse.model import Quote, QuoteVariant
from newsfuse.report.html import MapPoint, place_labels, variant_runs
from newsfuse.serve.basemap import country_paths, frame_around, grid, iso_numeric
from newsfuse.serve.derive import (article_date, article_outlet, person_key, place_key, place_label, safe_url,
                                   summarize)

COVERAGE_WIDTH, COVERAGE_ROW, COVERAGE_LABEL = 640, 22, 170
AXIS_WIDTH, AXIS_HEIGHT, AXIS_MARGIN = 640, 44, 40
GRAPH_WIDTH, GRAPH_ROW = 640, 34
MAX_TIMELINE_SENTENCE = 320
MAX_ROUTES = 3
ORIGIN_CUES = r"from|out of|left|leaving|leaves|departed(?: from)?|departing(?: from)?"
GOAL_CUES = r"to|into|towards?|for|bound for|headed for|heading for|en route to|arrived (?:in|at)|reached|reaching"
PLACE_NOUN = r"(?:the\s+)?(?:(?:port|island|city|town|village|harbou?r|airport|coast|region|province) of\s+)?"
ARROW_PIXELS = 9
FULL_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def value_text(kind: str, value: object) -> str:
    """A fact's value as a reader would say it."""
    if not isinstance(value, dict):
        return str(value)
    if kind == "quantity":
        bound = {"lower": "at least ", "upper": "at most ", "approx": "about "}.get(value.get("bound"), "")
        amount = value.get("amount")
        if "low" in value and "high" in value:
            amount = f"{value['low']:g}\u2013{value['high']:g}" if all(
                isinstance(value[k], (int, float)) for k in ("low", "high")) else f"{value['low']}-{value['high']}"
        elif isinstance(amount, float):
            amount = f"{amount:g}"
        return f"{bound}{amount} {value.get('unit') or ''}".strip()
    if kind == "place":
        return place_label(value)
    if kind == "date":
        start, end = value.get("start"), value.get("end")
        return str(start) if not end or end == start else f"{start} \u2013 {end}"
    return str(value.get("name") or value.get("text") or ", ".join(f"{k}: {v}" for k, v in value.items()))


def _relations(story: dict) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = defaultdict(list)
    for relation in (story.get("provenance") or {}).get("relations") or []:
        source, target = relation.get("from"), relation.get("to")
        word = "of" if relation.get("directed") else "with"
        found[source].append({"text": f"{relation.get('relation')} {word}", "other": target,
                              "evidence": relation.get("evidence") or []})
        found[target].append({"text": f"{relation.get('relation')} with", "other": source,
                              "evidence": relation.get("evidence") or []})
    return found


def sources(story: dict, articles: dict[str, dict]) -> list[dict]:
    """One row per article: number, outlet, headline, date, original link (the article's ``url``, http/https only;
    the readers set it wherever the input knew the address), relations, group."""
    groups = (story.get("provenance") or {}).get("independent_groups") or []
    group_of = {a: i + 1 for i, group in enumerate(groups) for a in group}
    relations = _relations(story)
    rows = []
    for article_id in story.get("articles") or []:
        article = articles.get(article_id, {})
        rows.append({"article": article_id, "outlet": article_outlet(article) if article else "",
                     "title": (article.get("title") or article.get("derived_title") or "(no headline)") if article
                     else "(not in the store)",
                     "date": article_date(article) or article.get("published") or "", "language": article.get("language"),
                     "url": safe_url(article.get("url")), "relations": relations.get(article_id, []), "group": group_of.get(article_id, 0)})
    rows.sort(key=lambda r: (r["group"] or 10**6, r["date"] or "9999", r["article"]))
    for number, row in enumerate(rows, start=1):
        row["n"] = number
    return rows


def coverage(rows: list[dict]) -> dict | None:
    """Coverage over time: one row per outlet, one dot per article at its date."""
    dated = [r for r in rows if r["date"]]
    if not dated:
        return None
    days = sorted({r["date"] for r in dated})
    first, last = date.fromisoformat(days[0]), date.fromisoformat(days[-1])
    span = max((last - first).days, 1)
    outlets = sorted({r["outlet"] for r in dated})
    width = COVERAGE_WIDTH - COVERAGE_LABEL - 30
    lines = []
    for index, outlet in enumerate(outlets):
        y = COVERAGE_ROW * (index + 1)
        dots = [{"x": round(COVERAGE_LABEL + 10 + ((date.fromisoformat(r["date"]) - first).days / span
                                                   if last > first else 0.5) * width, 1),
                 "n": r["n"], "date": r["date"], "article": r["article"]} for r in dated if r["outlet"] == outlet]
        lines.append({"outlet": outlet, "y": y, "dots": dots})
    return {"width": COVERAGE_WIDTH, "height": COVERAGE_ROW * (len(outlets) + 2), "label": COVERAGE_LABEL,
            "rows": lines, "first": days[0], "last": days[-1], "axis_y": COVERAGE_ROW * (len(outlets) + 1)}


def provenance_graph(story: dict, rows: list[dict]) -> dict | None:
    """Who copied whom: articles in rows by independent group, an arrow from each copy to its origin."""
    relations = (story.get("provenance") or {}).get("relations") or []
    if not relations:
        return None
    by_group: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        by_group[row["group"]].append(row)
    nodes, position = [], {}
    for line, (group, members) in enumerate(sorted(by_group.items())):
        step = (GRAPH_WIDTH - 140) / max(len(members), 1)
        for column, row in enumerate(members):
            x, y = round(120 + step * (column + 0.5), 1), GRAPH_ROW * (line + 1)
            position[row["article"]] = (x, y)
            nodes.append({"x": x, "y": y, "n": row["n"], "outlet": row["outlet"], "group": group})
    edges = []
    for relation in relations:
        source, target = position.get(relation.get("from")), position.get(relation.get("to"))
        if source and target:
            edges.append({"x1": source[0], "y1": source[1], "x2": target[0], "y2": target[1],
                          "directed": bool(relation.get("directed")), "relation": relation.get("relation")})
    groups = [{"y": GRAPH_ROW * (line + 1), "group": group} for line, group in enumerate(sorted(by_group))]
    return {"width": GRAPH_WIDTH, "height": GRAPH_ROW * (len(by_group) + 1), "nodes": nodes, "edges": edges,
            "groups": groups}


def _marked(sentence: str, phrase: str) -> list[tuple[str, bool]]:
    """The sentence in runs, the phrase's first occurrence marked."""
    sentence = " ".join(sentence.split())
    if len(sentence) > MAX_TIMELINE_SENTENCE:
        sentence = sentence[:MAX_TIMELINE_SENTENCE].rsplit(" ", 1)[0] + " \u2026"
    at = sentence.find(phrase) if phrase else -1
    if at < 0:
        return [(sentence, False)]
    return [(sentence[:at], False), (phrase, True), (sentence[at + len(phrase):], False)]


def timeline(story: dict) -> list[dict]:
    """What happened when: each date fact in time order with the sentence that dates it."""
    events = []
    for fact in story.get("facts") or []:
        value = fact.get("value") or {}
        if fact.get("kind") != "date" or not value.get("start"):
            continue
        mentions = [m for m in fact.get("mentions") or [] if m.get("sentence")]
        best = max(mentions, key=lambda m: len(m.get("sentence", "")), default=None) if mentions else None
        events.append({"start": str(value.get("start")), "when": value_text("date", value),
                       "granularity": value.get("granularity"), "support": fact.get("independent_support", 0),
                       "said": sorted({m.get("text", "") for m in fact.get("mentions") or []})[:3],
                       "sentence": _marked(best["sentence"], best.get("text", "")) if best else [],
                       "articles": sorted({m.get("article") for m in fact.get("mentions") or [] if m.get("article")})})
    events.sort(key=lambda e: (e["start"], -e["support"]))
    return events


def timeline_axis(events: list[dict]) -> dict | None:
    """The timeline's dates on a horizontal time axis: one dot per event at its start, labelled ends."""
    starts = [date.fromisoformat(e["start"][:10]) for e in events if FULL_DAY.match(e["start"])]
    if not starts:
        return None
    first, last = min(starts), max(starts)
    span, width = max((last - first).days, 1), AXIS_WIDTH - 2 * AXIS_MARGIN
    dots = []
    for event in events:
        if FULL_DAY.match(event["start"]):
            days = (date.fromisoformat(event["start"][:10]) - first).days
            dots.append({"x": round(AXIS_MARGIN + (days / span if last > first else 0.5) * width, 1),
                         "ok": event["support"] > 1, "when": event["when"], "said": ", ".join(event["said"])})
    return {"width": AXIS_WIDTH, "height": AXIS_HEIGHT, "y": 16, "left": AXIS_MARGIN, "right": AXIS_WIDTH - AXIS_MARGIN,
            "first": first.isoformat(), "last": last.isoformat(), "dots": dots}


def places(story: dict) -> list[dict]:
    found, seen = [], set()
    for fact in story.get("facts") or []:
        value = fact.get("value") or {}
        if fact.get("kind") == "place" and value.get("name") and place_key(value) not in seen:
            seen.add(place_key(value))
            found.append({"key": place_key(value), "label": place_label(value), "value": value,
                          "support": fact.get("independent_support", 0),
                          "located": isinstance(value.get("lat"), (int, float)) and isinstance(value.get("lon"), (int, float))})
    return found


def routes(story: dict, story_places: list[dict]) -> list[dict]:
    """What moved where: pairs of the story's places that one sentence names as origin ("from X", "left
    the port of X") and as destination ("to X", "bound for X"), the commonest first, with the articles saying
    so and one such sentence."""
    names: dict[str, set[str]] = defaultdict(set)
    for fact in story.get("facts") or []:
        value = fact.get("value") or {}
        if fact.get("kind") == "place" and value.get("name"):
            key = place_key(value)
            names[key].add(str(value["name"]))
            names[key].update(str(m["text"]) for m in fact.get("mentions") or [] if len(str(m.get("text") or "")) > 1)
    if len(names) < 2:
        return []
    by_key = {p["key"]: p for p in story_places}
    said: dict[tuple[str, str], dict] = {}
    seen: set[tuple[str, str]] = set()
    for fact in story.get("facts") or []:
        for mention in fact.get("mentions") or [] if fact.get("kind") == "place" else []:
            sentence, article = str(mention.get("sentence") or ""), str(mention.get("article") or "")
            if (article, sentence) in seen:
                continue
            seen.add((article, sentence))
            ends: dict[str, set[str]] = {"from": set(), "to": set()}
            for key, texts in names.items():
                for text in texts:
                    for found in re.finditer(rf"\b(?:{ORIGIN_CUES}|({GOAL_CUES}))\s+{PLACE_NOUN}{re.escape(text)}\b",
                                             sentence, flags=re.IGNORECASE):
                        ends["to" if found.group(1) else "from"].add(key)
            for origin in ends["from"]:
                for goal in ends["to"] - {origin}:
                    route = said.setdefault((origin, goal), {"articles": set(), "sentence": sentence.strip()})
                    route["articles"].add(article)
    found = [{"from": origin, "to": goal, "from_label": by_key[origin]["label"], "to_label": by_key[goal]["label"],
              "articles": len(route["articles"]), "sentence": route["sentence"]}
             for (origin, goal), route in said.items() if origin in by_key and goal in by_key]
    return sorted(found, key=lambda r: (-r["articles"], r["from_label"], r["to_label"]))[:MAX_ROUTES]


def route_shape(start: tuple[float, float], end: tuple[float, float]) -> dict:
    """A route on the map: a gentle curve from ``start`` to ``end`` (pixels) and an arrowhead at its end."""
    (x1, y1), (x2, y2) = start, end
    dx, dy = x2 - x1, y2 - y1
    length = max((dx * dx + dy * dy) ** 0.5, 1e-6)
    bend = min(0.2 * length, 40.0)
    cx, cy = (x1 + x2) / 2 - dy / length * bend, (y1 + y2) / 2 + dx / length * bend
    tx, ty = x2 - cx, y2 - cy  # the curve's direction at its end
    norm = max((tx * tx + ty * ty) ** 0.5, 1e-6)
    ux, uy = tx / norm, ty / norm
    back_x, back_y = x2 - ux * ARROW_PIXELS, y2 - uy * ARROW_PIXELS
    half = ARROW_PIXELS / 2
    head = (f"M{x2:.1f} {y2:.1f}L{back_x - uy * half:.1f} {back_y + ux * half:.1f}"
            f"L{back_x + uy * half:.1f} {back_y - ux * half:.1f}Z")
    return {"d": f"M{x1:.1f} {y1:.1f}Q{cx:.1f} {cy:.1f} {x2:.1f} {y2:.1f}", "head": head}


def map_view(located: list[dict], compact: bool = False, story_routes: list[dict] | None = None) -> dict:
    """A basemap framed on the places, their countries shaded, each place a dot with a label, and the
    ``story_routes`` between located places as arrows; ``compact`` draws the countries with fewer vertices
    (for a file holding many maps)."""
    by_key = {p["key"]: p for p in located if p["located"]}
    located = [p for p in located if p["located"]]
    frame = frame_around([(float(p["value"]["lat"]), float(p["value"]["lon"])) for p in located])
    numeric = iso_numeric()
    shaded = {numeric.get(str(p["value"].get("country") or "")) for p in located} - {None}
    paths = country_paths(frame, compact)
    drawn = {number for number, _, _ in paths}
    at_point: dict[tuple[float, float], list[dict]] = defaultdict(list)
    for place in located:
        country = str(place["value"].get("gazetteer_id") or "").startswith("country:")
        if country and len(located) > 1 and numeric.get(str(place["value"].get("country") or "")) in drawn:
            continue  # a country the basemap draws is shown by its shading
        at_point[frame.project(float(place["value"]["lat"]), float(place["value"]["lon"]))].append(place)
    points = []
    for (x, y), here in at_point.items():  # places the gazetteer puts on one spot share a dot and a label
        best = max(here, key=lambda p: (p["support"] or 0, -len(str(p["value"]["name"]))))
        names = {str(p["value"]["name"]).casefold() for p in here}
        label = str(best["value"]["name"]) + (f" +{len(names) - 1}" if len(names) > 1 else "")
        points.append(MapPoint(x, y, label, max(int(p["support"] or 0) for p in here),
                               "end" if x > 0.7 * frame.width else "start"))
    place_labels(points)
    meridians, parallels = grid(frame)
    drawn_routes = []
    for route in story_routes or []:
        if route["from"] in by_key and route["to"] in by_key:
            ends = [frame.project(float(by_key[k]["value"]["lat"]), float(by_key[k]["value"]["lon"]))
                    for k in (route["from"], route["to"])]
            if ends[0] != ends[1]:
                drawn_routes.append({**route_shape(*ends), "label": f"{route['from_label']} \u2192 {route['to_label']}"})
    return {"width": frame.width, "height": frame.height, "meridians": meridians, "parallels": parallels,
            "routes": drawn_routes,
            "countries": [{"d": d, "name": name, "shaded": number in shaded} for number, name, d in paths],
            "points": [{"x": p.x, "y": p.y, "label": p.label, "support": p.support, "anchor": p.anchor,
                        "label_x": p.label_x, "label_y": p.label_y, "r": 3 + min(p.support, 6)} for p in points],
            "frame": {"west": frame.west, "east": frame.east, "south": frame.south, "north": frame.north}}


def _quote_object(quote: dict) -> Quote:
    variants = [QuoteVariant(str(v.get("article", "")), str(v.get("text", "")), str(v.get("diff", "")))
                for v in quote.get("variants") or []]
    return Quote(str(quote.get("id", "")), quote.get("speaker"), str(quote.get("text", "")), [],
                 int(quote.get("independent_support") or 0), variants)


def quote_ledger(story: dict) -> list[dict]:
    ledger = []
    for quote in story.get("quotes") or []:
        model = _quote_object(quote)
        variants = []
        if len(model.variants) > 1:
            for variant in model.variants:
                runs, partial = variant_runs(model, variant)
                changed = any(tag != "equal" for tag, _ in runs)
                variants.append({"article": variant.article, "runs": runs if changed else [], "partial": partial})
        else:
            variants = [{"article": v.article, "runs": [], "partial": False} for v in model.variants]
        ledger.append({**quote, "speaker_key": person_key(quote["speaker"]) if quote.get("speaker") else None,
                       "variant_views": variants})
    return ledger


def conflicts(story: dict) -> list[dict]:
    """Conflicts with each side's evidence sentences beside it."""
    shown = []
    for conflict in story.get("conflicts") or []:
        evidence = {str(e.get("side")): e.get("sentences") or [] for e in conflict.get("evidence") or []}
        sides = [{**side, "sentences": evidence.get(str(side.get("value")), [])} for side in conflict.get("sides") or []]
        shown.append({**conflict, "sides": sides})
    return shown


def facts_table(story: dict) -> list[dict]:
    return [{"id": f.get("id"), "kind": f.get("kind"), "value": value_text(f.get("kind", ""), f.get("value")),
             "support": f.get("independent_support", 0), "mentions": len(f.get("mentions") or []),
             "articles": sorted({m.get("article") for m in f.get("mentions") or [] if m.get("article")}),
             "said": sorted({m.get("text", "") for m in f.get("mentions") or []})[:4],
             "explanation": f.get("explanation") or ""} for f in story.get("facts") or []]


def story_view(story: dict, articles: dict[str, dict], compact_map: bool = False) -> dict:
    rows = sources(story, articles)
    summary = summarize(story, articles)
    story_places = places(story)
    story_routes = routes(story, story_places)
    events = timeline(story)
    return {"story": story, "headline": summary.headline, "summary": summary, "sources": rows,
            "numbers": {r["article"]: r["n"] for r in rows}, "coverage": coverage(rows),
            "graph": provenance_graph(story, rows),
            "brief": [b for b in story.get("brief") or [] if b.get("section", "brief") == "brief"],
            "disputed_sentences": [b for b in story.get("brief") or [] if b.get("section") == "disputed"],
            "conflicts": conflicts(story), "quotes": quote_ledger(story),
            "single_source": story.get("single_source") or [], "timeline": events,
            "timeline_axis": timeline_axis(events),
            "places": story_places, "routes": story_routes,
            "map": map_view(story_places, compact_map, story_routes) if any(p["located"] for p in story_places) else None,
            "facts": facts_table(story), "people": sorted(summarize_people(story).items())}


def summarize_people(story: dict) -> dict[str, str]:
    from newsfuse.serve.derive import people_of
    return {name: key for key, name in people_of(story).items()}


def highlighted_body(article: dict, stories: list[dict]) -> list[list[tuple[str, str | None]]]:
    """The article's paragraphs in runs of (text, kind): each fact and quote the stories found in it marked."""
    spans: dict[str, str] = {}
    for story in stories:
        for fact in story.get("facts") or []:
            for mention in fact.get("mentions") or []:
                if mention.get("article") == article.get("id") and len(mention.get("text") or "") > 1:
                    spans.setdefault(mention["text"], str(fact.get("kind")))
        for quote in story.get("quotes") or []:
            for mention in quote.get("mentions") or []:
                if mention.get("article") == article.get("id") and len(mention.get("text") or "") > 1:
                    spans[mention["text"]] = "quote"
    pattern = re.compile("|".join(re.escape(s) for s in sorted(spans, key=len, reverse=True))) if spans else None
    paragraphs = []
    for paragraph in article.get("body") or []:
        paragraph = str(paragraph)
        runs: list[tuple[str, str | None]] = []
        at = 0
        for match in pattern.finditer(paragraph) if pattern else ():
            if match.start() > at:
                runs.append((paragraph[at:match.start()], None))
            runs.append((match.group(), spans[match.group()]))
            at = match.end()
        if at < len(paragraph):
            runs.append((paragraph[at:], None))
        paragraphs.append(runs)
    return paragraphs


def article_view(article: dict, stories: list[dict]) -> dict:
    links = []
    for story in stories:
        for relation in _relations(story).get(article.get("id"), []):
            links.append({**relation, "story": story.get("id")})
    return {"article": article, "outlet": article_outlet(article), "date": article_date(article),
            "url": safe_url(article.get("url")), "stories": [{"id": s.get("id"), "headline": s.get("headline") or "Untitled story",
                         "articles": len(s.get("articles") or [])} for s in stories],
            "links": links, "paragraphs": highlighted_body(article, stories)}


def person_view(key: str, stories: list[dict]) -> dict | None:
    """A person's quotations across stories, and the stories that name them."""
    name, quotations = None, []
    for story in stories:
        for quote in story.get("quotes") or []:
            speaker = quote.get("speaker")
            if isinstance(speaker, str) and person_key(speaker) == key:
                name = name or speaker
                quotations.append({"story": story.get("id"), "headline": story.get("headline") or "Untitled story",
                                   "text": quote.get("text"), "support": quote.get("independent_support", 0),
                                   "articles": sorted({m.get("article") for m in quote.get("mentions") or []})})
        for fact in story.get("facts") or []:
            value = fact.get("value") or {}
            if fact.get("kind") == "person" and isinstance(value.get("name"), str) and person_key(value["name"]) == key:
                name = name or value["name"]
    if name is None:
        return None
    return {"name": name, "key": key, "quotes": quotations,
            "stories": [{"id": s.get("id"), "headline": s.get("headline") or "Untitled story",
                         "event_date": s.get("event_date")} for s in stories]}


def place_view(key: str, stories: list[dict], index_rows: list[dict]) -> dict | None:
    value = None
    for story in stories:
        for place in places(story):
            if place["key"] == key:
                value = value or place
    if value is None:
        return None
    return {"key": key, "label": value["label"], "value": value["value"], "stories": index_rows,
            "map": map_view([{**value, "support": 1}]) if value["located"] else None}
