"""Bounded output per connection: a client that does not read what it is sent is cut off, so
that its unsent messages cannot pile up in the server's memory.

python-engineio gives every connection a queue of packets waiting to be written, and a writer
that blocks while the client does not read. Nothing bounds that queue: one socket that never
read, answered pings blindly and asked for a snapshot eight times a second grew the server by
1.5 GB in 16 s. Here every connection's queue counts what waits in it, and anything sent to a
connection that already has more than ``SOCKET_BACKLOG_BYTES`` waiting, or whose last ping has
waited unsent longer than the ping timeout (the client cannot have answered it), cuts the
connection off: the queue is emptied, the disconnect handlers run as for any disconnect, and
the TCP connection is shut down. The browser reconnects by itself and catches up with ``since``.
"""

import logging
import socket
import threading
import time
from urllib.parse import parse_qs

import engineio
from engineio import packet as eio_packet

logger = logging.getLogger("pajapohja.backpressure")

# Counted for every waiting packet on top of its text: the objects that carry it.
PACKET_OVERHEAD = 100

# Where ``pajapohja serve`` (app/serving.py) puts the TCP connection of a WebSocket request.
TCP_ENVIRON_KEY = "pajapohja.tcp"

# The WebSocket connection of the request being handled on this thread (greenlet under gevent):
# engineio creates a connection's queue while handling the request that opens it.
_current = threading.local()


class BacklogQueue:
    """A connection's packet queue that counts the bytes waiting in it and remembers since when
    a ping has been waiting. Wraps the async mode's own queue; engineio uses ``put``, ``get``,
    ``task_done`` and ``join``."""

    def __init__(self, queue, tcp=None):
        self.queue = queue
        self.tcp = tcp  # the WebSocket's TCP connection, to shut down when cut off
        self.waiting_bytes = 0
        self.ping_since = None  # monotonic time a ping was queued that is still waiting
        self._lock = threading.Lock()

    def put(self, item, *args, **kwargs):
        self.queue.put(item, *args, **kwargs)
        self._count(item, 1)

    def get(self, *args, **kwargs):
        item = self.queue.get(*args, **kwargs)
        self._count(item, -1)
        return item

    def get_nowait(self):
        return self.get(block=False)

    def task_done(self):
        self.queue.task_done()

    def join(self, *args, **kwargs):
        return self.queue.join(*args, **kwargs)

    def qsize(self):
        return self.queue.qsize()

    def _count(self, item, sign: int) -> None:
        if item is None:  # engineio's "stop writing" marker
            return
        data = item.data
        size = PACKET_OVERHEAD + (len(data) if isinstance(data, str | bytes) else 0)
        with self._lock:
            self.waiting_bytes += sign * size
            if item.packet_type == eio_packet.PING:
                self.ping_since = time.monotonic() if sign > 0 else None


class BoundedServer(engineio.Server):
    """The Engine.IO server with bounded output per connection (see the module's docstring).
    ``install`` turns python-socketio's server into one of these."""

    backlog_limit = 1024 * 1024

    def create_queue(self, *args, **kwargs):
        return BacklogQueue(super().create_queue(*args, **kwargs), getattr(_current, "tcp", None))

    def handle_request(self, environ, start_response):
        tcp = websocket_tcp(environ)
        if tcp is not None:
            upgraded = self.sockets.get(_query_sid(environ))
            if upgraded is not None:  # from long-polling to WebSocket: its queue exists already
                backlog_of(upgraded).tcp = tcp
            _current.tcp = tcp
        try:
            return super().handle_request(environ, start_response)
        finally:
            _current.tcp = None

    def send_packet(self, sid, pkt):
        connection = self.sockets.get(sid)
        backlog = backlog_of(connection) if connection is not None else None
        if backlog is not None:
            why = self._over_limit(backlog)
            if why:
                self._cut_off(connection, backlog, why)
                return
        super().send_packet(sid, pkt)

    def _over_limit(self, backlog: BacklogQueue) -> str | None:
        if backlog.waiting_bytes > self.backlog_limit:
            return f"{backlog.waiting_bytes} bytes unsent"
        since = backlog.ping_since
        if since is not None and time.monotonic() - since > self.ping_timeout:
            return f"ping unsent for {time.monotonic() - since:.0f} s"
        return None

    def _cut_off(self, connection, backlog: BacklogQueue, why: str) -> None:
        """Empty the queue at once; close the connection in the background: its disconnect
        handlers must not run inside the handler (of another client, say) that sent to it."""
        if getattr(backlog, "cut_off", False):
            _empty(backlog, self.get_queue_empty_exception())
            return
        backlog.cut_off = True
        logger.warning("connection %s cut off: %s", connection.sid, why)
        _empty(backlog, self.get_queue_empty_exception())
        self.start_background_task(self._close, connection, backlog)

    def _close(self, connection, backlog: BacklogQueue) -> None:
        try:
            connection.close(wait=False, abort=True, reason=self.reason.SERVER_DISCONNECT)
        finally:
            _empty(backlog, self.get_queue_empty_exception())
            backlog.put(None)  # the writer stops once its blocked send fails
            if backlog.tcp is not None:
                try:
                    backlog.tcp.shutdown(socket.SHUT_RDWR)
                except OSError:  # already gone
                    pass


def install(socketio_server, backlog_limit: int) -> None:
    """Bound the output of every connection of this python-socketio server. Flask-SocketIO
    builds a plain ``engineio.Server`` and offers no way to name another class; no connection
    exists yet, so the server is simply declared to be the subclass (which adds no state of its
    own beyond the limit)."""
    socketio_server.eio.__class__ = BoundedServer
    socketio_server.eio.backlog_limit = backlog_limit


def cut_off(socketio_server, sid: str, why: str) -> None:
    """Cut off the Socket.IO connection ``sid`` (of the default namespace) as if its output had
    passed the limit: at once, without waiting for a client that may not be reading to take
    what is queued (python-socketio's own ``disconnect`` waits for that)."""
    eio = socketio_server.eio
    connection = eio.sockets.get(socketio_server.manager.eio_sid_from_sid(sid, "/"))
    backlog = backlog_of(connection) if connection is not None else None
    if backlog is not None and isinstance(eio, BoundedServer):
        eio._cut_off(connection, backlog, why)
    else:  # not a connection of ours (Flask-SocketIO's test client): the ordinary way
        from flask_socketio import disconnect

        disconnect(sid, namespace="/")


def backlog_of(connection) -> BacklogQueue | None:
    """The queue of an engineio connection. ``queue`` is set by engineio's ``BaseSocket`` from
    ``server.create_queue()`` and is not documented: tests/test_slow_reader.py fails if it no
    longer is our queue."""
    backlog = getattr(connection, "queue", None)
    return backlog if isinstance(backlog, BacklogQueue) else None


def websocket_tcp(environ: dict):
    """The TCP connection under a WebSocket request, or None for any other request. Under
    ``pajapohja serve`` its handler puts it in ``TCP_ENVIRON_KEY``; with Werkzeug (threading
    mode) it is ``werkzeug.socket``."""
    if environ.get("HTTP_UPGRADE", "").lower() != "websocket":
        return None
    return (
        environ.get(TCP_ENVIRON_KEY)
        or environ.get("werkzeug.socket")
        or environ.get("gunicorn.socket")
    )


def _query_sid(environ: dict) -> str | None:
    return parse_qs(environ.get("QUERY_STRING", "")).get("sid", [None])[0]


def _empty(backlog: BacklogQueue, empty_exception) -> None:
    while True:
        try:
            backlog.get(block=False)
        except empty_exception:
            return
        backlog.task_done()
