"""Who is here now: connections per workshop, sent to the workshop's facilitators as a
``presence`` message (not part of the ``seq`` log: it is a reading, not a change). Updates are
coalesced so that a join storm sends about one message per second, not one per join.

Each process keeps its own connections in memory. With several processes
(``PAJAPOHJA_MESSAGE_QUEUE``), each also publishes them in Redis, so that a facilitator sees
everyone whichever process they are connected to: a hash per workshop (one field per
connection, prefixed by the process) and a heartbeat key per process that expires when the
process stops, after which its connections no longer count. Redis keeps nothing across a
restart, so every heartbeat writes this process's connections again. While Redis is
unreachable each process reports what it knows itself.
"""

import json
import logging
import os
import secrets
import socket
import threading

from ..extensions import socketio
from ..protocol import Server

COALESCE_SECONDS = 1.0
HEARTBEAT_SECONDS = 10
PROCESS_TTL_SECONDS = 3 * HEARTBEAT_SECONDS

logger = logging.getLogger("pajapohja.presence")

# role, participant id, name, facilitator id (a participant's or a facilitator's connection)
Entry = tuple[str, int | None, str | None, int | None]

_lock = threading.Lock()
_online: dict[int, dict[str, Entry]] = {}
_pending: set[int] = set()


class SharedPresence:
    """This process's connections, published in Redis for the other processes."""

    def __init__(self, url: str):
        import redis

        self.redis = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
        self.errors = (redis.RedisError, OSError)
        self.process = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
        self.beating = False

    @staticmethod
    def _key(workshop_id: int) -> str:
        return f"pajapohja:presence:{workshop_id}"

    def _alive_key(self, process: str) -> str:
        return f"pajapohja:process:{process}"

    def entered(self, workshop_id: int, sid: str, entry: Entry) -> None:
        self._quietly(
            self.redis.hset, self._key(workshop_id), f"{self.process}|{sid}", json.dumps(entry)
        )

    def left(self, workshop_id: int, sid: str) -> None:
        self._quietly(self.redis.hdel, self._key(workshop_id), f"{self.process}|{sid}")

    def entries(self, workshop_id: int) -> list[Entry] | None:
        """Every live process's connections to the workshop; None while Redis is unreachable."""
        connections = self.connections(workshop_id)
        return None if connections is None else list(connections.values())

    def connections(self, workshop_id: int) -> dict[str, Entry] | None:
        """``sid -> entry`` of every live process's connections to the workshop; None while
        Redis is unreachable."""
        try:
            fields = self.redis.hgetall(self._key(workshop_id))
            owners = {field: field.decode().split("|", 1)[0] for field in fields}
            alive = {p for p in set(owners.values()) if self.redis.exists(self._alive_key(p))}
            dead = [field for field, owner in owners.items() if owner not in alive]
            if dead:
                self.redis.hdel(self._key(workshop_id), *dead)
        except self.errors as error:
            logger.warning("presence: Redis unreachable, showing this process only: %s", error)
            return None
        return {
            field.decode().split("|", 1)[1]: _entry(json.loads(fields[field]))
            for field, owner in owners.items()
            if owner in alive
        }

    def heartbeat(self) -> None:
        """Say this process is alive and write its connections again (Redis may have
        restarted empty)."""
        with _lock:
            mine = {w: dict(connections) for w, connections in _online.items()}
        pipe = self.redis.pipeline()
        pipe.set(self._alive_key(self.process), 1, ex=PROCESS_TTL_SECONDS)
        for workshop_id, connections in mine.items():
            for sid, entry in connections.items():
                pipe.hset(self._key(workshop_id), f"{self.process}|{sid}", json.dumps(entry))
        self._quietly(pipe.execute)

    def beat_forever(self) -> None:
        while True:
            self.heartbeat()
            socketio.sleep(HEARTBEAT_SECONDS)

    def _quietly(self, call, *args) -> None:
        try:
            call(*args)
        except self.errors as error:
            logger.warning("presence: Redis unreachable: %s", error)


_shared: SharedPresence | None = None


def _entry(stored: list) -> Entry:
    """An entry read back from Redis (one written before facilitator ids were kept has three
    parts)."""
    role, participant_id, name, *rest = stored
    return role, participant_id, name, rest[0] if rest else None


def init_app(app) -> None:
    global _shared
    url = app.config.get("MESSAGE_QUEUE")
    _shared = SharedPresence(url) if url and url.startswith(("redis://", "rediss://")) else None


def snapshot(workshop_id: int) -> dict:
    entries = _shared.entries(workshop_id) if _shared else None
    if entries is None:
        with _lock:
            entries = list(_online.get(workshop_id, {}).values())
    names = {pid: name for role, pid, name, _f in entries if role == "participant" and pid}
    facilitators = sum(1 for entry in entries if entry[0] == "facilitator")
    return {
        "participants": sorted(names),
        "names": {str(p): n for p, n in names.items()},
        "facilitators": facilitators,
    }


def _send_later(workshop_id: int) -> None:
    socketio.sleep(COALESCE_SECONDS)
    with _lock:
        _pending.discard(workshop_id)
    socketio.emit(Server.PRESENCE, snapshot(workshop_id), to=f"w{workshop_id}:f")


def _changed(workshop_id: int) -> None:
    with _lock:
        if workshop_id in _pending:
            return
        _pending.add(workshop_id)
    socketio.start_background_task(_send_later, workshop_id)


def entered(
    workshop_id: int,
    sid: str,
    role: str,
    participant_id: int | None,
    name: str | None = None,
    facilitator_id: int | None = None,
) -> None:
    entry = (role, participant_id, name, facilitator_id)
    with _lock:
        _online.setdefault(workshop_id, {})[sid] = entry
    if _shared is not None:
        if not _shared.beating:
            _shared.beating = True
            socketio.start_background_task(_shared.beat_forever)
        _shared.entered(workshop_id, sid, entry)
    _changed(workshop_id)


def left(workshop_id: int, sid: str) -> None:
    with _lock:
        connections = _online.get(workshop_id, {})
        connections.pop(sid, None)
        if not connections:
            _online.pop(workshop_id, None)
    if _shared is not None:
        _shared.left(workshop_id, sid)
    _changed(workshop_id)


def workshops_of(sid: str) -> list[int]:
    """The workshops this process's connection ``sid`` is present in."""
    with _lock:
        return [w for w, connections in _online.items() if sid in connections]


def sids_of(
    workshop_id: int, *, participant_ids: set[int], facilitator_id: int | None = None
) -> set[str]:
    """The connections, in every process, of these participants or this facilitator in the
    workshop: this process's own always, the others' through Redis when it is reachable."""
    with _lock:
        connections = dict(_online.get(workshop_id, {}))
    if _shared is not None:
        connections.update(_shared.connections(workshop_id) or {})
    return {
        sid
        for sid, (role, participant_id, _name, facilitator) in connections.items()
        if (role == "participant" and participant_id in participant_ids)
        # A presenter screen is the facilitator's too: it goes with them (never counted above).
        or (
            role in ("facilitator", "presenter")
            and facilitator_id is not None
            and facilitator == facilitator_id
        )
    }
