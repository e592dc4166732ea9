"""The real server in a subprocess, and Socket.IO clients that behave like the browser's
connection: an outbox of unacknowledged changes resent after every reconnect, and a gapless,
in-order mirror of the workshop's notes caught up with ``join`` + ``since``.

Everything here is bounded: every call has a time-out and every wait a deadline."""

import json
import threading
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import socketio

from .browser.conftest import LiveServer
from .conftest import PASSWORD

CALL_TIMEOUT = 5.0
TOO_FAST_RETRIES = 20
# What a note is on every client, whatever else the server's document adds to it.
NOTE_KEYS = (
    "id",
    "op_id",
    "step_id",
    "prompt_id",
    "text",
    "fields",
    "participant_id",
    "author_name",
    "version",
)


def essence(notes) -> dict[int, tuple]:
    return {note["id"]: tuple(note[key] for key in NOTE_KEYS) for note in notes}


def start_server(data_dir: Path, env: dict | None = None, module: str = "app") -> LiveServer:
    """A running ``pajapohja serve`` (gevent) with one facilitator and an API token (``env``
    and ``module`` as ``LiveServer`` takes them)."""
    live = LiveServer(data_dir, env, module).start()
    live.facilitator_email = "fasilitaattori@example.fi"
    live.cli(
        "facilitator", "add", live.facilitator_email, "--password-stdin", input=PASSWORD + "\n"
    )
    live.api_token = live.cli("token", "create", live.facilitator_email)
    return live


def api(live: LiveServer, method: str, path: str, body: dict | None = None) -> dict:
    request = urllib.request.Request(
        f"{live.url}/api/v1{path}",
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"Bearer {live.api_token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def create_workshop(live: LiveServer) -> dict:
    return api(
        live,
        "POST",
        "/workshops",
        {"title": "Kestävyystesti", "template": "hyvanmitta-training-plan", "language": "fi"},
    )


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


def connect_all(live: LiveServer, workshop: dict, count: int, name: str) -> list["Participant"]:
    with ThreadPoolExecutor(max_workers=10) as pool:
        return list(
            pool.map(lambda n: Participant(live, workshop, f"{name} {n}").connect(), range(count))
        )


def close_all(clients: list["Participant"]) -> None:
    with ThreadPoolExecutor(max_workers=len(clients) or 1) as pool:
        list(pool.map(Participant.close, clients))


class Participant:
    """One participant's socket, outbox and view of the workshop's notes."""

    def __init__(self, live: LiveServer, workshop: dict, name: str):
        self.url = live.url
        self.join_code = workshop["join_code"]
        step = workshop["steps"][0]
        self.step_id, self.prompt_id = step["id"], step["prompts"][0]["id"]
        self.name = name
        self.token = None
        self.participant_id = None
        self.lock = threading.Lock()
        self.seq = 0
        self.loaded = False
        self.notes: dict[int, dict] = {}  # the mirror: note id -> note
        self.log: list[tuple[int, str, int | None]] = []  # (seq, type, note id) as applied
        self.early: dict[int, dict] = {}  # events that arrived ahead of their turn
        self.outbox: dict[str, dict] = {}  # op_id -> payload, until acknowledged
        self.acked: dict[str, dict] = {}  # op_id -> ack
        self.joined = threading.Event()
        self.joins = 0
        self.caught_up_by_events = 0
        self.sio = socketio.Client(
            reconnection=True,
            reconnection_delay=0.2,
            reconnection_delay_max=1,
            randomization_factor=0.2,
            handle_sigint=False,
        )
        self.sio.on("event", self._receive)
        self.sio.on("disconnect", self._disconnected)

    # --- connection ---------------------------------------------------------------------
    def connect(self) -> "Participant":
        self.sio.connect(self.url, transports=["websocket"], wait_timeout=10)
        self.join()
        return self

    def join(self) -> None:
        """Join (again): a known participant catches up from its last ``seq``."""
        payload = {"join_code": self.join_code, "name": self.name}
        if self.token:
            payload["participant_token"] = self.token
        if self.loaded:
            payload["since"] = self.seq
        ack = self.sio.call("join", payload, timeout=CALL_TIMEOUT)
        assert ack["ok"], ack
        self.token = ack["participant"]["token"]
        self.participant_id = ack["participant"]["id"]
        with self.lock:
            if "events" in ack:
                self.caught_up_by_events += 1
                for event in ack["events"]:
                    self._queue(event)
            else:
                self._load(ack["workshop"], ack["seq"])
            self._drain()
        self.joins += 1
        self.joined.set()

    def _disconnected(self, reason=None) -> None:
        self.joined.clear()
        # python-engineio leaves the websocket of a connection the server dropped open until
        # garbage collection (a ResourceWarning); its read loop has ended, so close it now.
        ws = getattr(self.sio.eio, "ws", None)
        if reason == self.sio.reason.TRANSPORT_ERROR and ws is not None:
            ws.shutdown()

    def ensure_joined(self) -> bool:
        if self.joined.is_set():
            return True
        if not self.sio.connected:
            return False
        try:
            self.join()
        except (socketio.exceptions.TimeoutError, socketio.exceptions.BadNamespaceError):
            return False
        return True

    def close(self) -> None:
        # shutdown, not disconnect: a client left reconnecting to a stopped server would keep
        # drawing from the global random generator in the background, which Hypothesis rejects
        # in later tests.
        self.sio.shutdown()

    # --- changes ------------------------------------------------------------------------
    def new_note(self, text: str) -> str:
        op_id = str(uuid.uuid4())
        self.outbox[op_id] = {
            "op_id": op_id,
            "step_id": self.step_id,
            "prompt_id": self.prompt_id,
            "text": text,
        }
        return op_id

    def send(self, op_id: str) -> bool:
        """Send one outbox entry; True once the server acknowledged it, False when the
        connection is gone (the entry stays in the outbox)."""
        for _attempt in range(TOO_FAST_RETRIES):
            try:
                ack = self.sio.call("note.add", self.outbox[op_id], timeout=CALL_TIMEOUT)
            except (socketio.exceptions.TimeoutError, socketio.exceptions.BadNamespaceError):
                return False
            if ack is None or (not ack["ok"] and ack["error"]["code"] == "not_joined"):
                return False
            if ack["ok"] or ack["error"]["code"] != "too_fast":
                break
            time.sleep(0.5)  # the server's per-connection rate limit: wait as the browser does
        assert ack["ok"], ack
        self.acked[op_id] = ack
        del self.outbox[op_id]
        return True

    def flushed(self) -> bool:
        """Resend what is unacknowledged; True once nothing is left."""
        for op_id in list(self.outbox):
            if not self.ensure_joined() or not self.send(op_id):
                return False
        return True

    # --- the mirror ---------------------------------------------------------------------
    def _receive(self, event: dict) -> None:
        with self.lock:
            self._queue(event)
            if self.loaded:
                self._drain()

    def _queue(self, event: dict) -> None:
        if event["seq"] > self.seq:
            known = self.early.get(event["seq"])
            if known is None or known["type"] == "hidden":
                self.early[event["seq"]] = event

    def _load(self, snapshot: dict, seq: int) -> None:
        self.notes = {note["id"]: note for note in snapshot["notes"]}
        self.log.append((seq, "snapshot", None))
        self.seq = seq
        self.loaded = True
        self.early = {s: e for s, e in self.early.items() if s > seq}

    def _drain(self) -> None:
        while self.seq + 1 in self.early:
            event = self.early.pop(self.seq + 1)
            self.seq = event["seq"]
            data = event["data"]
            if event["type"] in ("note.added", "note.edited"):
                self.notes[data["note"]["id"]] = data["note"]
            elif event["type"] == "note.deleted":
                self.notes.pop(data["note_id"], None)
            self.log.append((event["seq"], event["type"], data.get("note", {}).get("id")))

    def resync(self) -> None:
        """Ask for whatever is missing (a gap that did not close by itself)."""
        ack = self.sio.call("resync", {"since": self.seq}, timeout=CALL_TIMEOUT)
        assert ack["ok"], ack
        with self.lock:
            if "snapshot" in ack:
                self._load(ack["snapshot"], ack["seq"])
            else:
                for event in ack["events"]:
                    self._queue(event)
            self._drain()
