"""The README's pictures: the example series from `pajapohja demo`, opened through the
facilitator console and a participant's board, photographed. The test fails if a picture cannot
be made, so the README never shows a screen the app can no longer show.

Tests never rewrite tracked files: the pictures go to the test's temporary directory unless
``PAJAPOHJA_SCREENSHOTS`` names a directory, as when the README's pictures are renewed on
purpose::

    PAJAPOHJA_SCREENSHOTS=docs/images python -m pytest tests/browser/test_readme_screenshots.py
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .pages import BoardPage, LoginPage
from .rooms import PHONE

pytestmark = pytest.mark.browser

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
BOARD = {"width": 1280, "height": 800}
CONSOLE = {"width": 1366, "height": 768}


def example_addresses(output: str) -> list[tuple[str, str]]:
    """(console URL, join URL) of each workshop the demo command printed."""
    return re.findall(r"(http\S+/w/\d+)\s+\(participants: (http\S+)\)", output)


def assert_picture(path: Path) -> None:
    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE), path
    assert len(data) > 20_000, f"{path} is suspiciously small ({len(data)} bytes)"


@pytest.fixture
def images(tmp_path) -> Path:
    """Where the pictures go: ``PAJAPOHJA_SCREENSHOTS`` when asked for, else a temporary
    directory."""
    wanted = os.environ.get("PAJAPOHJA_SCREENSHOTS")
    return Path(wanted) if wanted else tmp_path


def test_readme_pictures_of_the_board_and_the_summary_come_from_the_example(
    server, new_context, images
):
    output = server.cli("demo", "--language", "en", "--email", server.facilitator_email)
    workshops = example_addresses(output)
    assert len(workshops) == 3, output
    console_url, join_url = workshops[0]

    host = LoginPage(new_context(viewport=CONSOLE).new_page(), server.url).log_in(
        server.facilitator_email
    )
    host.page.goto(console_url)
    console = BoardPage(host.page)
    console.wait_until_live()
    expect(host.page.locator("#controls")).to_contain_text("Open voting")

    participant = new_context(viewport=BOARD, locale="en-GB").new_page()
    participant.goto(join_url)
    participant.get_by_label("Your name (optional)").fill("Maria")
    participant.get_by_role("button", name="Join", exact=True).click()
    board = BoardPage(participant)
    board.wait_until_live()
    expect(participant.locator("#step-title")).to_contain_text("development themes")
    # (after the vote the clusters are ranked: the most voted theme comes first)
    expect(participant.locator(".theme-section", has_text="Opening and closing")).to_have_count(1)
    participant.locator("#board").scroll_into_view_if_needed()
    participant.screenshot(path=str(images / "board.png"))
    assert_picture(images / "board.png")

    # The same board on a phone: the step, the pinned bar and "+ New note" on the first screen.
    phone = new_context(**PHONE, locale="en-GB").new_page()
    phone.goto(join_url)
    phone.get_by_label("Your name (optional)").fill("Leena")
    phone.get_by_role("button", name="Join", exact=True).click()
    BoardPage(phone).wait_until_live()
    expect(phone.locator("#step-title")).to_contain_text("development themes")
    phone.screenshot(path=str(images / "phone.png"))
    assert_picture(images / "phone.png")

    # The console as the facilitator runs the room: the join chip, the board, the step's controls.
    # Maria and Leena are both here (presence reaches the console within about a second).
    expect(host.page.locator("#ctl-progress")).to_contain_text("0/2 are done")
    host.page.screenshot(path=str(images / "console.png"))
    assert_picture(images / "console.png")

    host.page.get_by_role("link", name="Preview the summary").click()
    expect(host.page.get_by_role("heading", level=1)).to_contain_text("Workshop 1")
    expect(host.page.locator("main")).to_contain_text("(5 votes)")
    host.page.screenshot(path=str(images / "summary.png"))
    assert_picture(images / "summary.png")


def test_readme_picture_of_the_presenter_view_comes_from_the_example(server, new_context, images):
    output = server.cli("demo", "--language", "en", "--email", server.facilitator_email)
    console_url, _join_url = example_addresses(output)[0]
    host = LoginPage(new_context(viewport={"width": 1280, "height": 720}).new_page(), server.url)
    host.log_in(server.facilitator_email)
    host.page.goto(f"{console_url}/present?lang=en")
    expect(host.page.locator("#step-title")).to_contain_text("development themes")
    expect(host.page.locator("ol.present-ranking > li").first).to_contain_text("votes")
    host.page.screenshot(path=str(images / "present.png"))
    assert_picture(images / "present.png")
