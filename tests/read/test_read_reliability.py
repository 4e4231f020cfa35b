"""Hostile and unusual inputs (RELIABILITY.md F1, F3, F4, F10, F11, F12): each bad
document is one named error, the rest of the batch is read."""
from __future__ import annotations

import gzip
import json
import os
import shutil
from pathlib import Path

import pytest

from newsfuse.config import ReadConfig
from newsfuse.model import InputError, RawDocument
from newsfuse.read import document_id, read_inputs

REPRO = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "reliability-repro"
PAGE = "<html><body><h1>Title</h1><p>Body text of the page.</p></body></html>"


@pytest.fixture(scope="module")
def repro() -> Path:
    if not REPRO.is_dir():
        pytest.skip(f"{REPRO} not found")
    return REPRO.resolve()


def _read(*paths, config=None):
    items = list(read_inputs(paths, config))
    return ([i for i in items if isinstance(i, RawDocument)], [i for i in items if isinstance(i, InputError)])


def _between_good(repro: Path, name: str, config=None):
    """Read one reproducer between two good pages: the batch must survive it."""
    documents, errors = _read(repro / "good.txt", repro / name, repro / "good2.txt", config=config)
    assert documents[0].id == "good" and documents[-1].id == "good2", name
    return documents[1:-1], errors


@pytest.mark.parametrize("name, field", [
    ("jsonl_title_int.jsonl", "title"), ("jsonl_title_list.jsonl", "title"),
    ("jsonl_url_int.jsonl", "url"), ("jsonl_url_list.jsonl", "url"),
    ("jsonl_published_int.jsonl", "published"), ("jsonl_published_list.jsonl", "published"),
])
def test_a_field_of_the_wrong_type_is_one_line_naming_the_row_and_field(repro, name, field):
    documents, errors = _between_good(repro, name)
    assert not documents
    assert len(errors) == 1
    assert errors[0].source.endswith(f"{name}:1") and f"'{field}'" in errors[0].message


@pytest.mark.parametrize("name", ["jsonl_bigint.jsonl", "jsonl_deep_array.jsonl"])
def test_json_that_python_cannot_load_is_one_line_and_the_next_row_is_read(repro, name):
    documents, errors = _between_good(repro, name)
    assert [d.id for d in documents] == ["b"]
    assert [e.source for e in errors] == [f"{repro / name}:1"]


@pytest.mark.parametrize("name", ["jsonl_truncated.jsonl.gz", "jsonl_corrupt_deflate.jsonl.gz"])
def test_a_damaged_gzip_feed_is_one_line(repro, name):
    documents, errors = _between_good(repro, name)
    assert not documents
    assert len(errors) == 1 and "gzip" in errors[0].message


@pytest.mark.parametrize("name", ["jsonl_surrogate.jsonl", "jsonl_surrogate_id.jsonl", "run_surrogate_dc80.jsonl"])
def test_lone_surrogates_become_replacement_characters(repro, name):
    documents, errors = _between_good(repro, name)
    assert not errors and len(documents) == 1
    document = documents[0]
    for text in (document.id, document.content, document.source):
        text.encode("utf-8")  # raised UnicodeEncodeError before
    assert "\ufffd" in document.id + document.content


def test_a_raw_line_separator_inside_a_row_is_not_a_line_break(repro):
    documents, errors = _between_good(repro, "jsonl_u2028.jsonl")
    assert not errors and [d.id for d in documents] == ["a"]
    assert "\u2028" in documents[0].content


def test_a_feed_larger_than_a_page_is_read_row_by_row(tmp_path):
    feed = tmp_path / "big.jsonl"
    row = {"id": "", "text": "A sentence of the article. " * 40}
    with feed.open("w") as stream:
        for number in range(300):
            stream.write(json.dumps(dict(row, id=f"r{number}")) + "\n")
    config = ReadConfig(max_bytes=10_000)  # the feed is about 330 KB, each row about 1 KB
    documents, errors = _read(feed, config=config)
    assert not errors and len(documents) == 300


def test_a_row_larger_than_a_page_is_one_line(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "huge", "text": "x " * 20_000}) + "\n" + json.dumps({"id": "small", "text": "ok"}) + "\n")
    documents, errors = _read(feed, config=ReadConfig(max_bytes=10_000))
    assert [d.id for d in documents] == ["small"]
    assert [e.source for e in errors] == [f"{feed}:1"] and "too large" in errors[0].message


def test_jsonl_rows_may_name_their_outlet(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "r1", "outlet": "The Harbour Gazette", "text": "Text."}) + "\n"
                    + json.dumps({"id": "r2", "outlet": 7, "text": "Text."}) + "\n")
    documents, errors = _read(feed)
    assert [(d.id, d.outlet) for d in documents] == [("r1", "The Harbour Gazette")]
    assert "'outlet'" in errors[0].message


@pytest.mark.parametrize("name, message", [
    ("warc_no_target_uri.warc", "no target URI"),
    ("truncated_in_header_of_record3.warc", "no target URI"),
])
def test_a_warc_record_of_an_unexpected_shape_is_one_line(repro, name, message):
    documents, errors = _between_good(repro, name)
    assert len(errors) == 1 and message in errors[0].message
    assert len(documents) == (2 if name.startswith("truncated") else 0)


def test_every_skipped_warc_record_is_one_line(repro):
    documents, errors = _between_good(repro, "non_html_records.warc")
    assert not documents
    assert sorted(e.message.split("(")[1].split(")")[0] for e in errors) == ["application/json", "application/pdf", "image/png"]
    documents, errors = _between_good(repro, "warc_js_target_uris.warc")
    assert [d.url for d in documents] == ["http://a.example/<script>x</script>"]
    assert len(errors) == 4 and all("not an http(s) address" in e.message for e in errors)


def test_a_warc_cut_inside_its_last_record_says_so(repro):
    documents, errors = _between_good(repro, "truncated_in_record3.warc.gz")
    assert len(documents) == 2
    assert len(errors) == 1 and "cut short" in errors[0].message


def test_a_gzip_bomb_is_refused_without_inflating_it(repro):
    import resource
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    documents, errors = _between_good(repro, "bomb_3GB.html.gz")
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert not documents and "too large" in errors[0].message
    assert grown_mb < 200


def test_ids_keep_dots_and_lose_only_known_extensions(tmp_path):
    assert document_id(tmp_path / "bbc.co.uk_news_01.txt") == "bbc.co.uk_news_01"
    assert document_id(tmp_path / "000_ab12.HTML.gz") == "000_ab12"
    assert document_id(tmp_path / "feed.v2.jsonl") == "feed.v2"
    assert document_id(tmp_path / "story.php") == "story.php"
    for number in range(3):
        (tmp_path / f"bbc.co.uk_news_0{number}.txt").write_text("A line of text.\n")
    documents, errors = _read(tmp_path)
    assert not errors and sorted(d.id for d in documents) == [f"bbc.co.uk_news_0{n}" for n in range(3)]


def test_files_of_other_extensions_in_a_folder_are_sniffed_or_reported(tmp_path):
    (tmp_path / "story.php").write_text(PAGE)
    (tmp_path / "article").write_text("Harbour reopens\nThe harbour reopened on Monday.\n")
    (tmp_path / "photo.jpg").write_bytes(bytes(range(256)) * 4)
    (tmp_path / ".hidden.html").write_text(PAGE)
    documents, errors = _read(tmp_path)
    assert sorted((d.id, d.kind) for d in documents) == [("article", "text"), ("story.php", "html")]
    assert [Path(e.source).name for e in errors] == ["photo.jpg"] and "binary" in errors[0].message


def test_a_file_name_that_is_not_utf8_is_read_under_a_printable_id(repro, tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(repro / "badname", folder)
    documents, errors = _read(folder)
    assert not errors and len(documents) == 1
    assert documents[0].id == "bad\ufffd" and documents[0].source.endswith("bad\ufffd.txt")
    documents[0].source.encode("utf-8")


def test_a_fifo_an_empty_argument_and_a_device_are_one_line_each(tmp_path):
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    documents, errors = _read(fifo, "", "/dev/zero")
    assert not documents
    assert [e.message for e in errors] == ["not a regular file", "an empty argument is not a file or folder",
                                           "not a regular file"]


def test_an_excluded_folder_inside_an_input_folder_is_not_read(tmp_path):
    (tmp_path / "page.html").write_text(PAGE)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "articles.jsonl").write_text(json.dumps({"id": "old", "text": "x"}) + "\n")
    items = list(read_inputs([tmp_path], exclude=[tmp_path / "out"]))
    assert [i.id for i in items] == ["page"]


def test_gzip_pages_may_have_several_members(tmp_path):
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(PAGE[:30].encode()) + gzip.compress(PAGE[30:].encode()))
    documents, errors = _read(tmp_path)
    assert not errors and documents[0].content == PAGE
