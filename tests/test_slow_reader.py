"""A client that never reads must not exhaust the server's memory nor others' latency.

The attacker speaks Engine.IO/Socket.IO v4 by hand over a raw WebSocket with a tiny receive
buffer: it joins a workshop whose board holds 600 long notes, then asks for the whole workshop
(``resync {"since": 0}``) twenty times a second and answers pings blindly, never reading a byte.
Before the fix its unsent snapshots piled up in the server without limit. Meanwhile an ordinary
participant of another workshop keeps posting notes; its acknowledgements must stay as quick as
before the attack (a ratio of medians, generously bounded)."""

import json
import socket
import statistics
import threading
import time

import pytest
import websocket

from .server import (
    Participant,
    close_all,
    connect_all,
    create_workshop,
    start_server,
    wait_for,
)

ATTACKERS = 8
ATTACK_SECONDS = 8
CUT_OFF_WITHIN = 8.0  # seconds from an attacker's join to the server closing its connection
POSTERS, NOTES_EACH = 15, 40  # 600 notes: more events than a resync answers one by one
NOTE_TEXT = "Osallisuus arjessa: kuunnellaan, kysytään ja sovitaan yhdessä. " * 24  # 1,536 chars
RSS_GROWTH_LIMIT_MB = 60
LATENCY_RATIO_LIMIT = 5
BASELINE_NOTES = 20
NOTE_INTERVAL = 0.2  # the participant's pace: well inside the per-connection token bucket


@pytest.fixture
def live(tmp_path):
    server = start_server(tmp_path)
    yield server
    server.stop()


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


class SlowReader:
    """One raw connection that joins, then floods ``resync`` and never reads."""

    def __init__(self, port: int, join_code: str, name: str):
        self.ws = websocket.create_connection(
            f"ws://127.0.0.1:{port}/socket.io/?EIO=4&transport=websocket",
            sockopt=[(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)],
            timeout=5,
        )
        assert self.ws.recv().startswith("0{")  # Engine.IO open
        self.ws.send("40")
        assert self.ws.recv().startswith("40{")  # Socket.IO connect; the last read ever
        self.ws.send("420" + json.dumps(["join", {"join_code": join_code, "name": name}]))
        self.joined_at = time.monotonic()

    def flood_until_cut_off(self, deadline: float) -> float | None:
        """Seconds from the join until the server closed the connection, or None if it was
        still open at ``deadline``."""
        number = 1
        last_pong = 0.0
        try:
            while time.monotonic() < deadline:
                number += 1
                self.ws.send(f"42{number}" + json.dumps(["resync", {"since": 0}]))
                if time.monotonic() - last_pong > 1:
                    self.ws.send("3")  # a pong, whether or not a ping came
                    last_pong = time.monotonic()
                time.sleep(0.05)
        except (OSError, websocket.WebSocketException):
            return time.monotonic() - self.joined_at
        return None

    def close(self) -> None:
        self.ws.shutdown()


def attack(live, join_code: str, deadline: float, cut_offs: list, index: int) -> None:
    reader = SlowReader(live.port, join_code, f"Hyökkääjä {index}")
    try:
        cut_offs.append(reader.flood_until_cut_off(deadline))
    finally:
        reader.close()


def post_notes(participant: Participant, count: int | None, until: float | None) -> list[float]:
    """Post notes one at a time; the seconds each took to be acknowledged."""
    latencies = []
    while (count is not None and len(latencies) < count) or (
        until is not None and time.monotonic() < until
    ):
        op_id = participant.new_note(f"{participant.name}: lappu {len(latencies) + 1}")
        started = time.monotonic()
        acknowledged = participant.send(op_id)
        latencies.append(time.monotonic() - started if acknowledged else float("inf"))
        if not acknowledged:  # timed out: the connection is reset and joins again
            participant.outbox.pop(op_id)
            wait_for(participant.ensure_joined, 30, "the participant to join again")
        time.sleep(NOTE_INTERVAL)
    return latencies


def fill_board(live, workshop: dict) -> None:
    posters = connect_all(live, workshop, POSTERS, "Kirjoittaja")
    try:

        def post(poster):
            for _ in range(NOTES_EACH):
                assert poster.send(poster.new_note(NOTE_TEXT))

        threads = [threading.Thread(target=post, args=(p,)) for p in posters]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert not any(thread.is_alive() for thread in threads)
    finally:
        close_all(posters)
    viewer = Participant(live, workshop, "Katsoja").connect()  # builds the snapshot caches
    try:
        assert len(viewer.notes) == POSTERS * NOTES_EACH
    finally:
        viewer.close()


def test_a_client_that_never_reads_is_cut_off_and_others_keep_their_latency(live):
    board = create_workshop(live)
    fill_board(live, board)
    other = Participant(live, create_workshop(live), "Tavallinen").connect()
    try:
        before = post_notes(other, BASELINE_NOTES, None)
        rss_before = rss_mb(live.process.pid)

        deadline = time.monotonic() + ATTACK_SECONDS
        cut_offs: list[float | None] = []
        attackers = [
            threading.Thread(target=attack, args=(live, board["join_code"], deadline, cut_offs, n))
            for n in range(ATTACKERS)
        ]
        peak = [rss_before]

        def sample_rss():
            while time.monotonic() < deadline + 1:
                peak[0] = max(peak[0], rss_mb(live.process.pid))
                time.sleep(0.1)

        sampler = threading.Thread(target=sample_rss)
        for thread in [*attackers, sampler]:
            thread.start()
        during = post_notes(other, None, deadline)
        for thread in [*attackers, sampler]:
            thread.join(timeout=30)
        assert not any(thread.is_alive() for thread in [*attackers, sampler])
    finally:
        other.close()

    growth = peak[0] - rss_before
    ratio = statistics.median(during) / statistics.median(before)
    cut = sorted(round(c, 2) for c in cut_offs if c is not None)
    print(
        f"cut off after {cut} s, {cut_offs.count(None)} not; RSS {rss_before:.0f} MB"
        f" + {growth:.0f} MB; median ack {statistics.median(before) * 1000:.1f} ms before,"
        f" {statistics.median(during) * 1000:.1f} ms during (max {max(during) * 1000:.0f} ms,"
        f" {len(during)} notes)"
    )
    assert cut_offs and all(c is not None and c < CUT_OFF_WITHIN for c in cut_offs), cut_offs
    assert growth < RSS_GROWTH_LIMIT_MB, f"the server grew by {growth:.0f} MB"
    assert all(latency < float("inf") for latency in before + during), "notes not acknowledged"
    assert ratio < LATENCY_RATIO_LIMIT, f"acknowledgements {ratio:.1f}x slower during the attack"


def test_every_connection_queue_is_the_counting_one(app):
    """The cut-off relies on python-engineio creating each connection's queue through
    ``create_queue`` and keeping it as ``socket.queue``: fail loudly if that changes."""
    from engineio.socket import Socket

    from app import backpressure
    from app.extensions import socketio

    eio = socketio.server.eio
    assert isinstance(eio, backpressure.BoundedServer)
    connection = Socket(eio, "test-sid")
    backlog = backpressure.backlog_of(connection)
    assert isinstance(backlog, backpressure.BacklogQueue)


AHEAD = 2**40  # a client ahead of the database (restored from a backup) gets a snapshot


def test_snapshots_per_connection_are_budgeted_and_refused_with_a_retry_hint(participant):
    sock, join = participant()
    assert "workshop" in join  # the join's snapshot is the first of three
    for _ in range(2):
        assert "snapshot" in sock.emit("resync", {"since": AHEAD}, callback=True)
    refused = sock.emit("resync", {"since": AHEAD}, callback=True)
    assert refused["ok"] is False and "snapshot" not in refused
    assert refused["error"]["code"] == "too_fast"
    assert 1 <= refused["error"]["retry_after"] <= 20
    for _ in range(10):  # events since a seq are small: not counted
        assert "events" in sock.emit("resync", {"since": 0}, callback=True)


def test_snapshots_per_workshop_are_budgeted_but_joins_always_get_theirs(app, participant):
    app.config.update(SNAPSHOT_WORKSHOP_BURST=2, SNAPSHOT_WORKSHOP_RATE=0.01)
    joined = [participant(f"Osallistuja {n}") for n in range(3)]
    assert all("workshop" in join for _sock, join in joined)  # over budget, yet answered
    refused = joined[0][0].emit("resync", {"since": AHEAD}, callback=True)
    assert refused["error"]["code"] == "too_fast" and refused["error"]["retry_after"] > 20


def test_a_connection_that_ignores_retry_after_is_disconnected(app, participant):
    sock, _join = participant()
    limit = app.config["SNAPSHOT_REFUSALS_BEFORE_CUTOFF"]
    for _ in range(2):  # the rest of the burst
        assert "snapshot" in sock.emit("resync", {"since": AHEAD}, callback=True)
    for _ in range(limit - 1):  # refused, and asked again at once
        assert sock.emit("resync", {"since": AHEAD}, callback=True)["error"]["code"] == "too_fast"
    assert sock.is_connected()
    sock.emit("resync", {"since": AHEAD}, callback=True)
    assert not sock.is_connected()
