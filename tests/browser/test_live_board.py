"""Live sticky notes between real browsers: a facilitator and two participants."""

from playwright.sync_api import expect

from .pages import JoinPage, LoginPage

NEED_PROMPT = "Millaisia tietoja, taitoja ja asenteita tarvitaan?"


def test_note_typed_by_one_participant_appears_on_every_board_and_survives_reload(
    server, new_context
):
    host = LoginPage(new_context().new_page(), server.url).log_in(server.facilitator_email)
    console = host.create_workshop(
        "Osallisuusosaaminen 1", "hyvanmitta-training-plan", topic="osallisuusosaaminen"
    )
    assert len(console.join_code) == 8
    alice = JoinPage(new_context().new_page(), console.join_url).join("Alice")
    bob = JoinPage(new_context().new_page(), console.join_url).join(None)

    alice.post(NEED_PROMPT, "Asiakkaan kuuleminen")
    for board in (alice, bob, console):
        board.expect_note(NEED_PROMPT, "Asiakkaan kuuleminen")
    expect(alice.notes(NEED_PROMPT).filter(has_text="Sinä")).to_have_count(1)
    expect(bob.notes(NEED_PROMPT).filter(has_text="Alice")).to_have_count(1)

    bob.page.reload()
    bob.wait_until_live()
    bob.expect_note(NEED_PROMPT, "Asiakkaan kuuleminen")
    alice.page.reload()
    alice.wait_until_live()
    # Same participant after reload: the note is still "mine" and editable.
    menu = alice.note_menu(NEED_PROMPT, "Asiakkaan kuuleminen")
    expect(menu.get_by_role("button", name="Muokkaa")).to_be_visible()
    # Someone else's note offers bob nothing to change: no menu at all.
    expect(
        bob.note(NEED_PROMPT, "Asiakkaan kuuleminen").locator("button.note-menu-button")
    ).to_have_count(0)
