"""Error pages for people: the app's layout (skip link, header, language links, footer), the
visitor's language, a plain explanation and a way back; an expired form says so and changes
nothing. The API keeps answering JSON."""

import re

import pytest
from flask import abort

from .conftest import PASSWORD
from .test_accounts import csrf_token, login

HEADINGS = {
    400: {"fi": "Pyyntöä ei voitu käsitellä", "sv": "Begäran kunde inte behandlas"},
    403: {"fi": "Ei pääsyä tälle sivulle", "sv": "Ingen åtkomst till den här sidan"},
    404: {"fi": "Sivua ei löytynyt", "sv": "Sidan hittades inte", "en": "Page not found"},
    405: {"fi": "Tämä toiminto ei ole mahdollinen täällä", "sv": "Den här åtgärden är inte"},
    413: {"fi": "Tiedosto on liian suuri", "sv": "Filen är för stor", "en": "The file is too"},
    429: {"fi": "Liian monta yritystä", "sv": "För många försök", "en": "Too many attempts"},
    500: {"fi": "Jokin meni vikaan", "sv": "Något gick fel", "en": "Something went wrong"},
    "csrf": {"fi": "Lomake vanheni", "sv": "Formuläret har gått ut", "en": "The form expired"},
}
HEADINGS[400]["en"] = "The request could not be handled"
HEADINGS[403]["en"] = "No access to this page"
HEADINGS[405]["en"] = "This action is not possible here"
LANGUAGES = ("fi", "sv", "en")


@pytest.fixture
def app(app):
    """The app with three addresses no real page gives: a plain bad request, a refusal and a
    crash, the only way to reach those pages without breaking the server."""

    def crash():
        raise RuntimeError("a bug")

    app.add_url_rule("/test-error/400", "test_400", lambda: abort(400))
    app.add_url_rule("/test-error/403", "test_403", lambda: abort(403))
    app.add_url_rule("/test-error/500", "test_500", crash)
    return app


def provoke(client, status, language: str):
    """A request that ends in ``status``, as a visitor whose browser prefers ``language``."""
    headers = {"Accept-Language": language}
    if status == 404:
        return client.get("/no-such-page", headers=headers)
    if status == 405:
        return client.get("/logout", headers=headers)
    if status == 413:
        return client.post(
            "/login",
            data=b"email=x",
            content_type="application/x-www-form-urlencoded",
            headers=headers,
            environ_overrides={"CONTENT_LENGTH": str(10**12)},
        )
    if status == 429:
        for n in range(60):  # the join codes a client may get wrong in a minute
            assert client.get(f"/j/WRONG{n:03d}/qr.svg").status_code == 404
        return client.get("/j/WRONG999/qr.svg", headers=headers)
    if status == "csrf":
        return client.post(
            "/login", data={"email": "x@example.fi", "password": "x"}, headers=headers
        )
    return client.get(f"/test-error/{status}", headers=headers)


def assert_layout(text: str, language: str):
    assert f'<html lang="{language}">' in text
    assert 'class="skip-link" href="#main"' in text
    assert '<header class="site-header">' in text
    assert re.search(r'<nav class="language-switch" aria-label="[^"]+">', text)
    assert all(f'hreflang="{code}"' in text for code in LANGUAGES)
    assert '<main id="main"' in text
    assert '<footer class="site-footer">' in text
    assert 'href="/accessibility"' in text
    assert 'href="/j"' in text  # the way back for a participant


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("status", [400, 403, 404, 405, 413, 429, 500, "csrf"])
def test_error_page_is_in_the_layout_and_the_visitors_language(client, status, language):
    response = provoke(client, status, language)
    assert response.status_code == (400 if status == "csrf" else status)
    assert response.mimetype == "text/html"
    text = response.get_data(as_text=True)
    assert_layout(text, language)
    heading = re.search(r'<h1 id="error-heading">([^<]+)</h1>', text).group(1)
    assert heading.startswith(HEADINGS[status][language]), heading
    assert "Werkzeug" not in text and "<title>" + str(status) not in text


def test_405_page_still_names_the_allowed_methods(client):
    response = client.get("/logout")
    assert response.status_code == 405 and "POST" in response.headers["Allow"]


@pytest.mark.parametrize(
    ("language", "message", "reload"),
    [
        (
            "fi",
            "Lomake vanheni – lataa sivu uudelleen ja yritä uudestaan.",
            "Lataa lomake uudelleen",
        ),
        ("sv", "Formuläret har gått ut – ladda om sidan och försök igen.", "Ladda om formuläret"),
        ("en", "The form expired — reload the page and try again.", "Reload the form"),
    ],
)
def test_expired_login_form_says_so_and_offers_the_form_again(
    client, facilitator, language, message, reload
):
    token = csrf_token(client, "/login")
    client.delete_cookie("session")  # the session the form belonged to has ended
    response = client.post(
        f"/login?lang={language}",
        data={"email": facilitator[1], "password": PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert message in text
    assert re.search(rf'<a href="/login(\?lang={language})?">{reload}</a>', text)
    assert client.get("/").status_code == 302  # not logged in: nothing was changed


def test_expired_console_form_changes_nothing_and_links_back_to_its_page(client, facilitator, api):
    login(client, facilitator[1], PASSWORD)
    token = csrf_token(client, "/")
    before = api.get("/workshops").get_json()
    # The facilitator logs out and in again in another tab: the form's token no longer holds.
    client.post("/logout", data={"csrf_token": token})
    login(client, facilitator[1], PASSWORD)
    response = client.post(
        "/workshops?lang=en",
        data={"csrf_token": token, "title": "Uusi", "template": "hyvanmitta-training-plan:1"},
        headers={"Referer": "http://localhost/?lang=en"},
    )
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "Nothing was changed." in text
    assert '<a href="/?lang=en">Reload the form</a>' in text
    assert api.get("/workshops").get_json() == before


def test_a_referrer_from_another_site_is_not_offered_as_the_form(client):
    response = client.post("/logout", headers={"Referer": "https://evil.example/phish"})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "evil.example" not in text
    assert '<a href="/">' in text  # /logout has no page of its own: the front page


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("GET", "/api/v1/nothing-here", 404), ("DELETE", "/api/v1/workshops", 405)],
)
def test_api_errors_stay_json(client, method, path, status):
    response = client.open(path, method=method)
    assert response.status_code == status and response.is_json
    assert set(response.get_json()["error"]) >= {"code", "message"}
