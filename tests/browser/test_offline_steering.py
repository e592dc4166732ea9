"""A facilitator without a network: a steering command (moving the room, starting the timer) is
refused at once with a visible and announced message and is never sent later, while a note a
participant wrote offline still arrives when the network is back. A steering command that an
older version of the page left in the outbox is dropped unsent."""

import uuid

import pytest
from playwright.sync_api import Page, expect

from .rooms import (
    FacilitatorSocket,
    api,
    axe_violations,
    create_workshop,
    join,
    open_console,
    post,
    tab_to,
    wait_until_live,
)

REFUSED = {
    "fi": "Ei yhteyttä — ei lähetetty. Yritä uudelleen, kun yhteys palaa.",
    "sv": "Ingen anslutning — inte skickat. Försök igen när anslutningen är tillbaka.",
    "en": "No connection — not sent. Try again when the connection is back.",
}


def active(page: Page, selector: str) -> bool:
    return page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector)


def room_as_stored(server, workshop: dict) -> tuple:
    """The live step and every step's timer, as the server has them."""
    document = api(server, "GET", f"/workshops/{workshop['id']}")
    return document["workshop"]["current_step_id"], [s["state"]["timer"] for s in document["steps"]]


def write_offline(page: Page, text: str) -> None:
    box = page.locator("section.column").first.locator("form.composer textarea")
    box.fill(text)
    box.press("Enter")
    expect(page.locator("li.note.pending", has_text=text)).to_have_count(1)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_steering_made_offline_is_refused_visibly_and_never_sent_later(
    server, new_context, language
):
    workshop = create_workshop(server, language)
    first = workshop["steps"][0]
    host_context, guest_context = new_context(), new_context()
    host = open_console(host_context.new_page(), server, workshop, language)
    guest = join(guest_context.new_page(), server, workshop, "Alice")
    expect(guest.locator("#step-title")).to_have_text(first["title"])
    before = room_as_stored(server, workshop)
    assert before == (first["id"], [None] * len(workshop["steps"]))

    host_context.set_offline(True)
    guest_context.set_offline(True)
    expect(host.locator("#status")).to_be_visible()
    expect(guest.locator("#status")).to_be_visible()
    notice = host.locator("#notices .notice", has_text=REFUSED[language])

    # The timer of the live step, with the keyboard alone: refused, nothing runs.
    tab_to(host, "#ctl-timer-start")
    host.keyboard.press("Enter")
    expect(notice).to_be_visible()
    expect(host.locator("#announcer")).to_contain_text(REFUSED[language])
    expect(host.locator(".timer")).to_be_hidden()
    assert active(host, "#ctl-timer-start"), "the focus stays on the refused control"
    tab_to(host, "#notices .notice button")
    host.keyboard.press("Enter")  # dismissed
    expect(notice).to_have_count(0)

    # Moving everyone to step 2: refused, the live step stays where it was.
    tab_to(host, "#step-nav li:nth-child(2) button")
    host.keyboard.press("Enter")  # only the facilitator's own view: nothing is sent
    tab_to(host, "#ctl-goto")
    host.keyboard.press("Enter")
    expect(notice).to_be_visible()
    expect(notice).to_have_attribute("role", "alert")
    expect(host.locator("#ctl-goto")).to_be_enabled()  # not "everyone is here"
    expect(host.locator("#ctl-show-live")).to_be_visible()  # the live step is still another
    assert active(host, "#ctl-goto"), "the focus stays on the refused control"
    assert axe_violations(host) == []

    write_offline(guest, "Kirjoitettu ilman verkkoa")
    host_context.set_offline(False)
    guest_context.set_offline(False)
    expect(host.locator("#status")).to_be_hidden()
    expect(guest.locator("li.note.pending")).to_have_count(0)
    tab_to(host, "#ctl-show-live")
    host.keyboard.press("Enter")
    expect(host.locator(".note-text", has_text="Kirjoitettu ilman verkkoa")).to_have_count(1)

    # A note sent after the reconnect reaches the participant behind anything the console would
    # have replayed on reconnecting: the room is still as it was.
    write = host.locator("section.column").first.locator("form.composer textarea")
    write.fill("Fasilitaattori takaisin verkossa")
    write.press("Enter")
    expect(guest.locator(".note-text", has_text="Fasilitaattori takaisin verkossa")).to_have_count(
        1
    )
    expect(guest.locator("#step-title")).to_have_text(first["title"])
    expect(guest.locator(".timer")).to_be_hidden()
    assert room_as_stored(server, workshop) == before


def test_a_steering_command_an_older_page_left_in_the_outbox_is_dropped_unsent(server, new_context):
    workshop = create_workshop(server, "fi", "Vanhan sivun työpaja")
    first, second = workshop["steps"][0], workshop["steps"][1]
    host = open_console(new_context().new_page(), server, workshop, "fi")
    guest = join(new_context().new_page(), server, workshop, "Alice")
    before = room_as_stored(server, workshop)
    left_behind = [
        {"event": "step.goto", "payload": {"op_id": str(uuid.uuid4()), "step_id": second["id"]}},
        {
            "event": "timer.start",
            "payload": {"op_id": str(uuid.uuid4()), "step_id": first["id"], "seconds": 600},
        },
        {
            "event": "note.add",
            "payload": {
                "op_id": str(uuid.uuid4()),
                "step_id": first["id"],
                "prompt_id": first["prompts"][0]["id"],
                "text": "Vanhan sivun lappu",
            },
        },
    ]
    host.evaluate(
        "([key, entries]) => localStorage.setItem(key, JSON.stringify(entries))",
        [f"pajapohja:w{workshop['id']}:outbox", left_behind],
    )
    host.reload()
    wait_until_live(host)

    expect(guest.locator(".note-text", has_text="Vanhan sivun lappu")).to_have_count(1)
    expect(guest.locator("#step-title")).to_have_text(first["title"])
    expect(guest.locator(".timer")).to_be_hidden()
    assert room_as_stored(server, workshop) == before
    # The guest may see the note before the host has its acknowledgement and empties the box.
    key = f"pajapohja:w{workshop['id']}:outbox"
    host.wait_for_function("(key) => localStorage.getItem(key) === '[]'", arg=key)
    kept = host.evaluate("(key) => localStorage.getItem(key)", key)
    assert kept == "[]"


def test_a_vote_made_offline_is_refused_and_not_counted_when_the_network_returns(
    server, new_context
):
    """A vote is not content: it spends a budget only the server knows, during a round the
    facilitator may close meanwhile, so it is refused offline rather than counted later."""
    workshop = create_workshop(server, "fi", "Äänestystyöpaja")
    first = workshop["steps"][0]
    host = FacilitatorSocket(server, workshop)
    guest_context = new_context()
    guest = join(guest_context.new_page(), server, workshop, "Alice")
    post(guest, "Kuunteleminen")
    try:
        opened = host.call(
            "voting.open",
            {"step_id": first["id"], "votes_per_participant": 3, "max_per_note": 1},
        )
        assert opened["ok"], opened
        expect(guest.locator(".voting-notice")).to_contain_text("3")

        guest_context.set_offline(True)
        expect(guest.locator("#status")).to_be_visible()
        guest.locator("li.note button[data-action=vote]").click()
        expect(guest.locator("#notices .notice", has_text=REFUSED["fi"])).to_be_visible()
        expect(guest.locator("#announcer")).to_contain_text(REFUSED["fi"])
        expect(guest.locator(".my-votes")).to_have_count(0)

        guest_context.set_offline(False)
        expect(guest.locator("#status")).to_be_hidden()
        post(guest, "Kysyminen")  # sent after the reconnect, behind anything replayed
        expect(guest.locator(".voting-notice")).to_contain_text("3")
        expect(guest.locator(".my-votes")).to_have_count(0)
        assert api(server, "GET", f"/workshops/{workshop['id']}")["votes"] == []
    finally:
        host.close()
