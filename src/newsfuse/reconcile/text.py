"""Text helpers for reconciliation: sentences, content words, windows and TF-IDF similarity."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii
from scipy import sparse


WORD = re.compile(r"[\w][\w'’-]*", re.UNICODE)
SENTENCE_END = re.compile(r"[.!?]+[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9\u00C0-\u024F\u0400-\u04FF])")
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col sgt capt rep sen gov st no vs jan feb mar apr jun jul aug sep sept oct "
    "nov dec jr sr inc corp co ltd approx dept fig est mt ft".split())
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having
he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
nor not now of off on once only or other our ours ourselves out over own same she should so some such than
that the their theirs them themselves then there these they this those through to too under until up very
was we were what when where which while who whom why will with would you your yours yourself yourselves
said says say told according mr ms may might must shall also already even still however yet amid
""".split())
MASK = "___"


@dataclass(frozen=True)
class SentenceSpan:
    """A sentence of an article with its character offsets in ``Article.text``."""

    article: str
    index: int
    start: int
    end: int
    text: str


def words(text: str) -> list[str]:
    """Lower-cased word tokens."""
    return [w.lower().replace("’", "'") for w in WORD.findall(text)]


IRREGULAR = {  # common irregular English verb forms and their base forms
    "met": "meet", "held": "hold", "took": "take", "gave": "give", "went": "go", "sent": "send", "made": "make",
    "left": "leave", "told": "tell", "began": "begin", "begun": "begin", "brought": "bring", "fought": "fight",
    "struck": "strike", "won": "win", "lost": "lose", "found": "find", "led": "lead", "fled": "flee",
    "spoke": "speak", "wrote": "write", "shot": "shoot", "flew": "fly", "ran": "run", "saw": "see",
    "came": "come", "kept": "keep", "sold": "sell", "paid": "pay", "built": "build", "fell": "fall",
}


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light English suffix stripper, enough to equate inflections (delivery/deliveries,
    rescue/rescued, ship/shipped, meeting/met)."""
    word = IRREGULAR.get(word, word)
    root = word
    for suffix, replacement in (("ies", "y"), ("ves", "f"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            root = word[: -len(suffix)] + replacement
            if suffix in ("ing", "ed") and len(root) > 3 and root[-1] == root[-2]:
                root = root[:-1]  # shipped -> ship
            break
    return root[:-1] if len(root) > 4 and root.endswith("e") else root


def common_words(text: str) -> set[str]:
    """Stems of lower-case content words (common nouns, verbs; not names) in ``text``."""
    return {stem(t.lower()) for t in WORD.findall(text)
            if t.islower() and t not in STOPWORDS and len(t) > 2 and t != MASK}


def content_words(text: str) -> list[str]:
    """Stems of the words that carry meaning (no stopwords, no one-letter tokens)."""
    return [stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1]


def romanised_key(name: str) -> str:
    """A name in ASCII, lower case, without punctuation or a leading "the"."""
    plain = "".join(c if c.isalnum() else " " for c in anyascii(name).lower().replace(".", ""))
    tokens = plain.split()
    return " ".join(tokens[1:] if tokens[:1] == ["the"] and len(tokens) > 1 else tokens)


def _ends_with_abbreviation(text: str) -> bool:
    token = text.rstrip().rstrip(".!?\"”’)]").split()[-1:] or [""]
    last = token[0].lower().strip("(\"“")
    return last in ABBREVIATIONS or len(last) == 1 or "." in last


def split_sentences(article_id: str, paragraphs: list[str]) -> list[SentenceSpan]:
    """Sentences of an article body, with offsets into ``"\\n\\n".join(paragraphs)``."""
    spans: list[SentenceSpan] = []
    offset = 0
    for paragraph in paragraphs:
        start = 0
        for match in SENTENCE_END.finditer(paragraph):
            if _ends_with_abbreviation(paragraph[start:match.start() + 1]):
                continue
            _add_span(spans, article_id, paragraph, offset, start, match.end())
            start = match.end()
        _add_span(spans, article_id, paragraph, offset, start, len(paragraph))
        offset += len(paragraph) + 2
    return spans


def _add_span(spans: list[SentenceSpan], article_id: str, paragraph: str, offset: int, start: int, end: int) -> None:
    text = paragraph[start:end].strip()
    if text:
        begin = offset + start + (len(paragraph[start:end]) - len(paragraph[start:end].lstrip()))
        spans.append(SentenceSpan(article_id, len(spans), begin, begin + len(text), text))


def words_before(sentence: str, surface: str, width: int) -> set[str]:
    """Common-word stems in the ``width`` words before ``surface``: what a place or amount attaches to."""
    position = sentence.find(surface) if surface else -1
    return common_words(" ".join(sentence[:position].split()[-width:])) if position > 0 else set()


def mention_window(sentence: str, surface: str, width: int) -> str:
    """The words around ``surface`` in ``sentence``, with the mention itself masked."""
    position = sentence.find(surface) if surface else -1
    if position < 0:
        return " ".join(sentence.split()[: 2 * width])
    before = sentence[:position].split()[-width:]
    after = sentence[position + len(surface):].split()[:width]
    return " ".join(before + [MASK] + after)


def tfidf_vectors(texts: list[str]) -> sparse.csr_matrix:
    """Unit-length TF-IDF rows over content-word stems (sparse: a sentence's dot product with
    another is their cosine similarity)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not any(content_words(t) for t in texts):
        return sparse.csr_matrix((len(texts), 1))
    vectorizer = TfidfVectorizer(tokenizer=content_words, lowercase=False, token_pattern=None, sublinear_tf=True)
    return vectorizer.fit_transform(texts).tocsr()  # rows are L2-normalised by default
