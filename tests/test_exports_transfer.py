"""export.json leaves and comes back: import into an empty database gives the same document
and the same Markdown; malformed or hostile files are refused and write nothing."""

import copy
import json

import pytest
from sqlalchemy import func, select

from app import create_app
from app.accounts import service as accounts
from app.core.note_models import Note
from app.core.workshop_models import Step, Workshop
from app.db import write_transaction
from app.extensions import db

from .test_exports_golden import build_impact_chain


def canonical(doc: dict) -> dict:
    """The document with every id replaced by the position of what it names: two servers give
    different ids and join codes to the same workshop."""
    doc = copy.deepcopy(doc)
    index = {
        kind: {item["id"]: n for n, item in enumerate(doc[kind])}
        for kind in ("steps", "participants", "groups", "themes", "notes")
    }

    def re(kind, value):
        return None if value is None else index[kind][value]

    head = doc["workshop"]
    head.pop("id"), head.pop("join_code")
    head["current_step_id"] = re("steps", head["current_step_id"])
    if doc["series"]:
        doc["series"].pop("id")
    doc.pop("seq")
    for kind in ("steps", "participants", "groups", "themes", "notes"):
        for item in doc[kind]:
            item["id"] = index[kind][item["id"]]
    for group in doc["groups"]:
        group["step_id"] = re("steps", group["step_id"])
        group["chair_id"] = re("participants", group["chair_id"])
        group["members"] = [re("participants", m) for m in group["members"]]
    for theme in doc["themes"]:
        theme["step_id"], theme["group_id"] = (
            re("steps", theme["step_id"]),
            re("groups", theme["group_id"]),
        )
    for note in doc["notes"]:
        for key, kind in (
            ("step_id", "steps"),
            ("participant_id", "participants"),
            ("theme_id", "themes"),
            ("group_id", "groups"),
        ):
            note[key] = re(kind, note[key])
        note["facilitator_id"] = note["facilitator_id"] is not None
    for vote in doc["votes"]:
        vote["note_id"] = re("notes", vote["note_id"])
        vote["participant_id"] = re("participants", vote["participant_id"])
    for done in doc["done"]:
        done["step_id"] = re("steps", done["step_id"])
        done["participant_id"] = re("participants", done["participant_id"])
    return doc


@pytest.fixture
def other_server(tmp_path):
    """A second, empty server on its own data directory, with a facilitator of the same name."""
    application = create_app({"TESTING": True, "DATA_DIR": str(tmp_path / "other")})
    with application.app_context():
        with write_transaction():
            person = accounts.create_facilitator(
                "toinen@example.fi", "correct horse battery", name="Fasilitaattori"
            )
            token = accounts.create_api_token(person)
    yield application, {"Authorization": f"Bearer {token}"}
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


# The documents' facts set away from their defaults, so that the round trip carries them.
CURATED = {
    "held_on": "2025-03-14",
    "time_zone": "Europe/Stockholm",
    "closing_text": "Seuraavaksi: luonnos johtoryhmälle.\n\n- Palaute kesäkuussa",
}


def curate(app, client, api, room) -> None:
    """A test note and a question left out of the documents (stored as the board's exclusion
    leaves them), then the facts set through the API, which moves ``seq``."""
    with app.app_context():
        with write_transaction():
            step = db.session.get(Step, room.steps["need"]["id"])
            step.excluded_prompts = ["existing"]
            note = db.session.scalar(
                select(Note).where(
                    Note.workshop_id == room.workshop["id"], Note.text == "Koulutuskalenteri"
                )
            )
            note.excluded = True
    wid = room.workshop["id"]
    response = client.patch(f"/api/v1/workshops/{wid}", json=CURATED, headers=api.headers)
    assert response.status_code == 200, response.get_json()


@pytest.fixture
def exported(app, client, make_workshop, sockets, facilitator, api):
    room = build_impact_chain(make_workshop, sockets, facilitator[2])
    curate(app, client, api, room)
    wid = room.workshop["id"]
    return {
        "id": wid,
        "json": api.get(f"/workshops/{wid}/export.json").get_json(),
        "md": api.get(f"/workshops/{wid}/summary.md").get_data(),
        "join_code": room.workshop["join_code"],
    }


def test_export_imported_into_an_empty_server_exports_the_same_document_and_markdown(
    exported, other_server
):
    application, headers = other_server
    head = exported["json"]["workshop"]
    assert {k: head[k] for k in CURATED} == CURATED
    need = next(s for s in exported["json"]["steps"] if s["canvas"] == "need")
    assert need["excluded_prompts"] == ["existing"]
    assert [n["text"] for n in exported["json"]["notes"] if n["excluded"]] == ["Koulutuskalenteri"]
    client = application.test_client()
    response = client.post("/api/v1/workshops/import", json=exported["json"], headers=headers)
    assert response.status_code == 201, response.get_json()
    new_id = response.get_json()["id"]
    again = client.get(f"/api/v1/workshops/{new_id}/export.json", headers=headers).get_json()
    assert again["workshop"]["join_code"] != exported["join_code"]
    assert canonical(again) == canonical(exported["json"])
    summary = client.get(f"/api/v1/workshops/{new_id}/summary.md", headers=headers)
    assert summary.get_data() == exported["md"]


def test_imported_workshop_belongs_to_the_importer_only(exported, api, make_facilitator, client):
    response = api.post("/workshops/import", json=exported["json"])
    assert response.status_code == 201
    new_id = response.get_json()["id"]
    assert api.get(f"/workshops/{new_id}").status_code == 200
    _id, _email, stranger = make_facilitator()
    other = client.get(
        f"/api/v1/workshops/{new_id}", headers={"Authorization": f"Bearer {stranger}"}
    )
    assert other.status_code == 404


def _workshop_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Workshop))


def _broken(doc: dict, change) -> dict:
    doc = copy.deepcopy(doc)
    change(doc)
    return doc


REFUSALS = {
    "a list, not an object": (lambda d: d.clear(), "unknown_format", None),
    "another format": (lambda d: d.update(format="trello"), "unknown_format", None),
    "a future version": (lambda d: d.update(version=2), "unknown_version", None),
    "a number for a title": (
        lambda d: d["workshop"].update(title=5),
        "invalid_import",
        "workshop.title",
    ),
    "an unknown language": (
        lambda d: d["workshop"].update(language="de"),
        "invalid_import",
        "workshop.language",
    ),
    "an unknown canvas": (
        lambda d: d["steps"][0].update(canvas="../../etc/passwd"),
        "unknown_canvas",
        "steps[0].canvas",
    ),
    "a note of a missing step": (
        lambda d: d["notes"][0].update(step_id=999999),
        "invalid_import",
        "notes[0].step_id",
    ),
    "a note in a missing theme": (
        lambda d: d["notes"][0].update(theme_id=999999),
        "invalid_import",
        "notes[0].theme_id",
    ),
    "a vote for a missing note": (
        lambda d: d["votes"][0].update(note_id=123456),
        "invalid_import",
        "votes[0].note_id",
    ),
    "a boolean as an id": (
        lambda d: d["notes"][0].update(participant_id=True),
        "invalid_import",
        "notes[0].participant_id",
    ),
    "a note with markup in its fields": (
        lambda d: d["notes"][0].update(fields={"x": {"$gt": ""}}),
        "invalid_import",
        "notes[0].fields",
    ),
    "two steps with one id": (
        lambda d: d["steps"][1].update(id=d["steps"][0]["id"]),
        "invalid_import",
        "steps[1].id",
    ),
    # The documents' facts: checked as the summary preview's form checks them.
    "a time zone this server does not know": (
        lambda d: d["workshop"].update(time_zone="Mars/Olympus_Mons"),
        "invalid_import",
        "workshop.time_zone",
    ),
    "a day held that is not in the calendar": (
        lambda d: d["workshop"].update(held_on="2025-02-30"),
        "invalid_import",
        "workshop.held_on",
    ),
    "a closing text over 4,000 characters": (
        lambda d: d["workshop"].update(closing_text="x" * 4001),
        "invalid_import",
        "workshop.closing_text",
    ),
    "a question left out that the step does not have": (
        lambda d: d["steps"][0].update(excluded_prompts=["nope"]),
        "invalid_import",
        "steps[0].excluded_prompts[0]",
    ),
    "a question left out twice": (
        lambda d: d["steps"][0].update(excluded_prompts=["needed", "needed"]),
        "invalid_import",
        "steps[0].excluded_prompts[1]",
    ),
    "questions left out as text": (
        lambda d: d["steps"][0].update(excluded_prompts="needed"),
        "invalid_import",
        "steps[0].excluded_prompts",
    ),
    "a note left out as text": (
        lambda d: d["notes"][0].update(excluded="yes"),
        "invalid_import",
        "notes[0].excluded",
    ),
    "an unknown prompt": (
        lambda d: d["notes"][0].update(prompt_id="nope"),
        "invalid_import",
        "notes[0].prompt_id",
    ),
    # Timer and voting state: the controls of the imported step read these fields.
    "a running timer without its end": (
        lambda d: d["steps"][0]["state"].update(timer={"state": "running", "duration": 60}),
        "invalid_import",
        "steps[0].state.timer.ends_at",
    ),
    "a timer in an unknown state": (
        lambda d: d["steps"][0]["state"].update(timer={"state": "ticking", "duration": 60}),
        "invalid_import",
        "steps[0].state.timer.state",
    ),
    "a paused timer with text for the time left": (
        lambda d: d["steps"][0]["state"].update(
            timer={"state": "paused", "duration": 60, "remaining": "paljon"}
        ),
        "invalid_import",
        "steps[0].state.timer.remaining",
    ),
    "a timer ending at no moment": (
        lambda d: d["steps"][0]["state"].update(
            timer={"state": "running", "duration": 60, "ends_at": "huomenna"}
        ),
        "invalid_import",
        "steps[0].state.timer.ends_at",
    ),
    "a timer with a field of its own": (
        lambda d: d["steps"][0]["state"].update(
            timer={"state": "paused", "duration": 60, "remaining": 5, "evil": 1}
        ),
        "invalid_import",
        "steps[0].state.timer.evil",
    ),
    "a voting round without its number": (
        lambda d: d["steps"][0]["state"].update(
            voting={
                "open": True,
                "votes_per_participant": 3,
                "max_per_note": 1,
                "show_tallies": False,
            }
        ),
        "invalid_import",
        "steps[0].state.voting.round",
    ),
    "a voting round with more votes per note than per person": (
        lambda d: d["steps"][0]["state"].update(
            voting={
                "open": True,
                "round": 1,
                "votes_per_participant": 3,
                "max_per_note": 5,
                "show_tallies": False,
            }
        ),
        "invalid_import",
        "steps[0].state.voting.max_per_note",
    ),
    "a voting round open as text": (
        lambda d: d["steps"][0]["state"].update(
            voting={
                "open": "yes",
                "round": 1,
                "votes_per_participant": 3,
                "max_per_note": 1,
                "show_tallies": False,
            }
        ),
        "invalid_import",
        "steps[0].state.voting.open",
    ),
    "a group timer without its duration": (
        lambda d: d["groups"].append(
            {
                "id": 1,
                "step_id": d["steps"][0]["id"],
                "position": 1,
                "name": "Ryhmä 1",
                "chair_id": None,
                "hidden": False,
                "timer": {"state": "paused", "remaining": 30},
                "members": [],
            }
        ),
        "invalid_import",
        "groups[0].timer.duration",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_malformed_import_is_refused_with_a_clear_error_and_writes_nothing(
    case, exported, api, app
):
    change, code, field = REFUSALS[case]
    before = _workshop_count(app)
    body = [] if case == "a list, not an object" else _broken(exported["json"], change)
    response = api.post("/workshops/import", json=body)
    assert response.status_code == 400, response.get_json()
    error = response.get_json()["error"]
    assert error["code"] == code
    assert error["message"]
    assert error.get("field") == field
    assert _workshop_count(app) == before


def test_an_export_from_before_the_documents_facts_imports_with_their_defaults(exported, api):
    def older(doc):
        for field in CURATED:
            del doc["workshop"][field]
        for step in doc["steps"]:
            del step["excluded_prompts"]
        for note in doc["notes"]:
            del note["excluded"]

    response = api.post("/workshops/import", json=_broken(exported["json"], older))
    assert response.status_code == 201, response.get_json()
    doc = api.get(f"/workshops/{response.get_json()['id']}").get_json()
    assert {k: doc["workshop"][k] for k in CURATED} == {
        "held_on": None,
        "time_zone": "Europe/Helsinki",
        "closing_text": "",
    }
    assert all(step["excluded_prompts"] == [] for step in doc["steps"])
    assert not any(note["excluded"] for note in doc["notes"])


def test_import_that_is_not_json_is_refused(api, app):
    before = _workshop_count(app)
    response = api.post("/workshops/import", data=b"{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invalid_json"
    deep = b"[" * 100_000 + b"]" * 100_000
    response = api.post("/workshops/import", data=deep, content_type="application/json")
    assert response.status_code == 400
    assert _workshop_count(app) == before


def test_fifty_megabyte_import_is_refused_as_too_large_and_writes_nothing(exported, api, app):
    before = _workshop_count(app)
    doc = copy.deepcopy(exported["json"])
    doc["workshop"]["topic"] = "x" * (50 * 1024 * 1024)
    body = json.dumps(doc).encode()
    assert len(body) > 50 * 1024 * 1024
    response = api.post("/workshops/import", data=body, content_type="application/json")
    assert response.status_code == 413
    error = response.get_json()["error"]
    assert error["code"] == "too_large" and "20" in error["message"]
    assert _workshop_count(app) == before


def test_imports_of_one_series_land_in_one_series_again(exported, api):
    assert exported["json"]["series"] is None
    doc = copy.deepcopy(exported["json"])
    doc["series"] = {"id": 77, "title": "Sarja", "topic": "", "organisation": "Alue"}
    first = api.post("/workshops/import", json=doc).get_json()["id"]
    second = api.post("/workshops/import", json=doc).get_json()["id"]
    series = [api.get(f"/workshops/{wid}").get_json()["series"] for wid in (first, second)]
    assert series[0]["id"] == series[1]["id"]
    assert series[0]["title"] == "Sarja"
