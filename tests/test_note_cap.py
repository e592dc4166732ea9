"""A cap on new notes per participant, whatever connections they use: a flood through many
connections (each with its own token bucket) gets ``too_fast`` past the participant's burst,
while a quick paste of ideas, the facilitator and the other participants are never limited."""

import time

from sqlalchemy import func, select

from app.core.note_models import Note
from app.extensions import db

from .conftest import new_op

CONNECTIONS = 8
FLOOD = 200
BURST = 30  # the default NOTE_BURST
RATE = 1.0  # the default NOTE_RATE: notes a second


def add(sock, step: dict, text: str) -> dict:
    return sock.emit(
        "note.add",
        {
            "op_id": new_op(),
            "step_id": step["id"],
            "prompt_id": step["prompts"][0]["id"],
            "text": text,
        },
        callback=True,
    )


def stored(app) -> int:
    with app.app_context():
        count = db.session.scalar(select(func.count()).select_from(Note))
        db.session.remove()
    return count


def test_one_participant_flooding_through_many_connections_is_capped(
    app, workshop, participant, sockets
):
    step = workshop["steps"][0]
    _first, joined = participant("Tulva")
    token = joined["participant"]["token"]
    # The same participant on several connections: each connection's bucket alone would let
    # 40 notes through at once, 320 in all.
    connections = [participant("Tulva", token=token)[0] for _ in range(CONNECTIONS)]
    started = time.monotonic()
    answers = [add(connections[n % CONNECTIONS], step, f"Tulva {n}") for n in range(FLOOD)]
    refilled = (time.monotonic() - started) * RATE
    accepted = [a for a in answers if a["ok"]]
    refused = [a["error"] for a in answers if not a["ok"]]
    # The burst, plus what the rate refills while the flood runs.
    assert BURST <= len(accepted) <= BURST + refilled + 1, (len(accepted), refilled)
    assert {e["code"] for e in refused} == {"too_fast"}
    assert all("odota hetki" in e["message"] for e in refused), refused[0]
    assert stored(app) == len(accepted)
    # Someone else in the same workshop, and the facilitator, write on as usual.
    other, _ = participant("Rauhallinen")
    assert add(other, step, "Oma ajatus")["ok"]


def test_a_quick_paste_of_ideas_and_the_facilitator_are_never_capped(
    app, workshop, participant, sockets, facilitator
):
    step = workshop["steps"][0]
    typist, _ = participant("Nopea")
    answers = [add(typist, step, f"Idea {n}") for n in range(BURST)]
    assert all(a["ok"] for a in answers), [a for a in answers if not a["ok"]][:1]
    app.config.update(SOCKET_BURST=10**6, SOCKET_RATE=10**6)  # past the connection's bucket
    host = sockets(auth={"api_token": facilitator[2]})
    assert host.emit("join", {"workshop_id": workshop["id"]}, callback=True)["ok"]
    answers = [add(host, step, f"Fasilitaattori {n}") for n in range(3 * BURST)]
    assert all(a["ok"] for a in answers)
    assert stored(app) == 4 * BURST
