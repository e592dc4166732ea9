"""Fixtures: an app on a per-test SQLite database, facilitators with API tokens, workshops, and
Socket.IO test clients (several at once for live-sync tests)."""

import os
import subprocess
import sys
import uuid

import pytest

from app import create_app
from app.accounts import service as accounts
from app.db import write_transaction
from app.extensions import db, socketio

from .postgres import fresh_database

PASSWORD = "correct horse battery"


@pytest.fixture
def app(tmp_path, monkeypatch):
    for name in (
        "PAJAPOHJA_DATABASE_URL",
        "PAJAPOHJA_MESSAGE_QUEUE",
        "PAJAPOHJA_CANVASES",
        "PAJAPOHJA_ASYNC_MODE",
        "PAJAPOHJA_SECRET_KEY",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PAJAPOHJA_DATA_DIR", str(tmp_path))
    application = create_app({"TESTING": True})
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def cli(app, tmp_path):
    """Run the ``pajapohja`` command in a subprocess on the test's data directory."""

    def run(*args, input=None):
        env = {**os.environ, "PAJAPOHJA_DATA_DIR": str(tmp_path)}
        return subprocess.run(
            [sys.executable, "-m", "app", *args],
            input=input,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    return run


@pytest.fixture
def make_facilitator(app):
    """Create a facilitator; returns ``(id, email, api_token)``."""
    counter = iter(range(1, 1000))

    def make(email: str | None = None, password: str = PASSWORD):
        email = email or f"fasilitaattori{next(counter)}@example.fi"
        with app.app_context():
            with write_transaction():
                facilitator = accounts.create_facilitator(email, password, name="Fasilitaattori")
                token = accounts.create_api_token(facilitator)
            return facilitator.id, email, token

    return make


@pytest.fixture
def facilitator(make_facilitator):
    return make_facilitator()


@pytest.fixture
def api(client, facilitator):
    """REST calls as the default facilitator."""
    token = facilitator[2]

    class Api:
        def __init__(self, token):
            self.headers = {"Authorization": f"Bearer {token}"}

        def get(self, path, **kwargs):
            return client.get(f"/api/v1{path}", headers=self.headers, **kwargs)

        def post(self, path, json=None, **kwargs):
            return client.post(f"/api/v1{path}", json=json, headers=self.headers, **kwargs)

        def delete(self, path):
            return client.delete(f"/api/v1{path}", headers=self.headers)

    return Api(token)


@pytest.fixture
def make_workshop(api):
    def make(template="hyvanmitta-training-plan", language="fi", **extra):
        body = {
            "title": "Osallisuusosaamisen työpaja 1",
            "template": template,
            "language": language,
            "topic": "osallisuusosaaminen",
            **extra,
        }
        response = api.post("/workshops", json=body)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return make


@pytest.fixture
def workshop(make_workshop):
    return make_workshop()


@pytest.fixture
def sockets(app):
    """Open Socket.IO test clients; all are disconnected at the end."""
    opened = []

    def connect(auth=None, flask_client=None):
        sock = socketio.test_client(app, auth=auth, flask_test_client=flask_client)
        assert sock.is_connected()
        opened.append(sock)
        return sock

    yield connect
    for sock in opened:
        if sock.is_connected():
            sock.disconnect()


@pytest.fixture
def participant(sockets, workshop):
    """Join the default workshop as a participant; returns ``(socket, join_ack)``."""

    def join(name="Osallistuja", workshop_=None, token=None):
        sock = sockets()
        payload = {"join_code": (workshop_ or workshop)["join_code"], "name": name}
        if token:
            payload["participant_token"] = token
        ack = sock.emit("join", payload, callback=True)
        assert ack["ok"], ack
        return sock, ack

    return join


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.services)])
def backend(request) -> str:
    """Run the test on SQLite and on PostgreSQL (``postgres.database`` makes the database)."""
    return request.param


@pytest.fixture
def postgres_database():
    """The SQLAlchemy URL of a fresh PostgreSQL database, dropped after the test."""
    with fresh_database() as url:
        yield url


def new_op() -> str:
    return str(uuid.uuid4())


def events_of(sock, type_=None) -> list[dict]:
    """The ``event`` broadcasts this client received since the last call."""
    received = [message["args"][0] for message in sock.get_received() if message["name"] == "event"]
    return [e for e in received if type_ is None or e["type"] == type_]


# A skipped test is a defect here: a browser, database or broker that cannot be reached must
# fail the run, not quietly pass it.
_skipped: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if _skipped and exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter):
    if _skipped:
        terminalreporter.write_line(
            f"FAILED: {len(_skipped)} test(s) skipped; every test must run.", red=True
        )
