"""Two people edit the same note in two browsers: the later save never silently overwrites the
earlier one; its author sees both texts and chooses."""

from playwright.sync_api import expect

from .pages import BoardPage, JoinPage
from .rooms import api, create_workshop, open_console

NEED_PROMPT = "Millaisia tietoja, taitoja ja asenteita tarvitaan?"
CONFLICT = "Joku muu muutti tätä lappua sillä välin"


def open_editor(board: BoardPage, text: str):
    """Start editing the only note of the column; returns the note's list item."""
    board.expect_note(NEED_PROMPT, text)
    board.note_action(NEED_PROMPT, text, "Muokkaa")
    item = board.notes(NEED_PROMPT).first
    expect(item.locator("textarea")).to_have_value(text)
    return item


def save(item, text: str) -> None:
    item.locator("textarea").fill(text)
    item.get_by_role("button", name="Tallenna").click()


def test_later_edit_of_the_same_note_shows_both_texts_and_lets_its_author_choose(
    server, new_context
):
    workshop = create_workshop(server, "fi", "Muokkausristiriita")
    alice = JoinPage(new_context().new_page(), f"{server.url}/j/{workshop['join_code']}").join(
        "Alice"
    )
    host = BoardPage(open_console(new_context().new_page(), server, workshop, "fi"))
    alice.post(NEED_PROMPT, "Alkuperäinen teksti")
    host.expect_note(NEED_PROMPT, "Alkuperäinen teksti")

    # Round 1: both edit, Alice saves first; the facilitator takes Alice's version.
    alice_item = open_editor(alice, "Alkuperäinen teksti")
    host_item = open_editor(host, "Alkuperäinen teksti")
    save(alice_item, "Alicen versio")
    alice.expect_note(NEED_PROMPT, "Alicen versio")
    expect(host_item.locator("textarea")).to_have_value("Alkuperäinen teksti")  # not clobbered
    save(host_item, "Fasilitaattorin versio")
    conflict = host_item.get_by_role("alert")
    expect(conflict).to_contain_text(CONFLICT)
    expect(conflict.locator("blockquote")).to_have_text(["Alicen versio", "Fasilitaattorin versio"])
    conflict.get_by_role("button", name="Käytä toisen versiota").click()
    host.expect_note(NEED_PROMPT, "Alicen versio")
    alice.expect_note(NEED_PROMPT, "Alicen versio")

    # Round 2: both edit again, the facilitator saves first; Alice keeps her own version.
    alice_item = open_editor(alice, "Alicen versio")
    host_item = open_editor(host, "Alicen versio")
    save(host_item, "Fasilitaattorin toinen versio")
    host.expect_note(NEED_PROMPT, "Fasilitaattorin toinen versio")
    save(alice_item, "Alicen toinen versio")
    conflict = alice_item.get_by_role("alert")
    expect(conflict.locator("blockquote")).to_have_text(
        ["Fasilitaattorin toinen versio", "Alicen toinen versio"]
    )
    conflict.get_by_role("button", name="Säilytä oma versioni").click()
    expect(alice_item.locator("textarea")).to_have_value("Alicen toinen versio")
    alice_item.get_by_role("button", name="Tallenna").click()
    for board in (alice, host):
        board.expect_note(NEED_PROMPT, "Alicen toinen versio")

    notes = api(server, "GET", f"/workshops/{workshop['id']}")["notes"]
    assert [(n["text"], n["version"]) for n in notes] == [("Alicen toinen versio", 4)]
