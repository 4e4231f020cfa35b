"""Independent groups are the connected components of copy relations."""
from newsfuse.copies import independent_groups, provenance_for
from newsfuse.model import Relation


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
