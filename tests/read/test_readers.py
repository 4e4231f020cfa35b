"""Readers: every input format becomes RawDocument; bad inputs become InputError."""
from __future__ import annotations

import gzip
import io
import json

from warcio.warcwriter import WARCWriter
from warcio.statusandheaders import StatusAndHeaders

from newsfuse.model import InputError, RawDocument
from newsfuse.read import document_id, read_inputs

PAGE = "<html><body><h1>Title</h1><p>Body text of the page.</p></body></html>"


def _read(*paths):
    items = list(read_inputs(paths))
    return ([i for i in items if isinstance(i, RawDocument)], [i for i in items if isinstance(i, InputError)])


def test_document_id_drops_every_extension(tmp_path):
    assert document_id(tmp_path / "000_ab12.html.gz") == "000_ab12"
    assert document_id(tmp_path / "page.txt") == "page"


def test_folder_is_read_recursively_with_kinds(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.html").write_text(PAGE)
    (tmp_path / "two.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (tmp_path / "three.txt").write_text("Menu\nA line of text.\n")
    (tmp_path / "notes.md").write_text("a file of another extension is sniffed")
    documents, errors = _read(tmp_path)
    assert not errors
    assert {(d.id, d.kind) for d in documents} == {("one", "html"), ("two", "html"), ("three", "text"), ("notes.md", "text")}


def test_legacy_encodings_are_detected(tmp_path):
    text = "<html><body><p>北朝鮮がロシアに武器を送ったと米政府は発表した。これは長い文章です。</p></body></html>"
    (tmp_path / "sjis.html").write_bytes(text.encode("shift_jis"))
    (tmp_path / "korean.txt").write_bytes("북한이 러시아에 컨테이너를 보냈다고 백악관이 밝혔다. 긴 문장입니다.".encode("euc-kr"))
    documents, errors = _read(tmp_path)
    assert not errors
    contents = {d.id: d.content for d in documents}
    assert "北朝鮮" in contents["sjis"]
    assert "백악관" in contents["korean"]


def test_jsonl_rows_and_a_broken_line(tmp_path):
    feed = tmp_path / "feed.jsonl"
    rows = [
        json.dumps({"id": "r1", "url": "https://x.example/1", "html": PAGE, "published": "2024-05-01"}),
        "{not json",
        json.dumps({"id": "r2", "text": "Plain article text.", "title": "Given title"}),
        json.dumps({"id": "r3"}),
    ]
    feed.write_text("\n".join(rows) + "\n")
    documents, errors = _read(feed)
    assert [(d.id, d.kind) for d in documents] == [("r1", "html"), ("r2", "text")]
    assert documents[0].published == "2024-05-01" and documents[1].title == "Given title"
    assert [e.source for e in errors] == [f"{feed}:2", f"{feed}:4"]
    assert "not JSON" in errors[0].message


def test_warc_response_records(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record("https://news.example/a", "response",
                                           payload=io.BytesIO(PAGE.encode()), http_headers=headers)
        writer.write_record(record)
        record_id = record.rec_headers.get_header("WARC-Record-ID").strip("<>").removeprefix("urn:uuid:")
    documents, errors = _read(path)
    assert not errors
    assert [(d.id, d.url, d.kind) for d in documents] == [(record_id, "https://news.example/a", "html")]


def test_bad_inputs_are_named_errors(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.html").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "broken.txt").symlink_to(tmp_path / "missing-target.txt")
    (tmp_path / "bad.html.gz").write_bytes(b"\x1f\x8b" + b"not really gzip")
    documents, errors = _read(tmp_path, tmp_path / "absent.html")
    assert not documents
    messages = {e.source.rsplit("/", 1)[-1]: e.message for e in errors}
    assert messages["empty.txt"] == "empty input"
    assert "binary" in messages["binary.html"]
    assert "cannot read" in messages["broken.txt"]
    assert "gzip" in messages["bad.html.gz"]
    assert messages["absent.html"] == "no such file or folder"
