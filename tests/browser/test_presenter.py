"""The presenter view (/w/<id>/present): the live step large for a shared screen. Only the
workshop's facilitators open it; it follows the live step, shows the room's notes as they
arrive, how to join while people arrive, the countdown and the results of a vote; it never
shows a private or moderated note and offers no controls. axe finds nothing in fi, sv or en."""

import re

import pytest
import socketio
from playwright.sync_api import expect

from .rooms import FacilitatorSocket, axe_violations, create_workshop, join, log_in, tab_to

pytestmark = pytest.mark.browser
LANGUAGES = ("fi", "sv", "en")


class ParticipantSocket:
    """A participant on the live protocol: joins by code, writes and votes."""

    def __init__(self, server, workshop: dict, name: str):
        self.client = socketio.Client(reconnection=False)
        self.client.connect(server.url, transports=["websocket"], wait_timeout=10)
        ack = self.client.call(
            "join", {"join_code": workshop["join_code"], "name": name}, timeout=10
        )
        assert ack["ok"], ack
        self.workshop = workshop

    def post(self, text: str, step: int = 0, prompt: int = 0) -> int:
        step_ = self.workshop["steps"][step]
        ack = self.call(
            "note.add",
            {"step_id": step_["id"], "prompt_id": step_["prompts"][prompt]["id"], "text": text},
        )
        return ack["note"]["id"]

    def call(self, event: str, payload: dict) -> dict:
        import uuid

        ack = self.client.call(event, {"op_id": str(uuid.uuid4()), **payload}, timeout=10)
        assert ack["ok"], (event, ack)
        return ack

    def close(self):
        self.client.disconnect()


def open_presenter(page, server, workshop: dict, language: str = "fi"):
    log_in(page, server, language)
    page.goto(f"{server.url}/w/{workshop['id']}/present?lang={language}")
    expect(page.locator("#step-title")).not_to_be_empty()
    return page


def note_texts(page):
    return page.locator(".note-text, .present-rank-text")


def test_only_the_workshops_facilitators_open_it(server, new_context):
    workshop = create_workshop(server, "fi", title="Vain fasilitaattoreille")
    url = f"{server.url}/w/{workshop['id']}/present"
    anonymous = new_context().new_page()
    anonymous.goto(url)
    expect(anonymous).to_have_url(re.compile(r"/login"))
    expect(anonymous.locator("#present-stage")).to_have_count(0)
    participant = join(new_context().new_page(), server, workshop, "Aino")
    participant.goto(url)
    expect(participant).to_have_url(re.compile(r"/login"))
    expect(participant.locator("#present-stage")).to_have_count(0)
    host = open_presenter(new_context().new_page(), server, workshop)
    expect(host.locator("#step-title")).to_have_text(workshop["steps"][0]["title"])
    expect(host).to_have_title(re.compile("Vain fasilitaattoreille"))
    expect(host.get_by_role("heading", level=1)).to_contain_text("Vain fasilitaattoreille")
    # The console links to it.
    host.goto(f"{server.url}/w/{workshop['id']}")
    link = host.locator("#presenter-link")
    expect(link).to_have_attribute("href", f"/w/{workshop['id']}/present")
    host.goto(f"{server.url}{link.get_attribute('href')}")
    expect(host.locator("#step-title")).to_have_text(workshop["steps"][0]["title"])


def test_it_follows_the_live_step_with_notes_join_code_and_countdown(server, new_context):
    workshop = create_workshop(server, "fi", title="Esitystyöpaja")
    first, second = workshop["steps"][0], workshop["steps"][1]
    page = open_presenter(
        new_context(viewport={"width": 1280, "height": 720}).new_page(), server, workshop
    )
    # People are arriving: the code, the link and the QR code are large beside the board.
    join_box = page.locator("#present-join")
    code = workshop["join_code"]
    expect(page.locator("#present-join-code")).to_have_text(f"{code[:4]}-{code[4:]}")
    expect(join_box.get_by_role("link")).to_have_attribute("href", re.compile(f"/j/{code}$"))
    expect(join_box.locator("img.present-qr")).to_be_visible()
    expect(join_box).to_have_attribute("data-size", "large")
    assert join_box.locator("img.present-qr").evaluate("img => img.naturalWidth") > 0
    # Beside the board, with the whole QR code on the first screen of a shared 1280×720 window.
    stage, qr = (
        page.locator("#present-stage").bounding_box(),
        join_box.locator("img").bounding_box(),
    )
    assert join_box.bounding_box()["x"] >= stage["x"] + stage["width"], (stage, qr)
    assert qr["y"] + qr["height"] <= 720 and qr["width"] >= 150, qr
    card, shown_code = join_box.bounding_box(), page.locator("#present-join-code").bounding_box()
    assert shown_code["x"] + shown_code["width"] <= card["x"] + card["width"], (shown_code, card)
    expect(page.locator("section.column h3").first).to_contain_text(first["prompts"][0]["title"])

    aino = ParticipantSocket(server, workshop, "Aino")
    host = FacilitatorSocket(server, workshop)
    try:
        aino.post("Yhteinen ajatus kaikille")
        expect(note_texts(page).filter(has_text="Yhteinen ajatus kaikille")).to_have_count(1)
        assert host.call("step.goto", {"step_id": second["id"]})["ok"]
        expect(page.locator("#step-title")).to_have_text(second["title"])
        expect(page.locator("#announcer")).to_contain_text(second["title"])
        # Later on the join box is a corner chip: the code stays readable.
        expect(join_box).to_have_attribute("data-size", "small")
        expect(page.locator("#present-join-code")).to_be_visible()
        chip, board = join_box.bounding_box(), page.locator("#columns").bounding_box()
        assert chip["y"] + chip["height"] <= board["y"], (chip, board)  # it covers no note
        expect(note_texts(page).filter(has_text="Yhteinen ajatus kaikille")).to_have_count(0)
        expect(page.locator("#room-timer .timer")).to_be_hidden()
        assert host.call("timer.start", {"step_id": second["id"], "seconds": 300})["ok"]
        expect(page.locator("#room-timer .timer-display")).to_have_text(re.compile(r"^[45]:\d\d$"))
        expect(page.locator("#room-timer .timer")).to_be_visible()
        assert host.call("timer.stop", {"step_id": second["id"]})["ok"]
        expect(page.locator("#room-timer .timer")).to_be_hidden()
    finally:
        aino.close()
        host.close()


def test_private_and_moderated_notes_never_show(server, new_context):
    workshop = create_workshop(server, "fi")
    first = workshop["steps"][0]
    aino = ParticipantSocket(server, workshop, "Aino")
    host = FacilitatorSocket(server, workshop)
    try:
        aino.post("Näkyvä lappu")
        moderated = aino.post("Moderoitu lappu")
        assert host.call("note.hide", {"note_id": moderated, "hidden": True})["ok"]
        assert host.call("step.hide", {"step_id": first["id"]})["ok"]
        aino.post("Salainen ajatus ennen")
        page = open_presenter(new_context().new_page(), server, workshop)
        expect(page.locator("#step-panel .notice", has_text="Yksityinen ideointi")).to_be_visible()
        aino.post("Salainen ajatus jälkeen")
        moderated_live = aino.post("Toinen moderoitava")
        assert host.call("note.hide", {"note_id": moderated_live, "hidden": True})["ok"]
        # A later change shows the private and moderated ones were received (as placeholders).
        assert host.call("timer.start", {"step_id": first["id"], "seconds": 60})["ok"]
        expect(page.locator("#room-timer .timer")).to_be_visible()
        # As on a participant's board (not their own notes): nothing of the step until the
        # reveal, and a moderated note never.
        expect(page.locator("section.column .count").first).to_have_text("(0)")
        for hidden in ("Näkyvä", "Salainen", "Moderoitu", "Toinen moderoitava"):
            expect(page.locator("#present-stage")).not_to_contain_text(hidden)
        assert host.call("step.reveal", {"step_id": first["id"]})["ok"]
        expect(note_texts(page).filter(has_text="Salainen ajatus")).to_have_count(2)
        expect(note_texts(page).filter(has_text="Näkyvä lappu")).to_have_count(1)
        expect(page.locator("#present-stage")).not_to_contain_text("Moderoitu")
        expect(page.locator("#present-stage")).not_to_contain_text("Toinen moderoitava")
        # The page never had them: not hidden by the page, never sent to it.
        html = page.content()
        assert "Moderoitu" not in html and "Toinen moderoitava" not in html
    finally:
        aino.close()
        host.close()


def test_after_voting_the_notes_are_ranked_with_their_votes(server, new_context):
    workshop = create_workshop(server, "fi")
    first = workshop["steps"][0]
    aino = ParticipantSocket(server, workshop, "Aino")
    eero = ParticipantSocket(server, workshop, "Eero")
    host = FacilitatorSocket(server, workshop)
    try:
        few = aino.post("Vähän ääniä")
        many = aino.post("Eniten ääniä")
        aino.post("Ei yhtään ääntä")
        page = open_presenter(new_context().new_page(), server, workshop)
        ballot = {"step_id": first["id"], "votes_per_participant": 3, "show_tallies": False}
        assert host.call("voting.open", ballot)["ok"]
        for voter in (aino, eero):
            voter.call("vote.add", {"note_id": many})
        aino.call("vote.add", {"note_id": few})
        expect(page.locator("#step-panel .notice", has_text="Äänestys on auki")).to_be_visible()
        # No early tallies to steer, on the notes or in a ranking.
        tallies = page.locator("#present-stage .votes, #present-stage .present-badge")
        expect(tallies).to_have_count(0)
        assert host.call("voting.close", {"step_id": first["id"]})["ok"]
        ranking = page.locator("ol.present-ranking > li")
        expect(ranking).to_have_count(3)
        expect(ranking.nth(0)).to_contain_text("Eniten ääniä")
        expect(ranking.nth(0)).to_contain_text("Ääniä: 2")
        expect(ranking.nth(1)).to_contain_text("Vähän ääniä")
        expect(ranking.nth(1)).to_contain_text("1 ääni")
        expect(ranking.nth(2)).to_contain_text("Ääniä: 0")
    finally:
        aino.close()
        eero.close()
        host.close()


def test_it_offers_no_controls_and_its_one_button_works_by_keyboard(server, new_context):
    workshop = create_workshop(server, "fi")
    page = open_presenter(new_context().new_page(), server, workshop)
    expect(
        page.locator("main input, main select, main textarea, main [contenteditable]")
    ).to_have_count(0)
    buttons = page.locator("main button")
    expect(buttons).to_have_count(1)
    toggle = page.locator("#present-join-toggle")
    tab_to(page, "#present-join-toggle")
    expect(toggle).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#present-join")).to_have_attribute("data-size", "small")
    expect(toggle).to_be_focused()
    aino = ParticipantSocket(server, workshop, "Aino")
    try:
        aino.post("Uusi lappu kesken kaiken")  # a live change does not take the focus away
        expect(note_texts(page).filter(has_text="Uusi lappu kesken kaiken")).to_have_count(1)
        expect(toggle).to_be_focused()
    finally:
        aino.close()
    page.keyboard.press("Space")
    expect(page.locator("#present-join")).to_have_attribute("data-size", "large")


def test_it_is_the_shared_board_read_only_even_where_participants_may_act(server, new_context):
    """The presenter shows the participants' board (the same wall, columns and clusters),
    but where a participant would get a vote button, a note menu, a writing box, a step bar,
    "I'm done" or "+ New note", the shared screen has none of them."""
    workshop = create_workshop(server, "fi")
    first = workshop["steps"][0]
    aino = ParticipantSocket(server, workshop, "Aino")
    host = FacilitatorSocket(server, workshop)
    try:
        notes = [aino.post(f"Jaettu lappu {n}") for n in range(2)]
        theme = host.call("theme.create", {"step_id": first["id"], "title": "Ryhmitelty"})["theme"]
        assert host.call("note.theme", {"note_id": notes[0], "theme_id": theme["id"]})["ok"]
        assert host.call("step.cluster", {"step_id": first["id"], "allowed": True})["ok"]
        ballot = {"step_id": first["id"], "votes_per_participant": 3}
        assert host.call("voting.open", ballot)["ok"]
        page = open_presenter(new_context().new_page(), server, workshop)
        board = page.locator("#board")
        expect(board.locator("section.column li.note")).to_have_count(2)
        expect(board.locator(".theme-section .theme-title")).to_have_text("Ryhmitelty")
        expect(page.locator("#step-panel .notice", has_text="Äänestys on auki")).to_be_visible()
        expect(page.locator("main button")).to_have_count(1)  # only the join card's own
        expect(page.locator("main input, main select, main textarea")).to_have_count(0)
        participant_only = "#step-nav, #new-note, #done-toggle, .column-composer, .note-menu-button"
        expect(page.locator(participant_only)).to_have_count(0)
        expect(page.locator("li.note[draggable=true]")).to_have_count(0)
    finally:
        aino.close()
        host.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_axe_violations_in_any_state(server, new_context, language):
    workshop = create_workshop(server, language)
    first, second = workshop["steps"][0], workshop["steps"][1]
    found = {}

    pages = []

    def check(state):
        for page in pages:
            expect(page.locator("html")).to_have_attribute("lang", language)
            violations = axe_violations(page)
            if violations:
                found[f"{state} at {page.viewport_size['width']} px"] = violations

    aino = ParticipantSocket(server, workshop, "Aino")
    host = FacilitatorSocket(server, workshop)
    try:
        for viewport in ({"width": 1280, "height": 720}, {"width": 320, "height": 640}):
            page = new_context(viewport=viewport).new_page()
            pages.append(open_presenter(page, server, workshop, language))
        page = pages[0]
        check("arriving")
        notes = [aino.post(f"Lappu {n}") for n in range(3)]
        theme = host.call("theme.create", {"step_id": first["id"], "title": "Teema"})["theme"]["id"]
        assert host.call("note.theme", {"note_id": notes[0], "theme_id": theme})["ok"]
        assert host.call("timer.start", {"step_id": first["id"], "seconds": 120})["ok"]
        expect(page.locator("#columns .theme-section, #columns .loose-section")).to_have_count(2)
        expect(page.locator("#room-timer .timer")).to_be_visible()
        check("notes, a theme and a countdown")
        assert host.call("voting.open", {"step_id": first["id"], "votes_per_participant": 2})["ok"]
        aino.call("vote.add", {"note_id": notes[1]})
        assert host.call("voting.close", {"step_id": first["id"]})["ok"]
        expect(page.locator("ol.present-ranking").first).to_be_visible()
        check("results")
        assert host.call("step.hide", {"step_id": second["id"]})["ok"]
        assert host.call("step.goto", {"step_id": second["id"]})["ok"]
        expect(page.locator("#step-title")).to_have_text(second["title"])
        check("private brainstorming")
        assert host.call("workshop.close", {})["ok"]
        expect(page.locator("#present-join")).to_be_hidden()
        check("closed")
        page.reload()
        expect(page.locator("#step-title")).to_have_text(second["title"])
        expect(page.locator("#present-join")).to_be_hidden()
        assert host.call("workshop.reopen", {})["ok"]
        expect(page.locator("#present-join-code")).to_be_visible()  # joining works again
    finally:
        aino.close()
        host.close()
    assert not found, found


def test_the_workshops_content_carries_its_language_in_another_ui_language(server, new_context):
    workshop = create_workshop(server, "fi", title="Suomenkielinen työpaja")
    aino = ParticipantSocket(server, workshop, "Aino")
    try:
        aino.post("Suomenkielinen lappu")
        page = open_presenter(new_context().new_page(), server, workshop, "en")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.locator("#step-title")).to_have_attribute("lang", "fi")
        expect(page.locator(".note-body[lang=fi] .note-text")).to_have_text("Suomenkielinen lappu")
        expect(page.locator("section.column h3 span[lang=fi]").first).to_be_visible()
        expect(page.locator("h1 span[lang=fi]")).to_have_text("Suomenkielinen työpaja")
        expect(page.locator("#present-join-heading")).to_have_text("Join the workshop")
    finally:
        aino.close()
