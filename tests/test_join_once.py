"""A join sent twice is one participant: a double-clicked "Liity", or a join resent over a slow
network, carries the same ``op_id`` and gets the same participant back, however the two
interleave, on SQLite and on PostgreSQL (a read-then-write: the second must not insert too)."""

import uuid

from .test_concurrency_races import CALL_TIMEOUT, TRIALS, Room, at_once, live  # noqa: F401


def _join(room: Room, payload: dict) -> dict:
    sock = room._connect()
    return sock.call("join", payload, timeout=CALL_TIMEOUT)


def test_two_joins_with_one_op_id_at_once_make_one_participant(live):  # noqa: F811
    room = Room(live)
    try:
        broken = 0
        for trial in range(TRIALS):
            payload = {
                "join_code": room.workshop["join_code"],
                "name": f"Tupla {trial}",
                "op_id": str(uuid.uuid4()),
            }
            first, second = at_once([lambda p=payload: _join(room, p)] * 2)
            assert first["ok"] and second["ok"], (first, second)
            if first["participant"] != second["participant"]:
                broken += 1
        assert broken == 0, f"{broken}/{TRIALS} double joins made two participants"
        # Every trial's participant once, and each token brings the same participant back.
        sock = room._connect(auth={"api_token": live.api_token})
        ack = sock.call("join", {"workshop_id": room.workshop["id"]}, timeout=CALL_TIMEOUT)
        names = [p["name"] for p in ack["workshop"]["participants"]]
        assert sorted(names) == sorted(f"Tupla {trial}" for trial in range(TRIALS))
        again = _join(
            room,
            {
                "join_code": room.workshop["join_code"],
                "participant_token": first["participant"]["token"],
            },
        )
        assert again["participant"]["id"] == first["participant"]["id"]
    finally:
        for sock in room.sockets:
            sock.disconnect()


def test_a_new_op_id_is_a_new_participant_and_a_bad_one_is_refused(live):  # noqa: F811
    room = Room(live)
    try:
        code = room.workshop["join_code"]
        one = _join(room, {"join_code": code, "name": "A", "op_id": str(uuid.uuid4())})
        two = _join(room, {"join_code": code, "name": "A", "op_id": str(uuid.uuid4())})
        plain = _join(room, {"join_code": code, "name": "A"})  # the old payload still works
        ids = {one["participant"]["id"], two["participant"]["id"], plain["participant"]["id"]}
        assert len(ids) == 3
        bad = _join(room, {"join_code": code, "op_id": "kaksi"})
        assert bad["ok"] is False and bad["error"]["code"] == "invalid_field"
    finally:
        for sock in room.sockets:
            sock.disconnect()
