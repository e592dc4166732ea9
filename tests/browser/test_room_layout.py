"""The room's frame on the screens people use: on a 360 × 740 phone the first place to write is
on the first screen, also where a step shows starting points from earlier workshops; at
1280 × 800 the header above the columns is compact, so that the wall gets the room."""

import re

import pytest
from playwright.sync_api import expect

from .rooms import PHONE, create_workshop, join, wait_until_live

pytestmark = pytest.mark.browser
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
    area = page.locator("form.composer textarea").first.bounding_box()
    print(f"  (the first textarea itself at y = {area['y']:.0f} px)" if area else "")
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


def test_new_note_button_opens_the_composer_of_the_question_in_view(server, new_context):
    workshop = create_workshop(server, "fi")
    page = join(new_context(**PHONE).new_page(), server, workshop, "Puhelin")
    columns = page.locator("section.column")
    new_note = page.locator("#new-note")
    expect(new_note).to_have_text("+ Uusi lappu")
    new_note.tap()
    expect(columns.first.locator("form.composer textarea")).to_be_focused()
    third = columns.nth(2)
    title = third.locator("h3").evaluate("(h) => h.firstChild.textContent")
    page.locator("#column-jump").get_by_role("link", name=title).tap()
    expect(third).to_be_focused()
    new_note.tap()
    expect(third.locator("form.composer textarea")).to_be_focused()
    expect(third.locator("form.composer textarea")).to_be_in_viewport()


def test_instruction_and_starting_points_open_on_demand(server, new_context, demo):
    page = join_url(new_context(**PHONE).new_page(), demo[1][1], "Puhelin")
    instructions = page.locator("#step-instructions")
    toggle = page.locator("#instructions-toggle")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    folded = instructions.bounding_box()["height"]
    toggle.tap()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(toggle).to_have_text("Näytä vähemmän")
    assert instructions.bounding_box()["height"] > folded
    references = page.locator("#references")
    expect(references).not_to_have_attribute("open", "")
    expect(references.locator(".reference").first).to_be_hidden()
    references.locator("summary").tap()
    expect(references.locator(".reference").first).to_be_visible()
