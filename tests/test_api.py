"""The REST API: authentication, workshop creation, the document, deletion, JSON errors."""

import pytest
from sqlalchemy import func, select

from app.core.note_models import Event, Note, Operation
from app.core.workshop_models import Participant, Step, Workshop
from app.extensions import db

from .conftest import new_op


def test_canvases_lists_canvases_and_templates(client):
    body = client.get("/api/v1/canvases").get_json()
    need = next(c for c in body["canvases"] if c["id"] == "need")
    assert need["kind"] == "need" and set(need["title"]) == {"fi", "sv", "en"}
    template = next(t for t in body["workshop_templates"] if t["id"] == "hyvanmitta-training-plan")
    assert len(template["workshops"]) == 3 and "need" in template["workshops"][0]


def test_create_workshop_returns_code_url_and_steps(api):
    response = api.post(
        "/workshops",
        json={
            "title": "Työpaja",
            "template": "hyvanmitta-training-plan",
            "language": "fi",
            "topic": "osallisuusosaaminen",
        },
    )
    assert response.status_code == 201
    body = response.get_json()
    assert len(body["join_code"]) == 8
    assert not set(body["join_code"]) & set("0O1lI")
    assert body["join_url"].endswith(f"/j/{body['join_code']}")
    need = body["steps"][0]
    assert need["canvas"] == "need" and need["kind"] == "need"
    assert [p["id"] for p in need["prompts"]][:4] == [
        "needed",
        "existing",
        "to_develop",
        "consequences",
    ]
    assert need["prompts"][0]["title"] == "Millaisia tietoja, taitoja ja asenteita tarvitaan?"


def test_workshop_in_swedish_has_swedish_prompts(make_workshop):
    body = make_workshop(language="sv")
    assert body["steps"][0]["prompts"][0]["title"].startswith("Vilka kunskaper")


def test_get_workshop_is_the_full_document(api, workshop):
    body = api.get(f"/workshops/{workshop['id']}").get_json()
    assert body["format"] == "pajapohja.workshop"
    assert body["workshop"]["join_code"] == workshop["join_code"]
    assert body["notes"] == [] and body["seq"] == 0


def test_series_can_be_created_and_used(api):
    series = api.post("/series", json={"title": "Osallisuus 2025", "topic": "osallisuusosaaminen"})
    assert series.status_code == 201
    series_id = series.get_json()["id"]
    response = api.post(
        "/workshops",
        json={
            "title": "Työpaja 2",
            "template": "hyvanmitta-training-plan",
            "language": "fi",
            "series_id": series_id,
            "index": 2,
        },
    )
    assert response.status_code == 201
    document = api.get(f"/workshops/{response.get_json()['id']}").get_json()
    assert document["series"]["id"] == series_id
    assert document["workshop"]["index"] == 2
    assert document["workshop"]["topic"] == "osallisuusosaaminen"


def test_missing_token_is_401_json(client):
    response = client.post("/api/v1/workshops", json={"title": "x"})
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"


def test_wrong_token_is_401_json(client):
    response = client.get("/api/v1/workshops/1", headers={"Authorization": "Bearer pjp_nope"})
    assert response.status_code == 401 and response.is_json


def test_other_facilitators_workshop_is_not_found(client, workshop, make_facilitator):
    _, _, token = make_facilitator()
    response = client.get(
        f"/api/v1/workshops/{workshop['id']}", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    "body, code",
    [
        ({}, "invalid_field"),
        ({"title": "", "template": "hyvanmitta-training-plan", "language": "fi"}, "invalid_field"),
        (
            {"title": "x" * 201, "template": "hyvanmitta-training-plan", "language": "fi"},
            "too_long",
        ),
        ({"title": "T", "template": "no-such-template", "language": "fi"}, "unknown_template"),
        ({"title": "T", "template": "hyvanmitta-training-plan", "language": "de"}, "invalid_field"),
        (
            {"title": "T", "template": "hyvanmitta-training-plan", "language": "fi", "index": 4},
            "invalid_field",
        ),
        (
            {"title": "T", "template": "hyvanmitta-training-plan", "language": "fi", "index": "2"},
            "invalid_field",
        ),
        (
            {"title": ["T"], "template": "hyvanmitta-training-plan", "language": "fi"},
            "invalid_field",
        ),
        (
            {
                "title": "T",
                "template": "hyvanmitta-training-plan",
                "language": "fi",
                "series_id": 999,
            },
            "not_found",
        ),
    ],
)
def test_bad_workshop_bodies_are_refused_and_create_nothing(api, app, body, code):
    response = api.post("/workshops", json=body)
    assert 400 <= response.status_code < 500
    assert response.get_json()["error"]["code"] == code
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Workshop)) == 0


def test_non_json_body_is_refused(api):
    response = api.post("/workshops", data="not json", content_type="text/plain")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invalid_json"


def test_unknown_api_path_and_method_are_json(client):
    assert client.get("/api/v1/nothing-here").get_json()["error"]["code"] == "not_found"
    wrong_method = client.put("/api/v1/canvases")
    assert wrong_method.status_code == 405 and wrong_method.is_json


def test_delete_removes_everything_of_the_workshop(api, app, workshop, participant):
    sock, _ = participant()
    step = workshop["steps"][0]
    assert sock.emit(
        "note.add",
        {
            "op_id": new_op(),
            "step_id": step["id"],
            "prompt_id": step["prompts"][0]["id"],
            "text": "Poistuva",
        },
        callback=True,
    )["ok"]
    assert api.delete(f"/workshops/{workshop['id']}").status_code == 204
    with app.app_context():
        for model in (Workshop, Step, Participant, Note, Event, Operation):
            assert db.session.scalar(select(func.count()).select_from(model)) == 0, model
    assert api.get(f"/workshops/{workshop['id']}").status_code == 404


def test_openapi_names_every_api_endpoint(app, client):
    spec = client.get("/api/v1/openapi.json").get_json()
    documented = {(path, method) for path, item in spec["paths"].items() for method in item}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1"):
            continue
        path = rule.rule.removeprefix("/api/v1").replace("<int:", "{").replace(">", "}")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (path, method.lower()) in documented, f"{method} {rule.rule} not in OpenAPI"


def test_security_headers_are_set(client):
    response = client.get("/login")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
