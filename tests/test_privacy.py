"""Privacy: deletion leaves nothing, retention purges closed workshops, names are optional, the
privacy notice is there."""

from datetime import timedelta

from sqlalchemy import func, select, text

from app.core.workshop_models import Workshop
from app.db import utcnow, write_transaction
from app.extensions import db

from .conftest import new_op


def populate(sockets, participant, workshop, facilitator):
    """Notes, votes, a theme, groups, a vision and a done mark in the workshop."""
    host = sockets(auth={"api_token": facilitator[2]})
    host.emit("join", {"workshop_id": workshop["id"]}, callback=True)
    alice, _ = participant("Alice", workshop_=workshop)
    step, vision = workshop["steps"][0], workshop["steps"][1]
    note = alice.emit(
        "note.add",
        {
            "op_id": new_op(),
            "step_id": step["id"],
            "prompt_id": step["prompts"][0]["id"],
            "text": "Poistettava",
        },
        callback=True,
    )["note"]
    calls = [
        ("theme.create", {"op_id": new_op(), "step_id": step["id"], "title": "T"}),
        ("voting.open", {"step_id": step["id"], "votes_per_participant": 2}),
        ("groups.create", {"step_id": vision["id"], "count": 2}),
    ]
    for event, payload in calls:
        assert host.emit(event, payload, callback=True)["ok"]
    assert alice.emit("vote.add", {"op_id": new_op(), "note_id": note["id"]}, callback=True)["ok"]
    assert alice.emit("step.done", {"step_id": step["id"]}, callback=True)["ok"]
    assert alice.emit(
        "vision.edit",
        {"op_id": new_op(), "step_id": vision["id"], "version": 0, "text": "Visio"},
        callback=True,
    )["ok"]


def rows_of_workshop(workshop_id: int) -> dict[str, int]:
    """Rows in every table that belong to the workshop, directly or through a step/note."""
    counts = {}
    for table in db.metadata.sorted_tables:
        columns = table.columns.keys()
        if "workshop_id" in columns:
            where = f"workshop_id = {workshop_id}"
        elif "step_id" in columns:
            where = f"step_id IN (SELECT id FROM steps WHERE workshop_id = {workshop_id})"
        elif "group_id" in columns:
            where = f"group_id IN (SELECT id FROM groups WHERE workshop_id = {workshop_id})"
        elif table.name == "workshops":
            where = f"id = {workshop_id}"
        else:
            continue
        counts[table.name] = db.session.execute(
            text(f"SELECT count(*) FROM {table.name} WHERE {where}")
        ).scalar_one()
    return counts


def test_deleting_a_workshop_leaves_nothing_of_it(
    app, api, sockets, participant, workshop, facilitator, make_workshop
):
    populate(sockets, participant, workshop, facilitator)
    other = make_workshop()
    populate(sockets, participant, other, facilitator)
    with app.app_context():
        before = rows_of_workshop(workshop["id"])
    for table in (
        "notes",
        "votes",
        "participants",
        "events",
        "themes",
        "groups",
        "steps",
        "step_done",
        "operations",
        "group_members",
    ):
        assert before[table] > 0, table
    assert api.delete(f"/workshops/{workshop['id']}").status_code == 204
    with app.app_context():
        after = rows_of_workshop(workshop["id"])
        assert set(after.values()) == {0}, after
        assert rows_of_workshop(other["id"])["notes"] == 1  # the other workshop is untouched


def close(app, workshop_id: int, days_ago: int) -> None:
    with app.app_context():
        with write_transaction():
            workshop = db.session.get(Workshop, workshop_id)
            workshop.status = "closed"
            workshop.closed_at = utcnow() - timedelta(days=days_ago)


def test_purge_deletes_closed_workshops_past_retention(
    app, cli, make_workshop, sockets, participant, facilitator, workshop
):
    old = make_workshop()
    populate(sockets, participant, old, facilitator)
    recent = make_workshop()
    still_open = make_workshop()
    close(app, old["id"], days_ago=40)
    close(app, recent["id"], days_ago=5)
    result = cli("purge", "--days", "30")
    assert result.returncode == 0, result.stderr
    assert "Deleted 1" in result.stdout
    with app.app_context():
        remaining = set(db.session.scalars(select(Workshop.id)))
        assert remaining == {workshop["id"], recent["id"], still_open["id"]}
        assert set(rows_of_workshop(old["id"]).values()) == {0}


def test_purge_without_a_retention_setting_fails_clearly(cli):
    result = cli("purge")
    assert result.returncode == 1
    assert "PAJAPOHJA_RETENTION_DAYS" in result.stderr


def test_participant_may_join_without_a_name(participant):
    _, ack = participant(name=None)
    assert ack["participant"]["name"] is None


def test_privacy_notice_is_linked_from_the_join_page_and_filled_from_settings(
    app, client, workshop
):
    page = client.get(f"/j/{workshop['join_code']}").get_data(as_text=True)
    assert 'href="/tietosuoja"' in page
    app.config["PRIVACY_CONTROLLER"] = "Esimerkin hyvinvointialue"
    app.config["PRIVACY_CONTACT"] = "tietosuoja@example.fi"
    app.config["RETENTION_DAYS"] = 90
    notice = client.get("/tietosuoja").get_data(as_text=True)
    assert "Tietosuojaseloste" in notice
    assert "Esimerkin hyvinvointialue" in notice and "tietosuoja@example.fi" in notice
    assert "90 päivän" in notice
    assert "Dataskyddsbeskrivning" in client.get("/privacy?lang=sv").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Workshop)) == 1
