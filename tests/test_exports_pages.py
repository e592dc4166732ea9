"""Downloads in the console, the live summary preview, importing from the dashboard, and the
organiser's read-only share link."""

import io
import re

from .test_exports_golden import Room

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def log_in(client, email):
    page = client.get("/login").get_data(as_text=True)
    token = CSRF.search(page).group(1)
    client.post(
        "/login", data={"email": email, "password": "correct horse battery", "csrf_token": token}
    )


def series_workshop(api, make_workshop):
    response = api.post("/series", json={"title": "Sarja", "organisation": "Alue"})
    series_id = response.get_json()["id"]
    return series_id, make_workshop(series_id=series_id, title="Sarjan työpaja 1")


def test_console_offers_every_download_and_the_preview(client, facilitator, workshop):
    log_in(client, facilitator[1])
    page = client.get(f"/w/{workshop['id']}").get_data(as_text=True)
    assert 'id="downloads-heading">Lataa<' in page
    for name in (
        "summary.md",
        "summary.html",
        "summary.docx",
        "notes.csv",
        "notes.xlsx",
        "export.json",
    ):
        assert f"/w/{workshop['id']}/download/{name}" in page
        response = client.get(f"/w/{workshop['id']}/download/{name}")
        assert response.status_code == 200, name
        assert response.headers["Content-Disposition"].startswith("attachment")
    assert f"/w/{workshop['id']}/summary" in page


def test_preview_renders_the_summary_under_the_app_policy(client, facilitator, workshop, sockets):
    room = Room(sockets, facilitator[2], workshop).join("Aino")
    room.note("Aino", "need", "needed", "<script>window.__xss=1</script> # ei otsikko")
    log_in(client, facilitator[1])
    response = client.get(f"/w/{workshop['id']}/summary")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "<h1>Osallisuusosaamisen työpaja 1 — yhteenveto</h1>" in page
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt; # ei otsikko" in page
    assert "js/summary_preview.js" in page and "css/print.css" in page


def test_preview_and_downloads_need_the_owner(client, make_facilitator, workshop):
    assert client.get(f"/w/{workshop['id']}/summary").status_code == 302
    _id, email, _token = make_facilitator()
    log_in(client, email)
    assert client.get(f"/w/{workshop['id']}/summary").status_code == 404
    assert client.get(f"/w/{workshop['id']}/download/export.json").status_code == 404


def test_dashboard_imports_an_exported_workshop(client, facilitator, workshop, api):
    exported = api.get(f"/workshops/{workshop['id']}/export.json").get_data()
    log_in(client, facilitator[1])
    page = client.get("/").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in page
    token = CSRF.search(page).group(1)
    response = client.post(
        "/workshops/import",
        data={"csrf_token": token, "file": (io.BytesIO(exported), "tyopaja.json")},
    )
    assert response.status_code == 302
    assert re.fullmatch(r"/w/\d+", response.headers["Location"])
    refused = client.post(
        "/workshops/import",
        data={"csrf_token": token, "file": (io.BytesIO(b'{"format": "x"}'), "x.json")},
    )
    assert refused.status_code == 400
    assert "Tiedosto ei ole Pajapohjan työpajavienti." in refused.get_data(as_text=True)
    no_token = client.post("/workshops/import", data={"file": (io.BytesIO(exported), "a.json")})
    assert no_token.status_code == 400


def test_organiser_link_shows_the_series_documents_until_revoked(client, api, make_workshop):
    series_id, created = series_workshop(api, make_workshop)
    response = api.post(f"/series/{series_id}/share")
    assert response.status_code == 201
    url = response.get_json()["url"]
    path = url.removeprefix("http://localhost")
    page = client.get(path)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    text = page.get_data(as_text=True)
    assert "Sarjan työpaja 1" in text and "training-plan.docx" in text
    assert f"{path}/w/{created['id']}/summary.md" in text
    assert client.get(f"{path}/w/{created['id']}/summary.docx").status_code == 200
    assert client.get(f"{path}/training-plan.md").status_code == 200
    assert client.get(f"{path}/w/{created['id']}/export.json").status_code == 404
    token = path.rsplit("/", 1)[1]
    assert client.get("/s/" + token[:-1] + "x").status_code == 404
    assert api.delete(f"/series/{series_id}/share").status_code == 204
    assert client.get(path).status_code == 404


def test_share_link_is_stored_only_as_a_hash(app, api, make_workshop):
    from app.core.workshop_models import Series
    from app.extensions import db

    series_id, _created = series_workshop(api, make_workshop)
    token = api.post(f"/series/{series_id}/share").get_json()["url"].rsplit("/", 1)[1]
    with app.app_context():
        stored = db.session.get(Series, series_id).share_token_hash
    assert stored and token not in stored and len(stored) == 64


def test_console_of_a_series_workshop_creates_and_revokes_the_organiser_link(
    client, facilitator, api, make_workshop
):
    series_id, created = series_workshop(api, make_workshop)
    log_in(client, facilitator[1])
    page = client.get(f"/w/{created['id']}").get_data(as_text=True)
    assert f"/series/{series_id}/download/training-plan.docx" in page
    token = CSRF.search(page).group(1)
    shown = client.post(f"/w/{created['id']}/share", data={"csrf_token": token})
    url = re.search(r'id="share-url"[^>]*value="([^"]+)"', shown.get_data(as_text=True)).group(1)
    assert client.get(url.removeprefix("http://localhost")).status_code == 200
    client.post(f"/w/{created['id']}/share/revoke", data={"csrf_token": token})
    assert client.get(url.removeprefix("http://localhost")).status_code == 404
