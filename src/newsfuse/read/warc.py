"""WARC files: every HTML or text response record becomes a document named by its record id.

Records are parsed here, not by warcio, so that a record of an unexpected shape
(no target URI, a non-http URI, a non-page content type, cut short) is one
error naming it, and a file broken part-way is one error after the records
before the break.
"""
from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeadersParser

from newsfuse.config import ReadConfig
from newsfuse.model import InputError, RawDocument
from newsfuse.read.decode import DecodeError, check_regular, clean_string, display_path, load_bytes

PAGE_RECORDS = ("response", "resource")
HTTP_SCHEMES = ("http://", "https://")
HTTP_PARSER = StatusAndHeadersParser(["HTTP/1.0", "HTTP/1.1"], verify=False)
T = TypeVar("T")


class _Noise(io.TextIOBase):
    """Stands in for standard error while warcio works: its warnings echo the file's raw
    bytes, so they are not shown; that there were any is reported as one line instead."""

    heard = False

    def write(self, text: str) -> int:
        self.heard = self.heard or bool(text)
        return len(text)


def _quietly(call: Callable[[], T], noise: _Noise) -> T:
    with contextlib.redirect_stderr(noise):
        return call()


def _record_id(record) -> str:
    raw = record.rec_headers.get_header("WARC-Record-ID") or ""
    return clean_string(raw.strip("<>").removeprefix("urn:uuid:"))


def read_warc(path: Path, config: ReadConfig) -> Iterator[RawDocument | InputError]:
    check_regular(path)
    name = display_path(path)
    with path.open("rb") as stream:
        records = iter(ArchiveIterator(stream, no_record_parse=True))
        count = pages = 0
        noise = _Noise()
        while True:
            try:
                record = _quietly(lambda: next(records), noise)
            except StopIteration:
                if noise.heard:
                    yield InputError(name, "damaged: records not where their lengths say, or broken compressed data")
                if not pages:
                    yield InputError(name, "no response or resource records")
                return
            except Exception as error:  # warcio raises many kinds on a damaged file
                after = f" after record {count}" if count else ""
                yield InputError(name, f"not a readable WARC file{after}: {type(error).__name__} {error}".rstrip())
                return
            count += 1
            if record.rec_type in PAGE_RECORDS:
                pages += 1
                try:
                    yield _quietly(lambda: _document(record, config), noise)
                except DecodeError as error:
                    yield InputError(f"{name}#{_record_id(record) or f'record {count}'}", str(error))


def _document(record, config: ReadConfig) -> RawDocument:
    """The page of one response or resource record; raises ``DecodeError`` saying why not."""
    url = clean_string(record.rec_headers.get_header("WARC-Target-URI") or "")
    if not url:
        raise DecodeError("record has no target URI")
    content_type = record.rec_headers.get_header("Content-Type") or ""
    if content_type.startswith("application/http"):
        if not url.lower().startswith(HTTP_SCHEMES):
            raise DecodeError(f"target URI is not an http(s) address: {url[:80]}")
        try:
            record.http_headers = HTTP_PARSER.parse(record.raw_stream)
        except Exception as error:  # warcio's parser raises several kinds on garbage
            raise DecodeError(f"unreadable HTTP headers: {error}") from error
        content_type = record.http_headers.get_header("Content-Type") or ""
    if "html" not in content_type and "text" not in content_type:
        raise DecodeError(f"not an HTML or text page ({content_type or 'no content type'}), skipped")
    try:
        data = record.content_stream().read(config.max_bytes + 1)
    except Exception as error:  # a broken compressed or chunked body
        raise DecodeError(f"unreadable record body: {error}") from error
    if len(data) <= config.max_bytes and getattr(record.raw_stream, "limit", 0) > 0:
        raise DecodeError("record is cut short (the file ends inside it)")
    return RawDocument(
        id=_record_id(record), source=url, kind="html" if "html" in content_type else "text",
        content=load_bytes(data, config), url=url,
        fetched_at=record.rec_headers.get_header("WARC-Date"),
    )
