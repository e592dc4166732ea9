"""The live protocol with several real Socket.IO test clients: join, notes, seq, resync."""

import pytest

from .conftest import events_of, new_op


def first_step(workshop):
    step = workshop["steps"][0]
    return step["id"], step["prompts"][0]["id"]


def add(sock, workshop, text="Vuorovaikutustaidot", op=None, **extra):
    step_id, prompt_id = first_step(workshop)
    payload = {"op_id": op or new_op(), "step_id": step_id, "prompt_id": prompt_id, "text": text}
    payload.update(extra)
    return sock.emit("note.add", payload, callback=True)


def test_join_returns_identity_snapshot_and_seq(participant, workshop):
    sock, ack = participant("Maija")
    assert ack["participant"]["name"] == "Maija"
    assert ack["participant"]["token"]
    snapshot = ack["workshop"]
    assert snapshot["workshop"]["id"] == workshop["id"]
    assert [s["id"] for s in snapshot["steps"]] == [s["id"] for s in workshop["steps"]]
    assert ack["seq"] == snapshot["seq"] == 0  # joining changes nothing others see


def test_note_from_one_participant_reaches_the_other_and_the_facilitator(
    participant, sockets, workshop, facilitator
):
    alice, _ = participant("Alice")
    bob, _ = participant("Bob")
    host = sockets(auth={"api_token": facilitator[2]})
    assert host.emit("join", {"workshop_id": workshop["id"]}, callback=True)["ok"]
    for sock in (alice, bob, host):
        sock.get_received()
    ack = add(alice, workshop, "Asiakkaan kohtaaminen")
    assert ack["ok"], ack
    for sock in (bob, host, alice):
        added = events_of(sock, "note.added")
        assert [e["data"]["note"]["text"] for e in added] == ["Asiakkaan kohtaaminen"]
        assert added[0]["seq"] == ack["seq"]
        assert added[0]["data"]["note"]["id"] == ack["note"]["id"]


def test_note_add_is_idempotent_by_op_id(participant, workshop, app):
    sock, _ = participant()
    op = new_op()
    first = add(sock, workshop, "Sama lappu", op=op)
    second = add(sock, workshop, "Sama lappu", op=op)
    assert first == second
    state = sock.emit("resync", {"since": 0}, callback=True)
    added = [e for e in state["events"] if e["type"] == "note.added"]
    assert len(added) == 1


def test_op_id_of_another_participant_is_not_replayed(participant, workshop):
    alice, _ = participant("Alice")
    bob, _ = participant("Bob")
    op = new_op()
    assert add(alice, workshop, "Alicen", op=op)["ok"]
    stolen = add(bob, workshop, "Bobin", op=op)
    assert stolen == {
        "ok": False,
        "error": {"code": "op_id_taken", "message": stolen["error"]["message"]},
    }


def test_seq_increases_by_one_without_gaps(participant, workshop):
    alice, join_ack = participant("Alice")
    seqs = [add(alice, workshop, f"Lappu {n}")["seq"] for n in range(10)]
    assert seqs == list(range(join_ack["seq"] + 1, join_ack["seq"] + 11))
    everything = alice.emit("resync", {"since": 0}, callback=True)["events"]
    assert [e["seq"] for e in everything] == list(range(1, seqs[-1] + 1))


def test_participant_edits_and_deletes_own_note(participant, workshop):
    alice, _ = participant("Alice")
    bob, _ = participant("Bob")
    added = add(alice, workshop, "Alkuperäinen")
    note, note_seq = added["note"], added["seq"]
    bob.get_received()
    edited = alice.emit(
        "note.edit",
        {"op_id": new_op(), "note_id": note["id"], "version": 1, "text": "Korjattu"},
        callback=True,
    )
    assert edited["ok"] and edited["note"]["text"] == "Korjattu" and edited["note"]["version"] == 2
    assert [e["data"]["note"]["text"] for e in events_of(bob, "note.edited")] == ["Korjattu"]
    deleted = alice.emit("note.delete", {"op_id": new_op(), "note_id": note["id"]}, callback=True)
    assert deleted["ok"]
    assert [e["data"]["note_id"] for e in events_of(bob, "note.deleted")] == [note["id"]]
    snapshot = bob.emit("resync", {"since": 0}, callback=True)
    # The deleted note's events keep their seq, and nothing else: neither wording lives on.
    about_it = [e for e in snapshot["events"] if e["seq"] in (note_seq, edited["seq"])]
    assert about_it == [{"seq": s, "type": "hidden", "data": {}} for s in (note_seq, edited["seq"])]
    assert "Alkuperäinen" not in repr(snapshot) and "Korjattu" not in repr(snapshot)


def test_participant_cannot_edit_or_delete_anothers_note(participant, workshop):
    alice, _ = participant("Alice")
    bob, _ = participant("Bob")
    note = add(alice, workshop, "Alicen lappu")["note"]
    edit = bob.emit(
        "note.edit",
        {"op_id": new_op(), "note_id": note["id"], "version": 1, "text": "Bobin muutos"},
        callback=True,
    )
    delete = bob.emit("note.delete", {"op_id": new_op(), "note_id": note["id"]}, callback=True)
    assert edit["error"]["code"] == delete["error"]["code"] == "forbidden"
    state = alice.emit("resync", {"since": 0}, callback=True)["events"]
    assert [e["type"] for e in state].count("note.edited") == 0
    assert [e["type"] for e in state].count("note.deleted") == 0


def test_facilitator_may_edit_any_note(participant, sockets, workshop, facilitator):
    alice, _ = participant("Alice")
    note = add(alice, workshop, "Kirjoitusvirhe")["note"]
    host = sockets(auth={"api_token": facilitator[2]})
    host.emit("join", {"workshop_id": workshop["id"]}, callback=True)
    ack = host.emit(
        "note.edit",
        {"op_id": new_op(), "note_id": note["id"], "version": 1, "text": "Kirjoitusvirhe korjattu"},
        callback=True,
    )
    assert ack["ok"]


def test_stale_edit_is_a_conflict_that_shows_the_current_text(participant, workshop):
    alice, _ = participant("Alice")
    note = add(alice, workshop, "Versio 1")["note"]
    assert alice.emit(
        "note.edit",
        {"op_id": new_op(), "note_id": note["id"], "version": 1, "text": "Versio 2"},
        callback=True,
    )["ok"]
    late = alice.emit(
        "note.edit",
        {"op_id": new_op(), "note_id": note["id"], "version": 1, "text": "Toinen välilehti"},
        callback=True,
    )
    assert late["error"]["code"] == "conflict"
    assert late["error"]["note"]["text"] == "Versio 2"


def test_rejoin_with_token_is_the_same_participant_and_sees_everything(participant, workshop):
    alice, ack = participant("Alice")
    add(alice, workshop, "Ennen uudelleenlatausta")
    alice.disconnect()
    again, ack2 = participant(token=ack["participant"]["token"], name=None)
    assert ack2["participant"]["id"] == ack["participant"]["id"]
    assert [n["text"] for n in ack2["workshop"]["notes"]] == ["Ennen uudelleenlatausta"]


def test_token_of_another_workshop_is_a_new_participant(participant, make_workshop):
    other = make_workshop()
    _, ack = participant("Alice")
    _, elsewhere = participant(workshop_=other, token=ack["participant"]["token"])
    assert elsewhere["participant"]["id"] != ack["participant"]["id"]
    assert elsewhere["workshop"]["notes"] == []


def test_resync_returns_missed_events(participant, workshop):
    alice, _ = participant("Alice")
    bob, ack = participant("Bob")
    seen = ack["seq"]
    add(alice, workshop, "Yksi")
    add(alice, workshop, "Kaksi")
    missed = bob.emit("resync", {"since": seen}, callback=True)
    assert [e["data"]["note"]["text"] for e in missed["events"]] == ["Yksi", "Kaksi"]


@pytest.mark.parametrize(
    "text, code",
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("x" * 2001, "too_long"),
        (42, "invalid_field"),
    ],
)
def test_bad_note_text_is_refused_and_changes_nothing(participant, workshop, text, code):
    alice, ack = participant("Alice")
    refused = add(alice, workshop, text)
    assert refused["ok"] is False and refused["error"]["code"] == code
    assert refused["error"]["message"]
    assert alice.emit("resync", {"since": ack["seq"]}, callback=True)["events"] == []


def test_note_of_2000_characters_is_accepted(participant, workshop):
    alice, _ = participant()
    assert add(alice, workshop, "y" * 2000)["ok"]


@pytest.mark.parametrize(
    "payload, code",
    [
        ("not an object", "invalid_payload"),
        ({"step_id": 1, "prompt_id": "x", "text": "t"}, "invalid_field"),  # no op_id
        ({"op_id": "not-a-uuid", "step_id": 1, "prompt_id": "x", "text": "t"}, "invalid_field"),
        (
            {
                "op_id": "00000000-0000-4000-8000-000000000000",
                "step_id": "1",
                "prompt_id": "x",
                "text": "t",
            },
            "unknown_step",
        ),
        (
            {
                "op_id": "00000000-0000-4000-8000-000000000001",
                "step_id": 999999,
                "prompt_id": "x",
                "text": "t",
            },
            "unknown_step",
        ),
    ],
)
def test_malformed_note_add_gets_a_clear_error(participant, payload, code):
    alice, ack = participant()
    refused = alice.emit("note.add", payload, callback=True)
    assert refused["ok"] is False and refused["error"]["code"] == code
    assert alice.emit("resync", {"since": ack["seq"]}, callback=True)["events"] == []


def test_unknown_prompt_is_refused(participant, workshop):
    alice, _ = participant()
    step_id, _prompt = first_step(workshop)
    refused = alice.emit(
        "note.add",
        {"op_id": new_op(), "step_id": step_id, "prompt_id": "no_such_prompt", "text": "t"},
        callback=True,
    )
    assert refused["error"]["code"] == "unknown_prompt"


def test_step_of_another_workshop_is_refused(participant, make_workshop):
    other = make_workshop()
    alice, _ = participant()
    refused = add(alice, other, "Väärä työpaja")
    assert refused["error"]["code"] == "unknown_step"


def test_unknown_join_code_is_refused(sockets):
    sock = sockets()
    ack = sock.emit("join", {"join_code": "ZZZZZZZZ", "name": "X"}, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "unknown_code"


def test_join_with_wrong_field_types_is_refused(sockets, workshop):
    sock = sockets()
    assert sock.emit("join", {"join_code": 12345}, callback=True)["error"]["code"] == "unknown_code"
    bad_name = sock.emit("join", {"join_code": workshop["join_code"], "name": ["x"]}, callback=True)
    assert bad_name["error"]["code"] == "invalid_field"


def test_note_before_join_is_refused(sockets, workshop):
    sock = sockets()
    refused = add(sock, workshop)
    assert refused["error"]["code"] == "not_joined"


def test_participant_cannot_join_as_facilitator(sockets, workshop):
    sock = sockets()
    ack = sock.emit("join", {"workshop_id": workshop["id"]}, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "unauthorized"


def test_other_facilitator_cannot_join_the_workshop(sockets, workshop, make_facilitator):
    _, _, other_token = make_facilitator()
    sock = sockets(auth={"api_token": other_token})
    ack = sock.emit("join", {"workshop_id": workshop["id"]}, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "not_found"


def test_invalid_api_token_is_refused_at_connect(app):
    from app.extensions import socketio

    sock = socketio.test_client(app, auth={"api_token": "pjp_wrong"})
    assert not sock.is_connected()


def test_closed_workshop_refuses_joins_and_notes(app, participant, sockets, workshop):
    alice, _ = participant()
    with app.app_context():
        from app.core.workshop_models import Workshop
        from app.db import write_transaction
        from app.extensions import db

        with write_transaction():
            db.session.get(Workshop, workshop["id"]).status = "closed"
    assert add(alice, workshop)["error"]["code"] == "workshop_closed"
    late = sockets().emit("join", {"join_code": workshop["join_code"]}, callback=True)
    assert late["ok"] is False and late["error"]["code"] == "workshop_closed"


def test_every_handler_is_listed_in_protocol_doc():
    from pathlib import Path

    from app.realtime import HANDLERS

    doc = (Path(__file__).resolve().parents[1] / "docs" / "protocol.md").read_text()
    for name in HANDLERS:
        assert f"`{name}`" in doc, f"{name} is missing from docs/protocol.md"
