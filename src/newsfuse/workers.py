"""Worker processes that leave no strays: Ctrl-C is the parent's to handle, and a worker
ends when its parent does, even when the parent is killed outright (SIGKILL)."""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

PR_SET_PDEATHSIG = 1  # prctl option: the signal a process gets when its parent dies (Linux)
PARENT_CHECK_SECONDS = 1.0  # elsewhere, how often a worker looks for its parent


def worker_pool(processes: int) -> ProcessPoolExecutor:
    """A pool of ``processes`` spawned workers, each tied to this process's life."""
    return ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker, initargs=(os.getpid(),))


def _start_worker(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    else:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the tie was made
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)
