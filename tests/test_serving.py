"""``pajapohja serve`` against hostile clients, over real sockets: malformed WebSocket frames
cost one short log line each at most (rate-limited), and a request that arrives too slowly is
closed, while WebSockets and long-polling connections stay open as long as they like."""

import json
import socket
import subprocess
import sys
import time
import urllib.request
import uuid

import pytest
import socketio
import websocket

from app.serving import LINES_PER_SECOND

from .browser.conftest import LiveServer
from .conftest import PASSWORD
from .server import create_workshop

REQUEST_TIMEOUT = 2  # seconds, for this test's server (the default is 30)
# How long the test waits for the server to close a slow request: far more than the bound, so
# that a busy machine does not fail the test; a server without the bound never closes it.
PATIENCE = 20
FRAMES = 2_000
BIG_BOARD = 20_000  # notes: a join snapshot of about 9 MB
# Frames python-socketio cannot decode; the connection stays open after each.
MALFORMED = ["42[", "4{", '42["join",{]', "4x", "42" + "{" * 40, "43[", '42["a",]']


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("serving")
    server = LiveServer(data_dir, env={"PAJAPOHJA_REQUEST_TIMEOUT": str(REQUEST_TIMEOUT)})
    server.start()
    email = "fasilitaattori@example.fi"
    server.cli("facilitator", "add", email, "--password-stdin", input=PASSWORD + "\n")
    server.api_token = server.cli("token", "create", email)
    yield server
    server.stop()


def log_of(live) -> bytes:
    return (live.data_dir / "server.log").read_bytes()


def wait_for(condition, what: str, timeout: float = PATIENCE) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def raw_socket_io(live) -> websocket.WebSocket:
    """A WebSocket speaking Engine.IO by hand, connected to the default namespace."""
    ws = websocket.create_connection(
        f"ws://127.0.0.1:{live.port}/socket.io/?EIO=4&transport=websocket", timeout=10
    )
    assert ws.recv().startswith("0")  # Engine.IO open
    ws.send("40")
    assert ws.recv().startswith("40")  # Socket.IO connect
    return ws


def test_malformed_frames_log_one_short_line_each_at_most_rate_limited(live):
    before = log_of(live)
    ws = raw_socket_io(live)
    started = time.monotonic()
    for number in range(FRAMES):
        ws.send(MALFORMED[number % len(MALFORMED)])
    # The connection still works: a well-formed event is answered after the garbage.
    ws.send('421["resync",{"since":0}]')
    wait_for(lambda: ws.recv().startswith("431"), "the answer to a good event")
    flood = log_of(live)[len(before) :]
    assert b"Traceback" not in flood
    assert len(flood) < 40_000, len(flood)  # before: about 1.4 kB of traceback a frame

    # One frame more once the second has turned: its line says how many were left out. Events
    # are handled concurrently, so on a busy server the flood may still be logging after the
    # good event's answer; send such a frame each second until every frame is accounted for.
    extra = 0

    def counted(lines: list[str]) -> int:
        suppressed = sum(
            int(line.split("(")[-1].split()[0]) for line in lines if "suppressed" in line
        )
        return suppressed + len(lines)

    def every_frame_counted() -> bool:
        nonlocal extra
        time.sleep(1.05)  # a fresh second: the next line carries the count of those left out
        ws.send("42[")
        extra += 1
        lines = log_of(live)[len(before) :].decode().splitlines()
        return counted(lines) >= FRAMES + extra - 1 and any("suppressed" in x for x in lines)

    wait_for(every_frame_counted, "every frame logged or counted as suppressed", timeout=60)
    ws.close()
    written = log_of(live)[len(before) :]
    lines = written.decode().splitlines()
    # At most LINES_PER_SECOND lines in each clock second the flood and the summary touched.
    seconds = time.monotonic() - started
    assert len(lines) <= LINES_PER_SECOND * (int(seconds) + 2), (len(lines), seconds)
    assert len(lines) < FRAMES / 10
    assert all(len(line) < 400 for line in lines), max(lines, key=len)
    # Every frame is counted, logged or not (the last extra one may still be on its way).
    assert counted(lines) >= FRAMES + extra - 1


def test_a_request_line_sent_too_slowly_is_closed_within_the_bound(live):
    with socket.create_connection(("127.0.0.1", live.port), timeout=PATIENCE) as slow:
        started = time.monotonic()
        closed = False
        for byte in b"GET / HTTP/1.1\r\nHost: x\r\n":  # a byte at a time, never finished
            try:
                slow.sendall(bytes([byte]))
            except OSError:  # the server closed it meanwhile
                closed = True
                break
            if time.monotonic() - started > REQUEST_TIMEOUT + 1:
                break
            time.sleep(0.25)
        if not closed:
            slow.settimeout(PATIENCE)
            try:
                closed = slow.recv(1024) == b""
            except ConnectionResetError:
                closed = True
            except TimeoutError:
                closed = False
        assert closed, "the server kept a request that never finished"
    assert _page_status(live) == 200  # others are served meanwhile and after


def test_a_body_that_stalls_is_answered_and_closed(live):
    with socket.create_connection(("127.0.0.1", live.port), timeout=PATIENCE) as slow:
        slow.sendall(
            b"POST /api/v1/series HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Authorization: Bearer " + live.api_token.encode() + b"\r\n"
            b"Content-Length: 1000\r\n\r\n" + b'{"title": "'
        )
        answer = b""
        try:
            while chunk := slow.recv(4096):  # the server answers, then closes
                answer += chunk
        except TimeoutError:
            pytest.fail(f"the server kept a stalled request open: {answer[:100]!r}")
        assert answer.startswith(b"HTTP/1.1 400"), answer[:200]
    assert _page_status(live) == 200


def _page_status(live) -> int:
    with urllib.request.urlopen(f"{live.url}/login", timeout=PATIENCE) as response:
        return response.status


@pytest.mark.parametrize("transport", ["websocket", "polling"])
def test_socket_io_connections_outlive_the_request_bound(live, transport):
    workshop = create_workshop(live)
    client = socketio.Client(reconnection=False, handle_sigint=False)
    dropped = []
    client.on("disconnect", lambda *reason: dropped.append(reason))
    client.connect(live.url, transports=[transport], wait_timeout=10)
    try:
        ack = client.call("join", {"join_code": workshop["join_code"]}, timeout=10)
        assert ack["ok"], ack
        # Idle for longer than three request bounds: nothing may close the connection.
        quiet_until = time.monotonic() + 3 * REQUEST_TIMEOUT
        while time.monotonic() < quiet_until:
            assert not dropped, dropped
            time.sleep(0.1)
        step = workshop["steps"][0]
        ack = client.call(
            "note.add",
            {
                "op_id": str(uuid.uuid4()),
                "step_id": step["id"],
                "prompt_id": step["prompts"][0]["id"],
                "text": "Yhä yhteydessä",
            },
            timeout=10,
        )
        assert ack["ok"], ack
        assert not dropped
    finally:
        client.shutdown()


def test_a_browser_like_client_upgrades_from_polling_to_websocket(live):
    """As the browser connects: long-polling first, then the upgrade to WebSocket, which gevent's
    own WSGI server carries (python-engineio speaks WebSocket itself; no gevent-websocket)."""
    workshop = create_workshop(live)
    listener = socketio.Client(reconnection=False, handle_sigint=False)
    poster = socketio.Client(reconnection=False, handle_sigint=False)
    heard = []
    listener.on("event", heard.append)
    try:
        for client in (listener, poster):
            client.connect(live.url, transports=["polling", "websocket"], wait_timeout=10)
            ack = client.call("join", {"join_code": workshop["join_code"]}, timeout=10)
            assert ack["ok"], ack
        wait_for(
            lambda: listener.transport() == poster.transport() == "websocket",
            "the upgrade to WebSocket",
        )
        step = workshop["steps"][0]
        note = {
            "op_id": str(uuid.uuid4()),
            "step_id": step["id"],
            "prompt_id": step["prompts"][0]["id"],
            "text": "WebSocketin yli",
        }
        assert poster.call("note.add", note, timeout=10)["ok"]
        wait_for(
            lambda: any(
                e["type"] == "note.added" and e["data"]["note"]["text"] == note["text"]
                for e in heard
            ),
            "the note over the listener's WebSocket",
        )
        assert listener.transport() == "websocket"
    finally:
        listener.shutdown()
        poster.shutdown()


def test_a_join_snapshot_of_megabytes_reaches_a_slow_reader_whole(live):
    """A frame larger than the kernel's socket buffers is written in several pieces; every piece
    must go out (simple-websocket alone sent only the first, and the client waited for ever)."""
    workshop = create_workshop(live)
    step = workshop["steps"][0]
    seeded = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.seed",
            str(workshop["id"]),
            str(step["id"]),
            step["prompts"][0]["id"],
            str(BIG_BOARD),
        ],
        env=live.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert seeded.returncode == 0, seeded.stderr
    ws = websocket.create_connection(
        f"ws://127.0.0.1:{live.port}/socket.io/?EIO=4&transport=websocket",
        timeout=60,
        sockopt=[(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)],
    )
    try:
        assert ws.recv().startswith("0")
        ws.send("40")
        assert ws.recv().startswith("40")
        join = {"join_code": workshop["join_code"], "name": "Hidas lukija"}
        ws.send("420" + json.dumps(["join", join]))
        time.sleep(1)  # not reading: the server's buffers fill up mid-frame
        message = ws.recv()
        while not message.startswith("430"):  # skip broadcasts until the join's answer
            message = ws.recv()
        ack = json.loads(message[3:])[0]
        assert ack["ok"], ack
        assert len(ack["workshop"]["notes"]) == BIG_BOARD
    finally:
        ws.close()
