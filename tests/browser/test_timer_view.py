"""The countdown on a participant's board shows only while a timer runs for what they are
looking at: no ghost "Aikaa jäljellä" with no time, no frozen time after the step changes."""

import pytest
from playwright.sync_api import expect

from .rooms import FacilitatorSocket, create_workshop, join

pytestmark = pytest.mark.browser


def test_the_countdown_shows_only_while_a_timer_runs_for_the_step_in_view(server, new_context):
    workshop = create_workshop(server, "fi")
    first, second = workshop["steps"][0], workshop["steps"][1]
    page = join(new_context().new_page(), server, workshop, "Aino")
    timer = page.locator(".timer")
    expect(timer).to_be_hidden()  # nothing runs yet: no label without a time
    host = FacilitatorSocket(server, workshop)
    try:
        assert host.call("timer.start", {"step_id": first["id"], "seconds": 63})["ok"]
        expect(page.locator(".timer-display")).to_have_text("1:03")
        expect(timer).to_be_visible()
        assert host.call("workshop.follow", {"follow": True})["ok"]
        assert host.call("step.goto", {"step_id": second["id"]})["ok"]
        expect(page.locator("#step-title")).to_contain_text(second["title"])
        expect(timer).to_be_hidden()  # the first step's time does not stay frozen on screen
        assert host.call("timer.start", {"step_id": second["id"], "seconds": 30})["ok"]
        expect(timer).to_be_visible()
        assert host.call("timer.stop", {"step_id": second["id"]})["ok"]
        expect(timer).to_be_hidden()
    finally:
        host.close()
