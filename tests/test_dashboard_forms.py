"""The dashboard's forms on the server: errors by the field's label with what was typed kept,
the series' next workshop, and deleting a workshop (owner only, CSRF, the title typed)."""

import io
import re

from .test_accounts import csrf_token, login


def _page(response) -> str:
    return response.get_data(as_text=True)


def test_a_new_series_without_a_name_is_named_by_its_label(client, facilitator):
    login(client, facilitator[1], "correct horse battery")
    response = client.post(
        "/workshops",
        data={
            "csrf_token": csrf_token(client, "/"),
            "title": "Eka",
            "template": "hyvanmitta-training-plan:1",
            "series": "new",
            "series_title": "  ",
            "topic": "osallisuus",
        },
    )
    assert response.status_code == 400
    page = _page(response)
    assert "series_title on" not in page and "Kenttä" not in page
    error = re.search(r'<p id="series_title-error" class="error field-error">([^<]+)', page)
    assert error.group(1) == "Uuden sarjan nimi on pakollinen."
    field = re.search(r'<input id="series_title"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in field and "series_title-error" in field and "autofocus" in field
    assert 'value="Eka"' in page and 'value="osallisuus"' in page


def _workshop(api, **extra) -> dict:
    body = {"title": "Poistettava", "template": "hyvanmitta-training-plan", "language": "fi"}
    response = api.post("/workshops", json={**body, **extra})
    assert response.status_code == 201
    return response.get_json()


def test_only_the_owner_may_delete_and_only_with_the_title(
    app, client, api, facilitator, make_facilitator
):
    workshop = _workshop(api)
    helper_id, helper_email, _token = make_facilitator()
    _other_id, other_email, _other = make_facilitator()
    added = api.post(f"/workshops/{workshop['id']}/facilitators", json={"email": helper_email})
    assert added.status_code in (200, 201), added.get_json()

    for email in (helper_email, other_email):  # a co-facilitator, and someone else
        outsider = app.test_client()
        login(outsider, email, "correct horse battery")
        assert outsider.get(f"/w/{workshop['id']}/delete").status_code == 404
        token = csrf_token(outsider, "/")
        refused = outsider.post(
            f"/w/{workshop['id']}/delete",
            data={"csrf_token": token, "confirm_title": "Poistettava"},
        )
        assert refused.status_code == 404
    assert api.get(f"/workshops/{workshop['id']}").status_code == 200

    login(client, facilitator[1], "correct horse battery")
    page = _page(client.get(f"/w/{workshop['id']}/delete"))
    assert 'id="confirm_title"' in page
    no_csrf = client.post(f"/w/{workshop['id']}/delete", data={"confirm_title": "Poistettava"})
    assert no_csrf.status_code == 400
    wrong = client.post(
        f"/w/{workshop['id']}/delete",
        data={"csrf_token": csrf_token(client, "/"), "confirm_title": "Poistettav"},
    )
    assert wrong.status_code == 400 and 'aria-invalid="true"' in _page(wrong)
    assert api.get(f"/workshops/{workshop['id']}").status_code == 200
    done = client.post(
        f"/w/{workshop['id']}/delete",
        data={"csrf_token": csrf_token(client, "/"), "confirm_title": " poistettava "},
    )
    assert done.status_code == 302
    assert api.get(f"/workshops/{workshop['id']}").status_code == 404
    assert "Työpaja ”Poistettava” poistettiin." in _page(client.get("/"))


def test_next_workshop_of_a_series_once_however_often_pressed(client, api, facilitator):
    series = api.post("/series", json={"title": "Sarja", "topic": "osallisuus"}).get_json()
    first = _workshop(api, series_id=series["id"], title="Sarja 1")
    login(client, facilitator[1], "correct horse battery")
    token = csrf_token(client, "/")
    answers = [
        client.post(f"/series/{series['id']}/next", data={"csrf_token": token, "index": "2"})
        for _ in range(2)
    ]
    assert [a.status_code for a in answers] == [302, 302]
    assert answers[0].location == answers[1].location
    second_id = int(answers[0].location.rsplit("/", 1)[1])
    second = api.get(f"/workshops/{second_id}").get_json()
    assert second["workshop"]["index"] == 2 and second["workshop"]["topic"] == "osallisuus"
    assert second["workshop"]["id"] != first["id"]
    canvases = api.get("/canvases").get_json()
    plan = next(t for t in canvases["workshop_templates"] if t["id"] == "hyvanmitta-training-plan")
    assert [step["canvas"] for step in second["steps"]] == plan["workshops"][1]


def test_a_refused_import_is_told_beside_the_file_field(client, facilitator):
    login(client, facilitator[1], "correct horse battery")
    refused = client.post(
        "/workshops/import",
        data={
            "csrf_token": csrf_token(client, "/"),
            "file": (io.BytesIO(b'{"format": "x"}'), "x.json"),
        },
    )
    assert refused.status_code == 400
    page = _page(refused)
    field = re.search(r'<input id="import-file"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in field and "import-error" in field and "autofocus" in field
    error = re.search(r'<p id="import-error" class="error field-error">([^<]+)', page).group(1)
    assert "Tiedosto ei ole Pajapohjan työpajavienti." in error
    assert 'id="new-workshop-heading"' in page  # the whole dashboard, nothing else lost
