"""The production server of ``pajapohja serve`` under gevent: gevent's WSGI server, plus two
defences the stock server lacks. WebSockets need nothing more: python-engineio speaks the
WebSocket protocol itself under gevent (through simple-websocket, on the request's socket), so
the unmaintained gevent-websocket package is not needed.

- A deadline for each request's line and headers, and an idle limit while reading its body: a
  client that opens connections and sends them a byte at a time (slowloris) no longer holds
  each one for ever. A WebSocket, once upgraded, has no such limit: Engine.IO's own pings
  (every 20 s, answered within 20 s) find a dead one.
- One short log line per malformed request or frame, at most ``LINES_PER_SECOND`` a second,
  instead of a traceback each: 2,000 garbage frames from one client wrote 2.9 MB of tracebacks
  in two seconds (python-engineio logs a traceback for every frame it cannot decode, and gevent
  one for every exception that escapes the application).
"""

import logging
import socket
import threading
import time

import gevent
import gevent.socket
from gevent import pywsgi

from .backpressure import TCP_ENVIRON_KEY

logger = logging.getLogger("pajapohja.server")

LINES_PER_SECOND = 5
# The libraries' loggers whose tracebacks a client can cause by sending garbage.
NOISY_LOGGERS = ("engineio.server", "socketio.server")


class LogBudget(logging.Filter):
    """At most ``per_second`` records a second pass; the first one after a suppression says
    how many were left out. A record with a traceback becomes one line (the exception's type
    and message): the traceback of a decoding error says nothing about the client's garbage.
    Shared by every logger it filters, so a flood costs the same budget wherever it lands."""

    def __init__(self, per_second: int = LINES_PER_SECOND):
        super().__init__()
        self.per_second = per_second
        self.window = 0
        self.passed = 0
        self.suppressed = 0
        self.lock = threading.Lock()

    def allow(self) -> int | None:
        """None when over budget, else how many records were suppressed before this one."""
        with self.lock:
            window = int(time.monotonic())
            if window != self.window:
                self.window, self.passed = window, 0
            if self.passed >= self.per_second:
                self.suppressed += 1
                return None
            self.passed += 1
            suppressed, self.suppressed = self.suppressed, 0
            return suppressed

    def filter(self, record: logging.LogRecord) -> bool:
        suppressed = self.allow()
        if suppressed is None:
            return False
        message = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            message = f"{record.name}: {message}: {type(error).__name__}: {_short(error)}"
            record.exc_info = record.exc_text = record.stack_info = None
        if suppressed:
            message += f" ({suppressed} similar lines suppressed)"
        record.msg, record.args = message, ()
        return True


def _short(error: BaseException, limit: int = 200) -> str:
    text = str(error).replace("\n", " ")
    return text if len(text) <= limit else text[:limit] + "…"


budget = LogBudget()


class _TooSlow(socket.timeout):
    """The request line and headers did not arrive in time."""


class WholeSendSocket(gevent.socket.socket):
    """A WebSocket's connection, on which ``send`` writes everything it is given.

    simple-websocket (1.1.0, the newest release) writes each frame with one ``socket.send`` and
    ignores how much of it was taken; on gevent's non-blocking sockets that is only what fits
    in the kernel's buffer, so the rest of a large frame, or of any frame once a client reads
    slowly, was dropped and the connection's stream broken: an 8.7 MB join snapshot never
    arrived (simple-websocket issue #45, fixed upstream but not released).
    tests/test_serving.py fails without this."""

    __slots__ = ()

    def send(self, data, flags=0, timeout=gevent.socket.timeout_default):
        view = memoryview(data).cast("B")
        sent = 0
        while sent < len(view):
            sent += super().send(view[sent:], flags, timeout)
        return sent


class Handler(pywsgi.WSGIHandler):
    """gevent's handler with time limits on reading a request and quiet errors."""

    _deadline: gevent.Timeout | None = None

    def read_requestline(self):
        # Also bounds how long an idle keep-alive connection waits for its next request.
        self._deadline = gevent.Timeout.start_new(self.server.request_timeout, _TooSlow)
        return super().read_requestline()

    def read_request(self, raw_requestline):
        try:
            return super().read_request(raw_requestline)
        finally:
            self._end_deadline()
            # From here on, each read of the body may wait this long for the next bytes.
            self.socket.settimeout(self.server.request_timeout)

    def handle_one_request(self):
        try:
            return super().handle_one_request()
        finally:
            self._end_deadline()

    def _end_deadline(self) -> None:
        if self._deadline is not None:
            self._deadline.close()
            self._deadline = None

    def get_environ(self):
        environ = super().get_environ()
        if self._connection_upgrade_requested():
            environ[TCP_ENVIRON_KEY] = self.socket  # what app/backpressure.py shuts down
        return environ

    def run_application(self):
        if not self._connection_upgrade_requested():
            return super().run_application()
        # A WebSocket: Engine.IO's pings watch it once open, not the request's time limits.
        # simple-websocket uses a duplicate of this socket, which takes its time-out and class.
        self.socket.settimeout(None)
        if type(self.socket) is gevent.socket.socket:
            self.socket.__class__ = WholeSendSocket
        try:
            return super().run_application()
        finally:
            # The connection spoke WebSocket (or was refused it): no HTTP request follows.
            self.close_connection = True

    def _handle_client_error(self, ex):
        if isinstance(ex, _TooSlow):
            _log_quietly("request from %s too slow: closed", self.client_address[0])
        else:
            _log_quietly("invalid request from %s: %s", self.client_address[0], _short(ex))
        return ("400", pywsgi._BAD_REQUEST_RESPONSE)

    def _log_error(self, t, v, tb):
        """An exception that escaped the application (python-engineio raises one for a
        WebSocket frame it cannot decode): one line, not a traceback."""
        if not issubclass(t, gevent.GreenletExit):
            path = (self.environ or {}).get("PATH_INFO", "?")
            _log_quietly("request to %s failed: %s: %s", path, t.__name__, _short(v))


def _log_quietly(message: str, *args) -> None:
    record_budget = budget.allow()
    if record_budget is None:
        return
    if record_budget:
        message += f" ({record_budget} similar lines suppressed)"
    logger.warning(message, *args)


def quiet_noisy_loggers() -> None:
    for name in NOISY_LOGGERS:
        noisy = logging.getLogger(name)
        if budget not in noisy.filters:
            noisy.addFilter(budget)


def run(app, host: str, port: int) -> None:
    """Serve ``app`` (Flask-SocketIO's ``socketio.run`` under gevent, with ``Handler``)."""
    from .extensions import socketio

    quiet_noisy_loggers()
    if not logging.getLogger().handlers and not logger.handlers:
        handler = logging.StreamHandler()  # our one-liners, like the libraries' own lines
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s: %(message)s"))
        logger.addHandler(handler)
    server = pywsgi.WSGIServer((host, port), app, handler_class=Handler, log=None)
    server.request_timeout = app.config["REQUEST_TIMEOUT"]
    socketio.wsgi_server = server  # what ``socketio.stop()`` stops
    server.serve_forever()
