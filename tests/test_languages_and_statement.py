"""The language a visitor sees (workshop's language by default, a remembered choice wins), dates
in that language's format, and the accessibility statement with the organisation's details."""

import re

import pytest

from app import create_app
from app.extensions import db

from .conftest import PASSWORD
from .test_accounts import login

LANG = re.compile(r'<html lang="(\w+)"')
CRITERION = re.compile(
    r'<br><span class="criterion">WCAG 2\.1: \d\.\d\.\d+ [^<]+ (taso|nivå|level) AA?'
)


def page_language(response) -> str:
    return LANG.search(response.get_data(as_text=True)).group(1)


def test_participant_sees_the_workshops_language_by_default(client, make_workshop):
    swedish = make_workshop(language="sv")
    response = client.get(f"/j/{swedish['join_code']}", headers={"Accept-Language": "fi,en"})
    assert page_language(response) == "sv"
    assert "Delta i workshoppen" in response.get_data(as_text=True)


def test_language_switch_is_remembered_across_pages_and_over_the_workshops_language(
    client, make_workshop
):
    swedish = make_workshop(language="sv")
    chosen = client.get("/login?lang=en")
    assert "pajapohja_lang=en" in chosen.headers["Set-Cookie"]
    assert page_language(client.get("/login")) == "en"
    assert page_language(client.get("/j")) == "en"
    assert page_language(client.get(f"/j/{swedish['join_code']}")) == "en"
    client.get("/j?lang=fi")
    assert page_language(client.get("/login")) == "fi"


@pytest.mark.parametrize(
    ("language", "created"),
    [
        ("fi", re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}")),
        ("sv", re.compile(r"\d{1,2} \w+\.? \d{4}")),
        ("en", re.compile(r"[A-Z][a-z]{2} \d{1,2}, \d{4}")),
    ],
)
def test_dashboard_dates_are_in_the_chosen_languages_format(
    client, facilitator, make_workshop, language, created
):
    make_workshop()
    login(client, facilitator[1], PASSWORD)
    text = client.get(f"/?lang={language}").get_data(as_text=True)
    cell = re.search(r"<td>([^<]*\d{4}[^<]*)</td>", text).group(1)
    assert created.search(cell), cell


@pytest.mark.parametrize(
    ("language", "heading", "authority"),
    [
        ("fi", "Saavutettavuusseloste", "Liikenne- ja viestintävirasto Traficom"),
        ("sv", "Tillgänglighetsutlåtande", "Transport- och kommunikationsverket Traficom"),
        ("en", "Accessibility statement", "Finnish Transport and Communications Agency Traficom"),
    ],
)
def test_accessibility_statement_names_the_supervisory_authority(
    client, language, heading, authority
):
    text = client.get(f"/accessibility?lang={language}").get_data(as_text=True)
    assert f"<h1>{heading}</h1>" in text
    assert authority in text
    assert re.search(r"WCAG\)? 2\.1", text)
    assert "saavutettavuus@traficom.fi" in text


def test_every_page_links_to_the_accessibility_statement(client, make_workshop):
    workshop = make_workshop()
    for path in ("/login", "/j", f"/j/{workshop['join_code']}", "/accessibility"):
        assert 'href="/accessibility"' in client.get(path).get_data(as_text=True), path
    moved = client.get("/saavutettavuusseloste?lang=fi")
    assert moved.status_code == 301 and moved.location == "/accessibility?lang=fi"


def test_statement_shows_the_organisations_name_contact_and_date(tmp_path, monkeypatch):
    for name in ("PAJAPOHJA_DATABASE_URL", "PAJAPOHJA_MESSAGE_QUEUE", "PAJAPOHJA_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PAJAPOHJA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PAJAPOHJA_ORGANISATION_NAME", "Pohjanmaan hyvinvointialue")
    monkeypatch.setenv("PAJAPOHJA_ACCESSIBILITY_CONTACT", "saavutettavuus@example.fi")
    monkeypatch.setenv("PAJAPOHJA_ACCESSIBILITY_STATEMENT_DATE", "2026-09-15")
    app = create_app({"TESTING": True})
    try:
        text = app.test_client().get("/accessibility?lang=fi").get_data(as_text=True)
        english = app.test_client().get("/accessibility?lang=en").get_data(as_text=True)
    finally:
        with app.app_context():
            db.engine.dispose()
    assert "Palvelun tarjoaa Pohjanmaan hyvinvointialue." in text
    assert '<a href="mailto:saavutettavuus@example.fi">saavutettavuus@example.fi</a>' in text
    assert "15. syyskuuta 2026" in text
    assert "September 15, 2026" in english


def test_statement_without_configuration_says_whom_to_ask(client):
    text = client.get("/accessibility?lang=en").get_data(as_text=True)
    assert "has not given its contact information yet" in text
    assert "The statement was drawn up on" in text


@pytest.mark.parametrize(
    ("language", "heading", "meets"),
    [
        ("fi", "Ei-saavutettava sisältö", "palvelu täyttää"),
        ("sv", "Icke tillgängligt innehåll", "uppfyller tjänsten"),
        ("en", "Non-accessible content", "the service meets the level A and AA"),
    ],
)
def test_statement_lists_what_still_fails_with_its_wcag_criterion(
    client, monkeypatch, language, heading, meets
):
    """Section 16 of Act 306/2019: the non-accessible content, each with the requirement it
    fails, in the reader's language; with nothing known to fail, the statement says the service
    meets the requirements as far as the assessment found, and lists nothing."""
    text = client.get(f"/accessibility?lang={language}").get_data(as_text=True)
    assert f'<h2 id="gaps-heading">{heading}</h2>' in text
    assert 'class="failures"' not in text and 'id="no-known-failures"' in text
    assert meets in text

    from app.pages import routes

    failure = ("Captions are missing from the help video.", "WCAG 2.1: 1.2.2 Captions, level A")
    monkeypatch.setattr(routes, "known_failures", lambda: [failure])
    text = client.get(f"/accessibility?lang={language}").get_data(as_text=True)
    failures = re.search(r'<ul class="failures"[^>]*>(.*?)</ul>', text, re.DOTALL).group(1)
    items = re.findall(r"<li>(.*?)</li>", failures, re.DOTALL)
    assert len(items) == 1 and failure[0] in items[0]
    assert CRITERION.search(items[0]), items[0]
    assert 'id="no-known-failures"' not in text and meets not in text
