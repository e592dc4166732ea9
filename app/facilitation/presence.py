"""Who is here now: connections per workshop, kept in this process's memory and sent to the
workshop's facilitators as a ``presence`` message (not part of the ``seq`` log: it is a reading,
not a change). Updates are coalesced so that a join storm sends about one message per second,
not one per join."""

import threading

from ..extensions import socketio

COALESCE_SECONDS = 1.0

_lock = threading.Lock()
_online: dict[int, dict[str, tuple[str, int | None, str | None]]] = {}
_pending: set[int] = set()


def snapshot(workshop_id: int) -> dict:
    with _lock:
        entries = list(_online.get(workshop_id, {}).values())
    names = {pid: name for role, pid, name in entries if role == "participant" and pid}
    facilitators = sum(1 for role, _pid, _name in entries if role == "facilitator")
    return {
        "participants": sorted(names),
        "names": {str(p): n for p, n in names.items()},
        "facilitators": facilitators,
    }


def _send_later(workshop_id: int) -> None:
    socketio.sleep(COALESCE_SECONDS)
    with _lock:
        _pending.discard(workshop_id)
    socketio.emit("presence", snapshot(workshop_id), to=f"w{workshop_id}:f")


def _changed(workshop_id: int) -> None:
    with _lock:
        if workshop_id in _pending:
            return
        _pending.add(workshop_id)
    socketio.start_background_task(_send_later, workshop_id)


def entered(
    workshop_id: int, sid: str, role: str, participant_id: int | None, name: str | None = None
) -> None:
    with _lock:
        _online.setdefault(workshop_id, {})[sid] = (role, participant_id, name)
    _changed(workshop_id)


def left(workshop_id: int, sid: str) -> None:
    with _lock:
        connections = _online.get(workshop_id, {})
        connections.pop(sid, None)
        if not connections:
            _online.pop(workshop_id, None)
    _changed(workshop_id)
