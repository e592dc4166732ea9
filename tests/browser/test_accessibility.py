"""axe-core (bundled with axe-playwright-python, offline) finds no WCAG 2.0/2.1 A or AA
violation on any page or board state, in Finnish, Swedish and English. No rule is excluded.
The board also speaks to screen readers and keeps still for those who ask for less motion."""

import re

import pytest
from playwright.sync_api import expect

from .rooms import (
    TEMPLATE,
    FacilitatorSocket,
    api,
    axe_violations,
    create_workshop,
    join,
    log_in,
    open_console,
    open_controls,
    post,
)

pytestmark = pytest.mark.browser
LANGUAGES = ("fi", "sv", "en")


class Findings:
    """Violations per state, so that one run reports every broken state at once."""

    def __init__(self, language: str):
        self.language = language
        self.by_state = {}

    def check(self, state: str, page):
        expect(page.locator("html")).to_have_attribute("lang", self.language)
        found = axe_violations(page)
        if found:
            self.by_state[state] = found

    def assert_none(self):
        report = "\n".join(
            f"{state}:\n  " + "\n  ".join(lines) for state, lines in self.by_state.items()
        )
        assert not self.by_state, f"axe violations:\n{report}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_outside_the_board_have_no_axe_violations(server, new_context, language):
    findings = Findings(language)
    page = new_context().new_page()
    page.goto(f"{server.url}/login?lang={language}")
    findings.check("login", page)
    page.locator("#email").fill(server.facilitator_email)
    page.locator("#password").fill("wrong password")
    page.locator("form button[type=submit]").click()
    expect(page.locator("#login-error")).to_be_visible()
    findings.check("login with an error", page)
    page.goto(f"{server.url}/j?lang={language}")
    findings.check("enter code", page)
    page.goto(f"{server.url}/accessibility?lang={language}")
    expect(page.locator("h1")).to_be_visible()
    findings.check("accessibility statement", page)

    fresh = new_context().new_page()  # a facilitator with no workshops yet
    server.cli(
        "facilitator",
        "add",
        f"empty-{language}@example.fi",
        "--password-stdin",
        input="correct horse battery\n",
    )
    fresh.goto(f"{server.url}/login?lang={language}")
    fresh.locator("#email").fill(f"empty-{language}@example.fi")
    fresh.locator("#password").fill("correct horse battery")
    fresh.locator("form button[type=submit]").click()
    expect(fresh.locator("#list-heading")).to_be_visible()
    findings.check("dashboard, empty", fresh)

    log_in(page, server, language)
    page.locator("#title").fill("Sarjan työpaja")
    page.locator("#series").select_option("new")  # without naming the series: an error
    page.locator("#new-workshop-heading ~ form button[type=submit]").click()
    expect(page.locator("#series_title-error")).to_be_visible()
    findings.check("workshop creation with an error", page)
    workshop = create_workshop(server, language)
    page.goto(f"{server.url}/?lang={language}")
    findings.check("dashboard with workshops", page)
    page.goto(f"{server.url}/w/{workshop['id']}/summary")
    expect(page.locator("#summary-content")).to_be_visible()
    findings.check("export preview", page)
    check_summary_details(page, findings)
    check_series_pages(server, page, findings, language)
    findings.assert_none()


def check_summary_details(page, findings):
    """The preview's "Yhteenvedon tiedot" form, refused (an error beside the closing text) and
    saved (the notice)."""
    area = page.locator("#closing_text")
    area.evaluate("element => element.removeAttribute('maxlength')")
    area.fill("x" * 4001)
    page.locator("#save-document-facts").click()
    expect(page.locator("#closing_text-error")).to_be_visible()
    findings.check("summary details refused", page)
    page.locator("#closing_text").fill("Kiitos!")
    page.locator("#held_on").fill("2025-03-14")
    page.locator("#save-document-facts").click()
    expect(page.locator("main [role=status].notice-inline")).to_be_visible()
    findings.check("summary details saved", page)


def check_series_pages(server, page, findings, language):
    """The exports engineer's pages around a series: the organiser link and what it opens, and
    a refused import."""
    series = api(server, "POST", "/series", {"title": "Sarja", "language": language})
    in_series = api(
        server,
        "POST",
        "/workshops",
        {
            "title": "Sarjan 1",
            "template": TEMPLATE,
            "language": language,
            "series_id": series["id"],
        },
    )
    page.goto(f"{server.url}/w/{in_series['id']}")
    page.locator("#downloads form button[type=submit]").first.click()
    expect(page.locator("#share-url")).to_be_visible()
    findings.check("organiser link created", page)
    shared_url = page.locator("#share-url").input_value()
    page.goto(shared_url)
    expect(page.locator("#plan-heading")).to_be_visible()
    findings.check("organiser's series page", page)
    page.goto(f"{server.url}/?lang={language}")
    page.locator("#import-file").set_input_files(
        files=[{"name": "väärä.json", "mimeType": "application/json", "buffer": b"{}"}]
    )
    page.locator("#import-heading ~ form button[type=submit]").click()
    expect(page.locator("main .error")).to_be_visible()
    findings.check("import refused", page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_board_state_has_no_axe_violations(server, new_context, language):
    findings = Findings(language)
    workshop = create_workshop(server, language)
    console = open_console(new_context().new_page(), server, workshop, language)
    findings.check("facilitator console", console)
    context = new_context()
    participant = context.new_page()
    participant.goto(f"{server.url}/j/{workshop['join_code']}")
    expect(participant.locator("#join-form-section")).to_be_visible()
    findings.check("join page", participant)
    join(participant, server, workshop, "Alice")
    findings.check("board, empty", participant)

    post(participant, "Kuuntelu")
    post(console, "Kohtaaminen")
    expect(participant.locator(".note-text", has_text="Kohtaaminen")).to_be_visible()
    findings.check("board with notes", participant)

    open_controls(console)  # themes and small groups fold away on a step that does not use them
    console.locator("#ctl-cluster").check()
    console.locator("#ctl-theme-title").fill("Taidot")
    console.locator("#ctl-theme-description").fill("Kuuntelu ja läsnäolo")
    console.locator("#ctl-theme-add").click()
    expect(participant.locator("section.column").first.locator(".theme-section")).to_have_count(1)
    expect(participant.locator(".theme-description").first).to_be_visible()
    expect(participant.locator("button.note-menu-button")).to_have_count(2)
    findings.check("board with themes", participant)
    findings.check("console with themes", console)

    # Left out of the documents: a question and a note, marked on the facilitator's board.
    console.locator("section.column").nth(1).locator("button.prompt-exclude").click()
    expect(console.locator("section.column.excluded")).to_have_count(1)
    console.locator("li.note", has_text="Kohtaaminen").locator("[data-action=menu]").click()
    console.locator(".note-menu [data-action=exclude]").click()
    expect(console.locator("li.note.excluded .excluded-mark")).to_be_visible()
    findings.check("console with a note and a question left out of the documents", console)

    console.locator("#ctl-voting").click()
    expect(participant.locator(".voting-notice")).to_be_visible()
    participant.locator("button.vote").first.click()
    expect(participant.locator(".my-votes")).to_have_count(1)
    findings.check("board during voting", participant)
    findings.check("console during voting", console)
    console.locator("#ctl-voting").click()
    expect(participant.locator(".voting-notice")).to_have_count(0)
    findings.check("board after voting", participant)

    console.locator("#ctl-timer-start").click()
    expect(participant.locator(".timer")).to_be_visible()
    findings.check("board with the timer running", participant)

    console.locator("#ctl-group-mode").select_option("choose")
    console.locator("#ctl-groups-create").click()
    participant.locator(".group-card button").first.click()
    expect(participant.locator(".my-group")).to_be_visible()
    participant.locator(".group-card button").first.click()  # volunteer as the chair
    expect(participant.locator(".chair-controls")).to_be_visible()
    findings.check("board in a small group", participant)
    findings.check("console with small groups", console)
    console.locator("#ctl-debrief-view").click()
    expect(console.locator("#ctl-debrief-view")).to_have_attribute("aria-pressed", "true")
    findings.check("console, groups side by side", console)
    console.locator("input[id^=ctl-group-name-]").first.fill("Asiakastyö")
    console.locator("button[id^=ctl-group-rename-]").first.click()
    expect(participant.locator(".my-group")).to_contain_text("Asiakastyö")
    console.once("dialog", lambda dialog: dialog.accept())
    console.locator("#ctl-groups-end").click()
    expect(console.locator("#ctl-groups-create")).to_be_visible()
    findings.check("console, small groups ended", console)
    console.once("dialog", lambda dialog: dialog.accept())
    console.locator("#ctl-close").click()
    expect(console.locator("#ctl-closed")).to_be_visible()
    findings.check("console, workshop closed", console)
    console.locator("#ctl-close").click()  # reopen: the offline checks below need it open
    expect(console.locator("#ctl-timer-start")).to_be_visible()

    context.set_offline(True)
    expect(participant.locator("#status")).to_be_visible()
    findings.check("board, disconnected", participant)
    findings.assert_none()


def test_board_is_headings_and_named_lists(server, new_context):
    workshop = create_workshop(server, "en")
    step = workshop["steps"][0]
    page = join(new_context().new_page(), server, workshop, "Reader")
    post(page, "Listening")
    expect(page.get_by_role("heading", level=2, name=step["title"])).to_be_visible()
    for prompt in step["prompts"]:
        region = page.get_by_role("region", name=prompt["title"], exact=False)
        expect(region.get_by_role("heading", level=3)).to_have_count(1)
        expect(region.get_by_role("list", name="Notes")).to_have_count(1)
    first = page.get_by_role("region", name=step["prompts"][0]["title"], exact=False)
    expect(first.get_by_role("list", name="Notes").get_by_role("listitem")).to_have_text(
        [re.compile("Listening")]
    )
    expect(page.get_by_role("navigation", name="Steps")).to_be_visible()


def test_screen_reader_hears_new_notes_batched_and_timer_milestones(server, new_context):
    workshop = create_workshop(server, "en")
    step = workshop["steps"][0]
    page = join(new_context().new_page(), server, workshop, "Reader")
    region = page.locator("#announcer")
    expect(region).to_have_attribute("aria-live", "polite")
    page.evaluate("""() => {
        window.heard = [];
        const region = document.getElementById("announcer");
        const listen = () => { if (region.textContent) window.heard.push(region.textContent); };
        new MutationObserver(listen)
            .observe(region, { childList: true, characterData: true, subtree: true });
    }""")
    host = FacilitatorSocket(server, workshop)
    try:
        for text in ("One", "Two", "Three"):
            ack = host.call(
                "note.add",
                {"step_id": step["id"], "prompt_id": step["prompts"][0]["id"], "text": text},
            )
            assert ack["ok"], ack
        expect(region).to_have_text("3 new notes")
        assert page.evaluate("() => window.heard") == ["3 new notes"], "one message, not three"

        assert host.call("timer.start", {"step_id": step["id"], "seconds": 61})["ok"]
        expect(region).to_have_text("One minute left.", timeout=15_000)
        assert host.call("timer.start", {"step_id": step["id"], "seconds": 1})["ok"]
        expect(region).to_have_text("Time is up.", timeout=10_000)
    finally:
        host.close()


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_timer_at_zero_moves_only_for_those_who_welcome_motion(server, new_context, motion):
    workshop = create_workshop(server, "fi")
    page = join(new_context(reduced_motion=motion).new_page(), server, workshop, None)
    host = FacilitatorSocket(server, workshop)
    try:
        assert host.call("timer.start", {"step_id": workshop["steps"][0]["id"], "seconds": 1})["ok"]
    finally:
        host.close()
    expect(page.locator(".timer.timer-done")).to_be_visible()
    animations = page.evaluate("() => document.getAnimations().length")
    assert animations == (0 if motion == "reduce" else 1)
