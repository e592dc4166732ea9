"""Where the pure part of a document build runs (the workshop documents are already read; what
is left is CPU: blocks, Markdown, HTML, Word), so that the event loop keeps serving meanwhile.

- ``process`` (the default under gevent): worker processes, started at the first build, at a
  lower CPU priority than the server. The request's greenlet hands the work to one of gevent's
  OS threads, which sends it to a worker over a pipe and waits for the answer there: a pipe
  write of a 400 KB document would block the whole event loop until the worker has read it.
- ``thread``: gevent's OS threads build it themselves (the GIL is shared with the loop).
- ``inline``: the request's own thread (the threading server: every request has one).
"""

import multiprocessing
import os
import threading
import traceback

KINDS = ("process", "thread", "inline")
NICENESS = 10


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
    def __init__(self, kind: str, size: int):
        if kind not in KINDS:
            raise ValueError(f"PAJAPOHJA_EXPORT_WORKERS must be one of {', '.join(KINDS)}")
        self.kind = kind
        self.size = max(1, size)
        self._threads = None
        self._idle = None
        self._lock = threading.Lock()

    def run(self, function, *args):
        if self.kind == "inline":
            return function(*args)
        threads = self._started()
        if self.kind == "thread":
            return threads.apply(function, args)
        worker = self._idle.get()  # waits (cooperatively) while every worker is busy
        try:
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
            if self._threads is None:
                from gevent.threadpool import ThreadPool

                self._threads = ThreadPool(self.size)
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
