"""``newsfuse eval extraction`` reports throughput after warm-up pages, their time apart as start-up."""
from __future__ import annotations

from newsfuse.eval import extraction


def _timed(seconds: list[float]) -> extraction.Tally:
    tally = extraction.Tally()
    for value in seconds:
        extraction._add_time(tally, value, value, len(seconds))
        tally.pages += 1
    return tally


def test_first_pages_of_a_long_run_are_start_up():
    tally = _timed([2.0, 0.5, 0.01, 0.02, 0.03])
    assert tally.start_cpu_seconds == 2.5
    assert tally.timed_pages == 3
    assert abs(tally.cpu_seconds - 0.06) < 1e-12


def test_a_run_no_longer_than_the_warm_up_counts_every_page():
    tally = _timed([1.0, 0.5][:extraction.WARMUP_PAGES])
    assert tally.start_cpu_seconds == 0.0
    assert tally.timed_pages == tally.pages


def test_speed_line_names_the_warm_up_and_the_start_up(capsys):
    extraction._print(_timed([2.0, 0.5, 0.01, 0.01]), "test set")
    speed = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("speed:"))
    assert speed.startswith("speed: 100.0 pages per CPU second")
    assert "after 2 warm-up pages" in speed and "start-up 2.50 CPU s" in speed
