"""Facilitator accounts: login, setup link, CLI account and token commands."""

import re

from sqlalchemy import select

from app.accounts import service as accounts
from app.core.account_models import Facilitator
from app.extensions import db

from .conftest import PASSWORD


def csrf_token(client, path):
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def login(client, email, password):
    token = csrf_token(client, "/login")
    return client.post("/login", data={"email": email, "password": password, "csrf_token": token})


def test_dashboard_redirects_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_facilitator_logs_in_and_sees_dashboard(client, facilitator):
    response = login(client, facilitator[1], PASSWORD)
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "Fasilitaattori" in page
    assert 'name="template"' in page


def test_wrong_password_and_unknown_email_get_the_same_answer(client, facilitator):
    wrong_password = login(client, facilitator[1], "not the password")
    unknown_email = login(client, "nobody@example.fi", "not the password")
    assert wrong_password.status_code == unknown_email.status_code == 401
    assert "Väärä sähköpostiosoite tai salasana" in wrong_password.get_data(as_text=True)
    assert client.get("/").status_code == 302  # still logged out


def test_login_form_without_csrf_token_is_refused(client, facilitator):
    response = client.post("/login", data={"email": facilitator[1], "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/").status_code == 302


def test_password_is_stored_as_argon2id(app, facilitator):
    with app.app_context():
        stored = db.session.get(Facilitator, facilitator[0]).password_hash
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_setup_link_creates_first_account_once(app, client):
    with app.app_context():
        from app.db import write_transaction

        with write_transaction():
            token = accounts.create_setup_token()
    path = f"/setup/{token}"
    form = {
        "csrf_token": csrf_token(client, path),
        "name": "Eka",
        "email": "eka@example.fi",
        "password": PASSWORD,
        "password_again": PASSWORD,
    }
    response = client.post(path, data=form)
    assert response.status_code == 302
    assert client.get("/").status_code == 200  # logged in straight away
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    assert client.get(path).status_code == 404  # the link is spent


def test_cli_adds_facilitator_and_creates_token(cli, app):
    added = cli("facilitator", "add", "uusi@example.fi", "--password-stdin", input=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    with app.app_context():
        assert db.session.scalar(select(Facilitator).where(Facilitator.email == "uusi@example.fi"))
    created = cli("token", "create", "uusi@example.fi")
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip()
    assert "\n" not in token and token.startswith("pjp_")
    with app.app_context():
        assert accounts.facilitator_for_token(token).email == "uusi@example.fi"


def test_cli_refuses_short_password_with_one_line_error(cli):
    result = cli("facilitator", "add", "x@example.fi", "--password-stdin", input="short\n")
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "10" in result.stderr


def test_cli_token_for_unknown_email_fails_clearly(cli):
    result = cli("token", "create", "nobody@example.fi")
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""
