"""CPU time and peak memory of a process with its live descendants, read from /proc (Linux); a clock of
the pipeline's stages; a child process for one measurement; a sampler thread."""
from __future__ import annotations

import multiprocessing
import os
import re
import resource
import threading
import time
from pathlib import Path


def descendants(pid: int) -> list[int]:
    """The live children of ``pid``, their children, and so on."""
    found, waiting = [], [pid]
    while waiting:
        parent = waiting.pop()
        try:
            children = [int(c) for c in Path(f"/proc/{parent}/task/{parent}/children").read_text().split()]
        except OSError:
            children = []
        found += children
        waiting += children
    return found


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds (user and system) used so far by ``pid`` and its live descendants, with the finished
    children each of them waited for (workers that ended)."""
    total = 0
    for member in [pid, *descendants(pid)]:
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    return total / os.sysconf("SC_CLK_TCK")


def own_tree_cpu_seconds() -> float:
    """CPU seconds of this process, its live descendants and its finished (waited-for) children."""
    return tree_cpu_seconds(os.getpid())


def status_mb(field: str, pid: int | str = "self") -> float:
    """A size from ``/proc/PID/status`` in MB: ``VmHWM`` (the peak: a process's own, where ``ru_maxrss``
    is inherited across ``exec``) or ``VmRSS`` (now); 0 for a process gone."""
    try:
        found = re.search(rf"{field}:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
    except OSError:
        return 0.0
    return int(found.group(1)) / 1024 if found else 0.0


def tree_peak_mb(pid: int) -> float:
    """The largest peak resident size among ``pid`` and its live descendants."""
    return max(status_mb("VmHWM", member) for member in [pid, *descendants(pid)])


class Sampler:
    """Calls ``sample()`` every ``every`` seconds in a thread while the ``with`` block runs."""

    def __init__(self, every: float):
        self.every, self._stop = every, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *_) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.every)

    def sample(self) -> None:
        raise NotImplementedError


def own_peak_mb() -> float:
    """The peak resident size of this process or of its largest worker, finished or live."""
    finished = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, finished, tree_peak_mb(os.getpid()))


class StageClock:
    """Each stage's wall time (first progress call to the next stage's), its CPU time (this process
    and its workers) and the peak at its end."""

    def __init__(self) -> None:
        self.order: list[str] = []
        self.started: dict[str, float] = {}
        self.started_cpu: dict[str, float] = {}
        self.seconds: dict[str, float] = {}
        self.cpu_seconds: dict[str, float] = {}
        self.peak_mb: dict[str, float] = {}

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if stage in self.started:
            return
        self.finish()
        self.order.append(stage)
        self.started[stage] = time.perf_counter()
        self.started_cpu[stage] = own_tree_cpu_seconds()

    def finish(self) -> None:
        if self.order and self.order[-1] not in self.seconds:
            last = self.order[-1]
            self.seconds[last] = time.perf_counter() - self.started[last]
            self.cpu_seconds[last] = own_tree_cpu_seconds() - self.started_cpu[last]
            self.peak_mb[last] = own_peak_mb()


def result_in_child(target, *args, start: str = "fork") -> dict:
    """Run ``target(*args, queue)`` in a child process (``start``: fork or spawn, so that its peak memory
    and CPU are its own) and return what it put on the queue."""
    context = multiprocessing.get_context(start)
    queue = context.Queue()
    process = context.Process(target=target, args=(*args, queue))
    process.start()
    result = queue.get()
    process.join()
    return result
