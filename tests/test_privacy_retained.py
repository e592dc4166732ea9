"""What the log and the remembered answers keep beyond notes: a superseded vision statement is
sent by no catch-up and stays in no SQLite file; a deleted or purged workshop leaves nothing in
SQLite's WAL; and a resent ``note.add`` answers as the note is now for its author."""

import json
import urllib.request
import uuid

import pytest
import socketio

from .conftest import new_op
from .server import Participant, api, create_workshop, start_server, wait_for
from .test_privacy_log import what_a_participant_sees

IMPACT_CHAIN = "hyvanmitta-impact-chain"
NOTES = 30  # enough frames that a later, smaller write leaves some of them in the WAL


def marker(label: str) -> str:
    return f"{label}-{uuid.uuid4().hex}"


def call(sock, name, **payload):
    return sock.emit(name, payload, callback=True)


def vision_step(workshop: dict) -> dict:
    return next(step for step in workshop["steps"] if step["canvas"] == "vision")


@pytest.fixture
def room(sockets, participant, make_workshop, facilitator):
    """An impact-chain workshop (it has a vision step) with a facilitator and Alice and Bob."""
    workshop = make_workshop(template=IMPACT_CHAIN)

    class Room:
        pass

    r = Room()
    r.workshop = workshop
    r.host = sockets(auth={"api_token": facilitator[2]})
    assert call(r.host, "join", workshop_id=workshop["id"])["ok"]
    r.alice, alice_ack = participant("Alice", workshop)
    r.bob, bob_ack = participant("Bob", workshop)
    r.alice_token = alice_ack["participant"]["token"]
    r.bob_token = bob_ack["participant"]["token"]

    def participant_sees(token: str, sock) -> str:
        return what_a_participant_sees(sockets, workshop["join_code"], token, sock)

    r.participant_sees = participant_sees
    return r


def test_superseded_vision_is_sent_by_no_catch_up_nor_replayed_answer(room):
    step = vision_step(room.workshop)
    texts = [marker(f"visio{n}") for n in range(3)]
    ops = []
    for version, text in enumerate(texts):
        ops.append(new_op())
        room.bob.get_received()
        saved = call(
            room.alice, "vision.edit", op_id=ops[-1], step_id=step["id"], version=version, text=text
        )
        assert saved["ok"], saved
        # The live broadcast still carries the new wording.
        live = [p["args"][0] for p in room.bob.get_received() if p["name"] == "event"]
        assert [e["data"]["vision"]["text"] for e in live if e["type"] == "vision.changed"] == [
            text
        ]
    *superseded, newest = texts
    for seen in (
        room.participant_sees(room.bob_token, room.bob),
        room.participant_sees(room.alice_token, room.alice),
        json.dumps(call(room.host, "resync", since=0)),
    ):
        assert newest in seen
        assert not [text for text in superseded if text in seen]
    # Each vision.changed of the catch-up shows the vision as it is now.
    events = call(room.bob, "resync", since=0)["events"]
    changed = [e["data"] for e in events if e["type"] == "vision.changed"]
    assert len(changed) == 3
    assert all(data == {"step_id": step["id"], "vision": changed[-1]["vision"]} for data in changed)
    assert changed[-1]["vision"]["text"] == newest and changed[-1]["vision"]["version"] == 3
    # A resent first save is answered with the vision as it is now, and changes nothing.
    replayed = call(room.alice, "vision.edit", op_id=ops[0], step_id=step["id"], version=0, text="")
    assert replayed["ok"] and replayed["vision"]["text"] == newest, replayed
    assert replayed["vision"]["version"] == 3
    assert not [text for text in superseded if text in json.dumps(replayed)]


def test_moderated_note_is_not_in_its_authors_replayed_answer(room):
    step = room.workshop["steps"][0]
    text, op = marker("moderoitu"), new_op()
    payload = {"op_id": op, "step_id": step["id"], "prompt_id": step["prompts"][0]["id"]}
    added = room.alice.emit("note.add", {**payload, "text": text}, callback=True)
    assert added["ok"], added
    assert call(room.host, "note.hide", note_id=added["note"]["id"], hidden=True)["ok"]
    # A moderated note is the facilitators' alone (visibility.note_audience), its author's too.
    replayed = room.alice.emit("note.add", {**payload, "text": text}, callback=True)
    assert replayed["ok"] and replayed["note"]["id"] == added["note"]["id"], replayed
    assert text not in json.dumps(replayed)
    # Shown again, the author's resend answers with it once more.
    assert call(room.host, "note.hide", note_id=added["note"]["id"], hidden=False)["ok"]
    replayed = room.alice.emit("note.add", {**payload, "text": text}, callback=True)
    assert replayed["note"]["text"] == text


def test_own_note_in_private_brainstorming_stays_in_the_replayed_answer(room):
    """The author still sees their own note while the step is hidden: so does the answer."""
    step = room.workshop["steps"][0]
    assert call(room.host, "step.hide", step_id=step["id"])["ok"]
    text, op = marker("oma"), new_op()
    payload = {"op_id": op, "step_id": step["id"], "prompt_id": step["prompts"][0]["id"]}
    assert room.alice.emit("note.add", {**payload, "text": text}, callback=True)["ok"]
    replayed = room.alice.emit("note.add", {**payload, "text": text}, callback=True)
    assert replayed["ok"] and replayed["note"]["text"] == text


# --- the SQLite files ------------------------------------------------------------------------


def _raw_database(data_dir) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(data_dir.glob("*.db*")))


@pytest.fixture
def live(tmp_path):
    server = start_server(tmp_path)
    server.tmp_path = tmp_path
    clients = []
    server.clients = clients
    try:
        yield server
    finally:
        for client in clients:
            client.close()
        server.stop()


def _participant(live, workshop, name="Alice") -> Participant:
    client = Participant(live, workshop, name).connect()
    live.clients.append(client)
    return client


def _post_notes(client: Participant, text: str, count: int = NOTES) -> None:
    for n in range(count):
        assert client.send(client.new_note(f"{text} {n}"))


def test_superseded_vision_leaves_the_sqlite_files(live):
    workshop = api(
        live, "POST", "/workshops", {"title": "Visio", "template": IMPACT_CHAIN, "language": "fi"}
    )
    client = _participant(live, workshop)
    step = vision_step(workshop)
    texts = [marker(f"visio{n}") for n in range(3)]
    for version, text in enumerate(texts):
        edit = {"op_id": new_op(), "step_id": step["id"], "version": version, "text": text}
        assert client.sio.call("vision.edit", edit, timeout=5)["ok"]
    *superseded, newest = texts

    def forgotten() -> bool:
        raw = _raw_database(live.tmp_path)
        return not [text for text in superseded if text.encode() in raw]

    wait_for(forgotten, 15, "the server's checkpoint to drop the superseded visions")
    assert newest.encode() in _raw_database(live.tmp_path)


def _delete(live, path: str) -> int:
    request = urllib.request.Request(
        f"{live.url}/api/v1{path}",
        method="DELETE",
        headers={"Authorization": f"Bearer {live.api_token}"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status


def _forgotten(live, text: str):
    return lambda: text.encode() not in _raw_database(live.tmp_path)


def test_deleted_workshop_leaves_the_sqlite_files(live):
    workshop = create_workshop(live)
    text = marker("poistettava")
    _post_notes(_participant(live, workshop), text)
    assert _delete(live, f"/workshops/{workshop['id']}") == 204
    wait_for(_forgotten(live, text), 15, "the server's checkpoint to drop the deleted workshop")


def _close(live, workshop: dict) -> None:
    host = socketio.Client(handle_sigint=False)
    host.connect(live.url, transports=["websocket"], auth={"api_token": live.api_token})
    try:
        assert host.call("join", {"workshop_id": workshop["id"]}, timeout=5)["ok"]
        assert host.call("workshop.close", {}, timeout=5)["ok"]
    finally:
        host.shutdown()


def test_purged_workshop_leaves_the_sqlite_files_beside_a_running_server(live):
    workshop = create_workshop(live)
    text = marker("vanhentunut")
    client = _participant(live, workshop)
    _post_notes(client, text)
    client.close()
    _close(live, workshop)
    assert live.cli("purge", "--days", "0").startswith("Deleted 1 ")
    # The command truncates the WAL itself: the server's checkpoint knows nothing of it.
    assert _forgotten(live, text)()
