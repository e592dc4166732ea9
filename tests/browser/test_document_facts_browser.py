"""The summary's details on the summary preview, in real Chromium: the facilitator dates a
workshop typed up later, picks the time zone and writes the closing text; after a reload the
form still holds them, and none of it is printed with the summary."""

import pytest
from playwright.sync_api import expect

from .rooms import api, create_workshop, log_in

pytestmark = pytest.mark.browser

CLOSING = "Seuraavaksi kootaan koulutussuunnitelman luonnos.\n\n- Palaute johtoryhmältä kesäkuussa"


def test_the_summary_details_are_kept_after_a_reload(server, new_context):
    workshop = create_workshop(server, "fi", title="Jälkikäteen kirjattu työpaja")
    page = new_context().new_page()
    log_in(page, server)
    page.goto(f"{server.url}/w/{workshop['id']}/summary")
    page.get_by_role("link", name="Yhteenvedon tiedot: päivämäärä, aikavyöhyke, loppusanat").click()
    expect(page.get_by_role("heading", name="Yhteenvedon tiedot")).to_be_in_viewport()
    expect(page.get_by_label("Aikavyöhyke")).to_have_value("Europe/Helsinki")

    page.get_by_label("Työpajan päivämäärä").fill("2025-03-14")
    page.get_by_label("Aikavyöhyke").select_option("Europe/Stockholm")
    page.get_by_label("Yhteenveto ja jatko").fill(CLOSING)
    page.get_by_role("button", name="Tallenna tiedot").click()
    expect(page.get_by_role("status").filter(has_text="tallennettiin")).to_be_visible()

    page.reload()
    expect(page.get_by_label("Työpajan päivämäärä")).to_have_value("2025-03-14")
    expect(page.get_by_label("Aikavyöhyke")).to_have_value("Europe/Stockholm")
    expect(page.get_by_label("Yhteenveto ja jatko")).to_have_value(CLOSING)
    head = api(server, "GET", f"/workshops/{workshop['id']}")["workshop"]
    assert (head["held_on"], head["time_zone"], head["closing_text"]) == (
        "2025-03-14",
        "Europe/Stockholm",
        CLOSING,
    )

    page.emulate_media(media="print")  # the form is the facilitator's, not the document's
    expect(page.locator("#document-facts")).to_be_hidden()
    expect(page.locator("#summary-content")).to_be_visible()


def test_a_refused_closing_text_is_said_beside_it_and_focused(server, new_context):
    workshop = create_workshop(server, "fi")
    page = new_context().new_page()
    log_in(page, server)
    page.goto(f"{server.url}/w/{workshop['id']}/summary")
    area = page.get_by_label("Yhteenveto ja jatko")
    area.evaluate("element => element.removeAttribute('maxlength')")  # as an old browser would
    area.fill("x" * 4001)
    page.get_by_role("button", name="Tallenna tiedot").click()
    error = page.locator("#closing_text-error")
    expect(error).to_have_text("Loppusanat ovat liian pitkät (enintään 4\u00a0000 merkkiä).")
    expect(area).to_be_focused()
    expect(area).to_have_attribute("aria-invalid", "true")
    expect(area).to_have_value("x" * 4001)
    assert api(server, "GET", f"/workshops/{workshop['id']}")["workshop"]["closing_text"] == ""
