"""The change log does not outlive the privacy promise: a moderated, deleted or superseded text
reaches nobody who may no longer see it, by ``resync``, ``join`` (with or without ``since``),
an op_id's replayed answer or an export; deleted and superseded text is gone from SQLite's
files after the server's checkpoint; and the placeholder for an unseen event names nobody."""

import json
import uuid

import pytest

from .browser.conftest import LiveServer
from .conftest import PASSWORD, events_of, new_op
from .server import Participant, create_workshop, start_server, wait_for

EXPORTS = ("summary.md", "summary.html", "notes.csv")


def marker(label: str) -> str:
    return f"{label}-{uuid.uuid4().hex}"


def call(sock, name, **payload):
    return sock.emit(name, payload, callback=True)


def what_a_participant_sees(sockets, join_code: str, token: str, sock) -> str:
    """Everything a participant's browser can ask for, as text: ``resync`` from 0 on its
    socket, and on a new socket ``join`` with ``since`` 0 and without (a snapshot)."""
    seen = [call(sock, "resync", since=0)]
    for since in ({"since": 0}, {}):
        fresh = sockets()
        join = {"join_code": join_code, "participant_token": token, **since}
        seen.append(fresh.emit("join", join, callback=True))
        fresh.disconnect()
    assert all(answer["ok"] for answer in seen), seen
    return json.dumps(seen, ensure_ascii=False)


@pytest.fixture
def room(sockets, participant, workshop, facilitator, api):
    """A facilitator and two participants (Alice and Bob) joined to the default workshop."""
    host = sockets(auth={"api_token": facilitator[2]})
    assert call(host, "join", workshop_id=workshop["id"])["ok"]
    alice, alice_ack = participant("Alice")
    bob, bob_ack = participant("Bob")

    class Room:
        pass

    r = Room()
    r.host, r.alice, r.bob = host, alice, bob
    r.alice_id = alice_ack["participant"]["id"]
    r.bob_token = bob_ack["participant"]["token"]
    r.alice_token = alice_ack["participant"]["token"]
    r.step = workshop["steps"][0]["id"]
    r.prompt = workshop["steps"][0]["prompts"][0]["id"]

    def post(sock, text, op_id=None):
        payload = {"op_id": op_id or new_op(), "step_id": r.step, "prompt_id": r.prompt}
        ack = sock.emit("note.add", {**payload, "text": text}, callback=True)
        assert ack["ok"], ack
        return ack["note"]

    def participant_sees(token: str, sock) -> str:
        return what_a_participant_sees(sockets, workshop["join_code"], token, sock)

    def facilitator_sees() -> str:
        seen = [call(host, "resync", since=0)]
        fresh = sockets(auth={"api_token": facilitator[2]})
        seen.append(call(fresh, "join", workshop_id=workshop["id"]))
        fresh.disconnect()
        assert all(answer["ok"] for answer in seen), seen
        return json.dumps(seen, ensure_ascii=False)

    def exports(names=EXPORTS) -> str:
        bodies = []
        for name in names:
            response = api.get(f"/workshops/{workshop['id']}/{name}")
            assert response.status_code == 200, name
            bodies.append(response.get_data(as_text=True))
        return "\n".join(bodies)

    r.post, r.participant_sees, r.facilitator_sees, r.exports = (
        post,
        participant_sees,
        facilitator_sees,
        exports,
    )
    return r


def test_moderated_note_reaches_no_participant_by_any_path(room):
    text = marker("moderoitu")
    note = room.post(room.alice, text)
    assert call(room.host, "note.hide", note_id=note["id"], hidden=True)["ok"]
    assert text not in room.participant_sees(room.bob_token, room.bob)
    # Not the author either: a moderated note is the facilitators' alone.
    assert text not in room.participant_sees(room.alice_token, room.alice)
    assert text not in room.exports()
    assert text in room.facilitator_sees()
    # Shown again, it is everyone's once more.
    assert call(room.host, "note.hide", note_id=note["id"], hidden=False)["ok"]
    assert text in room.participant_sees(room.bob_token, room.bob)


def test_edited_note_keeps_no_earlier_wording(room):
    old, new = marker("vanha"), marker("uusi")
    op = new_op()
    note = room.post(room.alice, old, op_id=op)
    edited = call(room.alice, "note.edit", op_id=new_op(), note_id=note["id"], version=1, text=new)
    assert edited["ok"], edited
    for seen in (
        room.participant_sees(room.bob_token, room.bob),
        room.participant_sees(room.alice_token, room.alice),
        room.facilitator_sees(),
        room.exports((*EXPORTS, "export.json")),
    ):
        assert old not in seen and new in seen
    # Resending the original note.add answers with the note as it is now, not as it was.
    replayed = room.alice.emit(
        "note.add",
        {"op_id": op, "step_id": room.step, "prompt_id": room.prompt, "text": old},
        callback=True,
    )
    assert replayed["ok"] and old not in json.dumps(replayed)
    assert replayed["note"]["text"] == new


def test_deleted_note_shown_by_a_reveal_is_gone_everywhere(room):
    text = marker("poistettu")
    assert call(room.host, "step.hide", step_id=room.step)["ok"]
    op = new_op()
    note = room.post(room.alice, text, op_id=op)
    assert call(room.host, "step.reveal", step_id=room.step)["ok"]
    assert call(room.alice, "note.delete", op_id=new_op(), note_id=note["id"])["ok"]
    for seen in (
        room.participant_sees(room.bob_token, room.bob),
        room.participant_sees(room.alice_token, room.alice),
        room.facilitator_sees(),
        room.exports((*EXPORTS, "export.json")),
    ):
        assert text not in seen
    replayed = room.alice.emit(
        "note.add",
        {"op_id": op, "step_id": room.step, "prompt_id": room.prompt, "text": text},
        callback=True,
    )
    assert text not in json.dumps(replayed)


def test_merged_away_note_is_gone_from_the_replayed_answer(room):
    source, target = marker("lahde"), marker("kohde")
    op = new_op()
    gone = room.post(room.bob, source, op_id=op)
    kept = room.post(room.alice, target)
    assert call(room.host, "note.merge", note_id=gone["id"], into_note_id=kept["id"])["ok"]
    # The merged text lives on in the target; the source note's own record does not.
    replayed = room.bob.emit(
        "note.add",
        {"op_id": op, "step_id": room.step, "prompt_id": room.prompt, "text": source},
        callback=True,
    )
    assert source not in json.dumps(replayed)
    events = call(room.bob, "resync", since=0)["events"]
    about_source = [e for e in events if e["data"].get("note", {}).get("id") == gone["id"]]
    assert about_source == []


def test_private_brainstorming_hides_text_and_author_until_reveal(room):
    assert call(room.host, "step.hide", step_id=room.step)["ok"]
    for sock in (room.host, room.alice, room.bob):
        sock.get_received()
    text = marker("yksityinen")
    room.post(room.alice, text)
    # The author's own socket gets the note itself before the room-wide placeholder, so its
    # browser can simply skip the placeholder.
    alice_got = events_of(room.alice)
    assert [e["type"] for e in alice_got] == ["note.added", "hidden"]
    assert alice_got[0]["seq"] == alice_got[1]["seq"]
    # Everyone else learns that something happened at this seq, and nothing of who or what.
    (placeholder,) = events_of(room.bob)
    assert placeholder == {"seq": alice_got[0]["seq"], "type": "hidden", "data": {}}
    bob_sees = room.participant_sees(room.bob_token, room.bob)
    assert text not in bob_sees
    resynced = call(room.bob, "resync", since=0)["events"]
    hidden = [e for e in resynced if e["type"] == "hidden"]
    assert hidden and all(e["data"] == {} for e in hidden)
    assert text not in room.exports()
    assert text in room.facilitator_sees()
    assert text in room.participant_sees(room.alice_token, room.alice)


def test_step_hidden_again_takes_revealed_notes_back(room):
    assert call(room.host, "step.hide", step_id=room.step)["ok"]
    text = marker("uudelleen-piilotettu")
    room.post(room.alice, text)
    assert call(room.host, "step.reveal", step_id=room.step)["ok"]
    assert text in room.participant_sees(room.bob_token, room.bob)
    assert call(room.host, "step.hide", step_id=room.step)["ok"]
    assert text not in room.participant_sees(room.bob_token, room.bob)
    assert text not in room.exports()
    assert text in room.participant_sees(room.alice_token, room.alice)
    assert text in room.facilitator_sees()


def test_note_of_a_group_one_has_left_is_no_longer_sent(room):
    created = call(room.host, "groups.create", step_id=room.step, count=2, mode="choose")
    g1, g2 = (g["id"] for g in created["groups"])
    assert call(room.alice, "group.join", group_id=g1)["ok"]
    assert call(room.bob, "group.join", group_id=g1)["ok"]
    text = marker("ryhma")
    room.post(room.alice, text)
    assert text in room.participant_sees(room.bob_token, room.bob)
    assert call(room.bob, "group.join", group_id=g2)["ok"]
    assert text not in room.participant_sees(room.bob_token, room.bob)
    assert text in room.participant_sees(room.alice_token, room.alice)
    assert text in room.facilitator_sees()


def _raw_database(data_dir) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(data_dir.glob("*.db*")))


def test_deleted_and_superseded_text_leaves_the_sqlite_files(tmp_path):
    """The running server's own checkpoint leaves neither text in the .db or -wal file."""
    live = start_server(tmp_path)
    client = None
    try:
        workshop = create_workshop(live)
        client = Participant(live, workshop, "Alice").connect()
        deleted, superseded, current = marker("poistettu"), marker("korvattu"), marker("uusi")
        notes = {}
        for text in (deleted, superseded):
            op = client.new_note(text)
            assert client.send(op)
            notes[text] = client.acked[op]["note"]["id"]
        edit = {"op_id": new_op(), "note_id": notes[superseded], "version": 1, "text": current}
        assert client.sio.call("note.edit", edit, timeout=5)["ok"]
        gone = {"op_id": new_op(), "note_id": notes[deleted]}
        assert client.sio.call("note.delete", gone, timeout=5)["ok"]

        def forgotten() -> bool:
            raw = _raw_database(tmp_path)
            return deleted.encode() not in raw and superseded.encode() not in raw

        wait_for(forgotten, 15, "the server's checkpoint to drop the old texts")
        assert current.encode() in _raw_database(tmp_path)
    finally:
        if client is not None:
            client.close()
        live.stop()


@pytest.fixture
def postgres_server(tmp_path, postgres_database):
    """``pajapohja serve`` on a throwaway PostgreSQL database (the scrubbing SQL differs)."""
    live = LiveServer(tmp_path, {"PAJAPOHJA_DATABASE_URL": postgres_database})
    try:
        live.start()
        email = "fasilitaattori@example.fi"
        live.cli("facilitator", "add", email, "--password-stdin", input=PASSWORD + "\n")
        live.api_token = live.cli("token", "create", email)
        yield live
    finally:
        live.stop()


def test_edit_and_delete_scrub_the_log_and_answers_on_postgresql(postgres_server):
    workshop = create_workshop(postgres_server)
    alice = Participant(postgres_server, workshop, "Alice").connect()
    bob = Participant(postgres_server, workshop, "Bob").connect()
    try:
        old, new, deleted = marker("vanha"), marker("uusi"), marker("poistettu")
        ops = {text: alice.new_note(text) for text in (old, deleted)}
        assert all(alice.send(op) for op in ops.values())
        ids = {text: alice.acked[op]["note"]["id"] for text, op in ops.items()}
        edit = {"op_id": new_op(), "note_id": ids[old], "version": 1, "text": new}
        assert alice.sio.call("note.edit", edit, timeout=5)["ok"]
        gone = {"op_id": new_op(), "note_id": ids[deleted]}
        assert alice.sio.call("note.delete", gone, timeout=5)["ok"]
        seen = json.dumps(bob.sio.call("resync", {"since": 0}, timeout=5))
        assert old not in seen and deleted not in seen and new in seen
        for text, op in ops.items():
            resent = {"op_id": op, "step_id": alice.step_id, "prompt_id": alice.prompt_id}
            replayed = json.dumps(alice.sio.call("note.add", {**resent, "text": text}, timeout=5))
            assert text not in replayed
    finally:
        alice.close()
        bob.close()
