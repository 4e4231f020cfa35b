"""A mention's sentence is its evidence, bounded: a paragraph the parser cannot split (a page
without full stops) gives each mention the stretch around it, not the whole paragraph again, so
the output grows with the mentions, not with mentions times the paragraph's length."""
from __future__ import annotations

from newsfuse.facts import story_facts
from newsfuse.facts.nlp import MAX_SENTENCE_CHARS, load_nlp, parse_texts
from newsfuse.model import Article, Story

CLAUSE = "some 300 people left the harbour of Porto Vell on Monday while Anna Berg watched the storm "


def _mentions(text: str) -> list:
    article = Article(id="a", source="a", title="Storm", body=[text])
    story = Story(id="s", articles=["a"])
    story_facts(story, [article], {"a": parse_texts([article.text])[0]})
    return story.fact_mentions


def test_a_run_on_paragraph_gives_each_mention_a_bounded_stretch_around_it():
    text = CLAUSE * 80  # about 7,500 characters with no full stop: one sentence to the parser
    assert len(list(load_nlp()(text).sents)) == 1
    mentions = _mentions(text)
    assert len(mentions) > 20
    for found in mentions:
        sentence = found.mention.sentence
        assert 0 < len(sentence) <= MAX_SENTENCE_CHARS and sentence in text
        assert found.mention.text in sentence
        start = text.index(sentence)
        assert start == 0 or text[start - 1] == " "  # cut at spaces, not inside a word
        assert start + len(sentence) == len(text) or text[start + len(sentence)] == " "


def test_an_ordinary_sentence_is_kept_whole():
    text = "About 300 people left the harbour of Porto Vell on Monday, Anna Berg said. The storm passed."
    sentences = {m.mention.sentence for m in _mentions(text)}
    assert "About 300 people left the harbour of Porto Vell on Monday, Anna Berg said." in sentences
