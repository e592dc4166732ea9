"""The participant's and the facilitator's main tasks with the keyboard alone: Tab, Enter, arrow
keys and typing, never a mouse click. Every element Tab passes shows a visible focus."""

import pytest
from playwright.sync_api import expect

from ..conftest import PASSWORD
from .rooms import create_workshop, open_console, open_controls, tab_to, wait_until_live

pytestmark = pytest.mark.browser


def active(page, selector: str) -> bool:
    return page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector)


def test_participant_joins_posts_edits_themes_votes_and_deletes_with_the_keyboard_only(
    server, new_context
):
    workshop = create_workshop(server, "fi")
    console = open_console(new_context().new_page(), server, workshop, "fi")  # the room's setup
    page = new_context().new_page()
    page.goto(f"{server.url}/j/{workshop['join_code']}")
    expect(page.locator("#join-name")).to_be_focused()
    page.keyboard.type("Kaisa")
    page.keyboard.press("Enter")
    wait_until_live(page)

    tab_to(page, "section.column textarea")
    page.keyboard.type("Kuuntelu")
    page.keyboard.press("Enter")
    note = page.locator("li.note", has=page.locator(".note-text", has_text="Kuuntelu"))
    expect(note).to_have_count(1)
    expect(page.locator("li.note.pending")).to_have_count(0)

    tab_to(page, "li.note button[data-action=menu]")
    page.keyboard.press("Enter")  # the note's menu opens on its first action
    assert active(page, "li.note .note-menu button[data-action=edit]")
    page.keyboard.press("Enter")
    assert active(page, "li.note textarea")
    page.keyboard.press("Control+A")
    page.keyboard.type("Kuuntelu ja kohtaaminen")
    page.keyboard.press("Enter")
    expect(page.locator(".note-text")).to_have_text(["Kuuntelu ja kohtaaminen"])
    assert active(page, "li.note button")

    open_controls(console)
    console.locator("#ctl-cluster").check()
    console.locator("#ctl-theme-title").fill("Kohtaamisen taidot")
    console.locator("#ctl-theme-add").click()
    expect(page.locator("section.column").first.locator(".theme-section")).to_have_count(1)
    page.locator("#step-title").focus()
    tab_to(page, "li.note button[data-action=menu]")
    page.keyboard.press("Enter")
    # The non-drag way into a theme (WCAG 2.5.7): walk the menu, choose the theme.
    for _ in range(5):
        if active(page, ".note-menu button[data-action^=theme-]:not([data-action=theme-none])"):
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    theme = page.locator("section.column").first.locator(".theme-section")
    expect(theme.locator("li.note")).to_have_count(1)
    expect(console.locator(".theme-section li.note")).to_have_count(1)
    assert active(page, "li.note button[data-action=menu]"), "the focus is back on the note's menu"

    console.locator("#ctl-voting").click()
    expect(page.locator("button.vote")).to_be_enabled()
    tab_to(page, "li.note button[data-action=vote]")
    page.keyboard.press("Enter")
    expect(page.locator(".my-votes")).to_be_visible()
    assert active(page, "li.note button"), "the focus stays on the note after voting"
    console.locator("#ctl-voting").click()  # close the vote
    expect(page.locator(".voting-notice")).to_have_count(0)

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#step-title").focus()
    tab_to(page, "li.note button[data-action=menu]")
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowDown")
    assert active(page, ".note-menu button[data-action=delete]")
    page.keyboard.press("Enter")
    expect(page.locator("li.note")).to_have_count(0)
    # After deleting, typing continues (once the server has confirmed the deletion).
    expect(page.locator("section.column textarea").first).to_be_focused()


def test_facilitator_runs_a_workshop_and_downloads_the_summary_with_the_keyboard_only(
    server, new_context
):
    page = new_context().new_page()
    page.goto(f"{server.url}/login")
    tab_to(page, "#email")
    page.keyboard.type(server.facilitator_email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("#list-heading")).to_be_visible()

    tab_to(page, "#title")
    page.keyboard.type("Näppäimistön työpaja")
    page.keyboard.press("Enter")
    wait_until_live(page)
    expect(page.locator("h1")).to_have_text("Näppäimistön työpaja")

    tab_to(page, "#step-nav li:nth-child(2) button")
    page.keyboard.press("Enter")
    expect(page.locator("#step-nav li:nth-child(2) button")).to_have_attribute(
        "aria-current", "step"
    )
    assert active(page, "#step-title")
    expect(page.locator("#ctl-where")).to_have_text("Katselet vaihetta 2 · Live: vaihe 1")
    tab_to(page, "#ctl-goto")
    page.keyboard.press("Enter")  # everyone here: the button is spent, the focus stays near
    expect(page.locator("#ctl-where")).to_have_text("Katselet live-vaihetta (2)")
    expect(page.locator("#ctl-goto")).to_be_disabled()
    assert not active(page, "body")

    tab_to(page, "#ctl-timer-start")
    page.keyboard.press("Enter")
    expect(page.locator(".timer")).to_be_visible()

    tab_to(page, "#ctl-hide")
    page.keyboard.press("Enter")  # private brainstorming
    expect(page.locator(".step-status .notice")).to_have_count(1)
    assert active(page, "#ctl-hide")
    page.keyboard.press("Enter")  # reveal
    expect(page.locator(".step-status .notice")).to_have_count(0)

    tab_to(page, "#ctl-voting")
    page.keyboard.press("Enter")  # open
    expect(page.locator("#ctl-voting")).to_have_class("primary")
    assert active(page, "#ctl-voting")
    page.keyboard.press("Enter")  # close and rank
    expect(page.locator(".step-status .notice")).to_have_count(1)

    tab_to(page, "#ctl-groups-summary")  # small groups fold away where the step has none
    page.keyboard.press("Enter")
    tab_to(page, "#ctl-groups-create")
    page.keyboard.press("Enter")
    expect(page.locator("#ctl-debrief-view")).to_be_visible()
    tab_to(page, "input[id^=ctl-group-name-]")
    page.keyboard.press("Control+A")
    page.keyboard.type("Asiakastyö")
    page.keyboard.press("Enter")  # renames
    expect(page.locator("#controls .group-list input").first).to_have_value("Asiakastyö")
    questions = page.locator("section.column h3").all_inner_texts()
    tab_to(page, "#ctl-debrief-view")
    page.keyboard.press("Enter")
    expect(page.locator("#ctl-debrief-view-state")).to_contain_text("päällä")
    # The debrief shows the plenary board (the step's questions, each note with its group), not
    # a column per group that leaves the facilitator's board empty.
    expect(page.locator("section.column h3")).to_have_text(questions)
    assert active(page, "#ctl-debrief-view")
    page.once("dialog", lambda dialog: dialog.accept())
    tab_to(page, "#ctl-groups-end")
    page.keyboard.press("Enter")
    expect(page.locator("#ctl-groups-create")).to_be_visible()
    assert not active(page, "body")

    tab_to(page, "#downloads a[href$='/summary.md']")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".md")
