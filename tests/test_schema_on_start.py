"""Who upgrades the schema: ``pajapohja serve`` upgrades the embedded SQLite database itself; on
a shared PostgreSQL database it refuses to start until ``pajapohja db upgrade`` has run, so that
several processes never race to upgrade one schema. Also: the default install needs neither the
PostgreSQL nor the Redis driver (the ``scale`` extra), and a setting that needs one says so.

Everything runs the real command in a subprocess, as an operator would."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from sqlalchemy import create_engine, inspect, text

from app.migrations import head_revision

from .browser.conftest import LiveServer, free_port, run_cli
from .conftest import PASSWORD
from .postgres import fresh_database

# Run ``pajapohja`` as if these distributions were not installed (the default install, without
# the scale extra): importing them fails, ``importlib.util.find_spec`` finds nothing.
WITHOUT = """
import sys
for name in {hidden!r}:
    sys.modules[name] = None
from app.cli import main
main()
"""
SCALE_DRIVERS = ("psycopg", "psycopg_binary", "psycopg_c", "redis")


def environment(tmp_path, **settings) -> dict:
    env = {**os.environ, "PAJAPOHJA_DATA_DIR": str(tmp_path), **settings}
    for name in ("PAJAPOHJA_DATABASE_URL", "PAJAPOHJA_MESSAGE_QUEUE", "PAJAPOHJA_ASYNC_MODE"):
        if name not in settings:
            env.pop(name, None)
    return env


def serve_refusal(env: dict, hidden: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """Run ``pajapohja serve``, which must exit by itself (a server that starts instead is
    stopped when the time-out fails the test)."""
    command = ["-c", WITHOUT.format(hidden=hidden)] if hidden else ["-m", "app"]
    return subprocess.run(
        [sys.executable, *command, "serve", "--port", str(free_port())],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def assert_refused(result: subprocess.CompletedProcess, *fragments: str) -> None:
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("pajapohja: "), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr
    assert "Pajapohja is running" not in result.stdout


def answers(live: LiveServer) -> bool:
    with urllib.request.urlopen(f"{live.url}/api/v1/openapi.json", timeout=30) as response:
        return response.status == 200


def table_names(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


@pytest.mark.services
def test_serve_on_an_empty_postgresql_database_refuses_and_creates_nothing(tmp_path):
    with fresh_database(schema=None) as url:
        result = serve_refusal(environment(tmp_path, PAJAPOHJA_DATABASE_URL=url))
        assert_refused(result, "no Pajapohja schema yet", "pajapohja db upgrade")
        assert table_names(url) == set()  # not even alembic_version


@pytest.mark.services
def test_serve_on_an_old_postgresql_schema_refuses_until_db_upgrade_then_serves(tmp_path):
    with fresh_database(schema="0004") as url:
        env = environment(tmp_path, PAJAPOHJA_DATABASE_URL=url)
        result = serve_refusal(env)
        assert_refused(result, "revision 0004", head_revision(), "pajapohja db upgrade")
        # Other commands that open the app say the same.
        token = subprocess.run(
            [sys.executable, "-m", "app", "token", "create", "someone@example.fi"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert_refused(token, "revision 0004", "pajapohja db upgrade")
        assert "documents" not in table_names(url)  # 0005's table: nothing was upgraded

        assert run_cli(env, "db", "upgrade") == f"Database at revision {head_revision()}."
        live = LiveServer(tmp_path, {"PAJAPOHJA_DATABASE_URL": url}).start()
        try:
            assert answers(live)
            live.cli(
                "facilitator", "add", "f@example.fi", "--password-stdin", input=PASSWORD + "\n"
            )
        finally:
            live.stop()


@pytest.mark.services
def test_serve_on_a_schema_newer_than_this_version_refuses(tmp_path):
    with fresh_database() as url:
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
        engine.dispose()
        result = serve_refusal(environment(tmp_path, PAJAPOHJA_DATABASE_URL=url))
        assert_refused(result, "revision 0099", "does not know")


def test_serve_upgrades_an_old_embedded_sqlite_database_by_itself(tmp_path):
    from .postgres import upgrade

    url = f"sqlite:///{tmp_path / 'pajapohja.db'}"
    upgrade(url, "0004")
    live = LiveServer(tmp_path).start()
    try:
        assert answers(live)
    finally:
        live.stop()
    engine = create_engine(url)
    with engine.connect() as connection:
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    engine.dispose()
    assert revision == head_revision()


def test_the_default_install_serves_without_the_postgresql_and_redis_drivers(tmp_path):
    port = free_port()
    log_path = tmp_path / "server.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                WITHOUT.format(hidden=SCALE_DRIVERS),
                "serve",
                "--port",
                str(port),
            ],
            env=environment(tmp_path),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, log_path.read_text()
            assert time.monotonic() < deadline, log_path.read_text()
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                time.sleep(0.1)
        url = f"http://127.0.0.1:{port}/api/v1/openapi.json"
        with urllib.request.urlopen(url, timeout=30) as response:
            assert response.status == 200
        assert "Create the first account here" in log_path.read_text()
    finally:
        process.terminate()
        process.wait(timeout=15)


@pytest.mark.services
def test_postgresql_without_its_driver_says_to_install_the_scale_extra(tmp_path):
    with fresh_database() as url:
        env = environment(tmp_path, PAJAPOHJA_DATABASE_URL=url)
        result = serve_refusal(env, hidden=SCALE_DRIVERS)
    assert_refused(result, "PAJAPOHJA_DATABASE_URL", "pajapohja[scale]")


def test_a_redis_message_queue_without_its_driver_says_to_install_the_scale_extra(tmp_path):
    env = environment(tmp_path, PAJAPOHJA_MESSAGE_QUEUE="redis://127.0.0.1:6379/0")
    result = serve_refusal(env, hidden=SCALE_DRIVERS)
    assert_refused(result, "PAJAPOHJA_MESSAGE_QUEUE", "pajapohja[scale]")
