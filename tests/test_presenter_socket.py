"""The presenter screen (``join`` with ``presenter: true``, used by ``/w/<id>/present``): it is
seen by the whole room, so it gets what participants see and never the facilitator's view of
hidden notes; it changes nothing, is not counted as present and goes with a removed
co-facilitator."""

from app.core import presence

from .conftest import events_of, new_op


def call(sock, event, **payload):
    ack = sock.emit(event, payload, callback=True)
    assert ack["ok"], (event, ack)
    return ack


def join_presenter(sockets, token, workshop_id):
    sock = sockets(auth={"api_token": token})
    ack = sock.emit("join", {"workshop_id": workshop_id, "presenter": True}, callback=True)
    assert ack["ok"], ack
    return sock, ack


def test_the_presenter_sees_what_participants_see(api, sockets, facilitator, workshop):
    wid = workshop["id"]
    step1, step2, _ = (s["id"] for s in workshop["steps"])
    prompt1 = workshop["steps"][0]["prompts"][0]["id"]
    prompt2 = workshop["steps"][1]["prompts"][0]["id"]
    owner = sockets(auth={"api_token": facilitator[2]})
    call(owner, "join", workshop_id=wid)
    pirjo, tuomas = sockets(), sockets()
    pirjo_id = call(pirjo, "join", join_code=workshop["join_code"], name="Pirjo")["participant"][
        "id"
    ]
    tuomas_id = call(tuomas, "join", join_code=workshop["join_code"], name="Tuomas")["participant"][
        "id"
    ]

    def add(sock, step, prompt, text):
        return call(sock, "note.add", op_id=new_op(), step_id=step, prompt_id=prompt, text=text)

    shown = add(pirjo, step1, prompt1, "Kaikille näkyvä")["note"]["id"]
    moderated = add(tuomas, step1, prompt1, "Piilotettu lappu")["note"]["id"]
    call(owner, "note.hide", note_id=moderated, hidden=True)
    call(owner, "voting.open", step_id=step1, votes_per_participant=3, show_tallies=False)
    call(pirjo, "vote.add", op_id=new_op(), note_id=shown)
    call(owner, "step.hide", step_id=step2)
    add(tuomas, step2, prompt2, "Yksityinen ajatus")

    # Presence is kept per process: compare with the room just before the presenter arrives
    # (an earlier test's connection to a workshop with the same id may still be counted).
    before = presence.snapshot(wid)
    assert {pirjo_id, tuomas_id} <= set(before["participants"]) and before["facilitators"] >= 1
    sock, ack = join_presenter(sockets, facilitator[2], wid)
    assert ack["participant"] is None and ack["presenter"] is True
    assert "facilitator" not in ack
    snapshot = ack["workshop"]
    texts = {note["text"] for note in snapshot["notes"]}
    assert texts == {"Kaikille näkyvä"}
    assert snapshot["votes"] == [] and snapshot["participants"] == []
    # Tallies stay hidden while the round that hides them is open, as for participants.
    assert [note["votes"] for note in snapshot["notes"]] == [None]
    # Not counted: the room's facilitators and participants are the same as before it joined.
    now = presence.snapshot(wid)
    assert now["facilitators"] == before["facilitators"]
    assert now["participants"] == before["participants"]

    # Live: a private note reaches it only as a placeholder; a shared one in full.
    add(tuomas, step2, prompt2, "Toinen yksityinen")
    add(pirjo, step1, prompt1, "Uusi yhteinen")
    received = events_of(sock)
    assert [e["data"]["note"]["text"] for e in received if e["type"] == "note.added"] == [
        "Uusi yhteinen"
    ]
    assert "Yksityinen" not in str(received) and "Piilotettu" not in str(received)
    # The reveal brings the private notes; closing the vote brings the tallies.
    call(owner, "step.reveal", step_id=step2)
    call(owner, "voting.close", step_id=step1)
    received = events_of(sock)
    revealed = next(e for e in received if e["type"] == "step.revealed")
    assert {n["text"] for n in revealed["data"]["notes"]} == {
        "Yksityinen ajatus",
        "Toinen yksityinen",
    }
    closed = next(e for e in received if e["type"] == "voting.changed")
    assert closed["data"]["tallies"][str(shown)] == 1
    # Catching up gives the same view: no moderated note, no private text before the reveal.
    events = call(sock, "resync", since=0)["events"]
    assert "Piilotettu" not in str(events)


def test_the_presenter_changes_nothing(api, sockets, facilitator, workshop):
    wid = workshop["id"]
    step1 = workshop["steps"][0]["id"]
    prompt1 = workshop["steps"][0]["prompts"][0]["id"]
    sock, _ack = join_presenter(sockets, facilitator[2], wid)
    tries = {
        "note.add": {"op_id": new_op(), "step_id": step1, "prompt_id": prompt1, "text": "x"},
        "step.goto": {"step_id": workshop["steps"][1]["id"]},
        "timer.start": {"step_id": step1, "seconds": 60},
        "voting.open": {"step_id": step1, "votes_per_participant": 3},
        "workshop.close": {},
        "participants.duplicates": {},
    }
    for event, payload in tries.items():
        ack = sock.emit(event, payload, callback=True)
        assert ack["ok"] is False and ack["error"]["code"] == "forbidden", (event, ack)
    assert call(sock, "resync", since=0)["events"] == []


def test_the_presenter_goes_with_a_removed_co_facilitator(api, sockets, make_facilitator, workshop):
    co_id, co_email, co_token = make_facilitator()
    assert api.post(f"/workshops/{workshop['id']}/facilitators", json={"email": co_email})
    sock, _ack = join_presenter(sockets, co_token, workshop["id"])
    response = api.delete(f"/workshops/{workshop['id']}/facilitators/{co_id}")
    assert response.status_code == 204
    assert not sock.is_connected()
