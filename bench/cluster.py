"""The scale-out path as one server under test: two ``pajapohja serve`` processes on a throwaway
PostgreSQL database, with their own Redis as the Socket.IO message queue, behind their own
nginx — all on loopback, all stopped (and the database dropped) by ``stop()``.

nginx routes as deploy/nginx.conf does: a route key from the ``pajapohja_route`` cookie (a new
visitor gets ``$request_id``) picks the process by a consistent hash. The bench's clients use
the WebSocket transport only, so a connection is one HTTP request and stickiness cannot break
it; to split them evenly and know where each went, ``start()`` asks nginx for one route key per
process (as a new browser would get it) and ``headers_for`` hands the keys out in turn, like
returning browsers' cookies. The presence hashes the processes publish in Redis then say how
many participants each process really holds (``split``).
"""

import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

import requests

from .servers import EMAIL, PASSWORD, ROOT, ProcStats, Server, free_port

POSTGRES = os.environ.get("BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
REDIS = shutil.which("redis-server") or "/usr/bin/redis-server"
ROUTE_COOKIE = "pajapohja_route"
START_SECONDS = 60

# deploy/nginx.conf's routing and proxy settings, without TLS, on a free loopback port, plus
# the X-Bench-Upstream header for finding a route key per process. One difference: a plain
# HTTP request goes upstream with no Connection header (HTTP/1.1 keep-alive) instead of
# "Connection: close". gevent's server closes after a "close" request without saying so in
# its response, so nginx keeps the closed connection in its `keepalive` pool, the next request
# on it fails ("upstream prematurely closed connection"), `max_fails=1` takes that process out
# for 10 s and a POST answers 502 (seen while writing this scenario).
NGINX_CONF = """
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    map $http_upgrade $connection_upgrade {{ default upgrade; '' ''; }}
    map $cookie_pajapohja_route $pajapohja_route {{
        "" $request_id;
        default $cookie_pajapohja_route;
    }}
    upstream pajapohja {{
        hash $pajapohja_route consistent;
        server 127.0.0.1:{port_a} max_fails=1 fail_timeout=10s;
        server 127.0.0.1:{port_b} max_fails=1 fail_timeout=10s;
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 60m;
        location / {{
            proxy_pass http://pajapohja;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $http_host;
            proxy_set_header X-Real-IP $remote_addr;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 1h;
            proxy_send_timeout 1h;
            proxy_buffering off;
            add_header Set-Cookie "pajapohja_route=$pajapohja_route; Path=/; HttpOnly";
            add_header X-Bench-Upstream $upstream_addr always;
        }}
    }}
}}
"""


class SummedStats:
    """CPU and memory of several processes, added up (the app processes of the cluster)."""

    def __init__(self, stats: list):
        self.parts = stats

    def cpu_seconds(self) -> float:
        return sum(s.cpu_seconds() for s in self.parts)

    def rss_kb(self) -> int:
        return sum(s.rss_kb() for s in self.parts)

    def peak_rss_kb(self) -> int:
        return sum(s.peak_rss_kb() for s in self.parts)


def _wait_for_port(port: int, process: subprocess.Popen, what: str, log: Path) -> None:
    from socket import create_connection

    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            with create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on port {port} within {START_SECONDS} s")


def _terminate(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)


class Cluster(Server):
    """Two app processes, PostgreSQL, Redis and nginx, looking like one ``Server``."""

    def __init__(self, async_mode: str, snapshot_notes: int = 0):
        if async_mode != "gevent":
            raise ValueError("the scale-out path runs `pajapohja serve`, which is gevent only")
        super().__init__("app", async_mode, snapshot_notes)
        self.kind = "scale-out"
        self.database = f"pajapohja_bench_{secrets.token_hex(6)}"
        self.database_created = False
        self.redis_port = free_port()
        self.app_ports = [free_port(), free_port()]
        self.apps: list[subprocess.Popen] = []
        self.app_logs: list = []
        self.redis = None
        self.nginx = None
        self.routes: list[str] = []
        base = POSTGRES.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
        self.redis_url = f"redis://127.0.0.1:{self.redis_port}/0"
        self.env.update(
            {
                "PAJAPOHJA_DATABASE_URL": f"{base}/{self.database}",
                "PAJAPOHJA_MESSAGE_QUEUE": self.redis_url,
                "PAJAPOHJA_SECRET_KEY": secrets.token_urlsafe(32),
                "PAJAPOHJA_PROXY_COUNT": "1",
            }
        )

    def start(self) -> "Cluster":
        try:
            self._start()
        except BaseException as error:
            if isinstance(error, Exception):
                print("  scale-out failed to start; logs:\n" + self.log_tail(), file=sys.stderr)
            self.stop()
            raise
        return self

    def _start(self) -> None:
        import psycopg

        for tool in (NGINX, REDIS):
            if not Path(tool).exists():
                raise RuntimeError(f"{tool} is not installed (see .ci/run)")
        with psycopg.connect(POSTGRES, autocommit=True, connect_timeout=10) as admin:
            admin.execute(f'CREATE DATABASE "{self.database}"')
        self.database_created = True
        self._start_redis()
        self.cli("db", "upgrade")  # once, before the processes (docs/deploy.md)
        for index, port in enumerate(self.app_ports):
            log_path = self.data_dir / f"app{index}.log"
            self.app_logs.append(log_path.open("w"))
            self.apps.append(
                subprocess.Popen(
                    [sys.executable, "-m", "app", "serve", "--port", str(port)],
                    env=self.env,
                    stdout=self.app_logs[-1],
                    stderr=subprocess.STDOUT,
                    cwd=ROOT,
                )
            )
        for index, (port, process) in enumerate(zip(self.app_ports, self.apps, strict=True)):
            _wait_for_port(port, process, f"app process {index}", self.data_dir / f"app{index}.log")
        self.process = self.apps[0]  # what Server's callers expect; see app_pids()
        self.stats = SummedStats([ProcStats(p.pid) for p in self.apps])
        self._start_nginx()
        self.cli("facilitator", "add", EMAIL, "--password-stdin", input=PASSWORD + "\n")
        self.token = self.cli("token", "create", EMAIL)
        self.routes = self._route_keys()

    def _start_redis(self) -> None:
        log = self.data_dir / "redis.log"
        log.touch()
        self.redis = subprocess.Popen(
            [
                REDIS,
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.data_dir),
                "--logfile",
                str(log),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        _wait_for_port(self.redis_port, self.redis, "redis-server", log)

    def _start_nginx(self) -> None:
        conf = self.data_dir / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(
                tmp=self.data_dir,
                port=self.port,
                port_a=self.app_ports[0],
                port_b=self.app_ports[1],
            )
        )
        log = self.data_dir / "nginx-error.log"
        log.touch()
        self.nginx = subprocess.Popen(
            [NGINX, "-c", str(conf), "-p", str(self.data_dir), "-e", str(log)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        _wait_for_port(self.port, self.nginx, "nginx", log)

    def _route_keys(self) -> list[str]:
        """A route key per app process, in the order of ``app_ports``: the cookie nginx hands
        a new visitor, read off responses until each process has answered one."""
        keys: dict[str, str] = {}
        for _ in range(100):
            response = requests.get(f"{self.url}/api/v1/openapi.json", timeout=30)
            response.raise_for_status()
            keys.setdefault(response.headers["X-Bench-Upstream"], response.cookies[ROUTE_COOKIE])
            if len(keys) == len(self.app_ports):
                return [keys[f"127.0.0.1:{port}"] for port in self.app_ports]
        raise RuntimeError(f"nginx sent 100 new visitors to only {sorted(keys)}")

    def headers_for(self, index: int) -> dict:
        return {"Cookie": f"{ROUTE_COOKIE}={self.routes[index % len(self.routes)]}"}

    def app_pids(self) -> list[int]:
        return [p.pid for p in self.apps]

    def split(self, workshops: list[dict]) -> list[int]:
        """Participants connected to each app process, in the order of ``app_ports``, as the
        processes published them in Redis (presence: a field ``host:pid:token|sid`` per
        connection)."""
        import redis

        client = redis.Redis.from_url(self.redis_url, socket_timeout=5)
        try:
            counts = dict.fromkeys(self.app_pids(), 0)
            for workshop in workshops:
                key = f"pajapohja:presence:{workshop['workshop_id']}"
                for field in client.hkeys(key):
                    pid = int(field.decode().split("|", 1)[0].split(":")[1])
                    counts[pid] = counts.get(pid, 0) + 1
        finally:
            client.close()
        return [counts[pid] for pid in self.app_pids()]

    def log_tail(self, lines: int = 20) -> str:
        parts = []
        for name in ("app0.log", "app1.log", "nginx-error.log"):
            path = self.data_dir / name
            if path.exists():
                text = path.read_text(errors="replace").splitlines()[-lines:]
                parts.append(f"[{name}]\n" + "\n".join(text))
        return "\n".join(parts)

    def stop(self) -> None:
        """Stop everything this cluster started and drop its database, whatever failed."""
        for process in [self.nginx, *reversed(self.apps), self.redis]:
            try:
                _terminate(process)
            except Exception as error:  # noqa: BLE001 - go on stopping the rest
                print(f"    (could not stop pid {process.pid}: {error})", file=sys.stderr)
        for log in self.app_logs:
            log.close()
        if self.database_created:
            self._drop_database()
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def _drop_database(self) -> None:
        import psycopg

        try:
            with psycopg.connect(POSTGRES, autocommit=True, connect_timeout=10) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            self.database_created = False
        except psycopg.Error as error:
            print(f"    (could not drop database {self.database}: {error})", file=sys.stderr)
