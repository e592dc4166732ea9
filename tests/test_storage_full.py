"""A full disk is no bug: a write that cannot be stored answers ``storage_full`` (not
``server_error``, which the browser retries every few seconds), with a message for the
facilitator; it writes nothing half-way, and the log gets one line, not a traceback."""

import logging

import psycopg
import pytest
from sqlalchemy import event, func, select, text

from app.core.note_models import Event, Note, Operation
from app.core.workshop_models import Workshop
from app.db import storage_full
from app.extensions import db

from .conftest import new_op

BIG = "x" * 2000  # the longest note: each few of them need a new database page


def limit_database_to_its_current_size(app) -> None:
    """SQLite answers SQLITE_FULL ("database or disk is full") past ``max_page_count``: the
    database may not grow any more, as on a full disk."""
    with app.app_context():
        pages = db.session.execute(text("PRAGMA page_count")).scalar()
        db.session.remove()
        engine = db.engine

        @event.listens_for(engine, "connect")
        def _limit(dbapi_connection, _record):
            dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

        engine.dispose()  # connections opened from now on have the limit


def counts(app) -> tuple:
    with app.app_context():
        result = tuple(
            db.session.scalar(select(func.count()).select_from(model))
            for model in (Note, Event, Operation, Workshop)
        ) + (db.session.scalar(select(func.max(Workshop.seq))),)
        db.session.remove()
    return result


def test_a_note_that_cannot_be_stored_answers_storage_full_and_writes_nothing(
    app, workshop, participant, caplog
):
    sock, _joined = participant()
    app.config.update(SOCKET_BURST=10**6, SOCKET_RATE=10**6, NOTE_BURST=10**6, NOTE_RATE=10**6)
    step = workshop["steps"][0]
    limit_database_to_its_current_size(app)
    caplog.set_level(logging.INFO)
    stored = 0
    for _attempt in range(500):
        before = counts(app)
        ack = sock.emit(
            "note.add",
            {
                "op_id": new_op(),
                "step_id": step["id"],
                "prompt_id": step["prompts"][0]["id"],
                "text": BIG,
            },
            callback=True,
        )
        if not ack["ok"]:
            break
        stored += 1
    else:
        pytest.fail("the database never filled up")
    assert ack["error"]["code"] == "storage_full", ack
    assert "tallennustila on täynnä" in ack["error"]["message"]
    assert counts(app) == before  # no note, event or remembered op_id half-way
    records = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(records) == 1, [r.getMessage() for r in records]
    assert records[0].exc_info is None and "storage full" in records[0].getMessage()
    assert "x" * 50 not in records[0].getMessage()  # the note's text stays out of the log
    assert stored < 500


def test_a_rest_write_that_cannot_be_stored_answers_507_storage_full(app, api, caplog):
    limit_database_to_its_current_size(app)
    caplog.set_level(logging.INFO)
    body = {"title": "Uusi", "template": "hyvanmitta-training-plan", "language": "fi"}
    for _attempt in range(200):
        before = counts(app)
        response = api.post("/workshops", json=body)
        if response.status_code != 201:
            break
    assert response.status_code == 507, response.get_json()
    assert response.get_json()["error"]["code"] == "storage_full"
    assert counts(app) == before
    records = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(records) == 1 and records[0].exc_info is None, records


def test_postgresql_disk_full_is_storage_full_and_other_errors_are_not():
    assert storage_full(psycopg.errors.DiskFull("could not extend file"))
    assert not storage_full(psycopg.errors.UniqueViolation("duplicate key"))
    assert not storage_full(ValueError("database or disk is full"))
