"""Scenario 5: a board with many notes in Chromium (Playwright, Debian's /usr/bin/chromium).

Time to first render: from clicking "Liity" on the join page until every seeded note is a list
item on the board (includes connecting, the join snapshot and drawing it). Time to show a new
note: a second participant (python-socketio) posts; a MutationObserver in the page stamps the
moment the note's list item appears; minus the send time (same machine clock). Long tasks are
the page's main-thread tasks over 50 ms while the board loads, from PerformanceObserver.
"""

import os
import statistics
import time
import uuid

from .servers import Server

CHROMIUM = os.environ.get("PAJAPOHJA_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NEW_NOTES = 10

WATCH = """() => {
  window.__benchSeen = {};
  new MutationObserver(() => {
    for (const item of document.querySelectorAll('ul.notes > li')) {
      const match = item.textContent.match(/uusi-[0-9a-f]{8}/);
      if (match && !(match[0] in window.__benchSeen)) window.__benchSeen[match[0]] = Date.now();
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
}"""

LONG_TASKS = """() => {
  window.__benchLong = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__benchLong.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
}"""


def run_board(async_mode: str, notes: int) -> dict:
    import socketio
    from playwright.sync_api import sync_playwright

    server = Server("app", async_mode).start()
    try:
        workshop = server.create_workshop("bench-board")
        server.seed_notes(workshop, notes)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_context(locale="fi-FI").new_page()
            page.goto(f"{server.url}/j/{workshop['join_code']}")
            page.evaluate(LONG_TASKS)
            page.get_by_label("Nimesi (vapaaehtoinen)").fill("Selain")
            started = time.time()
            page.get_by_role("button", name="Liity", exact=True).click()
            page.wait_for_function(
                "n => document.querySelectorAll('ul.notes > li').length >= n",
                arg=notes,
                polling="raf",
                timeout=120_000,
            )
            first_render = time.time() - started
            long_tasks = page.evaluate("() => window.__benchLong")
            page.evaluate(WATCH)
            page.evaluate("() => { window.__benchLong.length = 0; }")
            shown = _new_notes(socketio, server, workshop, page)
            note_tasks = page.evaluate("() => window.__benchLong")
            browser.close()
    finally:
        server.stop()
    long_max = max(long_tasks, default=0)
    return {
        "notes on the board": notes,
        "time to first render, ms": f"{first_render * 1000:.0f}",
        "long tasks while loading (count, max ms)": f"{len(long_tasks)}, {long_max:.0f}",
        "long tasks while showing new notes (count, max ms)": (
            f"{len(note_tasks)}, {max(note_tasks, default=0):.0f}"
        ),
        f"new note shown, ms (median / max of {NEW_NOTES})": (
            f"{statistics.median(shown):.0f} / {max(shown):.0f}"
        ),
    }


def _new_notes(socketio, server: Server, workshop: dict, page) -> list[float]:
    poster = socketio.Client(reconnection=False)
    poster.connect(server.url, transports=["websocket"], wait_timeout=30)
    ack = poster.call("join", {"join_code": workshop["join_code"], "name": "Lähettäjä"}, timeout=60)
    assert ack["ok"], ack
    shown = []
    for _ in range(NEW_NOTES):
        marker = f"uusi-{uuid.uuid4().hex[:8]}"
        sent_ms = time.time() * 1000
        reply = poster.call(
            "note.add",
            {
                "op_id": str(uuid.uuid4()),
                "step_id": workshop["step_id"],
                "prompt_id": workshop["prompt_id"],
                "text": marker,
            },
            timeout=30,
        )
        assert reply["ok"], reply
        page.wait_for_function("m => m in window.__benchSeen", arg=marker, timeout=30_000)
        shown.append(page.evaluate("m => window.__benchSeen[m]", marker) - sent_ms)
        time.sleep(0.3)  # one at a time, as people type
    poster.disconnect()
    return shown
