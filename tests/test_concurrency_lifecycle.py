"""A workshop's life and a change happening at the same moment, on SQLite and on PostgreSQL: the
retention purge deletes nothing that was reopened meanwhile, and a steering event that waited
for a workshop being deleted is answered ``not_found``, never ``server_error``."""

from datetime import timedelta

import pytest
from sqlalchemy import create_engine, event, select, update

from app import create_app
from app.accounts import service as accounts
from app.core.workshop_models import Workshop
from app.db import utcnow, write_transaction
from app.extensions import db
from app.privacy.service import purge

from .conftest import PASSWORD
from .postgres import database

CALL_TIMEOUT = 20
TRIALS = 5


@pytest.fixture
def app_on(backend, tmp_path, monkeypatch):
    """The application in this process, on SQLite or a fresh PostgreSQL database, with one
    facilitator's API token (``app.api_token``)."""
    for name in ("PAJAPOHJA_MESSAGE_QUEUE", "PAJAPOHJA_ASYNC_MODE", "PAJAPOHJA_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PAJAPOHJA_DATA_DIR", str(tmp_path))
    with database(backend, tmp_path) as url:
        monkeypatch.setenv("PAJAPOHJA_DATABASE_URL", url)
        application = create_app({"TESTING": True})
        application.database_url = url
        with application.app_context():
            db.create_all()
            with write_transaction():
                facilitator = accounts.create_facilitator("purku@example.fi", PASSWORD)
                application.api_token = accounts.create_api_token(facilitator)
        yield application
        with application.app_context():
            db.session.remove()
            db.engine.dispose()


def closed_long_ago(app, count: int) -> list[int]:
    client = app.test_client()
    headers = {"Authorization": f"Bearer {app.api_token}"}
    body = {"title": "Vanha", "template": "hyvanmitta-training-plan", "language": "fi"}
    ids = [
        client.post("/api/v1/workshops", json=body, headers=headers).json["id"]
        for _ in range(count)
    ]
    with app.app_context(), write_transaction():
        db.session.execute(
            update(Workshop)
            .where(Workshop.id.in_(ids))
            .values(status="closed", closed_at=utcnow() - timedelta(days=40))
        )
    return ids


def test_purge_keeps_a_workshop_reopened_after_it_listed_the_expired_ones(app_on):
    """``pajapohja purge`` runs beside the server: the server reopens a workshop after the
    purge has listed the expired ones and before it reaches that workshop. The reopening is
    committed exactly there, from another connection, as the purge's write transaction for
    the workshop begins."""
    first, reopened, last = closed_long_ago(app_on, 3)
    other = create_engine(app_on.database_url)
    done = []

    def reopen_first(_conn, _cursor, statement, *_args):
        starting = "BEGIN IMMEDIATE" in statement or "FOR NO KEY UPDATE" in statement
        if starting and not done:
            done.append(True)
            with other.begin() as connection:
                connection.execute(
                    update(Workshop)
                    .where(Workshop.id == reopened)
                    .values(status="open", closed_at=None)
                )

    try:
        with app_on.app_context():
            event.listen(db.engine, "before_cursor_execute", reopen_first)
            try:
                deleted = purge(30)
            finally:
                event.remove(db.engine, "before_cursor_execute", reopen_first)
            remaining = set(db.session.scalars(select(Workshop.id)))
    finally:
        other.dispose()
    assert done, "the purge began no write transaction"
    assert reopened in remaining, "a workshop reopened meanwhile was deleted by the purge"
    assert remaining.isdisjoint({first, last}) and deleted == 2


STEERING = [
    ("step.goto", {}),
    ("timer.start", {"seconds": 60}),
    ("voting.open", {"votes_per_participant": 2, "max_per_note": 2}),
    ("groups.create", {"count": 2, "mode": "random"}),
    ("step.hide", {}),
    ("workshop.close", {}),
]


@pytest.mark.parametrize("name,payload", STEERING)
def test_a_steering_event_right_after_the_deletion_is_refused_not_a_server_error(
    app_on, name, payload
):
    """The owner deletes the workshop (in another process) just as a co-facilitator's steering
    event begins its transaction: the event is refused with a code the console understands,
    never ``server_error``. (The deletion is committed exactly there, from another connection;
    the event's membership check, under the workshop's lock, then finds it gone.)"""
    from app.extensions import socketio

    client = app_on.test_client()
    headers = {"Authorization": f"Bearer {app_on.api_token}"}
    body = {"title": "Poistuva", "template": "hyvanmitta-training-plan", "language": "fi"}
    workshop = client.post("/api/v1/workshops", json=body, headers=headers).json
    sock = socketio.test_client(app_on, auth={"api_token": app_on.api_token})
    assert sock.emit("join", {"workshop_id": workshop["id"]}, callback=True)["ok"]
    other = create_engine(app_on.database_url)
    if other.dialect.name == "sqlite":
        event.listen(
            other, "connect", lambda dbapi, _record: dbapi.execute("PRAGMA foreign_keys=ON")
        )
    deleted = []

    def delete_first(_conn, _cursor, statement, *_args):
        starting = statement == "BEGIN IMMEDIATE" or "FOR NO KEY UPDATE" in statement
        if starting and not deleted:
            deleted.append(True)
            with other.begin() as connection:
                connection.execute(Workshop.__table__.delete().where(Workshop.id == workshop["id"]))

    payload = {"step_id": workshop["steps"][0]["id"], **payload}
    try:
        with app_on.app_context():
            event.listen(db.engine, "before_cursor_execute", delete_first)
            try:
                ack = sock.emit(name, payload, callback=True)
            finally:
                event.remove(db.engine, "before_cursor_execute", delete_first)
    finally:
        other.dispose()
        sock.disconnect()
    assert deleted
    assert not ack["ok"] and ack["error"]["code"] in {"removed", "not_found"}, ack
