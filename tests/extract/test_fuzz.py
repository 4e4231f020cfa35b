"""A seeded fuzz run through reading and extraction (issue 22; RELIABILITY.md F1, F3, F10, F12):
mutated HTML, text, JSONL, WARC and gzip inputs give articles or one-line errors,
never a traceback, a hang, silence or raw bytes on standard error."""
from __future__ import annotations

from newsfuse.bench.fuzz import mutant, run_fuzz
from newsfuse.config import Config, ExtractConfig

MUTANTS = 300


def test_three_hundred_mutants_give_no_traceback_hang_or_silence(capfd):
    config = Config(extract=ExtractConfig(max_seconds=10.0))  # no mutant needs 1 s; a hang is past 12 s
    report = run_fuzz(MUTANTS, seed=22, config=config, max_bytes=300_000)
    assert report.mutants == MUTANTS
    assert not report.tracebacks, report.tracebacks[0][1]
    assert not report.hangs and not report.silent and not report.multi_line_errors, report.summary()
    assert report.articles > MUTANTS // 4 and report.error_lines > MUTANTS // 4, report.summary()
    assert capfd.readouterr().err == ""


def test_mutants_are_reproducible_from_seed_and_number():
    assert mutant(17, 3, 100_000) == mutant(17, 3, 100_000)
    assert mutant(17, 3, 100_000) != mutant(18, 3, 100_000)
    kinds = {mutant(n, 3, 100_000)[0].split(".")[-1] for n in range(60)}
    assert {"jsonl", "warc", "gz"} <= kinds
