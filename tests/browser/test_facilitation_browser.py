"""Steering the room in real browsers: a facilitator console and participant boards."""

import re

from playwright.sync_api import expect

from .pages import open_room

NEED = "Millaisia tietoja, taitoja ja asenteita tarvitaan?"


def test_facilitator_moves_everyone_to_step_two_and_starts_a_timer(server, new_context):
    console, (alice, bob) = open_room(server, new_context, "Alice", "Bob")
    console.control("ctl-follow").check()
    console.show_step(2)
    console.move_everyone_here()
    console.start_timer(1)
    second_title = console.page.locator("#step-title").inner_text()
    for board in (alice, bob):
        expect(board.page.locator("#step-title")).to_have_text(second_title)
        expect(board.page.locator(".timer-display")).to_have_text(re.compile(r"^(1:00|0:5\d)$"))


def test_private_brainstorming_then_reveal(server, new_context):
    console, (alice, bob) = open_room(server, new_context, "Alice", "Bob")
    console.control("ctl-hide").click()
    expect(alice.page.locator(".step-status")).to_contain_text("Yksityinen ideointi")
    alice.post(NEED, "Alicen oma ajatus")
    bob.post(NEED, "Bobin oma ajatus")
    alice.expect_note(NEED, "Alicen oma ajatus")
    console.expect_note(NEED, "Bobin oma ajatus")
    expect(alice.note(NEED, "Bobin oma ajatus")).to_have_count(0)
    expect(bob.note(NEED, "Alicen oma ajatus")).to_have_count(0)
    console.control("ctl-hide").click()  # now "reveal"
    alice.expect_note(NEED, "Bobin oma ajatus")
    bob.expect_note(NEED, "Alicen oma ajatus")


def test_voting_round_with_three_votes_each_gives_a_ranking(server, new_context):
    console, (alice, bob) = open_room(server, new_context, "Alice", "Bob")
    for text in ("Kuuntelu", "Kohtaaminen", "Verkostotyö"):
        alice.post(NEED, text)
        console.expect_note(NEED, text)
    console.control("ctl-votes").fill("3")
    console.control("ctl-per-note").fill("2")
    console.control("ctl-voting").click()
    for board, picks in (
        (alice, ["Verkostotyö", "Verkostotyö", "Kohtaaminen"]),
        (bob, ["Verkostotyö", "Kohtaaminen", "Kuuntelu"]),
    ):
        expect(board.page.locator(".voting-notice")).to_contain_text("3")
        for text in picks:
            board.note(NEED, text).get_by_role("button", name="Äänestä").click()
        expect(board.page.locator(".voting-notice")).to_contain_text("0")
    console.control("ctl-voting").click()  # close and rank
    for board in (console, alice, bob):
        ranked = board.notes(NEED).locator(".note-text")
        expect(ranked).to_have_text(["Verkostotyö", "Kohtaaminen", "Kuuntelu"])
    expect(alice.notes(NEED).first).to_contain_text("3")


def test_two_small_groups_with_chairs_then_debrief_into_the_plenary(server, new_context):
    console, (alice, bob) = open_room(server, new_context, "Alice", "Bob")
    console.control("ctl-group-count").fill("2")
    console.control("ctl-group-mode").select_option("choose")
    console.control("ctl-groups-create").click()
    alice.page.get_by_role("button", name="Ryhmä 1", exact=False).click()
    bob.page.get_by_role("button", name="Ryhmä 2", exact=False).click()
    expect(alice.page.locator(".my-group")).to_contain_text("Ryhmä 1")
    expect(bob.page.locator(".my-group")).to_contain_text("Ryhmä 2")
    alice.page.locator(".group-bar").get_by_role("button").first.click()  # volunteer as chair
    console.page.locator("select[id^=ctl-chair-]").nth(1).select_option(label="Bob")
    expect(alice.page.locator(".chair-controls")).to_be_visible()
    expect(bob.page.locator(".chair-controls")).to_be_visible()
    alice.post(NEED, "Ryhmän 1 havainto")
    bob.post(NEED, "Ryhmän 2 havainto")
    expect(alice.note(NEED, "Ryhmän 2 havainto")).to_have_count(0)
    console.control("ctl-debrief-view").click()  # the question columns, each note with its group
    expect(console.page.locator("section.column h3").first).to_contain_text(NEED)
    expect(console.note(NEED, "Ryhmän 1 havainto").locator(".group-label")).to_have_text("Ryhmä 1")
    expect(console.note(NEED, "Ryhmän 2 havainto").locator(".group-label")).to_have_text("Ryhmä 2")
    console.control("ctl-debrief-view").click()
    console.control("ctl-debrief").click()
    for board in (alice, bob, console):
        board.expect_note(NEED, "Ryhmän 1 havainto")
        board.expect_note(NEED, "Ryhmän 2 havainto")
    expect(bob.note(NEED, "Ryhmän 1 havainto")).to_contain_text("Ryhmä 1")


def test_clustering_a_note_into_a_theme_with_the_keyboard_only(server, new_context):
    console, (alice,) = open_room(server, new_context, "Alice")
    alice.post(NEED, "Asiakaslähtöisyys")
    console.expect_note(NEED, "Asiakaslähtöisyys")
    page = console.page
    console.control("ctl-theme-title").focus()
    page.keyboard.type("Kohtaamisen taidot")
    page.keyboard.press("Enter")
    expect(page.locator("#ctl-theme-title")).to_have_value("")
    # Keyboard path: Tab to the note's menu, walk to the theme with arrow keys, choose it.
    button = console.note(NEED, "Asiakaslähtöisyys").locator("button.note-menu-button")
    expect(button).to_be_visible()
    page.locator("#step-title").focus()
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement?.dataset.action === 'menu'"):
            break
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    for _ in range(10):
        if page.evaluate("() => document.activeElement.textContent") == "Kohtaamisen taidot":
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    section = console.column(NEED).locator(".theme-section", has_text="Kohtaamisen taidot")
    expect(section.locator("li.note")).to_have_count(1)
    alice_section = alice.column(NEED).locator(".theme-section", has_text="Kohtaamisen taidot")
    expect(alice_section).to_contain_text("Asiakaslähtöisyys")


def test_a_locked_step_is_read_only_for_participants(server, new_context):
    console, (alice,) = open_room(server, new_context, "Alice")
    alice.post(NEED, "Ennen lukitusta")
    expect(alice.note(NEED, "Ennen lukitusta").locator("button.note-menu-button")).to_have_count(1)
    console.control("ctl-lock").check()
    expect(alice.page.locator(".step-status")).to_contain_text("lukittu")
    expect(alice.column(NEED).locator("form.composer")).to_be_hidden()
    alice.expect_note(NEED, "Ennen lukitusta")
    # Nothing to change on a locked step: the note carries no menu.
    expect(alice.note(NEED, "Ennen lukitusta").locator("button.note-menu-button")).to_have_count(0)
    console.control("ctl-lock").uncheck()
    expect(alice.column(NEED).locator("form.composer")).to_be_visible()
