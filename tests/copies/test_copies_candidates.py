"""Shingles and candidate generation: deterministic hashes, quotation flags, and candidates
that MinHash LSH alone would miss (a short excerpt) or that a bucket cap must not drop."""
import random

from newsfuse.config import CopiesConfig
from newsfuse.copies.candidates import candidate_pairs
from newsfuse.copies.shingles import TOKEN_HASHES, WORD, hash_words, shingle_hashes, tokenize, words


def text_of(rng: random.Random, count: int) -> str:
    return " ".join(f"w{rng.randrange(5000)}" for _ in range(count))


def test_ascii_fast_path_gives_the_same_words_as_the_regular_expression():
    text = "He said: it's 1,000 km -- (AP) U.S. e-mail_x ok!"
    assert words(text) == WORD.findall(text.lower())
    assert words("Café “quoted” Korea’s") == ["café", "quoted", "korea", "s"]


def test_token_hashes_do_not_depend_on_the_cache():
    first = hash_words(["najin", "river"]).tolist()
    TOKEN_HASHES.clear()
    assert hash_words(["najin", "river"]).tolist() == first


def test_quoted_words_are_flagged_per_paragraph():
    tokens = tokenize(['He said "we will go" today.', 'An "unclosed quote', "plain text"])
    assert tokens.quoted.tolist() == [False, False, True, True, True, False, False, True, True, False, False]
    assert tokens.paragraph.tolist() == [0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2]


def test_shingles_of_a_short_text_are_one_hash():
    assert shingle_hashes(hash_words(["a", "b"]), 5).size == 1


def test_short_excerpt_of_a_long_text_is_a_candidate():
    rng = random.Random(1)
    long_text = text_of(rng, 1500)
    excerpt = " ".join(long_text.split()[:150])
    texts = [long_text, excerpt] + [text_of(rng, 300) for _ in range(20)]
    assert (0, 1) in candidate_pairs(texts, CopiesConfig())


def test_many_identical_copies_stay_connected_beyond_the_bucket_cap():
    rng = random.Random(2)
    config = CopiesConfig(max_bucket=5)
    story = text_of(rng, 300)
    pairs = candidate_pairs([story] * 12 + [text_of(rng, 300)], config)
    linked = {j for i, j in pairs if i == 0} | {i for i, j in pairs if j == 0}
    assert linked == set(range(1, 12))
    assert not any(12 in pair for pair in pairs)


def test_tokens_carry_their_sentence_and_a_paragraph_ends_a_sentence():
    tokens = tokenize(["Rain fell. Rivers rose! \u201cLeave now.\u201d Police said so", "Next day"])
    sentences = tokens.sentence.tolist()
    assert sentences[0] == sentences[1] != sentences[2] == sentences[3]  # Rain fell | Rivers rose
    assert sentences[3] != sentences[4] == sentences[5]  # "Leave now." starts a sentence
    assert sentences[5] != sentences[6] == sentences[7] == sentences[8]  # Police said so
    assert sentences[8] != sentences[9]  # the next paragraph
