"""Starting the servers under test and reading their CPU time and memory from /proc."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
EMAIL = "bench@example.fi"
PASSWORD = "bench password 123"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ProcStats:
    """CPU seconds and memory of one process, from /proc/<pid>."""

    def __init__(self, pid: int):
        self.pid = pid

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime

    def _status_kb(self, key: str) -> int:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
        raise KeyError(key)

    def rss_kb(self) -> int:
        return self._status_kb("VmRSS")

    def peak_rss_kb(self) -> int:
        return self._status_kb("VmHWM")


class Server:
    """A server subprocess on a free loopback port with its own temporary data directory."""

    def __init__(
        self, kind: str, async_mode: str, snapshot_notes: int = 0, env: dict | None = None
    ):
        self.kind = kind  # "app" | "bare"
        self.async_mode = async_mode
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.data_dir = Path(tempfile.mkdtemp(prefix=f"pajapohja-bench-{kind}-"))
        self.env = {
            **os.environ,
            "PAJAPOHJA_DATA_DIR": str(self.data_dir),
            "PAJAPOHJA_PUBLIC_URL": self.url,
            "PAJAPOHJA_ASYNC_MODE": async_mode,
            "PYTHONPATH": str(ROOT),
            # Every bench client joins from 127.0.0.1: lift the cap on new participants per
            # address and workshop (120 a minute by default) above the scenarios' 1,000.
            "PAJAPOHJA_JOINS_PER_ADDRESS": "100000 per minute",
            **(env or {}),
        }
        self.snapshot_notes = snapshot_notes
        self.process = None
        self.token = None

    def command(self) -> list[str]:
        port = str(self.port)
        if self.kind == "bare":
            return [
                sys.executable,
                "-m",
                "bench.bare",
                "--port",
                port,
                "--async-mode",
                self.async_mode,
                "--snapshot-notes",
                str(self.snapshot_notes),
            ]
        if self.async_mode == "gevent":
            profile = os.environ.get("BENCH_PROFILE")  # a cProfile output file, for digging
            prefix = ["-m", "cProfile", "-o", profile] if profile else []
            return [sys.executable, *prefix, "-m", "app", "serve", "--port", port]
        # `pajapohja serve` runs gevent only; threading is Werkzeug's threaded server.
        return [sys.executable, "-m", "bench.app_threading", "--port", port]

    def cli(self, *args: str, input: str | None = None) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "app", *args],
            input=input,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
        )
        if result.returncode != 0:
            raise RuntimeError(f"pajapohja {args[0]} failed: {result.stderr.strip()}")
        return result.stdout.strip()

    def start(self) -> "Server":
        self.log = open(self.data_dir / "server.log", "w")
        self.process = subprocess.Popen(
            self.command(), env=self.env, stdout=self.log, stderr=subprocess.STDOUT, cwd=ROOT
        )
        self.stats = ProcStats(self.process.pid)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError((self.data_dir / "server.log").read_text())
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"{self.kind} server did not start within 60 s")
        if self.kind == "app":
            self.cli("facilitator", "add", EMAIL, "--password-stdin", input=PASSWORD + "\n")
            self.token = self.cli("token", "create", EMAIL)
        return self

    def create_workshop(self, title: str, series_id: int | None = None, index: int = 1) -> dict:
        """``{"join_code", "step_id", "prompt_id", "workshop_id"}`` of a new workshop (the bare
        server has no workshops: a room name stands in for the join code), the ``index``-th of
        series ``series_id`` if given."""
        if self.kind == "bare":
            return {"join_code": title, "step_id": 1, "prompt_id": "p1", "workshop_id": None}
        series = {"series_id": series_id, "index": index} if series_id is not None else {}
        response = requests.post(
            f"{self.url}/api/v1/workshops",
            json={
                "title": title,
                "template": "hyvanmitta-training-plan",
                "language": "fi",
                **series,
            },
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=30,
        )
        response.raise_for_status()
        body = response.json()
        step = body["steps"][0]
        return {
            "join_code": body["join_code"],
            "step_id": step["id"],
            "prompt_id": step["prompts"][0]["id"],
            "workshop_id": body["id"],
            "series_id": series_id,
            "prompt_ids": [p["id"] for p in step["prompts"]],
        }

    def seed_notes(
        self, workshop: dict, count: int, prompt_ids: list[str] | None = None, texts: str = ""
    ) -> float:
        """Insert ``count`` notes straight into the database (bench/seed.py), into all of the
        step's questions or ``prompt_ids``, with the texts of the JSON file ``texts`` if given;
        seconds taken."""
        started = time.monotonic()
        self.cli_module(
            "bench.seed",
            str(workshop["workshop_id"]),
            str(workshop["step_id"]),
            ",".join(prompt_ids or workshop["prompt_ids"]),
            str(count),
            *((texts,) if texts else ()),
        )
        return time.monotonic() - started

    def cli_module(self, module: str, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", module, *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
            cwd=ROOT,
        )
        if result.returncode != 0:
            raise RuntimeError(f"{module} failed: {result.stderr.strip()}")
        return result.stdout.strip()

    def headers_for(self, index: int) -> dict:
        """Extra HTTP headers of the ``index``-th client's connection (none: one process)."""
        return {}

    def app_pids(self) -> list[int]:
        return [self.process.pid]

    def split(self, workshops: list[dict]) -> list[int] | None:
        """Participants per process, where there are several (bench/cluster.py)."""
        return None

    def log_tail(self, lines: int = 20) -> str:
        text = (self.data_dir / "server.log").read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(
                signal.SIGINT if os.environ.get("BENCH_PROFILE") else signal.SIGTERM
            )
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        if self.process:
            self.log.close()
        shutil.rmtree(self.data_dir, ignore_errors=True)
