"""Joining and logging in must not depend on Redis: while the shared rate-limit store is
unreachable (a Redis restart), each process counts in its own memory instead."""

import pytest

from app import create_app
from app.extensions import db

from .browser.conftest import free_port
from .conftest import PASSWORD
from .test_accounts import csrf_token
from .test_security import guess_join_codes


@pytest.fixture
def app(tmp_path, monkeypatch):
    for name in ("PAJAPOHJA_DATABASE_URL", "PAJAPOHJA_MESSAGE_QUEUE", "PAJAPOHJA_CANVASES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PAJAPOHJA_DATA_DIR", str(tmp_path))
    # A loopback port nothing listens on: a real Redis address that refuses connections.
    storage = f"redis://127.0.0.1:{free_port()}"
    application = create_app({"TESTING": True, "RATELIMIT_STORAGE_URI": storage})
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


def test_participants_join_while_the_shared_store_is_down(sockets, workshop, client):
    answer = sockets().emit("join", {"join_code": workshop["join_code"]}, callback=True)
    assert answer["ok"], answer
    assert client.get(f"/j/{workshop['join_code']}").status_code == 200


def test_code_guessing_is_still_limited_in_memory(sockets, workshop):
    codes, _last = guess_join_codes(sockets)
    assert codes[:60] == ["unknown_code"] * 60
    assert codes[60] == "too_many_attempts"


def test_join_page_guessing_is_still_limited_in_memory(client):
    statuses = [client.get(f"/j/WRONG{n:03d}").status_code for n in range(61)]
    assert statuses[:60] == [404] * 60 and statuses[60] == 429


def test_logins_work_and_are_still_limited_in_memory(client, facilitator):
    token = csrf_token(client, "/login")
    right = {"email": facilitator[1], "password": PASSWORD, "csrf_token": token}
    assert client.post("/login", data=right).status_code == 302
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    token = csrf_token(client, "/login")
    wrong = {"email": "x@example.fi", "password": "wrong password", "csrf_token": token}
    answers = [client.post("/login", data=wrong).status_code for _ in range(11)]
    assert answers[-1] == 429 and 401 in answers
