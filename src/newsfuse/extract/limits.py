"""Per-page limits, so that one page cannot hang or sink a batch.

``page_limits`` bounds the time (an interval timer) and the added address space
(``RLIMIT_AS``) of one extraction; both need the main thread and are left out
elsewhere. ``bound_body`` bounds what extraction passes on: later stages are
sized for articles, not for data blobs or books.
"""
from __future__ import annotations

import os
import re
import resource
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from newsfuse.config import ExtractConfig
from newsfuse.extract.errors import PageLimitError
from newsfuse.model import Article

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


class _Expired(BaseException):
    """Raised by the timer; a ``BaseException`` so that libraries' ``except Exception`` cannot swallow it."""


def _address_space() -> int | None:
    try:
        with open("/proc/self/statm") as stream:
            return int(stream.read().split()[0]) * PAGE_SIZE
    except (OSError, ValueError, IndexError):
        return None


def _expire(signum, frame) -> None:
    raise _Expired


@contextmanager
def page_limits(config: ExtractConfig) -> Iterator[None]:
    """Raise ``PageLimitError`` from the body when it runs past ``max_seconds`` or ``max_memory_bytes``."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    limits = resource.getrlimit(resource.RLIMIT_AS)
    used = _address_space()
    if used is not None:
        ceiling = used + config.max_memory_bytes
        soft, hard = limits
        for bound in (soft, hard):
            if bound != resource.RLIM_INFINITY:
                ceiling = min(ceiling, bound)
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    previous = signal.signal(signal.SIGALRM, _expire)
    start = time.monotonic()
    outer_delay, outer_interval = signal.setitimer(signal.ITIMER_REAL, config.max_seconds)
    try:
        yield
    except _Expired:
        raise PageLimitError(f"took longer than {config.max_seconds:g} s, skipped") from None
    except MemoryError:
        raise PageLimitError(f"needed more than {config.max_memory_bytes:,} bytes of memory, skipped") from None
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:  # the timer fires at most once, so this part always completes
            signal.signal(signal.SIGALRM, previous)
            resource.setrlimit(resource.RLIMIT_AS, limits)
            if outer_delay:  # a caller's own timer goes on
                remaining = max(outer_delay - (time.monotonic() - start), 1e-3)
                signal.setitimer(signal.ITIMER_REAL, remaining, outer_interval)


def bound_body(article: Article, config: ExtractConfig) -> None:
    """Drop runs without spaces longer than ``max_token_chars``; refuse a body over ``max_article_chars``."""
    long_run = re.compile(r"\S{%d,}" % (config.max_token_chars + 1))
    if any(long_run.search(paragraph) for paragraph in article.body):
        kept = []
        for index, paragraph in enumerate(article.body):
            cleaned = " ".join(long_run.sub(" ", paragraph).split()) if long_run.search(paragraph) else paragraph
            if cleaned:
                kept.append((index, cleaned))
        if article.body_lines is not None:
            article.body_lines = [article.body_lines[index] for index, _ in kept]
        article.body = [paragraph for _, paragraph in kept]
    length = sum(len(paragraph) for paragraph in article.body)
    if length > config.max_article_chars:
        raise PageLimitError(f"article too long ({length:,} characters, limit {config.max_article_chars:,}), skipped")
