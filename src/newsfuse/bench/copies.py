"""Copy candidates at scale: documents per second for shingles, MinHash signatures and LSH, and peak memory.

Synthetic documents (~300 words drawn from a Zipf-like vocabulary; 2 % are
lightly edited copies of an earlier document, so LSH has pairs to find) are
made in chunks and fed to ``CandidateIndex``. Each size runs in a fresh child
process so that its peak memory (``ru_maxrss``) is its own; the idle child's
memory is printed as the baseline. Generating the text is not timed. A second
table compares the MinHash/LSH libraries on the same small sample: rensa's
matrix digests with our numpy banding (what newsfuse uses), rensa's own
RMinHashLSH, and datasketch's MinHash and MinHashLSH. The machine may be shared
with other jobs: timings are wall-clock and can vary between runs.
"""
from __future__ import annotations

import argparse
import time

WORDS_PER_DOCUMENT = 300
VOCABULARY_SIZE = 50_000
ZIPF_EXPONENT = 1.1
COPY_SHARE = 0.02
COPY_EDIT_RATE = 0.03
CHUNK = 5_000
SEED = 7


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated document counts (e.g. 10000,100000,1000000)")
    parser.add_argument("--compare", type=int, default=3000, help="documents for the library comparison (0: skip)")
    parser.add_argument("--workers", type=int, default=2, help="processes that sign chunks in parallel")


def _vocabulary() -> list[str]:
    import numpy as np

    rng = np.random.default_rng(SEED)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    lengths = rng.integers(2, 10, VOCABULARY_SIZE)
    return [f"{''.join(rng.choice(letters, n))}{i}" for i, n in enumerate(lengths)]


def synthetic_chunk(vocabulary: list[str], start: int, count: int) -> list[str]:
    """``count`` documents, deterministic for their position; some are edited copies of others."""
    import numpy as np

    rng = np.random.default_rng(SEED + start)
    ranks = np.arange(1, len(vocabulary) + 1, dtype=float) ** -ZIPF_EXPONENT
    ids = rng.choice(len(vocabulary), size=(count, WORDS_PER_DOCUMENT), p=ranks / ranks.sum())
    copies = np.flatnonzero(rng.random(count) < COPY_SHARE)
    copies = copies[copies > 0]
    originals = rng.integers(0, copies, copies.size) if copies.size else copies
    ids[copies] = ids[originals]
    edits = rng.random((copies.size, WORDS_PER_DOCUMENT)) < COPY_EDIT_RATE
    ids[copies] = np.where(edits, rng.integers(0, len(vocabulary), edits.shape), ids[copies])
    return [" ".join(map(vocabulary.__getitem__, row)) for row in ids.tolist()]


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _workers_peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _index_job(job: tuple[int, int]) -> tuple:
    """Generate one chunk and index it: (chunk index, wall seconds, CPU seconds) of the indexing."""
    from newsfuse.config import CopiesConfig
    from newsfuse.copies.candidates import index_chunk

    texts = synthetic_chunk(_cached_vocabulary(), *job)
    wall, cpu = time.perf_counter(), time.process_time()
    chunk = index_chunk(texts, CopiesConfig())
    return chunk, time.perf_counter() - wall, time.process_time() - cpu


_VOCABULARY: list[str] = []


def _cached_vocabulary() -> list[str]:
    if not _VOCABULARY:
        _VOCABULARY.extend(_vocabulary())
    return _VOCABULARY


def run_size(size: int, workers: int) -> dict:
    """Index ``size`` documents; wall-clock and CPU time of indexing and pair finding, and peak memory."""
    import multiprocessing
    from contextlib import nullcontext

    from newsfuse.config import CopiesConfig
    from newsfuse.copies.candidates import CandidateIndex

    _cached_vocabulary()
    baseline = _peak_mb()
    index = CandidateIndex(CopiesConfig())
    jobs = [(start, min(CHUNK, size - start)) for start in range(0, size, CHUNK)]
    phase, index_wall, index_cpu = time.perf_counter(), 0.0, 0.0
    with multiprocessing.get_context("fork").Pool(workers) if workers > 1 else nullcontext() as pool:
        for chunk, wall, cpu in (pool.imap(_index_job, jobs) if pool else map(_index_job, jobs)):
            index.append(chunk)
            index_wall, index_cpu = index_wall + wall, index_cpu + cpu
    phase = time.perf_counter() - phase
    began, cpu = time.perf_counter(), time.process_time()
    lsh = index.lsh_pairs()
    lsh_time, lsh_cpu = time.perf_counter() - began, time.process_time() - cpu
    began = time.perf_counter()
    contained = index.containment_pairs()
    containment_time = time.perf_counter() - began
    return {"size": size, "workers": workers, "phase": phase, "index_wall": index_wall, "index_cpu": index_cpu,
            "lsh": lsh_time, "lsh_cpu": lsh_cpu, "containment": containment_time,
            "lsh_pairs": int(lsh.shape[0]), "containment_pairs": int(contained.shape[0]),
            "index_mb": index.nbytes / 2**20, "peak_mb": _peak_mb(), "baseline_mb": baseline,
            "workers_peak_mb": _workers_peak_mb()}


def _cpu_per_document(work, count: int) -> float:
    """CPU microseconds per document spent in ``work()``."""
    began = time.process_time()
    work()
    return (time.process_time() - began) / count * 1e6


def compare_libraries(count: int) -> list[tuple[str, float]]:
    """CPU microseconds per document of each step, per library, on one sample of shingled documents."""
    import numpy as np
    import rensa
    from datasketch import MinHash, MinHashLSH

    from newsfuse.config import CopiesConfig
    from newsfuse.copies.candidates import CandidateIndex, ChunkIndex, band_keys, flat_shingles, signatures

    config = CopiesConfig()
    texts = synthetic_chunk(_vocabulary(), 0, count)
    flat_shingles(texts, config.shingle_words)  # fills the token-hash cache, as a long run would
    results = [("shingles: tokens, cached token hashes, numpy 5-word shingles (shared by all)",
                _cpu_per_document(lambda: flat_shingles(texts, config.shingle_words), count))]
    flat, offsets = flat_shingles(texts, config.shingle_words)
    digests = signatures(flat, offsets, config.num_perm)
    results.append(("signatures: rensa RMinHash digest matrix (newsfuse)",
                    _cpu_per_document(lambda: signatures(flat, offsets, config.num_perm), count)))
    sample = max(count // 10, 100)
    rows = [flat[int(offsets[i]):int(offsets[i + 1])].astype(np.uint32) for i in range(sample)]
    sketches: list = []
    results.append((f"signatures: datasketch MinHash.update_batch ({sample} docs)", _cpu_per_document(
        lambda: sketches.extend(_datasketch_minhash(MinHash, row, config.num_perm) for row in rows), sample)))

    def numpy_bands() -> None:
        index = CandidateIndex(config)
        index.append(ChunkIndex(band_keys(digests, config.lsh_bands), np.zeros(0, np.uint64), np.zeros(0, np.int32), count))
        index.lsh_pairs()

    results.append(("LSH: numpy band keys, sort, pairs (newsfuse)", _cpu_per_document(numpy_bands, count)))
    matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(flat, offsets, config.num_perm, 42)

    def rensa_lsh() -> None:
        lsh = rensa.RMinHashLSH(0.4, config.num_perm, config.lsh_bands)
        lsh.insert_matrix(matrix)
        lsh.query_duplicate_flags_matrix(matrix)

    results.append(("LSH: rensa RMinHashLSH insert_matrix + duplicate flags (no pair list)", _cpu_per_document(rensa_lsh, count)))

    def datasketch_lsh() -> None:
        lsh = MinHashLSH(num_perm=config.num_perm, params=(config.lsh_bands, config.num_perm // config.lsh_bands))
        for i, sketch in enumerate(sketches):
            lsh.insert(i, sketch)
        for sketch in sketches:
            lsh.query(sketch)

    results.append((f"LSH: datasketch MinHashLSH insert + query ({sample} docs)", _cpu_per_document(datasketch_lsh, sample)))
    return results


def _datasketch_minhash(minhash_class, row, num_perm: int):
    sketch = minhash_class(num_perm=num_perm, hashfunc=int)
    sketch.update_batch(row.tolist())
    return sketch


def _rates(row: dict) -> dict:
    """Documents per second: indexing alone (wall and CPU) and, with workers, the whole parallel phase."""
    size = row["size"]
    return {
        "wall": size / (row["index_wall"] + row["lsh"]),
        "cpu": size / (row["index_cpu"] + row["lsh_cpu"]),
        "parallel": size / (row["phase"] + row["lsh"]),
    }


def main(args: argparse.Namespace) -> int:
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    sizes = [int(s) for s in args.sizes.split(",") if s]
    context = multiprocessing.get_context("spawn")
    print(f"cores {os.cpu_count()}, load average {os.getloadavg()[0]:.1f} before the run "
          "(the machine is shared: wall-clock rates drop with its load, CPU-time rates much less)")
    if args.compare:
        with ProcessPoolExecutor(1, mp_context=context) as pool:
            for name, micros in pool.submit(compare_libraries, args.compare).result():
                print(f"library comparison, {name}: {micros:,.1f} CPU us/doc")
    rows = []
    for size in sizes:
        with ProcessPoolExecutor(1, mp_context=context) as pool:
            row = pool.submit(run_size, size, args.workers).result()
        rows.append(row)
        rate = _rates(row)
        print(f"{size:>9,} docs: signatures {row['index_wall']:.1f} s wall / {row['index_cpu']:.1f} s CPU, "
              f"LSH pairs {row['lsh']:.1f} s ({row['lsh_pairs']:,} pairs), containment pairs {row['containment']:.1f} s "
              f"({row['containment_pairs']:,}); index {row['index_mb']:.0f} MB; peak memory {row['peak_mb']:.0f} MB "
              f"(idle child {row['baseline_mb']:.0f} MB, largest worker {row['workers_peak_mb']:.0f} MB); signatures+LSH {rate['wall']:,.0f} docs/s wall, "
              f"{rate['cpu']:,.0f} docs per CPU-second; {args.workers} worker(s), text generation included: "
              f"{rate['parallel']:,.0f} docs/s")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        time_growth = (last["index_cpu"] + last["lsh_cpu"]) / (first["index_cpu"] + first["lsh_cpu"])
        memory_growth = (last["peak_mb"] - last["baseline_mb"]) / max(first["peak_mb"] - first["baseline_mb"], 1)
        print(f"from {first['size']:,} to {last['size']:,} docs (x{last['size'] / first['size']:.0f}): "
              f"CPU time x{time_growth:.1f}, memory above the idle child x{memory_growth:.1f}")
    last, rate = rows[-1], _rates(rows[-1])
    print(f"signatures+LSH at {last['size']:,} docs: {rate['wall']:,.0f} docs/s wall, {rate['cpu']:,.0f} docs per "
          f"CPU-second, {rate['parallel']:,.0f} docs/s with {args.workers} worker(s); peak memory {last['peak_mb']:.0f} MB")
    return 0
