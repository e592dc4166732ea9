"""Phones and narrow screens: a 360 × 740 touch device posts, votes and switches between the
questions; at 320 CSS pixels wide (what 1280 px at 400 % zoom gives) nothing scrolls sideways."""

import pytest
from playwright.sync_api import expect

from .rooms import PHONE, create_workshop, join, open_console, open_controls, post

pytestmark = pytest.mark.browser


def scroll_width(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth")


def test_participant_on_a_phone_posts_votes_and_switches_between_questions(server, new_context):
    workshop = create_workshop(server, "fi")
    console = open_console(new_context().new_page(), server, workshop, "fi")
    page = new_context(**PHONE).new_page()
    join(page, server, workshop, "Puhelin")
    columns = page.locator("section.column")
    third = columns.nth(2)
    assert scroll_width(page) <= 360

    first_box = columns.first.locator("form.composer textarea")
    first_box.tap()
    first_box.fill("Kuunteleminen")
    columns.first.locator("form.composer button[type=submit]").tap()
    expect(columns.first.locator(".note-text")).to_have_text(["Kuunteleminen"])

    jump = page.locator("#column-jump")
    expect(jump).to_be_visible()
    third_title = third.locator("h3").evaluate("(h) => h.firstChild.textContent")
    jump.get_by_role("link", name=third_title).tap()
    expect(third).to_be_focused()
    expect(third.locator("h3")).to_be_in_viewport()
    third.locator("form.composer textarea").tap()
    third.locator("form.composer textarea").fill("Verkostot")
    third.locator("form.composer button[type=submit]").tap()
    expect(third.locator(".note-text")).to_have_text(["Verkostot"])

    console.locator("#ctl-voting").click()
    vote = third.locator("button.vote")
    vote.tap()
    expect(third.locator(".my-votes")).to_be_visible()
    expect(page.locator(".voting-notice")).to_contain_text("2")
    assert scroll_width(page) <= 360


def test_nothing_scrolls_sideways_at_320_pixels(server, new_context):
    narrow = {"viewport": {"width": 320, "height": 640}}
    workshop = create_workshop(server, "fi", title="Pitkä-nimisen-työpajan-otsikko-ilman-välejä")
    console = open_console(new_context(**narrow).new_page(), server, workshop, "fi")
    assert scroll_width(console) <= 320, "console"
    page = new_context(**narrow).new_page()
    page.goto(f"{server.url}/j/{workshop['join_code']}")
    expect(page.locator("#join-form-section")).to_be_visible()
    assert scroll_width(page) <= 320, "join page"
    join(page, server, workshop, "Kapea")
    post(page, "Hyvin-pitkä-sana-joka-ei-mahdu-kapealle-näytölle-ilman-rivitystä")
    open_controls(console)
    console.locator("#ctl-theme-title").fill("Teema")
    console.locator("#ctl-theme-add").click()
    console.locator("#ctl-voting").click()
    expect(page.locator(".voting-notice")).to_be_visible()
    assert scroll_width(page) <= 320, "board"
    assert scroll_width(console) <= 320, "console with themes and voting"
    for path in ("/accessibility", f"/w/{workshop['id']}/summary", "/"):
        console.goto(f"{server.url}{path}")
        assert scroll_width(console) <= 320, path
