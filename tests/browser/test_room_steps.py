"""The room follows the facilitator: "Siirrä kaikki tähän vaiheeseen" moves every participant,
visibly and with the keyboard focus on the new step's heading, whether or not "follow me" is on;
a participant who browses away sees that they are off the live step and gets back in one action.
A small group's countdown is its own. Live changes reach screen readers (WCAG 4.1.3), and the
workshop's own words carry its language (WCAG 3.1.2)."""

import re

import pytest
from playwright.sync_api import expect

from .rooms import FacilitatorSocket, create_workshop, join, post

pytestmark = pytest.mark.browser


def move_everyone_to(server, workshop, page, step) -> None:
    """The facilitator moves everyone to ``step`` (as "Siirrä kaikki tähän vaiheeseen" does);
    the participant's board shows it."""
    host = FacilitatorSocket(server, workshop)
    try:
        assert host.call("step.goto", {"step_id": step["id"]})["ok"]
        expect(page.locator("#step-title")).to_have_text(step["title"])
    finally:
        host.close()


def test_moving_everyone_moves_a_participant_without_follow_me(server, new_context):
    workshop = create_workshop(server, "fi")
    second = workshop["steps"][1]
    page = join(new_context().new_page(), server, workshop, "Aino")
    host = FacilitatorSocket(server, workshop)
    try:
        assert host.call("step.goto", {"step_id": second["id"]})["ok"]  # follow me stays off
        expect(page.locator("#step-title")).to_have_text(second["title"])
        expect(page.locator("#step-live")).to_have_text("Fasilitaattori siirsi kaikki vaiheeseen 2")
        expect(page.locator("#step-live")).to_be_visible()
        expect(page.locator("#step-title")).to_be_focused()
        expect(page.locator("#announcer")).to_contain_text("vaiheeseen 2")
    finally:
        host.close()


def test_a_participant_off_the_live_step_sees_it_and_returns_in_one_action(server, new_context):
    workshop = create_workshop(server, "fi")
    first, second = workshop["steps"][0], workshop["steps"][1]
    page = join(new_context().new_page(), server, workshop, "Aino")
    move_everyone_to(server, workshop, page, second)
    nav = page.locator("#step-nav")
    live = nav.locator("button.step-button.live")
    expect(live).to_have_count(1)
    expect(live).to_have_attribute("data-step-id", str(second["id"]))
    expect(live.locator(".live-badge")).to_be_visible()  # a badge, not only "(nyt)" in the text
    nav.locator(f"button[data-step-id='{first['id']}']").click()
    expect(page.locator("#step-title")).to_have_text(first["title"])
    off = page.locator("#step-live")
    expect(off).to_contain_text("Olet vaiheessa 1 – työpaja on vaiheessa 2")
    back = off.get_by_role("button", name=re.compile("vaiheeseen 2"))
    back.click()
    expect(page.locator("#step-title")).to_have_text(second["title"])
    expect(page.locator("#step-title")).to_be_focused()
    expect(off).not_to_contain_text("Olet vaiheessa")
    expect(nav.locator(f"button[data-step-id='{second['id']}']")).to_have_attribute(
        "aria-current", "step"
    )


def test_focus_goes_to_the_step_heading_after_joining(server, new_context):
    workshop = create_workshop(server, "fi")
    page = join(new_context().new_page(), server, workshop, "Aino")
    expect(page.locator("#step-title")).to_be_focused()


def test_a_member_of_group_2_does_not_see_the_countdown_of_group_1(server, new_context):
    workshop = create_workshop(server, "fi")
    step = workshop["steps"][0]
    one = join(new_context().new_page(), server, workshop, "Yksi")
    two = join(new_context().new_page(), server, workshop, "Kaksi")
    host = FacilitatorSocket(server, workshop)
    try:
        # The plenary's countdown ran out before the groups began: it is not the groups' time.
        assert host.call("timer.start", {"step_id": step["id"], "seconds": 1})["ok"]
        expect(two.locator(".timer.timer-done")).to_be_visible()
        ack = host.call("groups.create", {"step_id": step["id"], "count": 2, "mode": "choose"})
        assert ack["ok"], ack
        first, second = (group["id"] for group in ack["groups"])
        one.locator(f"#join-group-{first}").click()
        expect(one.locator(".my-group")).to_be_visible()
        two.locator(f"#join-group-{second}").click()
        expect(two.locator(".my-group")).to_be_visible()
        ack = host.call("timer.start", {"step_id": step["id"], "group_id": first, "seconds": 1})
        assert ack["ok"], ack
        expect(one.locator(".timer.timer-done")).to_be_visible()
        expect(two.locator(".timer")).to_be_hidden()
        two.reload()  # the snapshot holds every group's timer: still not group 2's
        expect(two.locator("#step-title")).not_to_be_empty()
        expect(two.locator(".my-group")).to_be_visible()
        expect(two.locator(".timer")).to_be_hidden()
    finally:
        host.close()


def test_the_countdown_is_pinned_where_everyone_sees_it(server, new_context):
    workshop = create_workshop(server, "fi")
    step = workshop["steps"][0]
    phone = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
    page = join(new_context(**phone).new_page(), server, workshop, "Aino")
    host = FacilitatorSocket(server, workshop)
    try:
        assert host.call("timer.start", {"step_id": step["id"], "seconds": 300})["ok"]
    finally:
        host.close()
    display = page.locator(".timer-display")
    expect(display).to_be_visible()
    page.locator("section.column").last.scroll_into_view_if_needed()
    page.mouse.wheel(0, 2000)
    expect(display).to_be_in_viewport()
    assert display.bounding_box()["height"] >= 24  # large: readable at a glance
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360  # nothing sideways


def test_live_changes_are_announced(server, new_context):
    workshop = create_workshop(server, "fi")
    step = workshop["steps"][0]
    page = join(new_context().new_page(), server, workshop, "Aino")
    region = page.locator("#announcer")
    post(page, "Oma lappu")
    expect(region).to_have_text("Lappusi on lähetetty.")
    host = FacilitatorSocket(server, workshop)
    target = {"step_id": step["id"]}
    try:
        checks = [
            ("voting.open", {**target, "votes_per_participant": 3}, "Äänestys on avattu"),
            ("voting.close", target, "Äänestys on päättynyt"),
            ("step.lock", {**target, "locked": True}, "Vaihe on lukittu"),
            ("step.lock", {**target, "locked": False}, "Vaihe on avattu"),
            ("step.hide", target, "Yksityinen ideointi alkoi"),
            ("step.reveal", target, "Laput on paljastettu"),
            ("timer.start", {**target, "seconds": 600}, "Ajastin käynnistyi: 10:00"),
            ("groups.create", {**target, "count": 2, "mode": "choose"}, "Pienryhmät on luotu"),
            ("workshop.close", {}, "Työpaja on suljettu"),
        ]
        for event, payload, heard in checks:
            ack = host.call(event, payload)
            assert ack["ok"], (event, ack)
            expect(region).to_contain_text(heard)
    finally:
        host.close()


def test_the_workshop_content_carries_its_language(server, new_context):
    workshop = create_workshop(server, "sv")  # a Swedish workshop, a Finnish user interface
    page = new_context().new_page()
    page.goto(f"{server.url}/j/{workshop['join_code']}?lang=fi")
    page.locator("#join-anonymous").click()
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    expect(page.locator("#step-title")).to_have_attribute("lang", "sv")
    expect(page.locator("#step-instructions")).to_have_attribute("lang", "sv")
    expect(
        page.locator("#step-nav button.step-button").first.locator(".step-name")
    ).to_have_attribute("lang", "sv")
    same = join(new_context().new_page(), server, create_workshop(server, "fi"), "Eino")
    expect(same.locator("#step-title")).not_to_have_attribute("lang", re.compile("."))


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_frame_states_have_no_axe_violations(server, new_context, language):
    from .rooms import axe_violations

    output = server.cli("demo", "--language", language, "--email", server.facilitator_email)
    # The second workshop of the example series: it shows starting points from the first.
    workshops = re.findall(r"http\S+/w/(\d+)\s+\(\S+: (http\S+)\)", output)
    workshop_id, join_url = int(workshops[1][0]), workshops[1][1]
    page = new_context(viewport={"width": 360, "height": 740}, is_mobile=True).new_page()
    page.goto(join_url)
    page.locator("#join-anonymous").click()
    expect(page.locator("#step-title")).not_to_be_empty()
    found = []
    page.locator("#instructions-toggle").click()
    page.locator("#references summary").click()
    found += [f"open: {line}" for line in axe_violations(page)]
    host = FacilitatorSocket(server, {"id": workshop_id})
    try:
        first = int(
            page.locator("#step-nav button.step-button").first.get_attribute("data-step-id")
        )
        assert host.call("step.goto", {"step_id": first})["ok"]
        expect(page.locator("#step-live.moved")).to_be_visible()
        found += [f"moved: {line}" for line in axe_violations(page)]
        page.locator("#step-nav button.step-button").nth(1).click()
        expect(page.locator("#step-live.off-live")).to_be_visible()
        assert host.call("timer.start", {"step_id": first, "seconds": 90})["ok"]
        found += [f"off live: {line}" for line in axe_violations(page)]
    finally:
        host.close()
    assert not found, found


def test_a_reload_replays_the_move_without_moving_the_participant_again(server, new_context):
    workshop = create_workshop(server, "fi")
    first, second = workshop["steps"][0], workshop["steps"][1]
    page = join(new_context().new_page(), server, workshop, "Aino")
    move_everyone_to(server, workshop, page, second)
    page.locator(f"#step-nav button[data-step-id='{first['id']}']").click()
    expect(page.locator("#step-title")).to_have_text(first["title"])
    page.reload()  # the browser's copy replays the move: it is history, not a new move
    expect(page.locator("#step-live")).to_contain_text("Olet vaiheessa 1 – työpaja on vaiheessa 2")
    expect(page.locator("#step-title")).to_have_text(first["title"])
    expect(page.locator("#step-title")).to_be_focused()
