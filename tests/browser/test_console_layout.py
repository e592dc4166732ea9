"""Measured layout of the room: what a facilitator sees on the first screen of a laptop, without
scrolling. The figures are printed (run with ``-s``) for the closing note's before/after."""

import re

import pytest
from playwright.sync_api import expect

from .pages import LoginPage

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}


def demo_console(server, new_context, viewport):
    """The console of workshop 1 of the example series (`pajapohja demo`), at ``viewport``."""
    output = server.cli("demo", "--language", "fi", "--email", server.facilitator_email)
    console_url = re.findall(r"(http\S+/w/\d+)\s+\(\S+: (http\S+)\)", output)[0][0]
    host = LoginPage(new_context(viewport=viewport).new_page(), server.url).log_in(
        server.facilitator_email
    )
    host.page.goto(console_url)
    expect(host.page.locator("#step-title")).not_to_be_empty()
    return host.page


def assert_first_screen(server, new_context, viewport):
    page = demo_console(server, new_context, viewport)
    column = page.locator("section.column").first
    first_control = page.locator("#controls").get_by_role("button", name="Aloita ajastin")
    expect(column).to_be_visible()
    expect(first_control).to_be_visible()
    column_top = column.bounding_box()["y"]
    control = first_control.bounding_box()
    size = f"{viewport['width']}x{viewport['height']}"
    print(
        f"\nconsole {size}: first question column top {column_top:.0f} px, "
        f"'Aloita ajastin' top {control['y']:.0f} px, bottom {control['y'] + control['height']:.0f}"
    )
    assert page.evaluate("window.scrollY") == 0
    assert column_top < viewport["height"] - 100, "the board starts below the first screen"
    assert control["y"] + control["height"] <= viewport["height"], "the step's controls are below"


def test_console_first_screen_at_1366x768(server, new_context):
    assert_first_screen(server, new_context, LAPTOP)


def test_console_first_screen_at_1280x800(server, new_context):
    assert_first_screen(server, new_context, {"width": 1280, "height": 800})
