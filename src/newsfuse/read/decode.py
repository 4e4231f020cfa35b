"""Bytes to text: gzip, encoding detection, and refusal of binary data."""
from __future__ import annotations

import gzip
import zlib

from charset_normalizer import from_bytes

from newsfuse.config import ReadConfig

SNIFF_BYTES = 65_536
MAX_CONTROL_SHARE = 0.02  # more control characters than this in a sample means binary


class DecodeError(ValueError):
    """The bytes are not a text page."""


def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > MAX_CONTROL_SHARE * max(len(sample), 1)


def load_bytes(data: bytes, config: ReadConfig, allow_gzip: bool = False) -> str:
    """Decode ``data`` to text, or raise ``DecodeError`` saying why not."""
    if allow_gzip and data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as error:
            raise DecodeError(f"broken gzip data: {error}") from error
    if not data.strip():
        raise DecodeError("empty input")
    if _looks_binary(data[:SNIFF_BYTES]):
        raise DecodeError("binary data, not a text or HTML page")
    if len(data) > config.max_bytes:
        raise DecodeError(f"too large for a page ({len(data):,} bytes, limit {config.max_bytes:,})")
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
