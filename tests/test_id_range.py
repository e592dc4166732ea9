"""Ids a database cannot hold: 2**31 overflows PostgreSQL's integer columns, 2**63 SQLite's.
Wherever an id arrives (a socket payload, a REST body, a URL, a form, an import), such a number
names no row and gets the same "not found" as an unknown id, never a server error; on SQLite
and on PostgreSQL alike."""

import re

import pytest

from app import create_app
from app.extensions import db

from .test_authorization import SOCKET_EVENTS
from .test_fuzz import Scene

HUGE = [2**31, 2**32, 2**53 + 1, 2**63, 2**64]
ID_FIELDS = ("workshop_id", "step_id", "note_id", "into_note_id", "theme_id", "group_id")
# The events only a participant may send; the facilitator sends the others.
PARTICIPANT_EVENTS = {"vote.add", "vote.remove", "group.join", "step.done"}


@pytest.fixture(params=["sqlite", "postgresql"])
def app(request, tmp_path, monkeypatch):
    """The conftest's app, on SQLite and on PostgreSQL."""
    for name in ("PAJAPOHJA_DATABASE_URL", "PAJAPOHJA_MESSAGE_QUEUE", "PAJAPOHJA_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PAJAPOHJA_DATA_DIR", str(tmp_path))
    if request.param == "postgresql":
        monkeypatch.setenv("PAJAPOHJA_DATABASE_URL", request.getfixturevalue("postgres_database"))
    application = create_app({"TESTING": True})
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def scene(app, api, make_workshop, sockets, facilitator):
    return Scene(app, api, make_workshop, sockets, facilitator)


def test_socket_events_with_ids_beyond_the_database_range_answer_not_found(scene):
    seq, rows = scene.state()
    tried = 0
    for event, (_roles, build) in sorted(SOCKET_EVENTS.items()):
        if build is None:
            continue
        sock = scene.participant if event in PARTICIPANT_EVENTS else scene.facilitator
        for field in sorted(set(build(scene)) & set(ID_FIELDS)):
            for number in HUGE:
                ack = sock.emit(event, {**build(scene), field: number}, callback=True)
                assert ack["ok"] is False, (event, field, number, ack)
                code = ack["error"]["code"]
                assert code.startswith("unknown_"), (event, field, number, ack)
                # (note.merge names its missing note "note_id", whichever of the two it was)
                named = "note_id" if field == "into_note_id" else field
                assert ack["error"]["field"] == named, (event, field, number, ack)
                tried += 1
    assert tried > 100
    for number in HUGE:  # participant_id names a row too
        ack = scene.facilitator.emit(
            "participant.remove", {"participant_id": number}, callback=True
        )
        assert ack["error"]["code"] == "unknown_participant", ack
        fresh = scene.sockets(auth={"api_token": scene.token})
        ack = fresh.emit("join", {"workshop_id": number}, callback=True)
        assert ack["error"]["code"] == "not_found", ack
    assert scene.state() == (seq, rows)
    assert scene.facilitator.emit("resync", {"since": seq}, callback=True)["ok"]


@pytest.mark.parametrize("number", HUGE)
def test_rest_urls_and_bodies_with_ids_beyond_the_database_range_answer_404(api, workshop, number):
    wid = workshop["id"]
    for method, path in (
        ("get", f"/workshops/{number}"),
        ("get", f"/workshops/{number}/export.json"),
        ("get", f"/workshops/{number}/facilitators"),
        ("delete", f"/workshops/{number}"),
        ("post", f"/series/{number}/share"),
        ("delete", f"/series/{number}/share"),
    ):
        response = getattr(api, method)(path)
        assert response.status_code == 404, (method, path, response.get_json())
        assert response.get_json()["error"]["code"] == "not_found", (method, path)
    # Removing a co-facilitator who is not one is done already.
    assert api.delete(f"/workshops/{wid}/facilitators/{number}").status_code == 204
    body = {"title": "Uusi", "template": "hyvanmitta-training-plan", "language": "fi"}
    response = api.post("/workshops", json={**body, "series_id": number})
    assert response.status_code == 404, response.get_json()
    assert response.get_json()["error"]["code"] == "not_found"


def test_pages_and_forms_with_ids_beyond_the_database_range_answer_not_found(
    client, facilitator, workshop
):
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    login = {"email": facilitator[1], "password": "correct horse battery", "csrf_token": token}
    assert client.post("/login", data=login).status_code == 302
    for number in HUGE:
        assert client.get(f"/w/{number}").status_code == 404
    dashboard = client.get("/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', dashboard).group(1)
    form = {"title": "Uusi", "template": "hyvanmitta-training-plan:1", "csrf_token": token}
    for series in (str(2**31), str(2**64), "9" * 5000):
        response = client.post("/workshops", data={**form, "series": series})
        assert response.status_code == 400, series[:30]
        assert "Työpajasarjaa ei löydy." in response.get_data(as_text=True)
    # Digits that int() refuses although isdigit() accepts them: no series, the first workshop.
    for template in ("hyvanmitta-training-plan:²", "hyvanmitta-training-plan:" + "9" * 5000):
        response = client.post("/workshops", data={**form, "series": "²", "template": template})
        assert response.status_code == 302, template[:40]


def test_exported_numbers_beyond_the_database_range_are_refused_on_import(api, workshop, app):
    doc = api.get(f"/workshops/{workshop['id']}/export.json").get_json()
    for place, change in (
        ("workshop.index", lambda d: d["workshop"].update(index=2**31)),
        ("steps[0].position", lambda d: d["steps"][0].update(position=2**31)),
        ("steps[0].id", lambda d: d["steps"][0].update(id=2**63)),
    ):
        broken = {**doc, "workshop": dict(doc["workshop"]), "steps": [dict(doc["steps"][0])]}
        change(broken)
        response = api.post("/workshops/import", json=broken)
        assert response.status_code == 400, (place, response.get_json())
        assert response.get_json()["error"] == {
            "code": "invalid_import",
            "message": f"Tuotava tiedosto on virheellinen kohdassa {place}.",
            "field": place,
        }
