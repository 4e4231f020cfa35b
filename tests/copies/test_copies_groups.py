"""Independent groups are the connected components of copy relations."""
import random

from newsfuse.copies import independent_groups, provenance_for, set_provenance
from newsfuse.model import Relation, Story


def test_chain_of_relations_is_one_group_and_others_stay_alone():
    relations = [Relation("b", "a", "copy"), Relation("c", "b", "excerpt")]
    assert independent_groups(["a", "b", "c", "d"], relations) == [["a", "b", "c"], ["d"]]


def test_no_relations_gives_one_group_per_article():
    assert independent_groups(["x", "y"], []) == [["x"], ["y"]]


def test_provenance_keeps_only_relations_inside_the_story_and_counts_groups():
    relations = [Relation("a", "b", "version"), Relation("c", "z", "copy")]
    provenance = provenance_for(["a", "b", "c"], relations)
    assert [(r.source, r.target) for r in provenance.relations] == [("a", "b")]
    assert provenance.independent_groups == [["a", "b"], ["c"]]
    assert provenance.support(["a", "b"]) == 1
    assert provenance.support(["a", "b", "c"]) == 2


def test_set_provenance_gives_each_story_the_relations_among_its_articles_in_their_order():
    rng = random.Random(3)
    ids = [f"a{n}" for n in range(40)]
    relations = [Relation(*rng.sample(ids, 2), rng.choice(["copy", "version", "excerpt"])) for _ in range(120)]
    stories = [Story(id=f"s{n}", articles=sorted(rng.sample(ids, rng.randint(1, 12)))) for n in range(15)]
    set_provenance(stories, relations)
    assert any(s.provenance.relations for s in stories) and any(not s.provenance.relations for s in stories)
    for story in stories:
        inside = [r for r in relations if r.source in story.articles and r.target in story.articles]
        assert story.provenance.relations == inside
        assert story.provenance.independent_groups == independent_groups(story.articles, inside)
