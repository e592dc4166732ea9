"""Theme suggestions in the console (issue #18): candidate theme names from the notes, a sorting
preview the facilitator corrects and accepts, likely duplicates merged. The note texts share exact
words with the theme names, so the right answers are the same for the exact-words baseline and
for a smarter engine; the one note that mentions both themes is the one the facilitator settles."""

import re

import pytest
from playwright.sync_api import expect

from ..server import Participant
from .rooms import (
    PHONE,
    axe_violations,
    create_workshop,
    join,
    open_console,
    open_controls,
    post,
    tab_to,
)

pytestmark = pytest.mark.browser

SECURITY = ["Tietoturva ja salasanat kuntoon", "Tietoturva koulutus kaikille"]
ONBOARDING = ["Perehdytys uusille työntekijöille", "Perehdytys kestää liian kauan"]
BOTH = "Tietoturva ja perehdytys yhdessä"  # the facilitator puts it under Perehdytys
LOOSE = "Kahvihuoneen remontti"
SHOTS = "/tmp/shots-ui"


def active(page, selector: str) -> bool:
    return page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector)


def room(server, new_context, language="fi", **console_options):
    workshop = create_workshop(server, language)
    console = open_console(new_context(**console_options).new_page(), server, workshop, language)
    participant = join(new_context().new_page(), server, workshop, "Kaisa")
    for text in [*SECURITY, *ONBOARDING, BOTH, LOOSE]:
        post(participant, text)
    expect(console.locator("section.column").first.locator("li.note")).to_have_count(6)
    return workshop, console, participant


def section_notes(page, title: str):
    column = page.locator("section.column").first
    section = column.locator(".theme-section").filter(
        has=page.locator("h4.theme-title", has_text=re.compile(f"^{title}$"))
    )
    return section.locator(".note-text")


def test_facilitator_sorts_notes_into_suggested_themes_with_the_keyboard_only(server, new_context):
    _, console, participant = room(server, new_context)
    open_controls(console)
    console.locator("#step-title").focus()

    tab_to(console, "#ctl-suggest")
    expect(console.locator("#ctl-sort")).to_be_disabled()  # no themes yet
    console.keyboard.press("Enter")
    candidate = (
        console.locator("#ctl-candidates li")
        .filter(has_text=re.compile(r"^tietoturva \(3 lappua\)", re.I))
        .get_by_role("button", name=re.compile("^Tee teema"))
    )
    expect(candidate).to_have_count(1)
    expect(console.locator("#ctl-suggest")).not_to_have_attribute("aria-busy", "true")

    tab_to(console, f"#{candidate.get_attribute('id')}")
    console.keyboard.press("Enter")
    expect(console.locator("#ctl-theme-1")).to_have_value("Tietoturva")
    expect(console.locator("section.column").first.locator(".theme-section h4")).to_have_text(
        ["Tietoturva"]
    )
    expect(candidate).to_have_count(0)  # made: gone from the candidates
    assert console.evaluate("() => document.activeElement !== document.body"), "focus kept"

    tab_to(console, "#ctl-theme-title")
    console.keyboard.type("Perehdytys")
    console.keyboard.press("Enter")
    expect(console.locator("#ctl-theme-2")).to_have_value("Perehdytys")
    # A candidate that is a theme already is not offered any more.
    expect(
        console.locator("#ctl-candidates li").filter(has_text=re.compile("^perehdytys", re.I))
    ).to_have_count(0)

    tab_to(console, "#ctl-sort")
    console.keyboard.press("Space")
    dialog = console.locator("#sort-dialog")
    expect(dialog).to_be_visible()
    assert active(console, "#sort-dialog, #sort-dialog *"), "the focus moves into the preview"
    expect(console.locator("#sort-summary")).to_have_text("5 lappua 2 teemaan, 1 jää ilman teemaa")
    select = dialog.get_by_label(SECURITY[0], exact=True)
    expect(select.locator("option:checked")).to_have_text("Tietoturva")
    expect(dialog.get_by_label(ONBOARDING[0]).locator("option:checked")).to_have_text("Perehdytys")
    expect(dialog.get_by_label(LOOSE).locator("option:checked")).to_have_text("Ei teemaa")

    # Escape closes the preview and gives the keyboard back to its opener.
    console.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert active(console, "#ctl-sort")
    console.keyboard.press("Enter")
    expect(dialog).to_be_visible()

    both = dialog.get_by_label(BOTH)
    tab_to(console, f"#{both.get_attribute('id')}")
    for _ in range(4):  # the keyboard's way through a closed select
        if both.locator("option:checked").inner_text() == "Perehdytys":
            break
        console.keyboard.press("ArrowDown")
        if both.locator("option:checked").inner_text() == "Ei teemaa":
            console.keyboard.press("Home")
    expect(both.locator("option:checked")).to_have_text("Perehdytys")
    tab_to(console, "#sort-accept")
    console.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    assert active(console, "#ctl-sort, #ctl-suggest"), "the keyboard is back in the themes box"
    expect(console.locator("#announcer")).to_have_text("5 lappua siirretty 2 teemaan.")

    for page in (participant, console):
        expect(section_notes(page, "Tietoturva")).to_have_text(SECURITY)
        expect(section_notes(page, "Perehdytys")).to_have_text([*ONBOARDING, BOTH])
        loose = page.locator("section.column").first.locator(".loose-section .note-text")
        expect(loose).to_have_text([LOOSE])


def test_offline_the_suggestions_say_they_wait_for_the_connection(server, new_context):
    _, console, _ = room(server, new_context)
    open_controls(console)
    console.context.set_offline(True)
    expect(console.locator("#board")).to_have_attribute("data-connected", "false")
    console.locator("#ctl-suggest").click()
    expect(console.locator("#ctl-suggestions-error")).to_be_visible()
    expect(console.locator("#ctl-suggest")).to_be_enabled()


def test_similar_notes_are_merged_from_the_suggestions(server, new_context):
    _, console, participant = room(server, new_context)
    post(participant, "Tietoturva ja salasanat kuntoon!")  # the same note, written twice
    open_controls(console)
    console.locator("#ctl-suggest").click()
    group = console.locator(".similar-group").filter(has_text="Tietoturva ja salasanat kuntoon")
    expect(group.first.locator(".similar-text")).to_have_count(2)
    group.first.get_by_role("button", name=re.compile("^Yhdistä")).click()
    expect(participant.locator(".note-text", has_text=SECURITY[0])).to_have_count(1)
    expect(participant.locator(".note-text", has_text=SECURITY[0])).to_contain_text("kuntoon!")
    expect(console.locator(".similar-group")).to_have_count(0)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_suggestions_and_the_preview_have_no_axe_violations(server, new_context, language):
    _, console, _ = room(server, new_context, language)
    open_controls(console)
    console.locator("#ctl-suggest").click()
    expect(console.locator("#ctl-candidates button").first).to_be_visible()
    assert axe_violations(console) == [], "console with the candidates"
    console.locator("#ctl-candidates button").first.click()
    expect(console.locator("#ctl-sort")).to_be_enabled()
    console.locator("#ctl-sort").click()
    expect(console.locator("#sort-dialog")).to_be_visible()
    assert axe_violations(console) == [], "console with the preview open"


@pytest.mark.parametrize(
    "size", [(1280, 800), (1366, 768), (360, 740)], ids=["1280", "1366", "360"]
)
def test_screenshots_of_the_candidates_and_the_preview(server, new_context, size):
    width, height = size
    options = PHONE if width == 360 else {"viewport": {"width": width, "height": height}}
    _, console, _ = room(server, new_context, **options)
    open_controls(console)
    console.locator("#ctl-suggest").click()
    expect(console.locator("#ctl-candidates button").first).to_be_visible()
    console.locator("#ctl-suggestions").scroll_into_view_if_needed()
    console.screenshot(path=f"{SHOTS}/candidates-{width}.png")
    console.locator("#ctl-candidates button").first.click()
    console.locator("#ctl-sort").click()
    expect(console.locator("#sort-dialog")).to_be_visible()
    console.screenshot(path=f"{SHOTS}/preview-{width}.png")
    overflow = console.evaluate(
        "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
    assert not overflow, "nothing runs off the side of the page"


def test_a_proposal_the_engine_is_unsure_of_says_so(server, new_context):
    """With only "Perehdytys" to sort into, the security training note leans towards it only
    because the note on both shares its word: proposed, but marked uncertain; a note named
    after the theme is not."""
    _, console, _ = room(server, new_context)
    open_controls(console)
    console.locator("#ctl-theme-title").fill("Perehdytys")
    console.locator("#ctl-theme-add").click()
    expect(console.locator("#ctl-sort")).to_be_enabled()
    expect(console.locator("#ctl-sort-hint")).to_contain_text("kuvauksiin")
    console.locator("#ctl-sort").click()
    dialog = console.locator("#sort-dialog")
    expect(dialog).to_be_visible()
    unsure = dialog.locator("li.sort-note", has_text="Tietoturva koulutus kaikille")
    expect(unsure.locator("select")).to_have_value(re.compile(r"^\d+$"))
    expect(unsure).to_contain_text("(epävarma)")
    sure = dialog.locator("li.sort-note", has_text=ONBOARDING[0])
    expect(sure).not_to_contain_text("epävarma")


def test_a_whole_wall_is_accepted_at_once(server, new_context):
    """50 proposals accepted with one click: more moves than a connection may send in a burst
    (40, then 10 a second); every note ends up in its theme, and no error is shown."""
    workshop = create_workshop(server, "fi")
    console = open_console(new_context().new_page(), server, workshop, "fi")
    writers = [Participant(server, workshop, f"Kirjoittaja {n}").connect() for n in range(2)]
    try:
        for n, writer in enumerate(writers):
            for i in range(25):
                assert writer.send(writer.new_note(f"Tietoturva {n}-{i}: salasanat kuntoon"))
    finally:
        for writer in writers:
            writer.close()
    expect(console.locator("section.column").first.locator("li.note")).to_have_count(50)
    open_controls(console)
    console.locator("#ctl-theme-title").fill("Tietoturva")
    console.locator("#ctl-theme-add").click()
    console.locator("#ctl-sort").click()
    expect(console.locator("#sort-summary")).to_contain_text("50 lappua 1 teemaan")
    console.locator("#sort-accept").click()
    expect(console.locator("#sort-dialog")).to_be_hidden(timeout=30_000)
    expect(section_notes(console, "Tietoturva")).to_have_count(50)
    expect(console.locator(".notice-error")).to_have_count(0)


def test_the_preview_says_which_question_each_note_answers(server, new_context):
    """The step asks several questions: in the preview each note carries its own, read out with
    the note's theme choice too, so that "Tietoturva" under what we need and under what we
    already have are told apart."""
    _, console, participant = room(server, new_context, **PHONE)
    post(participant, "Tietoturvan perusteet osataan jo hyvin", column=1)
    open_controls(console)
    console.locator("#ctl-theme-title").fill("Tietoturva")
    console.locator("#ctl-theme-add").click()
    console.locator("#ctl-sort").click()
    dialog = console.locator("#sort-dialog")
    expect(dialog).to_be_visible()
    console.screenshot(path=f"{SHOTS}/preview-questions-360.png")
    needed = "Kysymys: Millaisia tietoja, taitoja ja asenteita tarvitaan?"
    existing = "Kysymys: Millaisia tietoja, taitoja ja asenteita meillä on jo?"
    expect(dialog.locator("li.sort-note", has_text=SECURITY[0])).to_contain_text(needed)
    expect(dialog.locator("li.sort-note", has_text="osataan jo")).to_contain_text(existing)
    expect(
        dialog.get_by_label("Tietoturvan perusteet osataan jo hyvin")
    ).to_have_accessible_description(existing)
    assert axe_violations(console) == [], "the preview with the notes' questions"


def test_the_preview_names_no_question_when_every_note_answers_the_same(server, new_context):
    _, console, _ = room(server, new_context)
    open_controls(console)
    console.locator("#ctl-theme-title").fill("Tietoturva")
    console.locator("#ctl-theme-add").click()
    console.locator("#ctl-sort").click()
    dialog = console.locator("#sort-dialog")
    expect(dialog.locator("li.sort-note")).to_have_count(6)  # every note is in no theme yet
    expect(dialog).not_to_contain_text("Kysymys:")


def test_during_private_brainstorming_making_a_theme_warns_its_name_is_seen_by_all(
    server, new_context
):
    """The candidates come from notes only their authors see; a theme's name is seen by the
    whole room, so the facilitator is told before making one."""
    _, console, _ = room(server, new_context)
    open_controls(console)
    console.locator("#ctl-hide").click()
    expect(console.locator("#ctl-hide-state")).to_have_text("Yksityinen ideointi: käynnissä")
    console.locator("#ctl-suggest").click()
    warning = "tekemäsi teeman nimi näkyy heti kaikille osallistujille"
    expect(console.locator("#ctl-candidates-private")).to_contain_text(warning)
    make = console.locator("#ctl-candidates button").first
    expect(make).to_have_accessible_description(re.compile(warning))
    assert axe_violations(console) == [], "the candidates with the warning"
    console.locator("#ctl-hide").click()  # revealed: the notes are everyone's now
    expect(console.locator("#ctl-hide-state")).to_have_text("Yksityinen ideointi: ei käynnissä")
    console.locator("#ctl-suggest").click()
    expect(console.locator("#ctl-candidates button").first).to_be_visible()
    expect(console.locator("#ctl-candidates-private")).to_have_count(0)
