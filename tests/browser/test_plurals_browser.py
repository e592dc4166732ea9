"""Counts read right: "1 vote", never "1 votes". The browser picks the plural form the server
translated (app/i18n.py plural_forms) by the page's language."""

from playwright.sync_api import expect

from .rooms import FacilitatorSocket, create_workshop, join, post


def test_a_note_with_one_vote_says_one_vote_in_english(server, new_context):
    workshop = create_workshop(server, "en", title="Workshop")
    step = workshop["steps"][0]
    page = join(new_context(locale="en-GB").new_page(), server, workshop, "Alice")
    host = FacilitatorSocket(server, workshop)
    try:
        post(page, "Listening")
        ack = host.call("voting.open", {"step_id": step["id"], "votes_per_participant": 1})
        assert ack["ok"], ack
        expect(page.locator("#announcer")).to_have_text("Voting has opened: 1 vote each.")
        note = page.locator("li.note", has_text="Listening")
        note.locator("button.vote").click()
        expect(note.locator(".my-votes")).to_be_visible()
        assert host.call("voting.close", {"step_id": step["id"]})["ok"]
    finally:
        host.close()
    votes = note.locator(".votes")
    expect(votes.locator(".visually-hidden")).to_have_text("1 vote")
    expect(votes).to_have_attribute("title", "1 vote")
