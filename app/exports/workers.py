"""Where a document build runs, so that the event loop keeps serving meanwhile.

- ``process`` (the default under gevent, app/exports/cache.py): worker processes, started at the
  first build, at a lower CPU priority than the server; they read the workshop from the
  database themselves (``cache.read_and_build``). The request hands the work to an OS thread,
  which sends it to a worker over a pipe and waits for the answer there (a pipe write from the
  loop would block it until the worker has read it).
- ``thread``: the document is read in the request; a pool of real OS threads (gevent's
  ``ThreadPool``) builds it; the loop gets the GIL back within ``SWITCH_INTERVAL``. Under the
  threading server every request already has its own thread: it builds there.
- ``inline``: the request itself, on the event loop (for comparison only).

Measured with ``python -m bench --scenario 7`` (docs/performance.md).
"""

import multiprocessing
import os
import sys
import threading
import traceback

KINDS = ("process", "thread", "inline")
NICENESS = 10
# How long a building thread may keep the GIL while the event loop waits for it. The loop gives
# the GIL away at every system call (each SQLite statement, each socket write) and then waits
# for it again: at Python's default 5 ms, a note.add of a dozen statements could wait tens of
# ms more while a document is built; with 0.5 ms, a few. Nothing changes while no document is
# built (one thread, nothing to switch to).
SWITCH_INTERVAL = 0.0005


class BuildFailed(RuntimeError):
    """A build raised in a worker process; the message carries its traceback."""


def _serve(connection) -> None:
    """A worker process: build what arrives until the pipe closes."""
    os.nice(NICENESS)
    while True:
        try:
            function, args = connection.recv()
        except EOFError:
            return
        try:
            answer = (True, function(*args))
        except Exception:  # noqa: BLE001 - handed back to the request
            answer = (False, traceback.format_exc())
        connection.send(answer)


class _Worker:
    def __init__(self, context):
        self.connection, theirs = context.Pipe()
        for end in (self.connection, theirs):  # gevent's socketpair made them non-blocking
            os.set_blocking(end.fileno(), True)
        self.process = context.Process(target=_serve, args=(theirs,), daemon=True)
        self.process.start()
        theirs.close()

    def exchange(self, function, args):
        """In an OS thread: the request out, the answer back."""
        self.connection.send((function, args))
        ok, value = self.connection.recv()
        if not ok:
            raise BuildFailed(value)
        return value

    def close(self) -> None:
        self.connection.close()
        self.process.join(timeout=5)


class Builders:
    def __init__(self, kind: str, size: int, cooperative: bool = True):
        if kind not in KINDS:
            raise ValueError(f"PAJAPOHJA_EXPORT_WORKERS must be one of {', '.join(KINDS)}")
        self.kind = kind
        self.size = max(1, size)
        self.cooperative = cooperative  # under gevent: hand blocking work to OS threads
        self._threads = None
        self._idle = None
        self._started_once = False
        self._lock = threading.Lock()

    def run(self, function, *args):
        if self.kind == "inline" or (self.kind == "thread" and not self.cooperative):
            return function(*args)
        threads = self._started()
        if self.kind == "thread":
            return threads.apply(function, args)
        worker = self._idle.get()  # waits (cooperatively) while every worker is busy
        try:
            if threads is None:
                value = worker.exchange(function, args)
            else:
                value = threads.apply(worker.exchange, (function, args))
        except (EOFError, OSError):  # the worker died: a new one takes its place
            worker.close()
            worker = _Worker(multiprocessing.get_context("spawn"))
            raise
        finally:
            self._idle.put(worker)
        return value

    def _started(self):
        with self._lock:
            if self._started_once:
                return self._threads
            self._started_once = True
            if self.cooperative:
                from gevent.threadpool import ThreadPool

                self._threads = ThreadPool(self.size)
                if self.kind == "thread":
                    sys.setswitchinterval(SWITCH_INTERVAL)
            if self.kind == "process":
                self._start_workers()
            return self._threads

    def _start_workers(self) -> None:
        import queue

        # Fresh interpreters: a fork would copy the event loop, open sockets and the database
        # connections of a running server.
        context = multiprocessing.get_context("spawn")
        self._idle = queue.Queue()
        for _ in range(self.size):
            self._idle.put(_Worker(context))
