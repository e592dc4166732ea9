"""Curation, with several Socket.IO clients: a facilitator leaves a note or a whole question out
of the documents without taking it off the board; a co-facilitator's console sees it live, a
participant cannot do it, and every change moves the workshop's seq (the document cache is
keyed by it)."""

import pytest

from .conftest import events_of, new_op


@pytest.fixture
def room(sockets, participant, workshop, facilitator, make_facilitator, api):
    """The owner, a co-facilitator and two participants in the default workshop, and a note."""
    co = make_facilitator()
    added = api.post(f"/workshops/{workshop['id']}/facilitators", json={"email": co[1]})
    assert added.status_code in (200, 201), added.get_json()

    class Room:
        pass

    r = Room()
    r.workshop, r.api = workshop, api
    r.host = sockets(auth={"api_token": facilitator[2]})
    r.co = sockets(auth={"api_token": co[2]})
    for sock in (r.host, r.co):
        assert sock.emit("join", {"workshop_id": workshop["id"]}, callback=True)["ok"]
    r.alice, _ = participant("Alice")
    r.bob, _ = participant("Bob")
    r.step = workshop["steps"][0]
    r.prompt = r.step["prompts"][0]["id"]
    ack = call(
        r.alice,
        "note.add",
        op_id=new_op(),
        step_id=r.step["id"],
        prompt_id=r.prompt,
        text="Testilappu",
    )
    assert ack["ok"], ack
    r.note = ack["note"]
    r.everyone = (r.host, r.co, r.alice, r.bob)
    for sock in r.everyone:
        sock.get_received()
    return r


def call(sock, event, /, **payload):
    return sock.emit(event, payload, callback=True)


def state(r) -> dict:
    """The workshop as its owner gets it from the REST API."""
    response = r.api.get(f"/workshops/{r.workshop['id']}")
    assert response.status_code == 200
    return response.get_json()


def note_in(document: dict, note_id: int) -> dict:
    return next(n for n in document["notes"] if n["id"] == note_id)


def step_in(document: dict, step_id: int) -> dict:
    return next(s for s in document["steps"] if s["id"] == step_id)


def test_excluded_note_stays_on_the_board_and_the_co_facilitator_sees_it(room):
    before = state(room)
    assert note_in(before, room.note["id"])["excluded"] is False
    ack = call(room.host, "note.exclude", note_id=room.note["id"], excluded=True)
    assert ack["ok"], ack
    assert ack["note"]["excluded"] is True and ack["seq"] == before["seq"] + 1
    # Its words and version are untouched: an edit the author has open is no conflict.
    assert ack["note"]["text"] == "Testilappu" and ack["note"]["version"] == room.note["version"]
    seen = events_of(room.co, "note.edited")
    assert [(e["seq"], e["data"]["note"]["excluded"]) for e in seen] == [(ack["seq"], True)]
    assert [e["type"] for e in events_of(room.bob)] == ["note.edited"]  # still on Bob's board
    after = state(room)
    assert after["seq"] == ack["seq"]
    assert note_in(after, room.note["id"]) | {"votes": None} == {**ack["note"], "votes": None}
    edited = call(
        room.alice, "note.edit", op_id=new_op(), note_id=room.note["id"], version=1, text="Uusi"
    )
    assert edited["ok"] and edited["note"]["excluded"] is True
    back = call(room.co, "note.exclude", note_id=room.note["id"], excluded=False)
    assert back["ok"] and back["note"]["excluded"] is False
    assert note_in(state(room), room.note["id"])["excluded"] is False


def test_excluding_twice_changes_nothing_the_second_time(room):
    first = call(room.host, "note.exclude", note_id=room.note["id"], excluded=True)
    for sock in room.everyone:
        sock.get_received()
    again = call(room.co, "note.exclude", note_id=room.note["id"], excluded=True)
    assert again["ok"] and again["note"]["excluded"] is True and "seq" not in again
    assert all(events_of(sock) == [] for sock in room.everyone)
    assert state(room)["seq"] == first["seq"]


def test_excluded_question_reaches_every_console_and_the_snapshot(room, sockets, facilitator):
    seq = state(room)["seq"]
    ack = call(
        room.host, "prompt.exclude", step_id=room.step["id"], prompt_id=room.prompt, excluded=True
    )
    assert ack == {
        "ok": True,
        "step_id": room.step["id"],
        "excluded_prompts": [room.prompt],
        "seq": seq + 1,
    }
    for sock in (room.co, room.alice):
        assert [(e["type"], e["data"]) for e in events_of(sock)] == [
            ("step.excluded", {"step_id": room.step["id"], "excluded_prompts": [room.prompt]})
        ]
    assert step_in(state(room), room.step["id"])["excluded_prompts"] == [room.prompt]
    # A console opened later gets it in its snapshot; one that catches up gets the event.
    late = sockets(auth={"api_token": facilitator[2]})
    joined = call(late, "join", workshop_id=room.workshop["id"])
    assert step_in(joined["workshop"], room.step["id"])["excluded_prompts"] == [room.prompt]
    caught_up = call(room.co, "resync", since=seq)["events"]
    assert [(e["seq"], e["type"]) for e in caught_up] == [(seq + 1, "step.excluded")]
    # The notes under it stay on the board.
    assert note_in(state(room), room.note["id"])["text"] == "Testilappu"
    # Excluding a second question keeps the step's order; taking one back leaves the other.
    second = room.step["prompts"][1]["id"]
    both = call(room.co, "prompt.exclude", step_id=room.step["id"], prompt_id=second, excluded=True)
    assert both["excluded_prompts"] == [room.prompt, second]
    one = call(
        room.host, "prompt.exclude", step_id=room.step["id"], prompt_id=room.prompt, excluded=False
    )
    assert one["excluded_prompts"] == [second] and one["seq"] == seq + 3
    assert step_in(state(room), room.step["id"])["excluded_prompts"] == [second]


def test_curation_works_in_a_closed_workshop(room):
    assert call(room.host, "workshop.close")["ok"]
    assert call(room.host, "note.exclude", note_id=room.note["id"], excluded=True)["ok"]
    ack = call(
        room.co, "prompt.exclude", step_id=room.step["id"], prompt_id=room.prompt, excluded=True
    )
    assert ack["ok"], ack
    document = state(room)
    assert note_in(document, room.note["id"])["excluded"] is True
    assert step_in(document, room.step["id"])["excluded_prompts"] == [room.prompt]


@pytest.mark.parametrize("event", ["note.exclude", "prompt.exclude"])
def test_a_participant_cannot_curate(room, event):
    payload = {"note_id": room.note["id"], "step_id": room.step["id"], "prompt_id": room.prompt}
    ack = call(room.alice, event, excluded=True, **payload)
    assert ack["ok"] is False and ack["error"]["code"] == "forbidden", ack
    assert all(events_of(sock) == [] for sock in room.everyone)
    document = state(room)
    assert note_in(document, room.note["id"])["excluded"] is False
    assert step_in(document, room.step["id"])["excluded_prompts"] == []


def bad_payloads(r):
    step, prompt, note = r.step["id"], r.prompt, r.note["id"]
    return [
        ("note.exclude", {"note_id": note}, "invalid_field"),
        ("note.exclude", {"note_id": note, "excluded": "yes"}, "invalid_field"),
        ("note.exclude", {"note_id": 10**6, "excluded": True}, "unknown_note"),
        ("note.exclude", {"note_id": 2**70, "excluded": True}, "unknown_note"),
        ("note.exclude", {"note_id": "1", "excluded": True}, "unknown_note"),
        ("prompt.exclude", {"step_id": step, "prompt_id": prompt}, "invalid_field"),
        ("prompt.exclude", {"step_id": step, "prompt_id": prompt, "excluded": 1}, "invalid_field"),
        (
            "prompt.exclude",
            {"step_id": 10**6, "prompt_id": prompt, "excluded": True},
            "unknown_step",
        ),
        (
            "prompt.exclude",
            {"step_id": step, "prompt_id": "nope", "excluded": True},
            "unknown_prompt",
        ),
        (
            "prompt.exclude",
            {"step_id": step, "prompt_id": ["x"], "excluded": True},
            "invalid_field",
        ),
        ("prompt.exclude", {"step_id": step, "excluded": True}, "invalid_field"),
    ]


def test_bad_payloads_change_nothing(room):
    before = state(room)
    for event, payload, code in bad_payloads(room):
        ack = call(room.host, event, **payload)
        assert ack["ok"] is False and ack["error"]["code"] == code, (event, payload, ack)
    assert room.host.emit("note.exclude", [1, 2], callback=True)["error"]["code"] == (
        "invalid_payload"
    )
    assert all(events_of(sock) == [] for sock in room.everyone)
    assert state(room) == before


def test_a_note_of_another_workshop_is_unknown(room, make_workshop, participant):
    other = make_workshop()
    stranger, _ = participant("Muualla", workshop_=other)
    step = other["steps"][0]
    theirs = call(
        stranger,
        "note.add",
        op_id=new_op(),
        step_id=step["id"],
        prompt_id=step["prompts"][0]["id"],
        text="Toisen työpajan lappu",
    )["note"]
    ack = call(room.host, "note.exclude", note_id=theirs["id"], excluded=True)
    assert ack["error"]["code"] == "unknown_note"
    ack = call(
        room.host,
        "prompt.exclude",
        step_id=step["id"],
        prompt_id=step["prompts"][0]["id"],
        excluded=True,
    )
    assert ack["error"]["code"] == "unknown_step"
