"""The wall: compact note cards with one menu each (keyboard and touch), a theme chosen only on
an explicit choice, card forms and long notes that never lose what was typed, refusals that
show, the small groups' debrief on the normal question columns, and the workshop's language
on its own content."""

import re

import pytest
from playwright.sync_api import Page, expect

from .pages import BoardPage, JoinPage
from .rooms import (
    FacilitatorSocket,
    api,
    axe_violations,
    create_workshop,
    join,
    open_console,
    open_controls,
    post,
)

pytestmark = pytest.mark.browser

NEED = "Millaisia tietoja, taitoja ja asenteita tarvitaan?"
PHONE = {"viewport": {"width": 360, "height": 740}, "has_touch": True, "is_mobile": True}


def active(page: Page, selector: str) -> bool:
    return page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector)


def menu_button(page: Page, text: str):
    note = page.locator("li.note", has=page.locator(".note-text", has_text=text))
    return note.get_by_role("button", name=re.compile(f"^Toiminnot {text}"))


def test_note_actions_sit_behind_one_menu_that_works_by_keyboard(server, new_context):
    workshop = create_workshop(server, "fi")
    page = join(new_context().new_page(), server, workshop, "Kaisa")
    post(page, "Kuuntelu")
    post(page, "Kohtaaminen")
    note = page.locator("li.note", has=page.locator(".note-text", has_text="Kuuntelu"))
    # No permanent edit/delete buttons on the card: one menu button.
    expect(note.get_by_role("button", name="Muokkaa")).to_have_count(0)
    button = menu_button(page, "Kuuntelu")
    expect(button).to_have_attribute("aria-expanded", "false")
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    menu = note.locator(".note-menu")
    expect(menu.get_by_role("button", name="Muokkaa")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(menu.get_by_role("button", name="Poista")).to_be_focused()
    # A note arriving from someone else re-renders the wall: the menu stays open, focus stays.
    host = FacilitatorSocket(server, workshop)
    try:
        step = workshop["steps"][0]
        ack = host.call(
            "note.add",
            {"step_id": step["id"], "prompt_id": step["prompts"][0]["id"], "text": "Uusi"},
        )
        assert ack["ok"], ack
    finally:
        host.close()
    expect(page.locator(".note-text", has_text="Uusi")).to_have_count(1)
    expect(menu.get_by_role("button", name="Poista")).to_be_focused()
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()
    expect(button).to_be_focused()
    # Space opens too; only one menu is open at a time.
    page.keyboard.press(" ")
    expect(button).to_have_attribute("aria-expanded", "true")
    other = menu_button(page, "Kohtaaminen")
    other.focus()  # (the open menu covers the next note: a pointer would first close it)
    page.keyboard.press("Enter")
    expect(other).to_have_attribute("aria-expanded", "true")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(page.locator(".note-menu:visible")).to_have_count(1)
    # Tabbing out of the open menu closes it.
    page.keyboard.press("Shift+Tab")
    expect(other).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(other).to_have_attribute("aria-expanded", "false")


def test_note_menu_works_by_touch(server, new_context):
    workshop = create_workshop(server, "fi")
    page = join(new_context(**PHONE).new_page(), server, workshop, "Kaisa")
    post(page, "Kuuntelu")
    button = menu_button(page, "Kuuntelu")
    button.tap()
    expect(button).to_have_attribute("aria-expanded", "true")
    note = page.locator("li.note", has=page.locator(".note-text", has_text="Kuuntelu"))
    note.locator(".note-menu").get_by_role("button", name="Muokkaa").tap()
    editor = page.locator("li.note textarea")
    expect(editor).to_have_value("Kuuntelu")
    editor.fill("Kuuntelu ja läsnäolo")
    page.locator("li.note").get_by_role("button", name="Tallenna").tap()
    expect(page.locator(".note-text")).to_have_text(["Kuuntelu ja läsnäolo"])
    expect(page.locator("li.note .edited")).to_have_text("muokattu")  # its words changed
    # Tapping elsewhere closes an open menu.
    button = menu_button(page, "Kuuntelu ja läsnäolo")
    button.tap()
    expect(button).to_have_attribute("aria-expanded", "true")
    page.locator("#step-title").tap()
    expect(button).to_have_attribute("aria-expanded", "false")


def test_theme_moves_a_note_only_on_an_explicit_choice(server, new_context):
    workshop = create_workshop(server, "fi")
    console = open_console(new_context().new_page(), server, workshop, "fi")
    page = join(new_context().new_page(), server, workshop, "Kaisa")
    post(page, "Kuuntelu")
    open_controls(console)
    console.locator("#ctl-cluster").check()
    for count, title in enumerate(("Kohtaamisen taidot", "Verkostot"), start=1):
        console.locator("#ctl-theme-title").fill(title)
        console.locator("#ctl-theme-add").click()
        expect(console.locator("section.column").first.locator(".theme-section")).to_have_count(
            count
        )
    column = page.locator("section.column").first
    expect(column.locator(".theme-section")).to_have_count(2)
    button = menu_button(page, "Kuuntelu")
    button.focus()
    page.keyboard.press("Enter")
    menu = page.locator(".note-menu:visible")
    theme = menu.get_by_role("button", name="Verkostot")
    for _ in range(6):  # walking through the choices moves nothing
        page.keyboard.press("ArrowDown")
    expect(column.locator(".loose-section li.note")).to_have_count(1)
    expect(console.locator(".theme-section li.note")).to_have_count(0)
    theme.focus()
    page.keyboard.press("Enter")  # the explicit choice
    cluster = column.locator(".theme-section", has_text="Verkostot")
    expect(cluster.locator("li.note")).to_have_count(1)
    expect(
        console.locator(".theme-section", has_text="Verkostot").locator("li.note")
    ).to_have_count(1)
    expect(menu_button(page, "Kuuntelu")).to_be_focused()


def test_card_form_keeps_what_was_typed_and_names_the_empty_field(server, new_context):
    workshop = api(
        server,
        "POST",
        "/workshops",
        {"title": "Kortit", "template": "hyvanmitta-training-plan", "index": 2, "language": "fi"},
    )
    card_step = workshop["steps"][1]  # target groups: a card with required fields
    page = join(new_context().new_page(), server, workshop, "Kaisa")
    page.locator("#step-nav button.step-button", has_text="Kohderyhmät").click()
    expect(page.locator("#step-title")).to_have_text(card_step["title"])
    form = page.locator("section.column form.composer").first
    form.get_by_label("Kohderyhmä", exact=False).fill("Esihenkilöt")
    form.get_by_role("button", name="Lähetä").click()
    expect(form.locator(".error")).to_be_visible()
    expect(form.get_by_label("Kohderyhmä", exact=False)).to_have_value("Esihenkilöt")  # kept
    empty = form.get_by_label("Tavoite", exact=False)
    expect(form.locator(".error")).to_contain_text("Tavoite")
    expect(empty).to_have_attribute("aria-invalid", "true")
    expect(empty).to_be_focused()
    error_id = form.locator(".error").get_attribute("id")
    assert error_id in (empty.get_attribute("aria-describedby") or "").split()
    expect(form).to_contain_text("* = pakollinen")  # what the star means
    expect(page.locator("li.note")).to_have_count(0)


def test_a_note_over_the_limit_is_refused_with_a_counter_and_kept(server, new_context):
    workshop = create_workshop(server, "fi")
    page = join(new_context().new_page(), server, workshop, "Kaisa")
    box = page.locator("section.column").first.locator("form.composer textarea")
    long_text = ("sana " * 410).strip()  # 2,049 characters
    box.fill(long_text[:1950])
    counter = page.locator("section.column").first.locator(".char-count")
    expect(counter).to_be_visible()
    expect(counter).to_contain_text("1950")
    box.fill(long_text)
    expect(counter).to_contain_text("2049")
    box.press("Enter")
    error = page.locator("section.column").first.locator("form.composer .error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("2000")
    expect(box).to_have_value(long_text)  # not cut mid-word, not wiped
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(page.locator("li.note")).to_have_count(0)


def test_a_vote_past_the_budget_is_refused_visibly(server, new_context):
    workshop = create_workshop(server, "fi")
    step = workshop["steps"][0]
    context = new_context()
    first = join(context.new_page(), server, workshop, "Kaisa")
    post(first, "Kuuntelu")
    post(first, "Kohtaaminen")
    # The same participant in a second tab, which has not heard of the first tab's vote.
    second = context.new_page()
    second.goto(f"{server.url}/j/{workshop['join_code']}")
    BoardPage(second).wait_until_live()
    host = FacilitatorSocket(server, workshop)
    try:
        ack = host.call(
            "voting.open", {"step_id": step["id"], "votes_per_participant": 1, "max_per_note": 1}
        )
        assert ack["ok"], ack
    finally:
        host.close()
    vote = "li.note:has(.note-text:text('{}')) button.vote"
    first.locator(vote.format("Kuuntelu")).click()
    expect(first.locator(".voting-notice")).to_contain_text("0")
    second.locator(vote.format("Kohtaaminen")).click()
    notice = second.locator("#notices .notice")
    expect(notice).to_be_visible()
    expect(notice).to_have_attribute("role", "alert")
    expect(notice).to_contain_text("Olet käyttänyt kaikki äänesi")
    # Where the budget is known to be spent, the other vote buttons look and are disabled.
    expect(first.locator(vote.format("Kohtaaminen"))).to_be_disabled()


def test_debrief_shows_the_question_columns_with_each_note_labelled_by_its_group(
    server, new_context
):
    workshop = create_workshop(server, "fi")
    step = workshop["steps"][0]
    console = open_console(new_context().new_page(), server, workshop, "fi")
    alice = JoinPage(new_context().new_page(), f"{server.url}/j/{workshop['join_code']}").join(
        "Alice"
    )
    open_controls(console)
    console.locator("#ctl-group-count").fill("2")
    console.locator("#ctl-group-mode").select_option("choose")
    console.locator("#ctl-groups-create").click()
    alice.page.get_by_role("button", name="Ryhmä 1", exact=False).click()
    expect(alice.page.locator(".my-group")).to_contain_text("Ryhmä 1")
    alice.post(NEED, "Ryhmän havainto")
    board = BoardPage(console)
    board.expect_note(NEED, "Ryhmän havainto")
    console.locator("#ctl-debrief-view").click()
    titles = console.locator("section.column h3")
    expect(titles.first).to_contain_text(step["prompts"][0]["title"])
    expect(board.note(NEED, "Ryhmän havainto")).to_contain_text("Ryhmä 1")
    console.locator("#ctl-debrief").click()
    for page in (alice, board):
        note = page.note(NEED, "Ryhmän havainto")
        expect(note.locator(".group-label")).to_have_text("Ryhmä 1")
        expect(note.locator(".edited")).to_have_count(0)  # moved, not edited
    expect(titles.first).to_contain_text(step["prompts"][0]["title"])


def test_workshop_content_carries_the_workshop_language(server, new_context):
    workshop = create_workshop(server, "sv", "Svensk workshop")
    step = workshop["steps"][0]
    console = open_console(new_context().new_page(), server, workshop, "sv")
    open_controls(console)
    console.locator("#ctl-cluster").check()
    console.locator("#ctl-theme-title").fill("Färdigheter")
    console.locator("#ctl-theme-add").click()
    page = new_context().new_page()
    page.goto(f"{server.url}/j/{workshop['join_code']}?lang=fi")
    page.locator("#join-anonymous").click()
    BoardPage(page).wait_until_live()
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    post(page, "Lyssnande")
    heading = page.locator("section.column h3").first
    expect(heading.locator("[lang=sv]")).to_have_text(step["prompts"][0]["title"])
    expect(page.locator(".note-body").first).to_have_attribute("lang", "sv")
    expect(page.locator(".theme-title").first).to_have_attribute("lang", "sv")
    # In the workshop's own language nothing needs marking.
    plain = new_context().new_page()
    plain.goto(f"{server.url}/j/{workshop['join_code']}?lang=sv")
    plain.locator("#join-anonymous").click()
    BoardPage(plain).wait_until_live()
    expect(plain.locator(".note-body").first).not_to_have_attribute("lang", "sv")


@pytest.mark.parametrize("language", ("fi", "sv", "en"))
def test_board_with_a_note_menu_open_has_no_axe_violations(server, new_context, language):
    workshop = create_workshop(server, language)
    console = open_console(new_context().new_page(), server, workshop, language)
    page = join(new_context().new_page(), server, workshop, "Alice")
    post(page, "Kuuntelu")
    post(console, "Kohtaaminen")
    open_controls(console)
    console.locator("#ctl-cluster").check()
    console.locator("#ctl-theme-title").fill("Taidot")
    console.locator("#ctl-theme-add").click()
    console.locator("#ctl-voting").click()
    expect(page.locator("button.vote").first).to_be_enabled()
    for viewer in (page, console):
        viewer.locator("li.note button.note-menu-button").first.click()
        expect(viewer.locator(".note-menu:visible")).to_have_count(1)
        found = axe_violations(viewer)
        assert not found, "\n".join(found)
    # A note over the limit: the counter and the refusal.
    box = page.locator("section.column").first.locator("form.composer textarea")
    box.fill("x" * 2050)
    box.press("Enter")
    expect(page.locator("section.column").first.locator("form.composer .error")).to_be_visible()
    found = axe_violations(page)
    assert not found, "\n".join(found)


def test_after_the_vote_themes_are_ranked_clusters_with_their_totals(server, new_context):
    workshop = create_workshop(server, "fi")
    step = workshop["steps"][0]
    console = open_console(new_context().new_page(), server, workshop, "fi")
    page = join(new_context().new_page(), server, workshop, "Kaisa")
    for text in ("Kuuntelu", "Kohtaaminen", "Verkostot"):
        post(page, text)
    notes = {
        n["text"]: n["id"] for n in api(server, "GET", f"/workshops/{workshop['id']}")["notes"]
    }
    host = FacilitatorSocket(server, workshop)
    try:
        themes = {}
        for title in ("Eka", "Toka"):
            ack = host.call("theme.create", {"step_id": step["id"], "title": title})
            assert ack["ok"], ack
            themes[title] = ack["theme"]["id"]
        for text, title in (("Kuuntelu", "Eka"), ("Kohtaaminen", "Toka"), ("Verkostot", "Toka")):
            ack = host.call("note.theme", {"note_id": notes[text], "theme_id": themes[title]})
            assert ack["ok"], ack
        ack = host.call(
            "voting.open", {"step_id": step["id"], "votes_per_participant": 3, "max_per_note": 3}
        )
        assert ack["ok"], ack
        clusters = page.locator("section.column").first.locator(".theme-section .theme-title")
        expect(clusters).to_have_text(["Eka", "Toka"])  # in their own order while voting
        vote = page.locator("li.note", has=page.locator(".note-text", has_text="Verkostot"))
        for _ in range(3):
            vote.locator("button.vote").click()
        expect(vote.locator(".my-votes")).to_contain_text("3")
        assert host.call("voting.close", {"step_id": step["id"]})["ok"]
    finally:
        host.close()
    for viewer in (page, console):
        column = viewer.locator("section.column").first
        expect(column.locator(".theme-section .theme-title")).to_have_text(["Toka", "Eka"])
        expect(column.locator(".theme-section").first.locator(".theme-votes")).to_have_text(
            "Ääniä: 3"
        )
        expect(column.locator(".theme-section").first.locator(".note-text")).to_have_text(
            ["Verkostot", "Kohtaaminen"]
        )
