"""The wall is the main thing: at 1280×800 a participant sees the step, the timer and at least
20 one-line notes without scrolling, with 4 questions of 6 notes each, whether the notes are
other people's or their own (which carry more actions)."""

import pytest
from playwright.sync_api import Page, expect

from .rooms import FacilitatorSocket, create_workshop, join

pytestmark = pytest.mark.browser

LAPTOP = {"viewport": {"width": 1280, "height": 800}}
PER_QUESTION = 6
QUESTIONS = 4


def notes_fully_in_view(page: Page) -> int:
    return page.evaluate(
        """() => [...document.querySelectorAll("li.note")].filter((note) => {
            const box = note.getBoundingClientRect();
            return box.height > 0 && box.top >= 0 && box.left >= 0
                && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
        }).length"""
    )


def header_height(page: Page) -> float:
    """How far down the page the first question column starts (the frame above the wall)."""
    return page.evaluate(
        "() => document.querySelector('section.column').getBoundingClientRect().top"
    )


def four_questions(workshop: dict) -> tuple[dict, list[dict]]:
    step = workshop["steps"][0]
    return step, step["prompts"][:QUESTIONS]


def expect_step_and_timer(page: Page, step: dict) -> None:
    expect(page.locator("#step-title")).to_have_text(step["title"])
    expect(page.locator("#step-title")).to_be_in_viewport(ratio=1)
    expect(page.locator(".timer-display")).to_be_in_viewport(ratio=1)


def test_wall_shows_twenty_notes_at_1280x800(server, new_context):
    # Other people's notes: the facilitator writes 6 one-line notes on each of 4 questions.
    workshop = create_workshop(server, "fi", "Seinä")
    step, prompts = four_questions(workshop)
    host = FacilitatorSocket(server, workshop)
    try:
        for prompt in prompts:
            for n in range(PER_QUESTION):
                ack = host.call(
                    "note.add",
                    {"step_id": step["id"], "prompt_id": prompt["id"], "text": f"Ajatus {n + 1}"},
                )
                assert ack["ok"], ack
        assert host.call("timer.start", {"step_id": step["id"], "seconds": 600})["ok"]
    finally:
        host.close()
    page = join(new_context(**LAPTOP).new_page(), server, workshop, "Aino")
    expect(page.locator("li.note")).to_have_count(QUESTIONS * PER_QUESTION)
    expect_step_and_timer(page, step)
    others = notes_fully_in_view(page)
    print(
        f"\nothers' notes fully visible at 1280x800: {others} "
        f"(columns start {header_height(page):.0f} px down)"
    )

    # The participant's own notes, each with what its author may do to it.
    workshop = create_workshop(server, "fi", "Oma seinä")
    step, prompts = four_questions(workshop)
    page = join(new_context(**LAPTOP).new_page(), server, workshop, "Aino")
    for index, prompt in enumerate(prompts):
        for n in range(PER_QUESTION):
            box = page.locator(
                f"section.column[data-prompt-id='{prompt['id']}'] form.composer textarea"
            )
            box.fill(f"Oma {index + 1}.{n + 1}")
            box.press("Enter")
    expect(page.locator("li.note.mine")).to_have_count(QUESTIONS * PER_QUESTION)
    expect(page.locator("li.note.pending")).to_have_count(0)
    host = FacilitatorSocket(server, workshop)
    try:
        assert host.call("timer.start", {"step_id": step["id"], "seconds": 600})["ok"]
    finally:
        host.close()
    page.evaluate("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }")
    expect_step_and_timer(page, step)
    own = notes_fully_in_view(page)
    print(f"own notes fully visible at 1280x800: {own}")
    assert others >= 20, others
    assert own >= 20, own
