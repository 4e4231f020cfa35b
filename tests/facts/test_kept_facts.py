"""Kept finds (issue 22): the finders' results kept with an article's parse give every story the
facts it gets without them, also when a story is joined by new articles (places and dates found
again only where their story context changed); a changed finder fingerprint finds everything
again; mentions read back are new objects each time, kept before the story-level passes."""
from __future__ import annotations

import copy
import json
import pickle
import zlib
from collections import Counter, defaultdict

import pytest

import newsfuse.facts as facts
import newsfuse.facts.kept as kept
from newsfuse.config import FactsConfig
from newsfuse.facts import extract_facts
from newsfuse.facts.kept import finds_bytes, finds_from_bytes, finds_key
from newsfuse.facts.nlp import parse_texts
from newsfuse.model import Article, Story
from newsfuse.reconcile import reconcile_story


class DictStore:
    """A ``ParseStore`` in memory."""

    def __init__(self):
        self.parses: dict[str, bytes] = {}
        self.finds: dict[str, bytes] = {}

    def stored_parses(self, keys):
        return {key: self.parses[key] for key in keys if key in self.parses}

    def keep_parses(self, parses, model):
        self.parses.update(parses)

    def stored_finds(self, keys):
        return {key: self.finds[key] for key in keys if key in self.finds}

    def keep_finds(self, finds):
        self.finds.update(finds)


def _ecb_stories(shared_dir, count: int, size: int) -> tuple[list[Story], dict[str, Article]]:
    """``count`` ECB+ dev topics of ``size`` articles each, as stories."""
    topics: dict[str, list[Article]] = defaultdict(list)
    for line in (shared_dir / "data" / "ecbplus" / "dev.jsonl").read_text().splitlines():
        row = json.loads(line)
        if len(topics[row["topic"]]) < size:
            topics[row["topic"]].append(Article(
                id=row["doc_id"], source="ecbplus", title=row.get("title"),
                body=[p for p in row["text"].split("\n") if p.strip()], published="2024-03-05"))
    chosen = [members for members in topics.values() if len(members) == size][:count]
    stories = [Story(id=f"s{n}", articles=[a.id for a in members]) for n, members in enumerate(chosen)]
    return stories, {a.id: a for members in chosen for a in members}


def _derived(stories: list[Story], articles: dict[str, Article], store: DictStore | None,
             n_process: int = 1) -> list[dict]:
    """Each story's facts (mentions, and the reconciled story's JSON)."""
    stories = copy.deepcopy(stories)
    extract_facts(stories, articles, FactsConfig(n_process=n_process, min_docs_per_process=0), store)
    found = [(s.event_date, repr(s.fact_mentions), repr(s.quote_mentions)) for s in stories]
    for story in stories:
        reconcile_story(story, articles)
    return [(mentions, story.to_dict()) for mentions, story in zip(found, stories)]


@pytest.fixture
def finder_calls(monkeypatch) -> dict[str, int]:
    """How often each finder runs."""
    calls: dict[str, int] = defaultdict(int)

    def counted(name, finder):
        def run(*args, **kwargs):
            calls[name] += 1
            return finder(*args, **kwargs)
        return run
    for name in ("places_and_reliance", "find_dates", "find_quotes"):
        monkeypatch.setattr(facts, name, counted(name, getattr(facts, name)))
    monkeypatch.setattr(facts, "FINDERS", tuple(counted(f.__name__, f) for f in facts.FINDERS))
    return calls


def test_stories_derived_from_kept_finds_equal_stories_derived_without(shared_dir, finder_calls):
    stories, articles = _ecb_stories(shared_dir, 4, 3)
    without = _derived(stories, articles, None)
    store = DictStore()
    first = _derived(stories, articles, store)
    assert len(store.finds) == len(articles)
    finder_calls.clear()
    second = _derived(stories, articles, store)
    assert not finder_calls  # every finder's result read back
    assert any(m[1] != "[]" for m, _ in without)
    assert first == without and second == without


def test_a_joined_story_equals_its_derivation_without_kept_finds(shared_dir, finder_calls):
    stories, articles = _ecb_stories(shared_dir, 2, 5)
    earlier = [Story(id=s.id, articles=s.articles[:3]) for s in stories]
    store = DictStore()
    _derived(earlier, articles, store)
    finder_calls.clear()
    joined = _derived(stories, articles, store)
    # the stored members' context-free finders were not run again; only the new members'
    assert finder_calls["find_people"] == finder_calls["find_quotes"] == 2 * 2
    assert finder_calls["places_and_reliance"] <= 2 * 5 and finder_calls["find_dates"] <= 2 * 5
    assert joined == _derived(stories, articles, None)


def test_the_worker_pool_reads_and_keeps_finds(shared_dir):
    stories, articles = _ecb_stories(shared_dir, 3, 2)
    store = DictStore()
    first = _derived(stories, articles, store, n_process=2)
    assert len(store.finds) == len(articles)
    assert _derived(stories, articles, store, n_process=2) == first == _derived(stories, articles, None)


def test_a_changed_fingerprint_finds_everything_again(shared_dir, finder_calls, monkeypatch):
    stories, articles = _ecb_stories(shared_dir, 1, 3)
    store = DictStore()
    before = _derived(stories, articles, store)
    finder_calls.clear()
    monkeypatch.setattr(kept, "finder_fingerprint", lambda: "another version of the finders")
    after = _derived(stories, articles, store)
    assert finder_calls["find_people"] == finder_calls["find_dates"] == finder_calls["find_quotes"] == 3
    assert len(store.finds) == 2 * len(articles)  # kept under new keys, the old ones never read
    assert after == before


def test_the_fingerprint_covers_the_finders_code_and_data():
    assert kept.finder_fingerprint() == kept.finder_fingerprint.__wrapped__()
    files = {p.name for p in kept.FACTS_PACKAGE.rglob("*") if p.is_file()}
    assert {"people.py", "quantities.py", "quotes.py", "landmarks.py", "gazetteer.tsv.gz"} <= files
    assert finds_key("a", "Some text.") != finds_key("b", "Some text.") != finds_key("a", "Other text.")


def test_mentions_read_back_are_fresh_objects_kept_before_linking(shared_dir):
    stories, articles = _ecb_stories(shared_dir, 1, 3)
    store = DictStore()
    linked = copy.deepcopy(stories)
    extract_facts(linked, articles, FactsConfig(n_process=1), store)
    row = store.finds[finds_key(stories[0].articles[0], articles[stories[0].articles[0]].text)]
    one, two = finds_from_bytes(row), finds_from_bytes(row)
    assert one.own and all(a is not b and a == b for a, b in zip(one.own, two.own))
    for mention in one.own:
        mention.key, mention.context["changed"] = "changed", True
    assert all(m.key != "changed" and "changed" not in m.context for m in finds_from_bytes(row).own)
    # kept as the finders return them, before link_people sets keys across the story
    doc = parse_texts([articles[stories[0].articles[0]].text])[0]
    own = [m for finder in facts.FINDERS for m in finder(stories[0].articles[0], doc)]
    assert repr(finds_from_bytes(row).own) == repr(own)
    # deriving the story twice from the same row shares no mention object between the two
    a, b = copy.deepcopy(stories), copy.deepcopy(stories)
    extract_facts(a, articles, FactsConfig(n_process=1), store)
    extract_facts(b, articles, FactsConfig(n_process=1), store)
    assert not {id(m) for m in a[0].fact_mentions} & {id(m) for m in b[0].fact_mentions}


def test_kept_finds_load_only_mention_classes():
    held = finds_from_bytes(finds_bytes(kept.ArticleFinds((), [], [], None, [], [])))
    assert held.own == [] and held.dates_context is None
    with pytest.raises(pickle.UnpicklingError):
        finds_from_bytes(zlib.compress(pickle.dumps(((), [], [], None, [], [copy.copy]))))


def test_places_that_never_fell_back_on_the_story_are_reused_in_any_story(monkeypatch):
    """An article whose place names back one another ("Lyon", "France", "Germany") keeps its places whatever its
    story names; one whose name needs the story's countries ("Springfield") finds them again when
    the countries change, and not when only their counts do."""
    texts = {"own": "Floods hit Lyon in France on Monday, and rescuers from Germany worked through the night.",
             "relies": "Floods hit Springfield on Monday, and rescuers worked through the night."}
    docs = dict(zip(texts, parse_texts(list(texts.values()))))
    calls: dict[str, int] = defaultdict(int)
    finder = facts.places_and_reliance

    def counted(article_id, doc, countries):
        calls[article_id] += 1
        return finder(article_id, doc, countries)
    monkeypatch.setattr(facts, "places_and_reliance", counted)
    first = {a: facts.article_finds(a, doc, Counter({"US": 1}), None) for a, doc in docs.items()}
    assert first["own"].places_context is None and first["relies"].places_context == ("US",)
    for countries in (Counter({"US": 4}), Counter({"US": 1, "CA": 2})):
        again = {a: facts.article_finds(a, doc, countries, None, finds_from_bytes(finds_bytes(first[a])))
                 for a, doc in docs.items()}
        assert repr(again["own"].places) == repr(first["own"].places)
    assert calls == {"own": 1, "relies": 2}  # the second story's countries differ; the counts alone did not
