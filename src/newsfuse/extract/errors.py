"""Errors of the extract stage."""


class NoArticleError(ValueError):
    """The page holds no article text."""


class PageLimitError(NoArticleError):
    """The page went past a per-page limit (time, memory, length); it is skipped like a page with no article."""
