"""A participant without a network: notes wait visibly, survive a reload made offline (the
service worker serves the page, localStorage the board and the outbox) and arrive exactly once
when the network returns. Text being typed survives incoming notes and a step change."""

import json
import urllib.request

import socketio
from playwright.sync_api import expect

from .pages import JoinPage
from .rooms import api, create_workshop

NEED_PROMPT = "Millaisia tietoja, taitoja ja asenteita tarvitaan?"
WAITING = "Odottaa lähetystä"
DISCONNECTED = "Yhteys katkesi — muistilappusi tallennetaan, kun yhteys palaa"
OFFLINE_NOTES = ["Offline-lappu yksi", "Offline-lappu kaksi", "Offline-lappu kolme"]
# The page can only work offline once the service worker keeps the page and its scripts.
KEPT_FOR_OFFLINE = """async () => {
  const names = await caches.keys();
  for (const name of names) {
    const cache = await caches.open(name);
    if (await cache.match(location.pathname) && await cache.match("/static/js/join.js")
        && await cache.match("/static/js/lib/board.js")) return true;
  }
  return false;
}"""


def facilitator_socket(server, workshop: dict) -> socketio.Client:
    sio = socketio.Client(reconnection=False, handle_sigint=False)
    sio.connect(
        server.url, auth={"api_token": server.api_token}, transports=["websocket"], wait_timeout=10
    )
    assert sio.call("join", {"workshop_id": workshop["id"]}, timeout=10)["ok"]
    return sio


def test_notes_posted_offline_survive_an_offline_reload_and_arrive_once(server, new_context):
    workshop = create_workshop(server, "fi", "Offline-työpaja")
    join_url = f"{server.url}/j/{workshop['join_code']}"
    alice_context = new_context()
    alice = JoinPage(alice_context.new_page(), join_url).join("Alice")
    bob = JoinPage(new_context().new_page(), join_url).join("Bob")
    alice.page.wait_for_function(KEPT_FOR_OFFLINE, polling=200)

    alice_context.set_offline(True)
    expect(alice.page.get_by_text(DISCONNECTED)).to_be_visible()
    for text in OFFLINE_NOTES:
        alice.post(NEED_PROMPT, text)
    waiting = alice.notes(NEED_PROMPT).filter(has_text=WAITING)
    expect(waiting).to_have_count(3)

    alice.page.reload()
    alice.wait_until_live(connected=False)
    expect(alice.page.get_by_text(DISCONNECTED)).to_be_visible()
    expect(waiting).to_have_count(3)
    for text in OFFLINE_NOTES:
        expect(waiting.filter(has_text=text)).to_have_count(1)
    expect(bob.notes(NEED_PROMPT).filter(has_text="Offline-lappu")).to_have_count(0)

    alice_context.set_offline(False)
    for board in (bob, alice):
        for text in OFFLINE_NOTES:
            board.expect_note(NEED_PROMPT, text)
    expect(alice.page.get_by_text(DISCONNECTED)).to_be_hidden()
    expect(waiting).to_have_count(0)
    stored = api(server, "GET", f"/workshops/{workshop['id']}")["notes"]
    assert sorted(n["text"] for n in stored) == sorted(OFFLINE_NOTES)


def test_board_that_was_offline_catches_up_with_only_the_missed_events(server, new_context):
    workshop = create_workshop(server, "fi", "Kiinniottotyöpaja")
    join_url = f"{server.url}/j/{workshop['join_code']}"
    alice = JoinPage(new_context().new_page(), join_url).join("Alice")
    bob_context = new_context()
    bob = JoinPage(bob_context.new_page(), join_url).join("Bob")
    sent = []
    bob.page.on("websocket", lambda ws: ws.on("framesent", lambda frame: sent.append(frame)))

    alice.post(NEED_PROMPT, "Ennen katkosta")  # Bob has seen seq 1 when he goes offline
    bob.expect_note(NEED_PROMPT, "Ennen katkosta")
    bob_context.set_offline(True)
    expect(bob.page.get_by_text(DISCONNECTED)).to_be_visible()
    alice.post(NEED_PROMPT, "Kirjoitettu Bobin ollessa poissa")
    bob_context.set_offline(False)
    bob.expect_note(NEED_PROMPT, "Kirjoitettu Bobin ollessa poissa")
    expect(bob.page.get_by_text(DISCONNECTED)).to_be_hidden()
    joins = [json.loads(f[f.index("[") :])[1] for f in sent if '"join"' in f]
    assert len(joins) == 1 and joins[0]["since"] > 0, joins


def test_text_being_typed_survives_incoming_notes_a_step_change_and_a_reload(server, new_context):
    workshop = create_workshop(server, "fi", "Luonnostyöpaja")
    join_url = f"{server.url}/j/{workshop['join_code']}"
    alice = JoinPage(new_context().new_page(), join_url).join("Alice")
    bob = JoinPage(new_context().new_page(), join_url).join("Bob")
    draft = "Kesken jäänyt ajatus, jota ei saa kadottaa"
    box = alice.column(NEED_PROMPT).locator("form.composer textarea")
    box.click()
    box.press_sequentially(draft[:20])

    bob.post(NEED_PROMPT, "Bobin lappu")
    alice.expect_note(NEED_PROMPT, "Bobin lappu")
    expect(box).to_have_value(draft[:20])
    box.press_sequentially(draft[20:])

    host = facilitator_socket(server, workshop)
    try:
        second, first = workshop["steps"][1]["id"], workshop["steps"][0]["id"]
        assert host.call("workshop.follow", {"follow": True}, timeout=10)["ok"]
        assert host.call("step.goto", {"step_id": second}, timeout=10)["ok"]
        expect(alice.page.locator("#step-title")).to_have_text(workshop["steps"][1]["title"])
        assert host.call("step.goto", {"step_id": first}, timeout=10)["ok"]
        expect(alice.page.locator("#step-title")).to_have_text(workshop["steps"][0]["title"])
    finally:
        host.disconnect()
    expect(alice.column(NEED_PROMPT).locator("form.composer textarea")).to_have_value(draft)

    alice.page.reload()
    alice.wait_until_live()
    expect(alice.column(NEED_PROMPT).locator("form.composer textarea")).to_have_value(draft)


def test_service_worker_is_served_from_the_root_for_the_whole_site(server):
    with urllib.request.urlopen(f"{server.url}/sw.js", timeout=10) as response:
        assert response.headers["Content-Type"].startswith("text/javascript")
        assert response.headers["Service-Worker-Allowed"] == "/"
        assert response.headers["Cache-Control"] == "no-cache"
        assert b"networkFirst" in response.read()
