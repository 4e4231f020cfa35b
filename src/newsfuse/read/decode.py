"""Bytes to text: bounded reading and gunzipping, encoding detection, refusal of binary data."""
from __future__ import annotations

import gzip
import os
import re
import stat
import zlib
from collections.abc import Iterator
from pathlib import Path

from charset_normalizer import from_bytes

from newsfuse.config import ReadConfig

SNIFF_BYTES = 65_536
MAX_CONTROL_SHARE = 0.02  # more control characters than this in a sample means binary
GZIP_MAGIC = b"\x1f\x8b"
CHUNK_BYTES = 1 << 20
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class DecodeError(ValueError):
    """The bytes are not a text page."""


def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > MAX_CONTROL_SHARE * max(len(sample), 1)


def _too_large(limit: int) -> DecodeError:
    return DecodeError(f"too large for a page (more than {limit:,} bytes)")


def check_regular(path: Path) -> None:
    """Refuse what is not a regular file (a FIFO would block, a device never ends)."""
    if not stat.S_ISREG(path.stat().st_mode):
        raise DecodeError("not a regular file")


def read_capped(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes."""
    check_regular(path)
    with path.open("rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise _too_large(limit)
    return data


def gunzip(data: bytes, limit: int) -> bytes:
    """Decompress gzip ``data`` (all members), refusing more than ``limit`` bytes of output."""
    parts: list[bytes] = []
    size = 0
    while data:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            part = inflater.decompress(data, limit + 1 - size)
        except zlib.error as error:
            raise DecodeError(f"broken gzip data: {error}") from error
        size += len(part)
        if size > limit:
            raise _too_large(limit)
        parts.append(part)
        if not inflater.eof:
            raise DecodeError("truncated gzip data")
        data = inflater.unused_data.lstrip(b"\x00")
    return b"".join(parts)


def _verify_gzip(raw, limit: int) -> None:
    """Read a gzip stream through once, so that a damaged file is refused before any of it is used."""
    size = 0
    try:
        with gzip.GzipFile(fileobj=raw) as stream:
            while chunk := stream.read(CHUNK_BYTES):
                size += len(chunk)
                if size > limit:
                    raise DecodeError(f"too large (more than {limit:,} bytes)")
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise DecodeError(f"broken or truncated gzip data: {error}") from error
    raw.seek(0)


def open_lines(path: Path, config: ReadConfig) -> Iterator[bytes | None]:
    """Lines of a file, gunzipped as it streams; ``None`` stands for a line longer than a page."""
    check_regular(path)
    with path.open("rb") as raw:
        gzipped = raw.read(2) == GZIP_MAGIC
        raw.seek(0)
        if gzipped:
            _verify_gzip(raw, config.max_feed_bytes)
        stream = gzip.GzipFile(fileobj=raw) if gzipped else raw
        total, too_long = 0, False
        while line := stream.readline(config.max_bytes + 1):
            total += len(line)
            if total > config.max_feed_bytes:
                raise DecodeError(f"too large (more than {config.max_feed_bytes:,} bytes)")
            if too_long or len(line) > config.max_bytes:
                if not too_long:
                    yield None
                too_long = not line.endswith(b"\n")  # skip to the end of the long line
                continue
            yield line


def load_bytes(data: bytes, config: ReadConfig, allow_gzip: bool = False) -> str:
    """Decode ``data`` to text, or raise ``DecodeError`` saying why not."""
    if allow_gzip and data[:2] == GZIP_MAGIC:
        data = gunzip(data, config.max_bytes)
    if not data.strip():
        raise DecodeError("empty input")
    if _looks_binary(data[:SNIFF_BYTES]):
        raise DecodeError("binary data, not a text or HTML page")
    if len(data) > config.max_bytes:
        raise _too_large(config.max_bytes)
    return decode_text(data)


def decode_text(data: bytes) -> str:
    """Decode text bytes: UTF-8 when valid, else the detected encoding."""
    try:
        return data.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("unknown text encoding")
    return str(best).lstrip("\ufeff")


def clean_string(text: str) -> str:
    """``text`` with lone surrogates (unencodable) replaced by U+FFFD."""
    return LONE_SURROGATE.sub("\ufffd", text) if LONE_SURROGATE.search(text) else text


def display_path(path: Path) -> str:
    """``path`` as text that can be printed and stored (undecodable bytes become U+FFFD)."""
    return clean_string(os.fsencode(path).decode("utf-8", "replace"))
