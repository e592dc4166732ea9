"""Every socket event's payload is declared once (``app.payloads.SOCKET_PAYLOADS``), and the
declared types are as strict as a client has always found them: pydantic's lax mode would take
"5" for 5, 1.0 for 1 and true for 1, and none of those is a whole number here."""

import re
import uuid

import pytest

from app.errors import AppError
from app.payloads import SOCKET_PAYLOADS
from app.realtime import HANDLERS
from app.validation import parse

OP = str(uuid.uuid4())


def test_every_socket_event_has_a_payload_model_and_every_model_an_event(app):
    assert sorted(SOCKET_PAYLOADS) == sorted(HANDLERS)


@pytest.mark.parametrize(
    "event, payload, field",
    [
        ("note.edit", {"op_id": OP, "note_id": "5", "version": 1, "text": "a"}, "note_id"),
        ("note.edit", {"op_id": OP, "note_id": 5, "version": 1.0, "text": "a"}, "version"),
        ("note.edit", {"op_id": OP, "note_id": True, "version": 1, "text": "a"}, "note_id"),
        ("note.delete", {"op_id": OP, "note_id": 5.0}, "note_id"),
        ("voting.open", {"step_id": 1, "votes_per_participant": True}, "votes_per_participant"),
        ("voting.open", {"step_id": 1, "votes_per_participant": "3"}, "votes_per_participant"),
        ("timer.start", {"step_id": 1, "seconds": 60.0}, "seconds"),
        ("groups.create", {"step_id": 1, "count": "2"}, "count"),
        ("step.lock", {"step_id": 1, "locked": 1}, "locked"),
        ("step.done", {"step_id": 1, "done": "true"}, "done"),
        ("resync", {"since": "0"}, "since"),
        ("participant.remove", {"participant_ids": [1, True]}, "participant_ids"),
        ("note.add", {"op_id": 5, "step_id": 1, "prompt_id": "p", "text": "a"}, "op_id"),
    ],
)
def test_numbers_and_flags_are_never_coerced(app, event, payload, field):
    with app.test_request_context(), pytest.raises(AppError) as refused:
        parse(SOCKET_PAYLOADS[event], payload)
    assert refused.value.code == "invalid_field"
    assert refused.value.extra["field"] == field
    assert refused.value.message


def test_the_first_bad_field_in_the_payloads_order_is_the_one_named(app):
    payload = {"op_id": "x", "note_id": "x", "version": "x", "text": 5}
    with app.test_request_context(), pytest.raises(AppError) as refused:
        parse(SOCKET_PAYLOADS["note.edit"], payload)
    assert refused.value.extra["field"] == "op_id"


def test_fields_a_model_does_not_know_are_ignored(app):
    payload = {"op_id": OP, "note_id": 5, "version": 2, "text": "a", "colour": [1, {}]}
    with app.test_request_context():
        sent = parse(SOCKET_PAYLOADS["note.edit"], payload)
    assert (sent.note_id, sent.version, sent.text) == (5, 2, "a")


def test_an_id_beyond_the_database_range_reads_as_no_row(app):
    with app.test_request_context():
        sent = parse(SOCKET_PAYLOADS["note.delete"], {"op_id": OP, "note_id": 2**31})
    assert sent.note_id == 0


def _documented_fields(description: str) -> set[str]:
    """The field names the protocol table writes for an event: ``"name"`` followed by ``?``,
    ``,``, ``:``, ``}`` or ``| null`` (a quoted value such as ``| "choose"`` is no field)."""
    fields = description.split(" — ")[0]
    return set(re.findall(r'(?<!\| )"([a-z_]+)"\??(?=[,:}]| \| null)', fields))


def test_the_table_documents_the_fields_each_payload_model_declares():
    """The protocol table names each event's model, and its payload column lists the model's
    fields (a steering event's optional ``op_id`` is said once in the prose)."""
    from app.protocol import CLIENT_EVENTS
    from app.workshops.payloads import FacilitatorJoin

    for event in CLIENT_EVENTS.values():
        declared = set(SOCKET_PAYLOADS[event.name].model_fields)
        if event.name == "join":  # the participant's join, or the facilitator's
            declared |= set(FacilitatorJoin.model_fields)
        documented = _documented_fields(event.payload)
        assert documented <= declared, (event.name, documented - declared)
        assert declared - {"op_id"} <= documented, (event.name, declared - documented)
