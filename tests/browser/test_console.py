"""The facilitator's console in a live room: a compact join chip, the step's tip and live
progress beside the controls, which step is viewed and which is live, visible refusals, a closed
workshop without live controls, and the small groups' whole life (rename, debrief, end)."""

import re

from playwright.sync_api import expect

from .pages import JoinPage, open_room
from .rooms import FacilitatorSocket, api, create_workshop, join, open_console

NEED = "Millaisia tietoja, taitoja ja asenteita tarvitaan?"


def test_join_box_becomes_a_chip_once_someone_has_joined(server, new_context):
    workshop = create_workshop(server, "fi")
    console = open_console(new_context().new_page(), server, workshop, "fi")
    box = console.locator(".join-info")
    qr = box.get_by_role("img", name=re.compile("QR"))
    expect(qr).to_be_visible()  # nobody yet: the way in is shown large
    tall = box.bounding_box()["height"]
    join(new_context().new_page(), server, workshop, "Alice")
    expect(qr).to_be_hidden()  # someone is in: a chip with the code and the QR on demand
    expect(box.locator("#join-code")).to_be_visible()
    expect(box.locator("#join-link")).to_be_visible()
    assert box.bounding_box()["height"] < tall / 2
    box.get_by_text("Näytä QR-koodi").click()
    expect(qr).to_be_visible()
    console.keyboard.press("Escape")
    expect(qr).to_be_hidden()


def test_step_tip_from_the_canvas_is_shown_to_the_facilitator_only(server, new_context):
    workshop = create_workshop(server, "fi")
    console = open_console(new_context().new_page(), server, workshop, "fi")
    tip = console.locator("#controls").get_by_text("viisi minuuttia hiljaista kirjoittamista")
    expect(tip).to_be_visible()
    board = join(new_context().new_page(), server, workshop, "Alice")
    expect(board.get_by_text("viisi minuuttia hiljaista kirjoittamista")).to_have_count(0)


def test_vote_and_done_counts_update_live_as_participants_vote(server, new_context):
    console, (alice, bob) = open_room(server, new_context, "Alice", "Bob")
    alice.post(NEED, "Kuuntelu")
    console.expect_note(NEED, "Kuuntelu")
    expect(console.page.locator("#presence-count")).to_contain_text("2")
    console.control("ctl-voting").click()
    progress = console.page.locator("#controls")
    expect(progress).to_contain_text("0/2 ovat äänestäneet")
    alice.note(NEED, "Kuuntelu").get_by_role("button", name="Äänestä").click()
    expect(progress).to_contain_text("1/2 ovat äänestäneet")
    bob.note(NEED, "Kuuntelu").get_by_role("button", name="Äänestä").click()
    expect(progress).to_contain_text("2/2 ovat äänestäneet")
    expect(progress).to_contain_text("0/2 ovat valmiita")
    bob.page.locator("#done-toggle").click()
    expect(progress).to_contain_text("1/2 ovat valmiita")
    expect(progress).to_contain_text("Lappuja tässä vaiheessa: 1")


def test_console_says_which_step_is_viewed_and_which_is_live(server, new_context):
    console, (alice,) = open_room(server, new_context, "Alice")
    where = console.page.locator("#controls")
    expect(where).to_contain_text("Katselet live-vaihetta (1)")
    console.show_step(2)
    expect(where).to_contain_text("Katselet vaihetta 2 · Live: vaihe 1")
    console.control("ctl-show-live").click()
    expect(where).to_contain_text("Katselet live-vaihetta (1)")
    console.show_step(2)
    console.move_everyone_here()
    expect(where).to_contain_text("Katselet live-vaihetta (2)")
    expect(alice.page.locator("#step-nav [aria-current=step]")).to_have_count(1)


def test_toggles_say_their_state(server, new_context):
    console, _boards = open_room(server, new_context, "Alice")
    controls = console.page.locator("#controls")
    expect(controls).to_contain_text("Yksityinen ideointi: ei käynnissä")
    console.control("ctl-hide").click()
    expect(controls).to_contain_text("Yksityinen ideointi: käynnissä")
    console.control("ctl-lock").check()
    expect(console.page.locator("#ctl-lock-state")).to_have_text("päällä")
    console.control("ctl-follow").check()
    expect(console.page.locator("#ctl-follow-state")).to_have_text("päällä")
    expect(console.page.locator("#ctl-voting-state")).to_have_text("Äänestys: ei auki")


def test_a_refused_control_is_shown_on_screen(server, new_context):
    console, _boards = open_room(server, new_context, "Alice")
    console.control("ctl-group-count").fill("1")
    console.control("ctl-groups-create").click()
    alert = console.page.get_by_role("alert").filter(has_text="2–50")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Ei onnistunut")


def test_closed_workshop_console_offers_no_live_controls(server, new_context):
    workshop = create_workshop(server, "fi")
    console = open_console(new_context().new_page(), server, workshop, "fi")
    host = FacilitatorSocket(server, workshop)
    try:
        assert host.call("workshop.close", {})["ok"]
    finally:
        host.close()
    controls = console.locator("#controls")
    expect(console.locator("#ctl-timer-start, #ctl-voting, #ctl-hide")).to_have_count(0)
    expect(controls.locator("#ctl-closed")).to_be_visible()
    expect(controls.get_by_role("button")).to_have_text(["Avaa työpaja uudelleen"])
    expect(console.locator("#join-info")).to_be_hidden()
    expect(console.locator("#downloads")).to_be_visible()
    console.reload()
    expect(console.locator("#ctl-closed")).to_be_visible()
    expect(console.locator("#ctl-timer-start, #ctl-voting, #ctl-hide")).to_have_count(0)
    console.locator("#ctl-close").click()  # reopen
    expect(console.locator("#ctl-timer-start")).to_be_visible()
    assert api(server, "GET", f"/workshops/{workshop['id']}")["workshop"]["status"] == "open"


def test_groups_are_renamed_debriefed_and_ended_with_their_notes_labelled(server, new_context):
    console, (alice, bob) = open_room(server, new_context, "Alice", "Bob")
    console.control("ctl-group-mode").select_option("choose")
    console.control("ctl-groups-create").click()
    alice.page.get_by_role("button", name="Ryhmä 1", exact=False).click()
    bob.page.get_by_role("button", name="Ryhmä 2", exact=False).click()
    page = console.page
    page.get_by_label("Ryhmän 1 nimi").fill("Asiakastyö")
    page.locator("button[id^=ctl-group-rename-]").first.click()
    expect(alice.page.locator(".my-group")).to_contain_text("Asiakastyö")
    alice.post(NEED, "Asiakastyön havainto")
    bob.post(NEED, "Ryhmän 2 havainto")
    state = page.locator("#ctl-debrief-view-state")
    expect(state).to_have_text("Ryhmät rinnakkain: pois")
    console.control("ctl-debrief-view").click()
    expect(state).to_have_text("Ryhmät rinnakkain: päällä")
    expect(page.locator("section.column").first).to_contain_text("Asiakastyön havainto")
    console.control("ctl-debrief").click()
    # The debrief brings the notes to the shared board, and the console shows that board.
    expect(state).to_have_text("Ryhmät rinnakkain: pois")
    console.expect_note(NEED, "Asiakastyön havainto")
    console.expect_note(NEED, "Ryhmän 2 havainto")
    bob.post(NEED, "Myöhäinen havainto")  # still in group 2
    page.once("dialog", lambda dialog: dialog.accept())
    console.control("ctl-groups-end").click()
    expect(console.control("ctl-groups-create")).to_be_visible()
    for board in (alice, bob, console):
        expect(board.note(NEED, "Asiakastyön havainto")).to_contain_text("Asiakastyö")
        expect(board.note(NEED, "Myöhäinen havainto")).to_contain_text("Ryhmä 2")
    expect(alice.page.locator(".my-group")).to_have_count(0)


def test_link_to_the_presenter_view(server, new_context):
    workshop = create_workshop(server, "fi")
    console = open_console(new_context().new_page(), server, workshop, "fi")
    link = console.get_by_role("link", name="Esitysnäkymä (avautuu uuteen välilehteen)")
    expect(link).to_have_attribute("href", f"/w/{workshop['id']}/present")
    expect(link).to_have_attribute("target", "_blank")


def test_join_link_is_copied_from_the_chip(server, new_context):
    workshop = create_workshop(server, "fi")
    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    console = open_console(context.new_page(), server, workshop, "fi")
    JoinPage(new_context().new_page(), f"{server.url}/j/{workshop['join_code']}").join("Alice")
    console.get_by_role("button", name="Kopioi linkki").click()
    expect(console.locator("#notices").get_by_text("Liittymislinkki kopioitu.")).to_be_visible()
    assert console.evaluate("navigator.clipboard.readText()") == workshop["join_url"]


def test_a_section_opened_just_before_the_controls_are_redrawn_stays_open(server, new_context):
    """The room's changes redraw the controls at any moment, also between the facilitator's
    opening of a folded section and the browser's "toggle" event (a task later): the section
    stays open. Here the redraw is the facilitator's own step change, in the same task."""
    console, _boards = open_room(server, new_context, "Alice")
    page = console.page
    page.locator("#ctl-workshop-summary").click()  # open_room unfolded every section: fold it
    expect(page.locator("#ctl-close")).to_be_hidden()
    page.evaluate(
        """() => {
            document.getElementById("ctl-workshop-summary").click();
            document.querySelector("#step-nav li:nth-child(2) button").click();
        }"""
    )
    expect(page.locator("#ctl-where")).to_contain_text("Katselet vaihetta 2")
    expect(page.locator("#ctl-close")).to_be_visible()
    console.show_step(1)
    expect(page.locator("#ctl-close")).to_be_visible()
