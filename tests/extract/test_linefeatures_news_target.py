"""The news-body training target: list and teaser runs leave the body, prose and subheadings stay."""
import numpy as np

from newsfuse.extract.train import news_body_labels

PROSE = "The council approved the new budget on Tuesday after a long debate about schools."


def test_a_run_of_short_unpunctuated_body_lines_is_relabelled():
    lines = [PROSE, "Rent a car", "Book a guided tour", "Buy travel insurance", PROSE]
    labels = np.array([1, 1, 1, 1, 1])
    assert news_body_labels(lines, labels).tolist() == [1, 0, 0, 0, 1]


def test_subheadings_short_pairs_and_sentences_stay_body():
    lines = [PROSE, "What happens next", PROSE, "Two short", "lines only", PROSE, "Short.", "Yes it is.\u201d",
             "He said so!"]
    labels = np.ones(len(lines), dtype=np.int8)
    assert news_body_labels(lines, labels).tolist() == labels.tolist()


def test_a_run_needs_body_labels_throughout():
    lines = ["Menu", "Home", "Sports", "World", PROSE]
    labels = np.array([0, 1, 0, 1, 1])
    assert news_body_labels(lines, labels).tolist() == [0, 1, 0, 1, 1]
