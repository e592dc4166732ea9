"""Socket.IO plumbing shared by every feature: connection state, the handler wrapper that turns
every outcome into an acknowledgement, rooms, and broadcasting committed events."""

import functools
import logging
import threading
from collections.abc import Callable

from flask import abort, request
from flask.sessions import SecureCookieSessionInterface
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError, OperationalError

from . import ratelimit
from .core import log, membership
from .core.authorization import may_send
from .core.note_models import Event
from .db import driver_message, storage_full, storage_full_error
from .errors import AppError
from .extensions import db, socketio
from .protocol import CLIENT_EVENTS, Server

logger = logging.getLogger("pajapohja.realtime")

# Largest JSON payload of one client event, in characters of its repr (a note is at most 2,000).
MAX_PAYLOAD_CHARS = 20_000

# Every client -> server event name and its handler, for docs/protocol.md and the role matrix.
HANDLERS: dict[str, Callable] = {}

_connections: dict[str, dict] = {}
_connections_lock = threading.Lock()


class SocketSessionInterface(SecureCookieSessionInterface):
    """Flask decodes and verifies the session cookie whenever a request context is pushed, and
    Flask-SocketIO pushes one for every socket event, only to replace that session with the one
    it saved when the socket connected. Hand over the saved session at once: the cookie is
    checked once per connection, not once per note."""

    def open_session(self, app, request):
        saved = request.environ.get("saved_session")
        return saved if saved is not None else super().open_session(app, request)


def init_app(app) -> None:
    app.session_interface = SocketSessionInterface()
    # Flask also matches every socket event's environ against the URL map. Without a rule for
    # the Socket.IO path that match raises NotFound, and its traceback ties the event's request
    # context into a reference cycle: about 60 objects a note that only the cyclic garbage
    # collector frees, in pauses of up to 11 ms while notes fly (docs/performance.md).
    for websocket in (False, True):  # the polling transport's environ, and the websocket's
        app.add_url_rule(
            "/socket.io/",
            f"socketio_{'websocket' if websocket else 'polling'}",
            _transport,
            strict_slashes=False,
            websocket=websocket,
        )


def _transport():
    """Not reached: the Socket.IO middleware answers this path before Flask sees it."""
    abort(404)


def room_all(workshop_id: int) -> str:
    return f"w{workshop_id}"


def room_facilitators(workshop_id: int) -> str:
    return f"w{workshop_id}:f"


def room_participant(participant_id: int) -> str:
    return f"p{participant_id}"


def connection() -> dict:
    """State of the calling socket: its facilitator (after connect) and viewer (after join)."""
    with _connections_lock:
        return _connections.setdefault(request.sid, {})


def forged_lifecycle_event() -> bool:
    """True when a client sent an ordinary event named ``connect`` or ``disconnect``.
    python-socketio hands such an event to the lifecycle handler; a real connect or disconnect
    runs while the connection is pending, so it does not count as connected yet (or still)."""
    return socketio.server.manager.is_connected(request.sid, request.namespace or "/")


def forget_connection(sid: str) -> dict:
    with _connections_lock:
        return _connections.pop(sid, {})


def open_credentials() -> dict[str, dict]:
    """The credential of every facilitator socket connected to this process, by socket id."""
    with _connections_lock:
        return {
            sid: state["credential"]
            for sid, state in _connections.items()
            if state.get("credential")
        }


def current_viewer() -> log.Viewer:
    viewer = connection().get("viewer")
    if viewer is None:
        raise AppError("not_joined", _("Join a workshop first."), 403)
    may_send(viewer, request.event["message"])
    membership.authorize(viewer)  # rights as they are now, not as they were at join
    return viewer


def broadcast(events: list[Event]) -> None:
    """Send committed events to the rooms that may see them; each payload is encoded once per
    room, not once per client."""
    for event in events:
        workshop_id = event.workshop_id
        if event.audience is None:
            socketio.emit(Server.EVENT, log.wire(event), to=room_all(workshop_id))
            continue
        # The audience first: a socket gets its packets in this order, so one that has the
        # event drops the placeholder after it (which names no one, see ``log.placeholder``).
        if event.audience.get("facilitators", True):
            socketio.emit(Server.EVENT, log.wire(event), to=room_facilitators(workshop_id))
        for participant_id in event.audience.get("participants", ()):
            socketio.emit(Server.EVENT, log.wire(event), to=room_participant(participant_id))
        socketio.emit(Server.EVENT, log.placeholder(event), to=room_all(workshop_id))


def _payload_error(payload) -> AppError | None:
    if payload is None:
        payload = {}
    if not isinstance(payload, dict):
        return AppError("invalid_payload", _("The message must be a JSON object."))
    if len(repr(payload)) > MAX_PAYLOAD_CHARS:
        return AppError("too_large", _("The message is too large."), 413)
    return None


def _too_fast() -> AppError | None:
    state = connection()
    bucket = state.get("bucket")
    if bucket is None:
        bucket = state["bucket"] = ratelimit.connection_bucket()
    if bucket.take():
        return None
    return AppError("too_fast", _("Too fast: wait a moment and try again."), 429)


def handler(name: str):
    """Register a client -> server event. The wrapped function gets the payload dict and returns
    ``(ack_data, events)``; events are broadcast only after the handler's transaction committed.
    Every outcome is an acknowledgement: ``{"ok": true, ...}`` or ``{"ok": false, "error": ...}``.
    ``name`` must be in the protocol's table (``app.protocol``); any other name is refused at
    import, so that no event exists that the table and docs/protocol.md do not list.
    """
    if name not in CLIENT_EVENTS:
        raise ValueError(f"socket event {name!r} is not in the protocol table (app/protocol.py)")

    def decorate(func):
        @functools.wraps(func)
        def run(payload=None, *extra):
            error = _payload_error(payload) or _too_fast()
            if error is not None:
                return {"ok": False, **error.to_dict()}
            try:
                ack, events = _run_once_more_on_conflict(func, payload or {})
            except AppError as refusal:
                db.session.rollback()
                return {"ok": False, **refusal.to_dict()}
            except Exception as failure:  # a bug must not reach the client as a traceback
                db.session.rollback()
                if storage_full(failure):  # one line each, not a traceback: not a bug
                    logger.error("socket event %s: storage full: %s", name, driver_message(failure))
                    return {"ok": False, **storage_full_error().to_dict()}
                logger.exception("socket event %s failed", name)
                error = AppError("server_error", _("Something went wrong on the server."), 500)
                return {"ok": False, **error.to_dict()}
            finally:
                db.session.remove()
            broadcast(events)
            return {"ok": True, **ack}

        HANDLERS[name] = func
        socketio.on_event(name, run)
        return run

    return decorate


def _run_once_more_on_conflict(func, payload):
    """Two clients racing on the same unique key (an ``op_id`` resent on two connections) make
    one insert fail; the second attempt sees the first one's row and answers from it."""
    try:
        return func(payload)
    except (IntegrityError, OperationalError):
        db.session.rollback()
        return func(payload)
