"""One piece of a build's work in a forked child while this process does the rest: the machines we run on have
two or more cores, and a cold build is a row of steps that each keep one core busy (the network report's loader
alone ~1 s while the four other texts take ~0.5 s).

A forked child starts with everything this process has imported and read (no second start-up, no pickling of the
input); only its result travels back, pickled through a pipe. Nothing depends on it: where ``os.fork`` is missing
or unsafe (one CPU, another thread running, Windows) or the child fails in any way, the work runs here when its
result is asked for, so an error is raised as it would be without a child, with its own traceback.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """Whether a child can work beside this process: ``os.fork`` exists, a second CPU is ours, and no other thread
    runs (a forked child holds only the forking thread: a lock another thread held stays locked in it).
    ``INDUSTRIEGRAPH_FORK=0`` in the environment keeps all work in this process (a profiler sees it all)."""
    if not hasattr(os, "fork") or sys.platform == "darwin" or os.environ.get("INDUSTRIEGRAPH_FORK") == "0":
        return False
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cpus > 1 and threading.active_count() == 1


class Pending(Generic[T]):
    """The work started by ``start``: ``result()`` waits for it; leaving the ``with`` block without asking for it
    stops the child (a child whose result nobody reads would wait on its pipe for ever)."""

    def __init__(self, work: Callable[[], T], fork: bool = True):
        self._work = work
        self._pid: int | None = None
        self._read_end: int | None = None
        if not (fork and can_fork()):
            return
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: compute, send, leave without running this process's exit handlers
            os.close(read_end)
            status = 1
            try:
                payload = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write_end, "wb") as out:
                    out.write(payload)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        self._pid, self._read_end = pid, read_end

    def result(self) -> T:
        if self._pid is None:
            return self._work()
        with os.fdopen(self._read_end, "rb") as incoming:
            payload = incoming.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        if status != 0 or not payload:
            return self._work()  # the child failed: the error is raised here (or the work done) as without a child
        return pickle.loads(payload)

    def running(self) -> bool:
        """Whether a child still works: its result has not begun to arrive (False without a child). For filling
        the wait with work that may stop when the result is there."""
        if self._pid is None or self._read_end is None:
            return False
        ready, _, _ = select.select([self._read_end], [], [], 0)
        return not ready

    def __enter__(self) -> Pending[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pid is not None:
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
            os.close(self._read_end)
            self._pid = None


def start(work: Callable[[], T], fork: bool = True) -> Pending[T]:
    """Start ``work()`` in a forked child (where one can be: ``can_fork``); ``result()`` waits for its result.
    ``fork=False`` (work too small to be worth a process) runs it here when its result is asked for.

    >>> with start(lambda: sum(range(10))) as pending:
    ...     pending.result()
    45
    """
    return Pending(work, fork)
