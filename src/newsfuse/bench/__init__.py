"""Benchmark commands (``newsfuse bench NAME``): throughput and peak memory,
with an in-process baseline where one exists. One module per stage, each with
``add_arguments(parser)`` and ``main(args) -> int``."""
