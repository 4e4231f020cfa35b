"""Errors of the extract stage."""


class NoArticleError(ValueError):
    """The page holds no article text."""
