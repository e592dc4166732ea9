"""Browser tests: the real server (``python -m app serve``, gevent) on a free loopback port with
a temporary data directory, driven by Debian's Chromium through Playwright. A missing browser is
a failure, never a skip."""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from ..conftest import PASSWORD

CHROMIUM = os.environ.get("PAJAPOHJA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_cli(env: dict, *args: str, input: str | None = None, timeout: float = 120) -> str:
    """Run ``pajapohja`` with ``env``; it must succeed. Its standard output, stripped."""
    result = subprocess.run(
        [sys.executable, "-m", "app", *args],
        input=input,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


class LiveServer:
    def __init__(self, data_dir: Path, env: dict | None = None, module: str = "app"):
        self.data_dir = data_dir
        self.module = module  # run as ``python -m <module> serve``
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "PAJAPOHJA_DATA_DIR": str(data_dir),
            "PAJAPOHJA_PUBLIC_URL": self.url,
            **(env or {}),
        }
        for name in ("PAJAPOHJA_DATABASE_URL", "PAJAPOHJA_MESSAGE_QUEUE", "PAJAPOHJA_ASYNC_MODE"):
            if not env or name not in env:
                self.env.pop(name, None)
        self.process = None

    def cli(self, *args, input=None) -> str:
        return run_cli(self.env, *args, input=input)

    def start(self):
        self.log = open(self.data_dir / "server.log", "a")
        self.process = subprocess.Popen(
            [sys.executable, "-m", self.module, "serve", "--port", str(self.port)],
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError((self.data_dir / "server.log").read_text())
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the server did not start within 30 s")

    def stop(self, kill: bool = False):
        if self.process and self.process.poll() is None:
            if kill:
                self.process.kill()
            else:
                self.process.terminate()
            self.process.wait(timeout=15)
        if self.process:
            self.log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    live = LiveServer(tmp_path_factory.mktemp("server")).start()
    live.facilitator_email = "fasilitaattori@example.fi"
    live.cli(
        "facilitator",
        "add",
        live.facilitator_email,
        "--password-stdin",
        "--name",
        "Fanni",
        input=PASSWORD + "\n",
    )
    live.api_token = live.cli("token", "create", live.facilitator_email)
    yield live
    live.stop()


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser):
    contexts = []

    def make(**options):
        options.setdefault("locale", "fi-FI")
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
