"""``themes.suggest`` with several real clients: only a facilitator may ask; the answer is the
asker's alone (nothing broadcast, nothing stored, the workshop's ``seq`` stays); it keeps the
visibility rules of notes (hidden steps, moderated notes); accepting a proposal is an ordinary
``note.theme`` that the room sees live; and under ``pajapohja serve`` (gevent) the computation
runs beside the event loop: the room's notes keep flowing while it runs."""

import json
from pathlib import Path

import pytest
import socketio
from sqlalchemy import select

from app.core.workshop_models import Workshop
from app.extensions import db

from .conftest import events_of, new_op
from .server import CALL_TIMEOUT, Participant, create_workshop, start_server, wait_for

TEXTS = {
    "alice": [
        "Asiakkaan kohtaaminen vaatii aikaa ja kuuntelua",
        "Kuuntelu ja vuorovaikutus asiakkaan kanssa",
    ],
    "bob": [
        "Vuorovaikutus asiakkaan kanssa on tärkeää",
        "Digitaaliset palvelut vaativat tukea",
    ],
}


def call(sock, event, /, **payload):
    return sock.emit(event, payload, callback=True)


def ok(sock, event, /, **payload):
    ack = call(sock, event, **payload)
    assert ack["ok"], (event, ack)
    return ack


@pytest.fixture
def room(app, client, sockets, participant, workshop, facilitator, make_facilitator):
    """The owner, a co-facilitator, the owner's presenter screen, and Alice (the chair of a
    small group on another step) and Bob, participants."""
    co = make_facilitator()
    headers = {"Authorization": f"Bearer {facilitator[2]}"}
    added = client.post(
        f"/api/v1/workshops/{workshop['id']}/facilitators", json={"email": co[1]}, headers=headers
    )
    assert added.status_code in (200, 201), added.get_json()

    class Room:
        pass

    r = Room()
    r.app, r.workshop = app, workshop
    r.host = sockets(auth={"api_token": facilitator[2]})
    ok(r.host, "join", workshop_id=workshop["id"])
    r.co = sockets(auth={"api_token": co[2]})
    ok(r.co, "join", workshop_id=workshop["id"])
    r.presenter = sockets(auth={"api_token": facilitator[2]})
    ok(r.presenter, "join", workshop_id=workshop["id"], presenter=True)
    r.alice, alice_ack = participant("Alice")
    r.bob, _ = participant("Bob")
    r.alice_id = alice_ack["participant"]["id"]
    step = workshop["steps"][0]
    r.step, r.prompts = step["id"], [p["id"] for p in step["prompts"]]
    r.prompt = r.prompts[0]
    r.step3 = workshop["steps"][2]["id"]
    group = ok(r.host, "groups.create", step_id=r.step3, count=2, mode="choose")["groups"][0]
    ok(r.alice, "group.join", group_id=group["id"])
    ok(r.host, "group.chair", group_id=group["id"], participant_id=r.alice_id)
    r.everyone = [r.host, r.co, r.presenter, r.alice, r.bob]

    def post(sock, text, prompt=None):
        return ok(
            sock,
            "note.add",
            op_id=new_op(),
            step_id=r.step,
            prompt_id=prompt or r.prompt,
            text=text,
        )["note"]

    def seq():
        with app.app_context():
            value = db.session.scalar(select(Workshop.seq).where(Workshop.id == workshop["id"]))
            db.session.remove()
            return value

    def drain():
        for sock in r.everyone:
            sock.get_received()

    r.post, r.seq, r.drain = post, seq, drain
    drain()
    return r


def note_ids_in(ack: dict) -> set[int]:
    """Every note id the answer mentions, wherever it is."""
    ids = {i for candidate in ack["candidates"] for i in candidate["note_ids"]}
    ids |= {assignment["note_id"] for assignment in ack["assignments"]}
    return ids | {i for group in ack["similar"] for i in group}


def test_only_a_facilitator_may_ask_and_no_one_else_hears_of_it(room):
    notes = [room.post(room.alice, t) for t in TEXTS["alice"]]
    notes += [room.post(room.bob, t) for t in TEXTS["bob"]]
    room.drain()
    before = room.seq()

    answers = [ok(room.host, "themes.suggest", step_id=room.step)]
    answers.append(ok(room.co, "themes.suggest", step_id=room.step))
    for answer in answers:
        assert set(answer) == {"ok", "candidates", "assignments", "similar"}  # no seq
        assert {a["note_id"] for a in answer["assignments"]} == {n["id"] for n in notes}
        assert all(a["theme_id"] is None for a in answer["assignments"])  # no themes yet
        # "asiakkaan" recurs in three notes: some candidate names at least two of them.
        recurring = {notes[0]["id"], notes[1]["id"], notes[2]["id"]}
        assert any(len(set(c["note_ids"]) & recurring) >= 2 for c in answer["candidates"])
        assert note_ids_in(answer) == {n["id"] for n in notes}
    assert answers[0]["candidates"] == answers[1]["candidates"]

    # The presenter screen, a chair and participants are refused, whatever they ask about.
    for sock in (room.presenter, room.alice, room.bob):
        refused = call(sock, "themes.suggest", step_id=room.step)
        assert refused["ok"] is False and refused["error"]["code"] == "forbidden", refused
        refused = call(sock, "themes.suggest", step_id=room.step, prompt_id="ei-ole")
        assert refused["error"]["code"] == "forbidden", refused

    # Nothing was broadcast to anyone, the asker included, and nothing was logged.
    assert [events_of(sock) for sock in room.everyone] == [[]] * len(room.everyone)
    assert room.seq() == before


def test_assignments_cover_exactly_the_notes_in_no_theme_of_the_step_or_question(room):
    first, second = room.prompts[0], room.prompts[1]
    a1 = room.post(room.alice, "Vuorovaikutus asiakkaan kanssa", first)
    a2 = room.post(room.alice, "Asiakkaan kohtaaminen kiireessä", first)
    a3 = room.post(room.bob, "Digituki asiakkaan arjessa", second)
    themed = room.post(room.bob, "Vuorovaikutus työyhteisössä", first)
    other_step = room.workshop["steps"][1]
    ok(
        room.alice,
        "note.add",
        op_id=new_op(),
        step_id=other_step["id"],
        prompt_id=other_step["prompts"][0]["id"],
        text="Vuorovaikutus toisessa vaiheessa",
    )
    theme = ok(room.host, "theme.create", op_id=new_op(), step_id=room.step, title="Vuorovaikutus")
    theme_id = theme["theme"]["id"]
    ok(room.host, "note.theme", note_id=themed["id"], theme_id=theme_id)

    whole = ok(room.host, "themes.suggest", step_id=room.step)
    assert [a["note_id"] for a in whole["assignments"]] == [a1["id"], a2["id"], a3["id"]]
    proposed = {a["note_id"]: a["theme_id"] for a in whole["assignments"]}
    assert proposed[a1["id"]] == theme_id  # shares "vuorovaikutus" with the theme's name
    assert all(0 <= a["score"] <= 1 for a in whole["assignments"])

    one = ok(room.host, "themes.suggest", step_id=room.step, prompt_id=first)
    assert [a["note_id"] for a in one["assignments"]] == [a1["id"], a2["id"]]
    assert note_ids_in(one) <= {a1["id"], a2["id"], themed["id"]}
    empty = ok(room.host, "themes.suggest", step_id=room.step, prompt_id=room.prompts[2])
    assert empty["assignments"] == [] and empty["candidates"] == [] and empty["similar"] == []


@pytest.mark.parametrize(
    "payload, code",
    [
        ({"step_id": 999_999}, "unknown_step"),
        # Like every looked-up id: anything but a whole number is not found.
        ({}, "unknown_step"),
        ({"step_id": "yksi"}, "unknown_step"),
        ({"step_id": [1]}, "unknown_step"),
        ({"step_id": "STEP", "prompt_id": ["needed"]}, "invalid_field"),
        ({"step_id": "STEP", "prompt_id": "x" * 65}, "too_long"),
        ({"step_id": "STEP", "prompt_id": "ei-ole"}, "unknown_prompt"),
        ({"step_id": "STEP", "prompt_id": 5}, "invalid_field"),
        ({"step_id": "OTHER_WORKSHOPS_STEP"}, "unknown_step"),
    ],
)
def test_unknown_steps_and_questions_and_bad_fields_are_refused(room, make_workshop, payload, code):
    other = make_workshop()
    stand_ins = {"STEP": room.step, "OTHER_WORKSHOPS_STEP": other["steps"][0]["id"]}
    payload = {
        key: stand_ins.get(value, value) if isinstance(value, str) else value
        for key, value in payload.items()
    }
    refused = call(room.host, "themes.suggest", **payload)
    assert refused["ok"] is False and refused["error"]["code"] == code, refused
    assert events_of(room.alice) == []


def test_moderated_notes_appear_nowhere_in_the_answer(room):
    shown = [room.post(room.alice, "Asiakkaan kohtaaminen"), room.post(room.bob, "Asiakkaan ääni")]
    moderated = room.post(room.bob, "Asiakkaan kohtaaminen on turhaa, ASIAKKAAN ääni")
    ok(room.host, "note.hide", note_id=moderated["id"], hidden=True)
    answer = ok(room.host, "themes.suggest", step_id=room.step)
    assert note_ids_in(answer) == {n["id"] for n in shown}
    assert moderated["id"] not in note_ids_in(answer)
    assert "turhaa" not in json.dumps(answer)
    # Shown again, it takes part again.
    ok(room.host, "note.hide", note_id=moderated["id"], hidden=False)
    assert moderated["id"] in note_ids_in(ok(room.host, "themes.suggest", step_id=room.step))


def test_a_hidden_steps_notes_reach_only_the_facilitator_and_after_accepting_their_author(room):
    ok(room.host, "step.hide", step_id=room.step)
    secret = room.post(room.alice, "Salainen ajatus asiakkaan kohtaamisesta")
    own = room.post(room.bob, "Oma ajatus asiakkaan kohtaamisesta")
    room.drain()

    answer = ok(room.host, "themes.suggest", step_id=room.step)
    assert {a["note_id"] for a in answer["assignments"]} == {secret["id"], own["id"]}
    assert [events_of(sock) for sock in room.everyone] == [[]] * len(room.everyone)

    # Accepting a candidate: a theme by its title, then the notes into it (ordinary events).
    candidate = next(c for c in answer["candidates"] if secret["id"] in c["note_ids"])
    theme = ok(
        room.host, "theme.create", op_id=new_op(), step_id=room.step, title=candidate["title"]
    )["theme"]
    room.drain()
    ok(room.host, "note.theme", note_id=secret["id"], theme_id=theme["id"])
    edited = events_of(room.alice, "note.edited")
    assert [e["data"]["note"]["theme_id"] for e in edited] == [theme["id"]]
    assert [e["data"]["note"]["id"] for e in events_of(room.co, "note.edited")] == [secret["id"]]
    for sock in (room.bob, room.presenter):  # neither wrote it: a placeholder, naming nothing
        received = events_of(sock)
        assert [e["type"] for e in received] == ["hidden"], received
        assert received[0]["data"] == {}
        assert "Salainen" not in json.dumps(received)
    assert "Salainen" not in json.dumps(call(room.bob, "resync", since=0))


def test_accepting_a_proposal_is_an_ordinary_note_theme_seen_live(room):
    theme = ok(room.host, "theme.create", op_id=new_op(), step_id=room.step, title="Kuuntelu")
    theme_id = theme["theme"]["id"]
    notes = [room.post(room.alice, t) for t in TEXTS["alice"]]
    room.drain()
    answer = ok(room.host, "themes.suggest", step_id=room.step)
    proposals = [a for a in answer["assignments"] if a["theme_id"] is not None]
    accepted = [(a["note_id"], a["theme_id"]) for a in proposals]
    assert (notes[1]["id"], theme_id) in accepted  # "Kuuntelu ja ..."

    for note_id, proposed in accepted:
        ok(room.host, "note.theme", note_id=note_id, theme_id=proposed)
    for sock in (room.co, room.presenter, room.alice, room.bob):
        seen = events_of(sock, "note.edited")
        assert [(e["data"]["note"]["id"], e["data"]["note"]["theme_id"]) for e in seen] == accepted
    # Asked again: the notes are in a theme now, so no longer proposed.
    again = ok(room.host, "themes.suggest", step_id=room.step)
    themed = {note_id for note_id, _theme in accepted}
    assert [a["note_id"] for a in again["assignments"]] == [
        n["id"] for n in notes if n["id"] not in themed
    ]


# --- under pajapohja serve (gevent): the computation beside the event loop -------------------


@pytest.fixture(scope="module")
def gated(tmp_path_factory):
    """``pajapohja serve`` with the engine behind a gate (tests/gated_suggest.py) and a short
    time-out for a worker that does not answer."""
    gate = tmp_path_factory.mktemp("gate")
    live = start_server(
        tmp_path_factory.mktemp("server"),
        env={"PAJAPOHJA_TEST_SUGGEST_GATE": str(gate), "PAJAPOHJA_SUGGEST_TIMEOUT": "8"},
        module="tests.gated_suggest",
    )
    live.gate = gate
    yield live
    live.stop()


def facilitator_socket(live, workshop) -> socketio.Client:
    sock = socketio.Client(reconnection=False, handle_sigint=False)
    sock.received = []
    sock.on("event", sock.received.append)
    sock.connect(
        live.url, transports=["websocket"], auth={"api_token": live.api_token}, wait_timeout=10
    )
    ack = sock.call("join", {"workshop_id": workshop["id"]}, timeout=CALL_TIMEOUT)
    assert ack["ok"], ack
    return sock


class Pending:
    """An acknowledgement being waited for."""

    def __init__(self, sock, event, payload):
        self.ack = None
        sock.emit(event, payload, callback=self._answer)

    def _answer(self, ack):
        self.ack = ack

    def wait(self, timeout: float = 30) -> dict:
        wait_for(lambda: self.ack is not None, timeout, "the acknowledgement")
        return self.ack


def test_notes_flow_while_a_suggestion_is_computed_beside_the_loop(gated):
    gate: Path = gated.gate
    workshop = create_workshop(gated)
    host, second = facilitator_socket(gated, workshop), facilitator_socket(gated, workshop)
    writers = [Participant(gated, workshop, f"Osallistuja {n}").connect() for n in range(3)]
    try:
        for n, writer in enumerate(writers):
            for text in TEXTS["alice"] + TEXTS["bob"]:
                assert writer.send(writer.new_note(f"{text} ({n})"))
        step_id = workshop["steps"][0]["id"]

        # The engine starts in the worker process and waits at the gate.
        asked = Pending(host, "themes.suggest", {"step_id": step_id})
        wait_for((gate / "started").exists, 30, "the engine to start")
        assert (gate / "started").read_text() == "12"

        # Meanwhile the loop serves: a note is added, acknowledged and delivered live ...
        late = writers[0].new_note("Myöhäinen lappu kesken laskennan")
        assert writers[0].send(late)
        late_id = writers[0].acked[late]["note"]["id"]
        wait_for(lambda: late_id in writers[1].notes, 10, "the note to reach another participant")
        wait_for(
            lambda: any(e.get("type") == "note.added" for e in host.received), 10, "note.added"
        )
        # ... and a second suggestion for the same workshop is refused at once, not queued.
        busy = second.call("themes.suggest", {"step_id": step_id}, timeout=CALL_TIMEOUT)
        assert busy["ok"] is False and busy["error"]["code"] == "busy", busy
        assert asked.ack is None  # still computing: everything above happened meanwhile

        (gate / "release").write_text("")
        answer = asked.wait()
        assert answer["ok"], answer
        assert len(answer["assignments"]) == 12  # the notes as they were when it was asked
        assert late_id not in {a["note_id"] for a in answer["assignments"]}
        again = second.call("themes.suggest", {"step_id": step_id}, timeout=30)
        assert again["ok"] and len(again["assignments"]) == 13
        # Nobody else heard of either answer.
        for writer in writers:
            assert [t for _seq, t, _id in writer.log if t not in ("snapshot", "note.added")] == []

        # A failing engine: a clear error, and the next suggestion works again.
        (gate / "fail").write_text("")
        failed = host.call("themes.suggest", {"step_id": step_id}, timeout=30)
        assert failed["ok"] is False and failed["error"]["code"] == "suggest_failed", failed
        (gate / "fail").unlink()
        assert host.call("themes.suggest", {"step_id": step_id}, timeout=30)["ok"]

        # A worker that never answers is stopped after PAJAPOHJA_SUGGEST_TIMEOUT (8 s) and
        # replaced; meanwhile the room goes on.
        (gate / "hang").write_text("")
        hung = Pending(host, "themes.suggest", {"step_id": step_id})
        wait_for((gate / "started").exists, 30, "the engine to start")
        assert writers[2].send(writers[2].new_note("Lappu jumin aikana"))
        assert hung.wait(60)["error"]["code"] == "suggest_failed"
        (gate / "hang").unlink()
        answer = host.call("themes.suggest", {"step_id": step_id}, timeout=30)
        assert answer["ok"] and len(answer["assignments"]) == 14
    finally:
        for sock in (host, second):
            sock.shutdown()
        for writer in writers:
            writer.close()
