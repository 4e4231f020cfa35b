"""The report is built from the web application's templates: an index of the stories most covered first, each
story's sections with ids of its own, original links only over http(s), the same basemap, and nothing that
loads from elsewhere or runs."""
from __future__ import annotations

import re
from collections import Counter

from newsfuse.model import Article, Fact, Mention, Provenance, Quote, QuoteVariant, Story
from newsfuse.report import render_report

HOSTILE = "<script>window.__pwned=1</script>"


def _articles() -> dict[str, Article]:
    made = {
        "a": Article(id="a", source="a.html", title=f"Crates leave Karvik {HOSTILE}", body=["x"], published="2031-05-05",
                     url="https://a.example/news/crates"),
        "b": Article(id="b", source="b.html", title="Crates leave, port says", body=["y"], published="2031-05-06",
                     url="javascript:window.__pwned=2"),
        "c": Article(id="c", source="c.html", title="Glass factory opens", body=["z"], published="2031-06-10",
                     url="data:text/html,<script>alert(1)</script>"),
        "d": Article(id="d", source="d.html", title="Crates, a third report", body=["w"], published="2031-05-07"),
    }
    return made


def _stories() -> list[Story]:
    telmar = Fact("F1", "place", {"name": "Telmar", "country": "HR", "lat": 43.5, "lon": 16.4, "gazetteer_id": "g:1"},
                  [Mention("a", "Telmar"), Mention("b", "Telmar")], 2)
    quote = Quote("Q1", f"Mira Tal {HOSTILE}", "hold the timber", [Mention("a", "hold the timber")], 1,
                  [QuoteVariant("a", "hold the timber")])
    lonely = Story(id="S-one", articles=["c"], headline="Glass factory opens", event_date="2031-06-10",
                   provenance=Provenance(independent_groups=[["c"]]))
    covered = Story(id="S-two", articles=["a", "b", "d"], headline=f"Crates leave Karvik {HOSTILE}",
                    event_date="2031-05-05", provenance=Provenance(independent_groups=[["a"], ["b"], ["d"]]))
    covered.facts, covered.quotes = [telmar], [quote]
    lonely.facts = [Fact("F1", "place", {"name": "Orvane", "country": "FR", "lat": 45.0, "lon": 4.0,
                                         "gazetteer_id": "g:2"}, [Mention("c", "Orvane")], 1)]
    return [lonely, covered]  # the store's order: by date, the one-article story first


def test_index_lists_the_most_covered_story_first_and_links_into_the_page():
    html = render_report(_stories(), _articles())
    index = html[html.index('<nav class="index"'):html.index("</nav>")]
    assert re.findall(r'class="headline" href="(#s\d+)"', index) == ["#s1", "#s2"]
    assert index.index("Crates leave Karvik") < index.index("Glass factory opens")
    assert html.index('id="s1"') < html.index('id="s2"')
    assert '<details class="story" id="s1" open>' in html


def test_ids_are_unique_across_stories():
    html = render_report(_stories(), _articles())
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert ids and max(ids.values()) == 1, [i for i, n in ids.items() if n > 1]
    for target in re.findall(r'href="#([^"]+)"', html):
        assert target in ids, target


def test_original_links_are_http_only_and_nothing_points_into_an_application():
    html = render_report(_stories(), _articles())
    assert 'href="https://a.example/news/crates"' in html
    assert "javascript:" not in html and "data:text" not in html
    links = re.findall(r'(?:href|src)="([^"]*)"', html)
    assert all(link.startswith(("#", "https://", "http://")) or link == "data:," for link in links), links
    assert not re.search(r'href="/(article|person|place|story)/', html)


def test_self_contained_no_script_escaped_and_the_same_basemap():
    html = render_report(_stories(), _articles())
    assert "<script" not in html.lower() and " src=" not in html
    assert '<link rel="stylesheet"' not in html and "<style>" in html and "svg.map .land" in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "script-src" not in html or "default-src 'none'" in html
    assert html.count('<svg class="map"') == 2 and html.count('class="land') > 6  # Natural Earth countries
    assert "<title>newsfuse report</title>" in html


def test_long_lists_fold_in_the_report_only():
    from newsfuse.serve.templating import environment
    from newsfuse.serve.views import story_view
    from newsfuse.store.codec import story_from_dict
    articles = _articles()
    data = _stories()[1].to_dict()
    data["single_source"] = [{"article": "a", "text": f"Statement {n}."} for n in range(12)]
    html = render_report([story_from_dict(data)], articles)
    assert "Show all" not in html and html.count("Statement ") == 12  # one story: all shown
    others = [story_from_dict(dict(data, id=f"S-{n}", articles=["c"], single_source=[])) for n in range(3)]
    html = render_report([story_from_dict(data), *others], articles)
    assert "Show all 12 statements" in html and html.count("Statement ") == 12
    view = story_view(data, {a: articles[a].to_dict() for a in data["articles"]})
    page = environment().get_template("story.html.j2").render(v=view, title="t")
    assert '<details class="fold">' not in page and page.count("Statement ") == 12  # the web page shows all
