"""The room's frame on the screens people use: on a 360 × 740 phone the first place to write is
on the first screen, also where a step shows starting points from earlier workshops; at
1280 × 800 the header above the columns is compact, so that the wall gets the room."""

import re

import pytest
from playwright.sync_api import expect

from .rooms import create_workshop, join, wait_until_live

pytestmark = pytest.mark.browser
PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
LAPTOP = {"viewport": {"width": 1280, "height": 800}}


@pytest.fixture(scope="module")
def demo(server):
    """The example series in Finnish: workshops 2 and 3 show starting points from workshop 1."""
    output = server.cli("demo", "--language", "fi", "--email", server.facilitator_email)
    return re.findall(r"(http\S+/w/\d+)\s+\(\S+: (http\S+)\)", output)


def join_url(page, url: str, name: str):
    page.goto(url)
    page.locator("#join-name").fill(name)
    page.locator("#join-button").click()
    wait_until_live(page)
    return page


def first_place_to_write(page) -> dict:
    """The first composer's textarea, or the "+ Uusi lappu" button that opens it on a phone."""
    button = page.locator("#new-note")
    target = button if button.count() and button.is_visible() else None
    if target is None:
        target = page.locator("form.composer textarea").first
    expect(target).to_be_visible()
    return target.bounding_box()


def test_phone_first_composer_is_on_the_first_screen(server, new_context, demo):
    workshop = create_workshop(server, "fi")
    page = join(new_context(**PHONE).new_page(), server, workshop, "Puhelin")
    box = first_place_to_write(page)
    print(f"\nphone, first step: the first place to write at y = {box['y']:.0f} px")
    assert box["y"] + box["height"] <= 740
    for console_url, url in demo[1:]:
        page = join_url(new_context(**PHONE).new_page(), url, "Puhelin")
        expect(page.locator(".references")).to_have_count(1)
        box = first_place_to_write(page)
        print(f"phone, {console_url} with starting points: y = {box['y']:.0f} px")
        assert box["y"] + box["height"] <= 740


def test_columns_start_near_the_top_at_1280(server, new_context, demo):
    workshop = create_workshop(server, "fi")
    page = join(new_context(**LAPTOP).new_page(), server, workshop, "Läppäri")
    top = page.locator("#columns").bounding_box()["y"]
    print(f"\n1280 × 800, first step: the columns start at y = {top:.0f} px")
    assert top <= 300
    page = join_url(new_context(**LAPTOP).new_page(), demo[1][1], "Läppäri")
    top = page.locator("#columns").bounding_box()["y"]
    print(f"1280 × 800, with starting points: the columns start at y = {top:.0f} px")
    assert top <= 300
