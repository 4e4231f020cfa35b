"""WARC files: every HTML response record becomes a document named by its record id."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsfuse.config import ReadConfig
from newsfuse.model import InputError, RawDocument
from newsfuse.read.decode import DecodeError, load_bytes


def _record_id(record) -> str:
    raw = record.rec_headers.get_header("WARC-Record-ID") or ""
    return raw.strip("<>").removeprefix("urn:uuid:")


def read_warc(path: Path, config: ReadConfig) -> Iterator[RawDocument | InputError]:
    with path.open("rb") as stream:
        try:
            for record in ArchiveIterator(stream):
                if record.rec_type not in ("response", "resource"):
                    continue
                content_type = ""
                if record.http_headers is not None:
                    content_type = record.http_headers.get_header("Content-Type") or ""
                else:
                    content_type = record.rec_headers.get_header("Content-Type") or ""
                if "html" not in content_type and "text" not in content_type:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                record_id = _record_id(record)
                try:
                    text = load_bytes(record.content_stream().read(), config)
                except DecodeError as error:
                    yield InputError(f"{path}#{record_id}", str(error))
                    continue
                yield RawDocument(
                    id=record_id, source=url or str(path),
                    kind="html" if "html" in content_type else "text",
                    content=text, url=url,
                    fetched_at=record.rec_headers.get_header("WARC-Date"),
                )
        except ArchiveLoadFailed as error:
            yield InputError(str(path), f"not a readable WARC file: {error}")
