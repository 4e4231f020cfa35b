"""Evaluation commands (``newsfuse eval NAME``): one module per stage, each with
``add_arguments(parser)`` and ``main(args) -> int``; metrics print last.
Modules whose names start with ``_`` hold shared helpers."""
