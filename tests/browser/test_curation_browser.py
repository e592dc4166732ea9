"""Curation on the board: a facilitator leaves a note or a whole question out of the documents
from the board itself, every facilitator's board marks it in words while it stays on the board,
and participants see nothing different. Themes carry a short description, written in the
console and shown under the theme's title on everyone's board."""

import re

import pytest
from playwright.sync_api import Page, expect

from .rooms import api, create_workshop, join, open_console, open_controls, post

pytestmark = pytest.mark.browser


def note_item(page: Page, text: str):
    return page.locator("li.note", has=page.locator(".note-text", has_text=text))


def choose_from_menu(page: Page, text: str, action: str) -> None:
    note_item(page, text).get_by_role("button", name=re.compile(f"^Toiminnot {text}")).click()
    page.locator(".note-menu").get_by_role("button", name=action).click()


def state(server, workshop: dict) -> dict:
    return api(server, "GET", f"/workshops/{workshop['id']}")


def room(server, new_context):
    """A workshop with two facilitator consoles and a participant who wrote two notes."""
    workshop = create_workshop(server, "fi")
    first = open_console(new_context().new_page(), server, workshop, "fi")
    second = open_console(new_context().new_page(), server, workshop, "fi")
    participant = join(new_context().new_page(), server, workshop, "Kaisa")
    post(participant, "Testilappu")
    post(participant, "Kuuntelu ja läsnäolo")
    for page in (first, second):
        expect(page.locator(".note-text")).to_have_count(2)
    return workshop, first, second, participant


def test_a_note_left_out_of_the_documents_is_marked_on_every_facilitators_board(
    server, new_context
):
    workshop, first, second, participant = room(server, new_context)
    choose_from_menu(first, "Testilappu", "Jätä pois dokumenteista")
    expect(first.locator("#announcer")).to_have_text("Jätetty pois dokumenteista.")
    for page in (first, second):
        left_out = note_item(page, "Testilappu")
        expect(left_out).to_have_class(re.compile(r"\bexcluded\b"))
        expect(left_out.locator(".excluded-mark")).to_have_text("Ei dokumenteissa")
        expect(page.locator("li.note.excluded")).to_have_count(1)  # only that one
    assert [n["excluded"] for n in state(server, workshop)["notes"]] == [True, False]
    # Still on the participant's board, looking as it did.
    expect(note_item(participant, "Testilappu")).to_be_visible()
    expect(participant.locator("li.note.excluded, .excluded-mark")).to_have_count(0)
    # The other facilitator takes it back.
    choose_from_menu(second, "Testilappu", "Palauta dokumentteihin")
    expect(second.locator("#announcer")).to_have_text("Palautettu dokumentteihin.")
    expect(first.locator("li.note.excluded, .excluded-mark:visible")).to_have_count(0)
    assert [n["excluded"] for n in state(server, workshop)["notes"]] == [False, False]


def test_a_question_left_out_of_the_documents_is_marked_on_its_column(server, new_context):
    workshop, first, second, participant = room(server, new_context)
    first.locator("section.column").first.get_by_role(
        "button", name="Jätä kysymys pois dokumenteista"
    ).click()
    expect(first.locator("#announcer")).to_have_text("Jätetty pois dokumenteista.")
    for page in (first, second):
        column = page.locator("section.column").first
        expect(column).to_have_class(re.compile(r"\bexcluded\b"))
        expect(column.locator("h3")).to_contain_text("Ei dokumenteissa")
        expect(column.get_by_role("button", name="Palauta kysymys dokumentteihin")).to_be_visible()
        expect(page.locator("section.column.excluded")).to_have_count(1)
        expect(column.locator(".note-text")).to_have_count(2)  # the notes stay
    step = state(server, workshop)["steps"][0]
    assert step["excluded_prompts"] == [step["prompts"][0]["id"]]
    expect(participant.locator("section.column").first.locator(".note-text")).to_have_count(2)
    expect(participant.locator("section.column.excluded, .excluded-mark")).to_have_count(0)
    expect(participant.locator("button.prompt-exclude")).to_have_count(0)
    # A console opened now shows it from the snapshot.
    third = open_console(new_context().new_page(), server, workshop, "fi")
    expect(third.locator("section.column.excluded")).to_have_count(1)
    second.locator("section.column").first.get_by_role(
        "button", name="Palauta kysymys dokumentteihin"
    ).click()
    expect(first.locator("section.column.excluded")).to_have_count(0)
    assert state(server, workshop)["steps"][0]["excluded_prompts"] == []


def test_a_theme_description_shows_under_its_title_on_a_participants_board(server, new_context):
    workshop, console, _, participant = room(server, new_context)
    open_controls(console)
    console.get_by_label("Uusi teema").fill("Kohtaamisen taidot")
    console.get_by_label("Kuvaus", exact=True).fill("Kuuntelu, läsnäolo ja asiakkaan arvostus")
    console.locator("#ctl-theme-add").click()
    expect(console.locator("#ctl-theme-title")).to_have_value("")
    expect(console.locator("#ctl-theme-description")).to_have_value("")
    choose_from_menu(console, "Kuuntelu ja läsnäolo", "Kohtaamisen taidot")
    cluster = participant.locator(".theme-section", has_text="Kohtaamisen taidot")
    expect(cluster.locator(".theme-description")).to_have_text(
        "Kuuntelu, läsnäolo ja asiakkaan arvostus"
    )
    [theme] = state(server, workshop)["themes"]
    assert theme["description"] == "Kuuntelu, läsnäolo ja asiakkaan arvostus"
    # Editing the theme in the console changes the description on the board.
    description = console.get_by_label("Teeman 1 kuvaus")
    description.fill("Kuuntelu ja läsnäolo")
    description.press("Enter")
    expect(cluster.locator(".theme-description")).to_have_text("Kuuntelu ja läsnäolo")
    description.fill("")
    console.get_by_role("button", name="Tallenna: Kohtaamisen taidot").click()
    expect(cluster.locator(".theme-description")).to_be_hidden()
    expect(cluster.locator("h4")).to_have_text("Kohtaamisen taidot")


def test_curating_still_works_once_the_workshop_is_closed(server, new_context):
    workshop = create_workshop(server, "fi")
    participant = join(new_context().new_page(), server, workshop, "Kaisa")
    post(participant, "Testilappu")
    console = open_console(new_context().new_page(), server, workshop, "fi")
    console.once("dialog", lambda dialog: dialog.accept())
    open_controls(console)
    console.locator("#ctl-close").click()
    expect(console.locator("#ctl-closed")).to_be_visible()
    choose_from_menu(console, "Testilappu", "Jätä pois dokumenteista")
    expect(console.locator("li.note.excluded .excluded-mark")).to_have_text("Ei dokumenteissa")
    console.locator("section.column").first.get_by_role(
        "button", name="Jätä kysymys pois dokumenteista"
    ).click()
    expect(console.locator("section.column.excluded")).to_have_count(1)
    document = state(server, workshop)
    assert document["workshop"]["status"] == "closed"
    assert [n["excluded"] for n in document["notes"]] == [True]
    assert document["steps"][0]["excluded_prompts"] == [document["steps"][0]["prompts"][0]["id"]]
