"""Steering the room, with several Socket.IO clients: every action, who may do it, and who
sees what (hidden notes never reach other participants by any path)."""

import pytest

from .conftest import events_of, new_op


@pytest.fixture
def room(sockets, participant, workshop, facilitator):
    """A facilitator and two participants joined to the default workshop."""
    host = sockets(auth={"api_token": facilitator[2]})
    assert host.emit("join", {"workshop_id": workshop["id"]}, callback=True)["ok"]
    alice, alice_ack = participant("Alice")
    bob, bob_ack = participant("Bob")

    class Room:
        pass

    r = Room()
    r.host, r.alice, r.bob = host, alice, bob
    r.alice_id = alice_ack["participant"]["id"]
    r.bob_id = bob_ack["participant"]["id"]
    r.step = workshop["steps"][0]["id"]
    r.prompt = workshop["steps"][0]["prompts"][0]["id"]
    r.step2 = workshop["steps"][1]["id"]
    for sock in (host, alice, bob):
        sock.get_received()

    def post(sock, text, step=None, prompt=None):
        ack = sock.emit(
            "note.add",
            {
                "op_id": new_op(),
                "step_id": step or r.step,
                "prompt_id": prompt or r.prompt,
                "text": text,
            },
            callback=True,
        )
        assert ack["ok"], ack
        return ack["note"]

    r.post = post
    return r


def call(sock, event, /, **payload):
    return sock.emit(event, payload, callback=True)


def test_facilitator_moves_everyone_to_a_step(room):
    ack = call(room.host, "step.goto", step_id=room.step2)
    assert ack["ok"]
    for sock in (room.alice, room.bob):
        assert [e["data"]["current_step_id"] for e in events_of(sock, "workshop.step")] == [
            room.step2
        ]
    assert call(room.host, "workshop.follow", follow=True)["ok"]
    assert events_of(room.alice, "workshop.follow")[0]["data"]["follow_me"] is True


@pytest.mark.parametrize(
    "name, payload",
    [
        ("step.goto", {"step_id": 1}),
        ("workshop.follow", {"follow": True}),
        ("step.lock", {"step_id": 1, "locked": True}),
        ("step.hide", {"step_id": 1}),
        ("step.reveal", {"step_id": 1}),
        ("workshop.close", {}),
        ("timer.start", {"step_id": 1, "seconds": 60}),
        ("voting.open", {"step_id": 1, "votes_per_participant": 3}),
        ("voting.close", {"step_id": 1}),
        ("theme.reorder", {"step_id": 1, "theme_ids": []}),
        ("note.hide", {"note_id": 1, "hidden": True}),
        ("note.move", {"note_id": 1, "prompt_id": "x"}),
        ("note.merge", {"note_id": 1, "into_note_id": 2}),
        ("participant.remove", {"participant_id": 1}),
        ("groups.create", {"step_id": 1, "count": 2}),
        ("groups.debrief", {"step_id": 1}),
        ("groups.rename", {"group_id": 1, "name": "Uusi"}),
        ("groups.end", {"step_id": 1}),
        ("step.open_until", {"step_id": 1, "open_until": None}),
    ],
)
def test_participant_cannot_do_facilitator_actions(room, name, payload):
    ack = call(room.alice, name, **payload)
    assert ack["ok"] is False and ack["error"]["code"] == "forbidden", ack
    assert events_of(room.bob) == []


def test_timer_start_pause_add_resume_stop(room):
    started = call(room.host, "timer.start", step_id=room.step, seconds=60)
    assert started["timer"]["state"] == "running" and started["timer"]["duration"] == 60
    seen = events_of(room.alice, "timer.changed")[0]["data"]
    assert seen["timer"]["ends_at"] and seen["server_now"]
    paused = call(room.host, "timer.pause", step_id=room.step)["timer"]
    assert paused["state"] == "paused" and 58 <= paused["remaining"] <= 60
    added = call(room.host, "timer.add", step_id=room.step, seconds=30)["timer"]
    assert added["remaining"] == paused["remaining"] + 30 and added["duration"] == 90
    assert call(room.host, "timer.resume", step_id=room.step)["timer"]["state"] == "running"
    assert call(room.host, "timer.stop", step_id=room.step)["timer"] is None
    assert call(room.host, "timer.pause", step_id=room.step)["error"]["code"] == "no_timer"
    bad = call(room.host, "timer.start", step_id=room.step, seconds=0)
    assert bad["error"]["code"] == "invalid_field"


def test_hidden_note_reaches_only_author_and_facilitator_until_reveal(room):
    assert call(room.host, "step.hide", step_id=room.step)["ok"]
    for sock in (room.host, room.alice, room.bob):
        sock.get_received()
    secret = room.post(room.alice, "Salainen ajatus")
    assert [e["data"]["note"]["text"] for e in events_of(room.host, "note.added")] == [
        "Salainen ajatus"
    ]
    bob_events = events_of(room.bob)
    assert [e["type"] for e in bob_events] == ["hidden"]
    assert "Salainen" not in repr(bob_events)
    # Not in Bob's resync, nor in a fresh snapshot of a newcomer.
    assert "Salainen" not in repr(call(room.bob, "resync", since=0))
    assert secret["id"] not in [
        n["id"]
        for n in call(room.bob, "resync", since=0).get("events", [])
        if n["type"] == "note.added"
    ]
    revealed = call(room.host, "step.reveal", step_id=room.step)
    assert revealed["ok"]
    shown = events_of(room.bob, "step.revealed")
    assert [n["text"] for n in shown[0]["data"]["notes"]] == ["Salainen ajatus"]


def test_hidden_note_is_absent_from_another_participants_snapshot(room, participant):
    call(room.host, "step.hide", step_id=room.step)
    room.post(room.alice, "Vain minun")
    _, late = participant("Myöhäinen")
    assert [n["text"] for n in late["workshop"]["notes"]] == []


def test_locked_step_refuses_participant_notes(room):
    assert call(room.host, "step.lock", step_id=room.step, locked=True)["ok"]
    refused = room.alice.emit(
        "note.add",
        {"op_id": new_op(), "step_id": room.step, "prompt_id": room.prompt, "text": "x"},
        callback=True,
    )
    assert refused["error"]["code"] == "step_locked"
    assert events_of(room.bob, "step.state")[0]["data"]["state"]["locked"] is True


def test_wall_past_its_date_is_read_only(room):
    assert call(room.host, "step.open_until", step_id=room.step, open_until="2020-01-01T00:00:00Z")[
        "ok"
    ]
    refused = room.alice.emit(
        "note.add",
        {"op_id": new_op(), "step_id": room.step, "prompt_id": room.prompt, "text": "myöhässä"},
        callback=True,
    )
    assert refused["error"]["code"] == "step_closed"
    assert call(
        room.host, "step.open_until", step_id=room.step, open_until="2999-01-01T00:00:00+02:00"
    )["ok"]
    room.post(room.alice, "ajoissa")
    assert (
        call(room.host, "step.open_until", step_id=room.step, open_until="not a date")["error"][
            "code"
        ]
        == "invalid_field"
    )


def test_closed_workshop_refuses_joins_and_writes_until_reopened(room, sockets, workshop):
    assert call(room.host, "workshop.close")["ok"]
    assert events_of(room.alice, "workshop.status")[0]["data"]["status"] == "closed"
    late = sockets().emit("join", {"join_code": workshop["join_code"]}, callback=True)
    assert late["error"]["code"] == "workshop_closed"
    assert call(room.host, "workshop.reopen")["ok"]
    assert sockets().emit("join", {"join_code": workshop["join_code"]}, callback=True)["ok"]


def test_voting_round_with_budget_and_ranked_result(room):
    a = room.post(room.alice, "A")
    b = room.post(room.bob, "B")
    assert call(
        room.host, "voting.open", step_id=room.step, votes_per_participant=3, max_per_note=2
    )["ok"]
    for sock in (room.host, room.alice, room.bob):
        sock.get_received()
    assert call(room.alice, "vote.add", op_id=new_op(), note_id=b["id"])["votes_left"] == 2
    assert call(room.alice, "vote.add", op_id=new_op(), note_id=b["id"])["my_votes"] == 2
    assert (
        call(room.alice, "vote.add", op_id=new_op(), note_id=b["id"])["error"]["code"]
        == "note_vote_limit"
    )
    assert call(room.alice, "vote.add", op_id=new_op(), note_id=a["id"])["votes_left"] == 0
    assert (
        call(room.alice, "vote.add", op_id=new_op(), note_id=a["id"])["error"]["code"]
        == "no_votes_left"
    )
    assert call(room.alice, "vote.remove", op_id=new_op(), note_id=a["id"])["votes_left"] == 1
    assert call(room.bob, "vote.add", op_id=new_op(), note_id=a["id"])["ok"]
    # Tallies hidden: Bob's board learns nothing of Alice's votes.
    assert [e["type"] for e in events_of(room.bob)] == ["hidden"] * 5
    assert (
        call(room.host, "vote.add", op_id=new_op(), note_id=a["id"])["error"]["code"] == "forbidden"
    )
    closed = call(room.host, "voting.close", step_id=room.step)
    assert closed["tallies"] == {str(b["id"]): 2, str(a["id"]): 1}
    result = events_of(room.bob, "voting.changed")[0]["data"]
    assert result["voting"]["open"] is False and result["tallies"][str(b["id"])] == 2
    assert (
        call(room.alice, "vote.add", op_id=new_op(), note_id=a["id"])["error"]["code"]
        == "voting_closed"
    )


def test_vote_is_idempotent_by_op_id(room):
    note = room.post(room.bob, "B")
    call(room.host, "voting.open", step_id=room.step, votes_per_participant=3)
    op = new_op()
    first = call(room.alice, "vote.add", op_id=op, note_id=note["id"])
    assert call(room.alice, "vote.add", op_id=op, note_id=note["id"]) == first
    assert call(room.host, "voting.close", step_id=room.step)["tallies"] == {str(note["id"]): 1}


def test_themes_create_rename_reorder_assign_delete(room):
    note = room.post(room.alice, "Vuorovaikutus")
    t1 = call(room.host, "theme.create", op_id=new_op(), step_id=room.step, title="Kohtaaminen")
    t2 = call(room.host, "theme.create", op_id=new_op(), step_id=room.step, title="Rakenteet")
    assert t1["ok"] and t2["ok"]
    assert [e["data"]["theme"]["title"] for e in events_of(room.bob, "theme.created")] == [
        "Kohtaaminen",
        "Rakenteet",
    ]
    assert (
        call(room.host, "theme.update", theme_id=t1["theme"]["id"], title="Kohtaamistaidot")[
            "theme"
        ]["title"]
        == "Kohtaamistaidot"
    )
    order = [t2["theme"]["id"], t1["theme"]["id"]]
    assert call(room.host, "theme.reorder", step_id=room.step, theme_ids=order)["ok"]
    assigned = call(room.host, "note.theme", note_id=note["id"], theme_id=t1["theme"]["id"])
    assert assigned["note"]["theme_id"] == t1["theme"]["id"]
    assert events_of(room.bob, "note.edited")[-1]["data"]["note"]["theme_id"] == t1["theme"]["id"]
    # Participants may not cluster unless the step allows it.
    refused = call(room.alice, "note.theme", note_id=note["id"], theme_id=t2["theme"]["id"])
    assert refused["error"]["code"] == "forbidden"
    assert call(room.host, "theme.delete", theme_id=t1["theme"]["id"])["ok"]
    snapshot = call(room.bob, "resync", since=0)
    assert [e["type"] for e in snapshot["events"]].count("theme.deleted") == 1


def test_moderation_hide_move_merge_and_remove(room, sockets, workshop):
    a = room.post(room.alice, "Asiaton kommentti")
    b = room.post(room.bob, "Hyvä pointti")
    for sock in (room.host, room.alice, room.bob):
        sock.get_received()
    assert call(room.host, "note.hide", note_id=a["id"], hidden=True)["ok"]
    bob_sees = events_of(room.bob)
    assert [e["type"] for e in bob_sees] == ["note.deleted", "hidden"]
    host_sees = events_of(room.host, "note.added")
    assert host_sees[0]["data"]["note"]["moderated"] is True
    moved = call(room.host, "note.move", note_id=b["id"], prompt_id="existing")
    assert moved["note"]["prompt_id"] == "existing"
    c = room.post(room.bob, "Sama pointti")
    merged = call(room.host, "note.merge", note_id=c["id"], into_note_id=b["id"])
    assert merged["note"]["text"] == "Hyvä pointti\nSama pointti"
    removed = call(room.host, "participant.remove", participant_id=room.bob_id)
    assert removed["ok"]
    assert not room.bob.is_connected()  # the removal closed Bob's socket (tests/test_membership.py)


def test_small_groups_with_chairs_and_debrief(room):
    created = call(room.host, "groups.create", step_id=room.step, count=2, mode="choose")
    g1, g2 = (g["id"] for g in created["groups"])
    assert call(room.alice, "group.join", group_id=g1)["ok"]
    assert call(room.bob, "group.join", group_id=g2)["ok"]
    assert call(room.alice, "group.chair", group_id=g1, participant_id=room.alice_id)["ok"]
    assert (
        call(room.bob, "group.chair", group_id=g1, participant_id=room.bob_id)["error"]["code"]
        == "forbidden"
    )
    assert call(room.host, "group.chair", group_id=g2, participant_id=room.bob_id)["ok"]
    for sock in (room.host, room.alice, room.bob):
        sock.get_received()
    room.post(room.alice, "Ryhmä 1:n ajatus")
    assert [e["type"] for e in events_of(room.bob)] == ["hidden"]
    assert events_of(room.host, "note.added")[0]["data"]["note"]["group_id"] == g1
    # A chair steers their own group's timer, not another group's.
    assert call(room.alice, "timer.start", step_id=room.step, group_id=g1, seconds=300)["ok"]
    assert (
        call(room.alice, "timer.start", step_id=room.step, group_id=g2, seconds=300)["error"][
            "code"
        ]
        == "forbidden"
    )
    assert (
        call(room.alice, "timer.start", step_id=room.step, seconds=300)["error"]["code"]
        == "forbidden"
    )
    debriefed = call(room.host, "groups.debrief", step_id=room.step)
    assert debriefed["brought"] == 1
    notes = events_of(room.bob, "notes.debriefed")[0]["data"]["notes"]
    assert [(n["text"], n["group_label"], n["group_id"]) for n in notes] == [
        ("Ryhmä 1:n ajatus", "Ryhmä 1", None)
    ]


def test_random_groups_place_everyone(room):
    created = call(room.host, "groups.create", step_id=room.step, count=2)
    members = sorted(m for g in created["groups"] for m in g["members"])
    assert members == sorted([room.alice_id, room.bob_id])
    again = call(room.host, "groups.create", step_id=room.step, count=2)
    assert again["error"]["code"] == "groups_exist"


def test_participant_marks_done(room):
    assert call(room.alice, "step.done", step_id=room.step, done=True)["ok"]
    seen = events_of(room.host, "step.done")[0]["data"]
    assert seen == {"step_id": room.step, "participant_id": room.alice_id, "done": True}
    assert call(room.host, "step.done", step_id=room.step)["error"]["code"] == "forbidden"


def test_actions_on_another_workshops_objects_are_refused(room, make_workshop):
    other = make_workshop()
    other_step = other["steps"][0]["id"]
    assert call(room.host, "step.goto", step_id=other_step)["error"]["code"] == "unknown_step"
    assert (
        call(room.host, "timer.start", step_id=other_step, seconds=5)["error"]["code"]
        == "unknown_step"
    )


def test_participants_cluster_when_the_step_allows_it(room):
    note = room.post(room.bob, "Bobin lappu")
    assert (
        call(room.alice, "theme.create", op_id=new_op(), step_id=room.step, title="Oma")["error"][
            "code"
        ]
        == "forbidden"
    )
    assert call(room.host, "step.cluster", step_id=room.step, allowed=True)["ok"]
    theme = call(room.alice, "theme.create", op_id=new_op(), step_id=room.step, title="Oma")
    assert theme["ok"]
    moved = call(room.alice, "note.theme", note_id=note["id"], theme_id=theme["theme"]["id"])
    assert moved["note"]["theme_id"] == theme["theme"]["id"]
    assert (
        call(room.alice, "step.cluster", step_id=room.step, allowed=False)["error"]["code"]
        == "forbidden"
    )


def test_snapshot_carries_tallies_and_my_votes(room, participant):
    note = room.post(room.bob, "B")
    call(room.host, "voting.open", step_id=room.step, votes_per_participant=2, show_tallies=False)
    call(room.alice, "vote.add", op_id=new_op(), note_id=note["id"])
    mine = call(room.alice, "resync", since=0)
    assert "events" in mine
    host_view = call(room.host, "resync", since=0)
    assert host_view["events"][-1]["type"] == "vote.changed"
    # A new connection's snapshot: tallies hidden from participants while the round is open.
    _, late = participant("Myöhäinen")
    assert [n["votes"] for n in late["workshop"]["notes"]] == [None]
    call(room.host, "voting.close", step_id=room.step)
    _, later = participant("Vielä myöhemmin")
    assert [n["votes"] for n in later["workshop"]["notes"]] == [1]


def test_facilitator_sees_how_many_have_voted(room):
    """The console's "1/2 have voted": each tally change tells facilitators how many
    participants have used at least one vote in the round."""
    a = room.post(room.alice, "A")
    assert call(room.host, "voting.open", step_id=room.step, votes_per_participant=3)["ok"]
    room.host.get_received()
    assert call(room.alice, "vote.add", op_id=new_op(), note_id=a["id"])["ok"]
    assert call(room.bob, "vote.add", op_id=new_op(), note_id=a["id"])["ok"]
    assert call(room.bob, "vote.remove", op_id=new_op(), note_id=a["id"])["ok"]
    assert [e["data"]["voters"] for e in events_of(room.host, "vote.changed")] == [1, 2, 1]


def test_step_hint_reaches_facilitators_only(room, participant, sockets, workshop, facilitator):
    host = sockets(auth={"api_token": facilitator[2]})
    steps = host.emit("join", {"workshop_id": workshop["id"]}, callback=True)["workshop"]["steps"]
    assert steps[0]["hint"]
    _carol, ack = participant("Carol")
    assert all("hint" not in step for step in ack["workshop"]["steps"])


def test_facilitator_renames_a_group(room):
    created = call(room.host, "groups.create", step_id=room.step, count=2, mode="choose")
    g1 = created["groups"][0]["id"]
    assert call(room.alice, "groups.rename", group_id=g1, name="X")["error"]["code"] == "forbidden"
    for sock in (room.host, room.alice):
        sock.get_received()
    assert call(room.host, "groups.rename", group_id=g1, name="  Asiakastyö ")["ok"]
    groups = events_of(room.alice, "groups.changed")[0]["data"]["groups"]
    assert [g["name"] for g in groups] == ["Asiakastyö", "Ryhmä 2"]
    assert call(room.host, "groups.rename", group_id=g1, name="")["error"]["code"] == (
        "invalid_field"
    )
    assert call(room.host, "groups.rename", group_id=g1, name="x" * 81)["error"]["code"] == (
        "too_long"
    )


def test_ending_groups_keeps_every_note_labelled_with_its_group(room, participant):
    created = call(room.host, "groups.create", step_id=room.step, count=2, mode="choose")
    g1, g2 = (g["id"] for g in created["groups"])
    assert call(room.alice, "group.join", group_id=g1)["ok"]
    assert call(room.bob, "group.join", group_id=g2)["ok"]
    assert call(room.host, "groups.rename", group_id=g2, name="Asiakastyö")["ok"]
    room.post(room.alice, "Alicen ryhmän ajatus")
    room.post(room.bob, "Bobin ryhmän ajatus")
    hidden = room.post(room.bob, "Moderoitu")
    assert call(room.host, "note.hide", note_id=hidden["id"], hidden=True)["ok"]
    for sock in (room.host, room.alice, room.bob):
        sock.get_received()
    assert call(room.alice, "groups.end", step_id=room.step)["error"]["code"] == "forbidden"
    ended = call(room.host, "groups.end", step_id=room.step)
    assert ended["ok"] and ended["ended"] == 2 and ended["brought"] == 2
    notes = events_of(room.alice, "notes.debriefed")[0]["data"]["notes"]
    assert [(n["text"], n["group_label"], n["group_id"]) for n in notes] == [
        ("Alicen ryhmän ajatus", "Ryhmä 1", None),
        ("Bobin ryhmän ajatus", "Asiakastyö", None),
    ]
    assert events_of(room.bob, "groups.changed")[0]["data"] == {"step_id": room.step, "groups": []}
    # The moderated note left its group too, for the facilitators only.
    [edited] = [e["data"]["note"] for e in events_of(room.host, "note.edited")]
    assert (edited["id"], edited["group_id"], edited["group_label"]) == (
        hidden["id"],
        None,
        "Asiakastyö",
    )
    assert events_of(room.alice, "note.edited") == []
    # A newcomer's snapshot has both notes, labelled, and no groups left.
    _carol, ack = participant("Carol")
    labels = sorted(n["group_label"] for n in ack["workshop"]["notes"])
    assert labels == ["Asiakastyö", "Ryhmä 1"] and ack["workshop"]["groups"] == []
    assert call(room.host, "groups.end", step_id=room.step)["error"]["code"] == "no_groups"
    # The step can be split again afterwards.
    assert call(room.host, "groups.create", step_id=room.step, count=2)["ok"]
