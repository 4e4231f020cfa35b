"""Per-page limits in extraction (RELIABILITY.md F2, F3, F6): one page cannot hang
or sink a batch, and what extraction passes on is article-sized."""
from __future__ import annotations

import resource
import signal
import time
from pathlib import Path

import pytest

from newsfuse.config import Config, ExtractConfig
from newsfuse.extract import NoArticleError, PageLimitError, extract_document
from newsfuse.model import InputError, RawDocument
from newsfuse.pipeline import extract_inputs
from newsfuse.read import read_inputs

REPRO = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "reliability-repro"
SENTENCE = "The minister said on Monday that twelve people had died in the fire at the port, officials reported. "


@pytest.fixture(scope="module")
def repro() -> Path:
    if not REPRO.is_dir():
        pytest.skip(f"{REPRO} not found")
    return REPRO.resolve()


def _document(repro: Path, name: str) -> RawDocument:
    [document] = read_inputs([repro / name])
    return document


def _batch(repro: Path, name: str, config: Config) -> tuple[list[str], list[InputError]]:
    errors: list[InputError] = []
    paths = [repro / "good.txt", repro / name, repro / "good2.txt"]
    return [a.id for a in extract_inputs(paths, config, errors.append)], errors


def test_a_slow_page_is_stopped_at_the_time_limit_and_the_batch_goes_on(repro):
    config = Config(extract=ExtractConfig(max_seconds=1.0))
    started = time.monotonic()
    ids, errors = _batch(repro, "noscript_8000.html", config)  # 8 s of jusText without a limit
    assert time.monotonic() - started < 5
    assert ids == ["good", "good2"]
    assert len(errors) == 1 and "took longer than 1 s" in errors[0].message


def test_a_page_past_the_memory_limit_is_skipped_and_the_limit_is_lifted_after():
    before = resource.getrlimit(resource.RLIMIT_AS)
    dump = (SENTENCE + "\n") * 150_000  # 15 MB: its line features need far more than 5
    with pytest.raises(PageLimitError, match="memory"):
        extract_document(RawDocument(id="big", source="big.txt", kind="text", content=dump),
                         ExtractConfig(max_memory_bytes=5_000_000))
    assert resource.getrlimit(resource.RLIMIT_AS) == before
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.default_int_handler, None)


@pytest.mark.parametrize("name", ["long_article_1.2MB.html", "long_paragraph_950k.html"])
def test_an_article_longer_than_later_stages_take_is_one_line(repro, name):
    ids, errors = _batch(repro, name, Config())
    assert ids == ["good", "good2"]
    assert len(errors) == 1 and "article too long" in errors[0].message


def test_runs_without_spaces_longer_than_a_word_are_dropped(repro):
    article = extract_document(_document(repro, "amp_chain_459KB.html"))
    assert max(len(word) for paragraph in article.body for word in paragraph.split()) <= ExtractConfig().max_token_chars


def test_dropping_a_blob_keeps_text_dump_line_numbers_in_step():
    blob = "A" * 5000
    content = "\n".join(["Home", SENTENCE, blob, SENTENCE + "Again.", f"See {blob} here. " + SENTENCE])
    article = extract_document(RawDocument(id="d", source="d.txt", kind="text", content=content))
    assert len(article.body) == len(article.body_lines)
    assert all(len(w) <= 500 for p in article.body for w in p.split())


def test_the_limits_apply_to_every_caller_and_keep_an_outer_timer():
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(1))
    signal.setitimer(signal.ITIMER_REAL, 0.5)
    try:
        with pytest.raises(NoArticleError):
            extract_document(RawDocument(id="e", source="e.txt", kind="text", content="Menu\nHome\n"))
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0
        time.sleep(0.6)
        assert fired == [1]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_a_feed_outlet_is_carried_onto_the_article():
    document = RawDocument(id="o", source="feed.jsonl:1", kind="text", content=SENTENCE * 3, outlet="The Harbour Gazette")
    article = extract_document(document)
    assert article.outlet == "The Harbour Gazette" and article.to_dict()["outlet"] == "The Harbour Gazette"
