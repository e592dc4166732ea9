"""Pools that run heavy, pure work beside the event loop, so that it keeps serving meanwhile:
document builds (``app.exports.cache``, ``PAJAPOHJA_EXPORT_WORKERS``) and theme suggestions
(``app.facilitation.suggestions``, ``PAJAPOHJA_SUGGEST_WORKERS``), each with a pool of its own
so that one kind of work never queues behind the other.

- ``process`` (the default under gevent): worker processes, started at the first job, at a
  lower CPU priority than the server. What they run must be picklable (a module-level function
  and plain data); document builds read the workshop from the database themselves
  (``cache.read_and_build``), suggestions get the notes read by the request. The request hands
  the work to an OS thread, which sends it to a worker over a pipe and waits for the answer
  there (a pipe write from the loop would block it until the worker has read it).
- ``thread``: a pool of real OS threads (gevent's ``ThreadPool``) runs it; the loop gets the
  GIL back within ``SWITCH_INTERVAL``. Under the threading server every request already has its
  own thread: it runs there.
- ``inline``: the request itself, on the event loop (for comparison only).

Measured with ``python -m bench --scenario 7`` (documents) and ``--scenario 8`` (suggestions),
docs/performance.md.
"""

import multiprocessing
import os
import sys
import threading
import traceback

KINDS = ("process", "thread", "inline")
NICENESS = 10
# How long a worker thread may keep the GIL while the event loop waits for it. The loop gives
# the GIL away at every system call (each SQLite statement, each socket write) and then waits
# for it again: at Python's default 5 ms, a note.add of a dozen statements could wait tens of
# ms more while a document is built; with 0.5 ms, a few. Nothing changes while no work runs (one
# thread, nothing to switch to).
SWITCH_INTERVAL = 0.0005


class WorkerFailed(RuntimeError):
    """The work raised in a worker process; the message carries its traceback."""


class WorkerTimedOut(RuntimeError):
    """A worker process gave no answer in time; it was stopped and another takes its place."""


def _serve(connection, warm=None) -> None:
    """A worker process: ``warm()`` first (loading what the work needs), then run what arrives
    until the pipe closes."""
    os.nice(NICENESS)
    if warm is not None:
        try:
            warm()
        except Exception:  # noqa: BLE001 - the work then loads it itself, and fails if it must
            traceback.print_exc()
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
    def __init__(self, context, warm=None):
        self.connection, theirs = context.Pipe()
        for end in (self.connection, theirs):  # gevent's socketpair made them non-blocking
            os.set_blocking(end.fileno(), True)
        self.process = context.Process(target=_serve, args=(theirs, warm), daemon=True)
        self.process.start()
        theirs.close()

    def exchange(self, function, args, timeout: float | None = None):
        """In an OS thread: the request out, the answer back (within ``timeout`` seconds)."""
        self.connection.send((function, args))
        if timeout is not None and not self.connection.poll(timeout):
            raise WorkerTimedOut(f"no answer within {timeout:g} s")
        ok, value = self.connection.recv()
        if not ok:
            raise WorkerFailed(value)
        return value

    def close(self, stop: bool = False) -> None:
        """Let the worker end (the pipe closes); ``stop``: end it now (it may be stuck)."""
        if stop:
            self.process.kill()
        self.connection.close()
        self.process.join(timeout=5)


class Builders:
    """A pool of ``size`` workers of ``kind`` (``KINDS``); ``setting`` names the environment
    variable that chose the kind, for the message when it is none of them. ``warm``: a
    module-level function every worker process runs when it starts, the one that replaces a
    failed worker included, before it takes work."""

    def __init__(
        self,
        kind: str,
        size: int,
        cooperative: bool = True,
        setting: str = "PAJAPOHJA_EXPORT_WORKERS",
        warm=None,
    ):
        if kind not in KINDS:
            raise ValueError(f"{setting} must be one of {', '.join(KINDS)}")
        self.kind = kind
        self.size = max(1, size)
        self.cooperative = cooperative  # under gevent: hand blocking work to OS threads
        self.warm = warm
        self._threads = None
        self._idle = None
        self._started_once = False
        self._lock = threading.Lock()

    def run(self, function, *args, timeout: float | None = None):
        """``function(*args)`` in the pool. A worker process that raises gives ``WorkerFailed``;
        one that dies (``EOFError``, ``OSError``) or gives no answer within ``timeout`` seconds
        (``WorkerTimedOut``; process workers only: a thread cannot be stopped) is replaced by a
        new one and the error raised."""
        if self.kind == "inline" or (self.kind == "thread" and not self.cooperative):
            return function(*args)
        threads = self._started()
        if self.kind == "thread":
            return threads.apply(function, args)
        worker = self._idle.get()  # waits (cooperatively) while every worker is busy
        try:
            if threads is None:
                value = worker.exchange(function, args, timeout)
            else:
                value = threads.apply(worker.exchange, (function, args, timeout))
        except (EOFError, OSError, WorkerTimedOut) as error:  # a new worker takes its place
            worker.close(stop=isinstance(error, WorkerTimedOut))
            worker = _Worker(multiprocessing.get_context("spawn"), self.warm)
            raise
        finally:
            self._idle.put(worker)
        return value

    def start(self) -> None:
        """Start the workers now rather than at the first job (each then runs ``warm``)."""
        if self.kind != "inline":
            self._started()

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
            self._idle.put(_Worker(context, self.warm))
