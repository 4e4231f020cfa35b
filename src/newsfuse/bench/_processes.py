"""CPU time and peak memory of a process with its live descendants, read from /proc (Linux)."""
from __future__ import annotations

import multiprocessing
import os
import re
import resource
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
    """CPU seconds (user and system) used so far by ``pid`` and its live descendants."""
    total = 0.0
    for member in [pid, *descendants(pid)]:
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def own_tree_cpu_seconds() -> float:
    """CPU seconds of this process, its live descendants and its finished (waited-for) children."""
    finished = resource.getrusage(resource.RUSAGE_CHILDREN)
    return tree_cpu_seconds(os.getpid()) + finished.ru_utime + finished.ru_stime


def tree_peak_mb(pid: int) -> float:
    """The largest peak resident size among ``pid`` and its live descendants."""
    peak = 0.0
    for member in [pid, *descendants(pid)]:
        try:
            status = Path(f"/proc/{member}/status").read_text()
        except OSError:
            continue
        found = re.search(r"VmHWM:\s+(\d+) kB", status)
        peak = max(peak, int(found.group(1)) / 1024 if found else 0.0)
    return peak


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
