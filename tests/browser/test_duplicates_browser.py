"""One browser, many participants: the facilitator's console groups the participants made in
one browser, and removes all but the first of them with the keyboard, after confirming."""

import pytest
from playwright.sync_api import Page, expect

from .rooms import axe_violations, create_workshop, join, open_console

pytestmark = pytest.mark.browser


def join_again_in_the_same_browser(page: Page, server, workshop: dict) -> Page:
    """What a vote-stuffer does: forget this workshop's participant (not the browser) and join
    anew, anonymously."""
    page.goto(f"{server.url}/accessibility")  # same origin, no board rejoining in the meantime
    page.evaluate(
        """code => Object.keys(localStorage)
            .filter((key) => key.startsWith(`pajapohja:${code}`))
            .forEach((key) => localStorage.removeItem(key))""",
        workshop["join_code"],
    )
    return join(page, server, workshop, None)


def room_with_copies(server, new_context, language: str):
    """A console; three anonymous participants made in one browser; Pirjo in another."""
    workshop = create_workshop(server, language)
    console = open_console(new_context().new_page(), server, workshop, language)
    one_browser = new_context()
    copies = [join_again_in_the_same_browser(one_browser.new_page(), server, workshop)]
    copies += [join_again_in_the_same_browser(one_browser.new_page(), server, workshop)]
    copies += [join_again_in_the_same_browser(one_browser.new_page(), server, workshop)]
    pirjo = join(new_context().new_page(), server, workshop, "Pirjo")
    expect(console.locator("#presence-count")).to_contain_text("4")
    return console, copies, pirjo


def test_facilitator_removes_all_but_the_first_of_one_browsers_participants(server, new_context):
    console, copies, pirjo = room_with_copies(server, new_context, "fi")
    panel = console.locator("#duplicates")
    browser_group = panel.locator("section.duplicate-group").filter(
        has=console.get_by_role("heading", name="3 osallistujaa samasta selaimesta")
    )
    expect(browser_group.get_by_role("listitem")).to_have_count(3)
    expect(browser_group.get_by_role("listitem").first).to_contain_text(
        "Nimetön (liittyi ensimmäisenä)"
    )
    # Everyone here is on one address (127.0.0.1): that is a group too, and said to be weaker.
    expect(
        panel.get_by_role("heading", name="4 osallistujaa samasta verkko-osoitteesta")
    ).to_be_visible()
    expect(browser_group.get_by_role("button", name="Poista Nimetön (2/3)")).to_be_visible()
    assert axe_violations(console) == []

    asked = []
    console.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    browser_group.get_by_role("button", name="Poista kaikki paitsi ensimmäinen (2)").focus()
    console.keyboard.press("Enter")

    expect(console.locator("#presence-count")).to_have_text("Osallistujia paikalla: 2")
    assert asked and asked[0].startswith("Poistetaanko työpajasta 2 osallistujaa")
    expect(panel.get_by_role("heading", name="3 osallistujaa samasta selaimesta")).to_have_count(0)
    expect(
        panel.get_by_role("heading", name="2 osallistujaa samasta verkko-osoitteesta")
    ).to_be_visible()
    for removed in copies[1:]:  # their connections were closed, and they are told why
        expect(removed.locator("#status")).to_have_text("Sinut on poistettu tästä työpajasta.")
    for kept in (copies[0], pirjo):
        expect(kept.locator("#status")).to_be_hidden()
    # The focus did not fall to the top of the page with the button it was on.
    assert console.evaluate("document.activeElement.closest('#duplicates') !== null")


def test_participants_never_see_the_grouping(server, new_context):
    _console, copies, pirjo = room_with_copies(server, new_context, "fi")
    for page in (*copies, pirjo):
        expect(page.locator("#duplicates")).to_have_count(0)
        assert "pajapohja:browser" not in page.content()


@pytest.mark.parametrize("language", ("sv", "en"))
def test_the_duplicates_panel_has_no_axe_violations(server, new_context, language):
    console, _copies, _pirjo = room_with_copies(server, new_context, language)
    expect(console.locator("#duplicates section.duplicate-group")).to_have_count(2)
    assert axe_violations(console) == []
