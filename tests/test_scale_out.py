"""Several processes: two `pajapohja serve` (gevent) sharing one PostgreSQL database, with Redis
as the Socket.IO message queue, behind nginx with cookie stickiness — all real, on loopback.

Needs the running PostgreSQL (127.0.0.1:5432, trust auth), `redis-server` and `nginx` on the
machine (.ci/run installs nginx); this test starts its own Redis and nginx on free ports and
fails, never skips, when any of them cannot be reached or started.
"""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
import requests
import socketio

from .browser.conftest import free_port, run_cli
from .conftest import PASSWORD
from .postgres import fresh_database

pytestmark = pytest.mark.services

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
REDIS = shutil.which("redis-server") or "/usr/bin/redis-server"
ROUTE_COOKIE = "pajapohja_route"
EMAIL = "skaalaus@example.fi"

NGINX_CONF = """
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    # Stickiness as in deploy/nginx.conf: a new browser gets a random route key in a cookie;
    # the key picks its process (consistent hash), so its requests keep going there.
    map $cookie_pajapohja_route $pajapohja_route {{
        "" $request_id;
        default $cookie_pajapohja_route;
    }}
    upstream pajapohja {{
        hash $pajapohja_route consistent;
        server 127.0.0.1:{port_a};
        server 127.0.0.1:{port_b};
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://pajapohja;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 1h;
            proxy_buffering off;
            add_header Set-Cookie "pajapohja_route=$pajapohja_route; Path=/; HttpOnly";
            add_header X-Test-Upstream $upstream_addr always;
        }}
    }}
}}
"""


def wait_for_port(port: int, process: subprocess.Popen, what: str, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{what} exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"{what} did not listen on port {port} within 30 s")


def stop(process: subprocess.Popen | None) -> None:
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


class Redis:
    """Our own redis-server on a free loopback port, so that restarting it disturbs no one."""

    def __init__(self, tmp: Path):
        if not Path(REDIS).exists():
            pytest.fail("redis-server is not installed")
        self.tmp, self.port, self.process = tmp, free_port(), None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        log = self.tmp / "redis.log"
        self.process = subprocess.Popen(
            [
                REDIS,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.tmp),
                "--logfile",
                str(log),
            ]
        )
        wait_for_port(self.port, self.process, "redis-server", log)

    def stop(self) -> None:
        stop(self.process)


class Cluster:
    """Two app processes on one database and one Redis, behind nginx."""

    def __init__(self, tmp: Path, database_url: str, redis: Redis):
        self.tmp, self.processes, self.logs = tmp, [], []
        self.ports = [free_port(), free_port()]
        self.env = {
            **os.environ,
            "PAJAPOHJA_DATABASE_URL": database_url,
            "PAJAPOHJA_MESSAGE_QUEUE": redis.url,
            "PAJAPOHJA_ASYNC_MODE": "gevent",
            "PAJAPOHJA_SECRET_KEY": secrets.token_urlsafe(32),
            "PAJAPOHJA_DATA_DIR": str(tmp / "data"),
            "PAJAPOHJA_PROXY_COUNT": "1",
        }
        self.env.pop("PAJAPOHJA_CANVASES", None)
        self.nginx_port = free_port()
        self.url = f"http://127.0.0.1:{self.nginx_port}"
        self.env["PAJAPOHJA_PUBLIC_URL"] = self.url

    def cli(self, *args: str, input: str | None = None) -> str:
        return run_cli(self.env, *args, input=input)

    def start(self) -> None:
        self.cli("db", "upgrade")  # once, before the processes: see docs/deploy.md
        for index, port in enumerate(self.ports):
            log = self.tmp / f"app{index}.log"
            self.logs.append(log.open("w"))
            process = subprocess.Popen(
                [sys.executable, "-m", "app", "serve", "--port", str(port)],
                env=self.env,
                stdout=self.logs[-1],
                stderr=subprocess.STDOUT,
            )
            self.processes.append(process)
            wait_for_port(port, process, f"app process {index}", log)
        self._start_nginx()
        self.cli("facilitator", "add", EMAIL, "--password-stdin", input=PASSWORD + "\n")
        self.token = self.cli("token", "create", EMAIL)

    def _start_nginx(self) -> None:
        if not Path(NGINX).exists():
            pytest.fail("nginx is not installed (apt-get install nginx)")
        conf = self.tmp / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(
                tmp=self.tmp, port=self.nginx_port, port_a=self.ports[0], port_b=self.ports[1]
            )
        )
        log = self.tmp / "nginx-error.log"
        log.touch()
        nginx = subprocess.Popen(
            [NGINX, "-c", str(conf), "-p", str(self.tmp), "-e", str(log)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        self.processes.append(nginx)
        wait_for_port(self.nginx_port, nginx, "nginx", log)

    def route_keys(self) -> dict[str, str]:
        """For each process, a route key nginx handed out to a new visitor it sent there."""
        keys: dict[str, str] = {}
        for _ in range(60):
            response = requests.get(f"{self.url}/api/v1/openapi.json", timeout=30)
            assert response.status_code == 200
            keys.setdefault(response.headers["X-Test-Upstream"], response.cookies[ROUTE_COOKIE])
            if len(keys) == len(self.ports):
                return keys
        pytest.fail(f"nginx sent 60 new visitors to only {list(keys)}")

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {"Authorization": f"Bearer {self.token}"}
        return requests.request(
            method, f"{self.url}/api/v1{path}", headers=headers, timeout=30, **kwargs
        )

    def stop(self) -> None:
        for process in reversed(self.processes):
            stop(process)
        for log in self.logs:
            log.close()


class Board:
    """A participant's client: applies events in ``seq`` order and resyncs on a gap, as the
    browser's connection.js does."""

    def __init__(self, cluster: Cluster, route: str, workshop: dict):
        self.step = workshop["steps"][0]
        self.lock = threading.Lock()
        self.buffered: dict[int, dict] = {}
        self.resyncs = 0
        self.sio = socketio.Client(reconnection=False)
        self.sio.on("event", self._on_event)
        self.sio.connect(
            cluster.url,
            headers={"Cookie": f"{ROUTE_COOKIE}={route}"},
            transports=["websocket"],
            wait_timeout=15,
        )
        ack = self.sio.call(
            "join", {"join_code": workshop["join_code"], "name": "Testi"}, timeout=20
        )
        assert ack["ok"], ack
        self.participant_id = ack["participant"]["id"]
        self._load(ack["workshop"])

    def _on_event(self, event: dict) -> None:
        with self.lock:
            self.buffered[event["seq"]] = event

    def _load(self, snapshot: dict) -> None:
        self.notes = {note["id"]: note["text"] for note in snapshot["notes"]}
        self.seq = snapshot["seq"]

    def _apply(self, event: dict) -> None:
        data = event["data"]
        if event["type"] in ("note.added", "note.edited"):
            self.notes[data["note"]["id"]] = data["note"]["text"]
        elif event["type"] == "note.deleted":
            self.notes.pop(data["note_id"], None)
        self.seq = event["seq"]

    def sync(self) -> None:
        """Apply what arrived in order; on a gap ask the server for what was missed."""
        with self.lock:
            while self.seq + 1 in self.buffered:
                self._apply(self.buffered.pop(self.seq + 1))
            for seq in [s for s in self.buffered if s <= self.seq]:
                del self.buffered[seq]
            gap = bool(self.buffered)
        if gap:
            self.resyncs += 1
            answer = self.sio.call("resync", {"since": self.seq}, timeout=20)
            assert answer["ok"], answer
            with self.lock:
                if "snapshot" in answer:
                    self._load(answer["snapshot"])
                for event in answer.get("events", []):
                    if event["seq"] == self.seq + 1:
                        self._apply(event)

    def post(self, text: str) -> int:
        payload = {
            "op_id": str(uuid.uuid4()),
            "step_id": self.step["id"],
            "prompt_id": self.step["prompts"][0]["id"],
            "text": text,
        }
        ack = self.sio.call("note.add", payload, timeout=20)
        assert ack["ok"], ack
        return ack["note"]["id"]

    def texts(self) -> set[str]:
        return set(self.notes.values())


def eventually(condition, timeout: float = 15, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"not within {timeout} s: {what}")


@pytest.fixture
def cluster(tmp_path):
    # An empty database: Cluster.start upgrades it with `pajapohja db upgrade`, as a deployment.
    with fresh_database(schema=None) as database_url:
        redis = Redis(tmp_path)
        redis.start()
        running = Cluster(tmp_path, database_url, redis)
        running.redis = redis
        try:
            running.start()
            yield running
        finally:
            running.stop()
            redis.stop()


def test_nginx_spreads_new_browsers_and_pins_each_to_its_process(cluster):
    keys = cluster.route_keys()
    assert sorted(keys) == sorted(f"127.0.0.1:{port}" for port in cluster.ports)
    for upstream, key in keys.items():
        for _ in range(5):
            again = requests.get(
                f"{cluster.url}/api/v1/openapi.json", timeout=30, cookies={ROUTE_COOKIE: key}
            )
            assert again.headers["X-Test-Upstream"] == upstream


def test_notes_cross_between_processes_and_survive_a_redis_restart(cluster):
    created = cluster.api(
        "POST",
        "/workshops",
        json={
            "title": "Skaalautuva työpaja",
            "template": "hyvanmitta-training-plan",
            "language": "fi",
        },
    )
    assert created.status_code == 201, created.text
    workshop = created.json()
    key_a, key_b = cluster.route_keys().values()
    alice = Board(cluster, key_a, workshop)
    bob = Board(cluster, key_b, workshop)

    alice.post("Alicelta prosessissa A")
    bob.post("Bobilta prosessissa B")
    for board in (alice, bob):
        eventually(
            lambda b=board: (
                (b.sync(), b.texts())[1] == {"Alicelta prosessissa A", "Bobilta prosessissa B"}
            ),
            what="notes crossing processes",
        )
    assert alice.resyncs == bob.resyncs == 0, "live delivery, not catch-up"

    cluster.redis.stop()
    alice.post("Redisin ollessa alhaalla, A")
    bob.post("Redisin ollessa alhaalla, B")
    # Joining does not depend on Redis (rate limits and presence fall back to the process).
    carol = Board(cluster, key_b, workshop)
    cluster.redis.start()

    def converged() -> bool:
        (alice if len(posted) % 2 == 0 else bob).post(f"Redisin jälkeen {len(posted)}")
        posted.append(1)
        time.sleep(0.5)
        alice.sync()
        bob.sync()
        truth = cluster.api("GET", f"/workshops/{workshop['id']}").json()
        stored = {note["text"] for note in truth["notes"]}
        return alice.texts() == bob.texts() == stored

    posted: list[int] = []
    eventually(converged, timeout=60, what="both boards converging after the Redis restart")
    assert {"Redisin ollessa alhaalla, A", "Redisin ollessa alhaalla, B"} <= alice.texts()
    # The broadcasts of the notes written while Redis was down were lost: each board noticed
    # the gap in seq and caught up from the database.
    assert alice.resyncs >= 1 and bob.resyncs >= 1
    for board in (alice, bob, carol):
        board.sio.disconnect()


def test_a_facilitator_sees_everyone_present_whichever_process_they_joined(cluster):
    created = cluster.api(
        "POST",
        "/workshops",
        json={"title": "Läsnäolo", "template": "hyvanmitta-training-plan", "language": "fi"},
    )
    assert created.status_code == 201, created.text
    workshop = created.json()
    key_a, key_b = cluster.route_keys().values()
    seen: list[dict] = []
    facilitator = socketio.Client(reconnection=False)
    facilitator.on("presence", seen.append)
    facilitator.connect(
        cluster.url,
        headers={"Cookie": f"{ROUTE_COOKIE}={key_a}"},
        auth={"api_token": cluster.token},
        transports=["websocket"],
        wait_timeout=15,
    )
    assert facilitator.call("join", {"workshop_id": workshop["id"]}, timeout=20)["ok"]
    alice = Board(cluster, key_a, workshop)
    bob = Board(cluster, key_b, workshop)
    everyone = sorted([alice.participant_id, bob.participant_id])
    eventually(
        lambda: bool(seen) and seen[-1]["participants"] == everyone,
        what=f"presence listing both processes' participants {everyone}",
    )
    assert seen[-1]["facilitators"] == 1
    bob.sio.disconnect()
    eventually(
        lambda: seen[-1]["participants"] == [alice.participant_id],
        what="presence noticing a participant who left on the other process",
    )
    for client in (alice.sio, facilitator):
        client.disconnect()
