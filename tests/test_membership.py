"""Removing someone keeps them out: a removed participant's or co-facilitator's open socket is
closed at once, and rights are checked on every event against the database, so a socket that
missed its removal (made by another process while the message queue was down) is refused and
stops receiving broadcasts."""

import pytest
import socketio
from sqlalchemy import delete, update

from app.core.workshop_models import CoFacilitator, Participant
from app.db import write_transaction
from app.extensions import db

from .conftest import events_of, new_op
from .test_scale_out import ROUTE_COOKIE, Board, cluster, eventually  # noqa: F401


class Room:
    """A workshop with its owner, a co-facilitator and two participants on open sockets; Pirjo
    chairs a small group whose timer runs, voting and participants' clustering are open."""

    def __init__(self, app, client, sockets, api, make_facilitator, workshop):
        self.app, self.client, self.api = app, client, api
        self.workshop = workshop
        self.step1, _step2, self.step3 = (s["id"] for s in workshop["steps"])
        self.prompt1 = workshop["steps"][0]["prompts"][0]["id"]
        self.co_id, co_email, co_token = make_facilitator()
        assert api.post(f"/workshops/{workshop['id']}/facilitators", json={"email": co_email})
        owner_token = api.headers["Authorization"].split()[1]
        self.owner = self.facilitator(sockets, owner_token)
        self.co = self.facilitator(sockets, co_token)
        self.pirjo, self.pirjo_id = self.participant(sockets, "Pirjo")
        self.tuomas, self.tuomas_id = self.participant(sockets, "Tuomas")
        self.note = self.call(self.tuomas, "note.add", **self.note_payload("Tuomaksen"))["note"]
        self.own = self.call(self.pirjo, "note.add", **self.note_payload("Pirjon"))["note"]
        self.vision_step = _step2
        self.call(self.owner, "voting.open", step_id=self.step1, votes_per_participant=3)
        self.call(self.owner, "step.cluster", step_id=self.step1, allowed=True)
        groups = self.call(self.owner, "groups.create", step_id=self.step3, count=2, mode="choose")
        self.group = groups["groups"][0]["id"]
        self.call(self.pirjo, "group.join", group_id=self.group)
        self.call(self.owner, "group.chair", group_id=self.group, participant_id=self.pirjo_id)
        for sock in (self.owner, self.co, self.pirjo, self.tuomas):
            sock.get_received()

    def facilitator(self, sockets, token):
        sock = sockets(auth={"api_token": token})
        assert sock.emit("join", {"workshop_id": self.workshop["id"]}, callback=True)["ok"]
        return sock

    def participant(self, sockets, name):
        sock = sockets()
        ack = sock.emit(
            "join", {"join_code": self.workshop["join_code"], "name": name}, callback=True
        )
        assert ack["ok"], ack
        self.tokens = {**getattr(self, "tokens", {}), name: ack["participant"]["token"]}
        return sock, ack["participant"]["id"]

    def note_payload(self, text):
        return {"op_id": new_op(), "step_id": self.step1, "prompt_id": self.prompt1, "text": text}

    @staticmethod
    def call(sock, event, **payload):
        ack = sock.emit(event, payload, callback=True)
        assert ack["ok"], (event, ack)
        return ack

    def participant_actions(self):
        return {
            "note.add": self.note_payload("Vielä yksi"),
            "note.edit": {"op_id": new_op(), "note_id": self.own["id"], "version": 1, "text": "x"},
            "note.delete": {"op_id": new_op(), "note_id": self.own["id"]},
            "vision.edit": {
                "op_id": new_op(),
                "step_id": self.vision_step,
                "version": 0,
                "text": "v",
            },
            "vote.add": {"op_id": new_op(), "note_id": self.note["id"]},
            "step.done": {"step_id": self.step1, "done": True},
            "theme.create": {"op_id": new_op(), "step_id": self.step1, "title": "Oma teema"},
            "timer.start": {"step_id": self.step3, "group_id": self.group, "seconds": 60},
            "resync": {"since": 0},
        }

    def facilitator_actions(self):
        return {
            "note.add": self.note_payload("Fasilitaattorin"),
            "step.goto": {"step_id": self.step3},
            "theme.create": {"op_id": new_op(), "step_id": self.step1, "title": "Teema"},
            "participant.remove": {"participant_id": self.tuomas_id},
            "workshop.close": {},
            "resync": {"since": 0},
        }

    def in_database(self, statement):
        """A change made elsewhere (another process, while the message queue was down): no
        socket of this process is told."""
        with self.app.app_context():
            with write_transaction():
                db.session.execute(statement)

    def something_happens(self):
        """Broadcasts to everyone in the workshop: a note, a step change, a vote tally."""
        self.call(self.tuomas, "note.add", **self.note_payload("Uutta kaikille"))
        self.call(self.owner, "step.goto", step_id=self.step1)
        self.call(self.owner, "timer.start", step_id=self.step3, group_id=self.group, seconds=90)
        assert events_of(self.tuomas), "the others still receive"


def delivered(sock) -> list[dict]:
    """Every ``event`` the server sent this test client, also after the server closed it (the
    test client keeps what it received; ``get_received`` only answers while connected)."""
    return [m["args"][0] for m in sock.queue if m["name"] == "event"]


def refused(sock, event, payload):
    ack = sock.emit(event, payload, callback=True)
    return ack["ok"] is False and ack["error"]["code"] == "removed"


def make_room(app, client, sockets, api, make_facilitator, workshop):
    return Room(app, client, sockets, api, make_facilitator, workshop)


def test_a_removed_participants_socket_is_closed_at_once(
    app, client, sockets, api, make_facilitator, workshop
):
    room = make_room(app, client, sockets, api, make_facilitator, workshop)
    room.call(room.pirjo, "vote.add", op_id=new_op(), note_id=room.note["id"])
    room.pirjo.get_received()
    room.owner.get_received()
    room.call(room.owner, "participant.remove", participant_id=room.pirjo_id)
    assert not room.pirjo.is_connected()
    # Pirjo's own board learned why before the socket closed (it shows "you have been removed").
    last = delivered(room.pirjo)
    assert [e["data"] for e in last if e["type"] == "participant.removed"] == [
        {"participant_id": room.pirjo_id}
    ]
    # Her dot no longer counts: the tally drops back for everyone.
    assert [e["data"]["votes"] for e in events_of(room.owner, "vote.changed")] == [0]
    room.something_happens()
    assert delivered(room.pirjo) == last
    again = sockets().emit(
        "join",
        {"join_code": workshop["join_code"], "participant_token": room.tokens["Pirjo"]},
        callback=True,
    )
    assert again["error"]["code"] == "removed"


def test_a_removed_co_facilitators_socket_is_closed_at_once(
    app, client, sockets, api, make_facilitator, workshop
):
    room = make_room(app, client, sockets, api, make_facilitator, workshop)
    response = api.delete(f"/workshops/{workshop['id']}/facilitators/{room.co_id}")
    assert response.status_code == 204
    assert not room.co.is_connected()
    assert room.owner.is_connected() and room.pirjo.is_connected()
    last = delivered(room.co)
    room.something_happens()
    assert delivered(room.co) == last


def test_a_participant_removed_elsewhere_is_refused_every_action_and_hears_nothing_more(
    app, client, sockets, api, make_facilitator, workshop
):
    room = make_room(app, client, sockets, api, make_facilitator, workshop)
    room.in_database(
        update(Participant).where(Participant.id == room.pirjo_id).values(removed=True)
    )
    for event, payload in room.participant_actions().items():
        assert refused(room.pirjo, event, payload), event
    room.pirjo.get_received()
    room.something_happens()
    assert events_of(room.pirjo) == []
    # Nothing she tried was stored: the facilitator's full view has none of it.
    snapshot = room.call(room.owner, "resync", since=0)
    texts = {e["data"]["note"]["text"] for e in snapshot["events"] if "note" in e["data"]}
    assert "Vielä yksi" not in texts
    assert not any(e["type"] == "theme.created" for e in snapshot["events"])


def test_a_co_facilitator_removed_elsewhere_is_refused_every_action_and_hears_nothing_more(
    app, client, sockets, api, make_facilitator, workshop
):
    room = make_room(app, client, sockets, api, make_facilitator, workshop)
    room.in_database(
        delete(CoFacilitator).where(
            CoFacilitator.workshop_id == workshop["id"], CoFacilitator.facilitator_id == room.co_id
        )
    )
    for event, payload in room.facilitator_actions().items():
        assert refused(room.co, event, payload), event
    room.co.get_received()
    room.something_happens()
    assert events_of(room.co) == []
    assert room.call(room.tuomas, "resync", since=0)  # Tuomas was not removed by the refusal


def test_the_owner_and_a_present_co_facilitator_keep_their_rights(
    app, client, sockets, api, make_facilitator, workshop
):
    room = make_room(app, client, sockets, api, make_facilitator, workshop)
    room.call(room.co, "step.goto", step_id=room.step3)
    room.call(room.owner, "step.goto", step_id=room.step1)
    room.call(room.pirjo, "vote.add", op_id=new_op(), note_id=room.note["id"])
    assert events_of(room.co, "workshop.step") and events_of(room.pirjo, "workshop.step")


@pytest.mark.services
def test_removal_closes_the_socket_on_the_other_process(cluster):  # noqa: F811 (the fixture)
    """Two processes with the Redis queue: the facilitator on one removes a participant whose
    socket is on the other; that socket is closed, the others' are not."""
    created = cluster.api(
        "POST",
        "/workshops",
        json={"title": "Poisto", "template": "hyvanmitta-training-plan", "language": "fi"},
    )
    assert created.status_code == 201, created.text
    workshop = created.json()
    key_a, key_b = cluster.route_keys().values()
    facilitator = socketio.Client(reconnection=False)
    facilitator.connect(
        cluster.url,
        headers={"Cookie": f"{ROUTE_COOKIE}={key_a}"},
        auth={"api_token": cluster.token},
        transports=["websocket"],
        wait_timeout=15,
    )
    assert facilitator.call("join", {"workshop_id": workshop["id"]}, timeout=20)["ok"]
    removed = Board(cluster, key_b, workshop)
    stays = Board(cluster, key_b, workshop)
    # The remover's process learns of the other's connections through presence in Redis.
    eventually(
        lambda: bool(presence_of(cluster, workshop["id"]) >= {removed.participant_id}),
        what="presence in Redis listing the participant on the other process",
    )
    ack = facilitator.call("participant.remove", {"participant_id": removed.participant_id})
    assert ack["ok"], ack
    eventually(lambda: not removed.sio.connected, what="the removed socket closed")
    stays.post("Yhä mukana")  # the other participant on that process is untouched
    assert stays.sio.connected
    for client in (stays.sio, facilitator):
        client.disconnect()


def presence_of(running, workshop_id: int) -> set[int]:
    import json

    import redis

    stored = redis.Redis.from_url(running.redis.url).hgetall(f"pajapohja:presence:{workshop_id}")
    return {json.loads(entry)[1] for entry in stored.values()}


def test_documents_count_the_people_who_wrote_or_voted(api, sockets, make_workshop):
    """Five joins: two write, one only votes, two only look (or are a browser's extra joins):
    the summary and the training plan count three participants."""
    series = api.post("/series", json={"title": "Sarja"}).get_json()["id"]
    workshop = make_workshop(series_id=series)
    step = workshop["steps"][0]
    host = sockets(auth={"api_token": api.headers["Authorization"].split()[1]})
    assert host.emit("join", {"workshop_id": workshop["id"]}, callback=True)["ok"]
    people = []
    for name in ("Aino", "Bea", "Cecilia", None, None):
        sock = sockets()
        payload = {"join_code": workshop["join_code"], **({"name": name} if name else {})}
        assert sock.emit("join", payload, callback=True)["ok"]
        people.append(sock)
    note = {"step_id": step["id"], "prompt_id": step["prompts"][0]["id"]}
    written = [
        people[i].emit("note.add", {**note, "op_id": new_op(), "text": t}, callback=True)
        for i, t in ((0, "Ainon"), (1, "Bean"))
    ]
    assert all(ack["ok"] for ack in written)
    opened = {"step_id": step["id"], "votes_per_participant": 3}
    assert host.emit("voting.open", opened, callback=True)["ok"]
    vote = {"op_id": new_op(), "note_id": written[0]["note"]["id"]}
    assert people[2].emit("vote.add", vote, callback=True)["ok"]
    summary = api.get(f"/workshops/{workshop['id']}/summary.md").get_data(as_text=True)
    assert " · 3 osallistujaa · " in summary
    plan = api.get(f"/series/{series}/training-plan.md").get_data(as_text=True)
    title = "| Osallisuusosaamisen työpaja 1"
    row = next(line for line in plan.splitlines() if line.startswith(title))
    assert row.rstrip(" |").endswith("| 3"), row
