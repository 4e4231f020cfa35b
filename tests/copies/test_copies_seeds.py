"""The founding pages, read and extracted by the pipeline's own stages, give the gold's groups."""
import json

import pytest

from newsfuse.config import Config
from newsfuse.copies import provenance_for, trace_copies
from newsfuse.pipeline import extract_inputs


@pytest.fixture(scope="module")
def seed_articles(seeds_dir):
    errors = []
    articles = list(extract_inputs([seeds_dir], Config(), errors.append))
    assert not errors
    return articles


def short(article_id: str) -> str:
    return article_id.split("_", 1)[0]


def test_founding_pages_give_the_gold_independent_groups(seed_articles, seeds_gold):
    relations = trace_copies(seed_articles)
    provenance = provenance_for([a.id for a in seed_articles], relations)
    groups = sorted(sorted(short(a) for a in group) for group in provenance.independent_groups)
    assert groups == sorted(sorted(g) for g in seeds_gold["provenance"]["independent_groups"])


def test_founding_versions_are_typed_version_and_must_not_link_pairs_stay_apart(seed_articles, seeds_gold):
    relations = trace_copies(seed_articles)
    pairs = {frozenset((short(r.source), short(r.target))): r for r in relations}
    assert pairs[frozenset(("000", "001"))].relation == "version"
    for a, b in seeds_gold["provenance"]["must_not_link"]:
        assert frozenset((a, b)) not in pairs, json.dumps([a, b])
