"""The facilitator guide names its controls in one table; each of them must exist, under that
exact name, in the real console or board of the example series, in the guide's language. The
controls are drawn by the board's JavaScript, so the pages are opened in Chromium, and the
states that show more controls (timer running, private brainstorming, voting, small groups)
are brought about by using the controls themselves."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ..conftest import PASSWORD
from .conftest import LiveServer
from .rooms import open_controls

pytestmark = pytest.mark.browser

DOCS = Path(__file__).resolve().parents[2] / "docs"
NAMES_JS = """() => [...document.querySelectorAll('button, a, label, summary, option')]
  .filter((e) => e.getClientRects().length || e.tagName === 'OPTION')
  .flatMap((e) => [e.textContent, e.getAttribute('aria-label') || ''])
  .map((t) => t.trim().replace(/\\s+/g, ' ').replace(/:$/, ''))"""
# Candidate themes come from the notes in no theme: the first workshop's first step has them.
SUGGEST = {"fi": "Ehdota teemoja", "sv": "Föreslå teman", "en": "Suggest themes"}
LOGIN = {"fi": ("Sähköpostiosoite", "Salasana", "Kirjaudu sisään")}
# (press this, then this appears): the states that show more controls.
STATES = {
    "fi": [
        ("Aloita ajastin", "Tauko"),
        ("Tauko", "Jatka"),
        ("Aloita yksityinen ideointi", "Paljasta kaikki laput"),
        ("Paljasta kaikki laput", "Aloita yksityinen ideointi"),
        ("Avaa äänestys", "Sulje äänestys ja järjestä"),
    ],
    "en": [
        ("Start the timer", "Pause"),
        ("Pause", "Continue"),
        ("Start private brainstorming", "Reveal all notes"),
        ("Reveal all notes", "Start private brainstorming"),
        ("Open voting", "Close voting and rank"),
    ],
    "sv": [
        ("Starta timern", "Paus"),
        ("Paus", "Fortsätt"),
        ("Starta enskild idégenerering", "Visa alla lappar"),
        ("Visa alla lappar", "Starta enskild idégenerering"),
        ("Öppna omröstningen", "Stäng omröstningen och rangordna"),
    ],
}
JOIN_ANONYMOUSLY = {"fi": "Liity nimettömänä", "sv": "Delta anonymt", "en": "Join anonymously"}


def guide_controls(language: str) -> list[str]:
    """The first column of the guide's one table, header row left out."""
    rows = [
        line
        for line in (DOCS / f"guide.{language}.md").read_text().splitlines()
        if line.startswith("|")
    ]
    assert sum(1 for row in rows if re.match(r"^\|\s*-", row)) == 1, "one table per guide"
    return [row.strip("|").split("|")[0].strip() for row in rows[2:]]


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """A server holding the example series in Finnish, Swedish and English."""
    server = LiveServer(tmp_path_factory.mktemp("guide")).start()
    server.cli("facilitator", "add", "opas@example.fi", "--password-stdin", input=PASSWORD + "\n")
    addresses = {}
    for language in ("fi", "sv", "en"):
        output = server.cli("demo", "--language", language)
        addresses[language] = re.findall(r"(http\S+/w/\d+)\s+\(participants: (http\S+)\)", output)
    yield server, addresses
    server.stop()


def visible_names(page) -> set[str]:
    return set(page.evaluate(NAMES_JS))


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_control_the_guide_names_is_on_the_console_or_the_board(
    example, new_context, language
):
    server, addresses = example
    (first_console, first_join), (second_console, _second_join) = addresses[language][:2]
    seen: set[str] = set()
    page = new_context().new_page()
    page.goto(f"{server.url}/login")
    email, password, submit = LOGIN["fi"]
    page.get_by_label(email).fill("opas@example.fi")
    page.get_by_label(password).fill(PASSWORD)
    page.get_by_role("button", name=submit).click()
    page.wait_for_url(f"{server.url}/")

    page.goto(first_console)
    open_controls(page)  # the phases this step does not use are folded
    seen |= visible_names(page)
    controls = page.locator("#controls")
    for press, appears in STATES[language]:
        controls.get_by_role("button", name=press, exact=True).click()
        expect(controls.get_by_role("button", name=appears, exact=True)).to_be_visible()
        seen |= visible_names(page)
    page.locator("#step-nav button.step-button").first.click()  # not the current step
    expect(page.locator("#ctl-goto")).to_be_enabled()
    seen |= visible_names(page)
    open_controls(page)
    controls.get_by_role("button", name=SUGGEST[language], exact=True).click()
    expect(controls.locator("#ctl-candidates button").first).to_be_visible()
    seen |= visible_names(page)

    participant = new_context().new_page()
    participant.goto(first_join)
    seen |= visible_names(participant)
    participant.get_by_role("button", name=JOIN_ANONYMOUSLY[language]).click()
    expect(participant.locator("button.vote").first).to_be_visible()
    seen |= visible_names(participant)
    participant.locator("#step-nav button.step-button").nth(1).click()
    # Something to write in shows (the timer's sound choice is there too, hidden: no timer runs).
    writable = participant.locator("#step-panel").locator("textarea:visible, input:visible")
    expect(writable.first).to_be_visible()
    seen |= visible_names(participant)

    page.goto(second_console)
    open_controls(page)
    expect(page.locator("#ctl-debrief")).to_be_visible()
    seen |= visible_names(page)

    missing = [name for name in guide_controls(language) if name not in seen]
    assert not missing, f"guide.{language}.md names controls the UI does not have: {missing}"
