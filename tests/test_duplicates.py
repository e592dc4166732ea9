"""One client can be many participants: the facilitator sees the participants who joined from
one browser (or one network) as a group and removes the extras, whose votes then go. The
participants never see any of it, and the server keeps only keyed hashes."""

import json

from sqlalchemy import func, select

from app.core.note_models import Vote
from app.core.workshop_models import Participant
from app.extensions import db

from .conftest import events_of, new_op

BROWSER = "3f9c1e0a5b7d4c2e8f6a1b3c5d7e9f01"
OTHER_BROWSER = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
PIRJOS_BROWSER = "pirjo-laptop-1234"


def from_address(app, address: str):
    """A Flask test client (and so its sockets) coming from this client address."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def join(sock, workshop, browser_id=None, name=None):
    payload = {"join_code": workshop["join_code"]}
    if browser_id is not None:
        payload["browser_id"] = browser_id
    if name:
        payload["name"] = name
    ack = sock.emit("join", payload, callback=True)
    assert ack["ok"], ack
    return ack["participant"]["id"]


def call(sock, event, **payload):
    ack = sock.emit(event, payload, callback=True)
    assert ack["ok"], (event, ack)
    return ack


class Room:
    """A facilitator; Tuomas on his own laptop; five participants made in one browser (one
    named, four anonymous) and Pirjo in another browser on the same network."""

    def __init__(self, app, sockets, api, workshop):
        self.app, self.workshop = app, workshop
        self.facilitator = sockets(auth={"api_token": api.headers["Authorization"].split()[1]})
        call(self.facilitator, "join", workshop_id=workshop["id"])
        self.tuomas = sockets(flask_client=from_address(app, "192.0.2.10"))
        self.tuomas_id = join(self.tuomas, workshop, OTHER_BROWSER, "Tuomas")
        office = from_address(app, "198.51.100.7")
        self.copies = [sockets(flask_client=office) for _ in range(5)]
        self.copy_ids = [
            join(sock, workshop, BROWSER, "Mikko" if n == 0 else None)
            for n, sock in enumerate(self.copies)
        ]
        self.pirjo = sockets(flask_client=office)
        self.pirjo_id = join(self.pirjo, workshop, PIRJOS_BROWSER, "Pirjo")
        self.participants = [self.tuomas, *self.copies, self.pirjo]

    def groups(self):
        return call(self.facilitator, "participants.duplicates")["groups"]


def test_joins_from_one_browser_are_one_group_for_the_facilitator_only(app, sockets, api, workshop):
    room = Room(app, sockets, api, workshop)
    mikko = {"id": room.copy_ids[0], "name": "Mikko"}
    anonymous = [{"id": pid, "name": None} for pid in room.copy_ids[1:]]
    assert room.groups() == [
        {"kind": "browser", "count": 5, "participants": [mikko, *anonymous]},
        # The same network, another browser: maybe a colleague, maybe not; shown apart.
        {
            "kind": "address",
            "count": 6,
            "participants": [mikko, *anonymous, {"id": room.pirjo_id, "name": "Pirjo"}],
        },
    ]

    # Participants may not ask, and nothing identifying reaches them.
    for sock in room.participants:
        ack = sock.emit("participants.duplicates", {}, callback=True)
        assert ack["ok"] is False and ack["error"]["code"] == "forbidden"
    with app.app_context():
        stored = db.session.execute(
            select(Participant.address_hash, Participant.browser_hash)
        ).all()
    identifying = {value for row in stored for value in row if value} | {
        BROWSER,
        OTHER_BROWSER,
        PIRJOS_BROWSER,
        "198.51.100.7",
    }
    received = json.dumps([sock.get_received() for sock in room.participants])
    received += json.dumps(room.facilitator.get_received())
    assert not [secret for secret in identifying if secret in received]

    # The database keeps only hashes, a workshop's own: the same browser in another workshop
    # cannot be followed there.
    raw = {BROWSER, OTHER_BROWSER, PIRJOS_BROWSER, "198.51.100.7", "192.0.2.10"}
    assert all(len(value) == 64 for value in identifying - raw)
    assert not raw & {v for row in stored for v in row}
    assert len({browser for _address, browser in stored}) == 3  # Tuomas, the copies, Pirjo


def test_the_same_browser_in_another_workshop_gets_another_hash(
    app, sockets, make_workshop, workshop
):
    other = make_workshop()
    for target in (workshop, other):
        join(sockets(), target, BROWSER)
    with app.app_context():
        hashes = db.session.scalars(select(Participant.browser_hash)).all()
    assert len(hashes) == 2 and hashes[0] != hashes[1]


def test_removing_the_duplicates_leaves_one_and_takes_their_votes(app, sockets, api, workshop):
    room = Room(app, sockets, api, workshop)
    step = workshop["steps"][0]
    note = call(
        room.tuomas,
        "note.add",
        op_id=new_op(),
        step_id=step["id"],
        prompt_id=step["prompts"][0]["id"],
        text="Hyvä idea",
    )["note"]
    call(
        room.facilitator,
        "voting.open",
        step_id=step["id"],
        votes_per_participant=3,
        max_per_note=3,
        show_tallies=True,
    )
    for sock in room.copies:
        for _ in range(3):
            call(sock, "vote.add", op_id=new_op(), note_id=note["id"])
    call(room.tuomas, "vote.add", op_id=new_op(), note_id=note["id"])
    assert events_of(room.facilitator, "vote.changed")[-1]["data"]["votes"] == 16

    first, *extras = room.groups()[0]["participants"]
    call(room.facilitator, "participant.remove", participant_ids=[p["id"] for p in extras])

    # One of the browser's participants is left, with its own three votes.
    assert events_of(room.facilitator, "vote.changed")[-1]["data"]["votes"] == 4
    assert [g["kind"] for g in room.groups()] == ["address"]
    assert room.groups()[0]["participants"] == [first, {"id": room.pirjo_id, "name": "Pirjo"}]
    with app.app_context():
        voters = db.session.scalars(select(Vote.participant_id).distinct()).all()
        present = db.session.scalar(
            select(func.count()).select_from(Participant).where(Participant.removed.is_(False))
        )
    assert sorted(voters) == sorted([first["id"], room.tuomas_id])
    assert present == 3
    assert [sock.is_connected() for sock in room.copies] == [True, False, False, False, False]


def test_a_bad_browser_id_is_refused_and_makes_no_participant(app, sockets, workshop):
    for bad in (12345678, "", "short", "x" * 65, "a b c d e f g h", "ääääääääää", ["x" * 10]):
        ack = sockets().emit(
            "join", {"join_code": workshop["join_code"], "browser_id": bad}, callback=True
        )
        assert ack["ok"] is False, bad
        assert ack["error"]["code"] == "invalid_field" and ack["error"]["field"] == "browser_id"
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Participant)) == 0


def test_participants_without_a_browser_id_group_by_network_only(app, sockets, workshop):
    """An old browser (no browser id) is still seen by its network address."""
    office = from_address(app, "2001:db8:1:2::5")
    elsewhere_in_the_same_64 = from_address(app, "2001:db8:1:2:ffff::9")
    ids = [join(sockets(flask_client=c), workshop) for c in (office, elsewhere_in_the_same_64)]
    join(sockets(flask_client=from_address(app, "2001:db8:1:3::5")), workshop)
    with app.app_context():
        from app.facilitation.duplicates import groups

        found = groups(workshop["id"])
    assert found == [
        {"kind": "address", "count": 2, "participants": [{"id": i, "name": None} for i in ids]}
    ]
