"""Rooms in any of the three languages for the accessibility, keyboard and phone tests: a
workshop made through the REST API, a facilitator console and participant boards. Everything
is located by id or role, never by Finnish text, so the same steps run in fi, sv and en."""

import json
import urllib.request
import uuid

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from ..conftest import PASSWORD

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TEMPLATE = "hyvanmitta-training-plan"
_axe = Axe()


def api(server, method: str, path: str, body=None) -> dict:
    request = urllib.request.Request(
        f"{server.url}/api/v1{path}",
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {server.api_token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def create_workshop(server, language: str, title: str = "Työpaja") -> dict:
    return api(
        server, "POST", "/workshops", {"title": title, "template": TEMPLATE, "language": language}
    )


def log_in(page: Page, server, language: str = "fi") -> None:
    """Log in through the form once per server; later contexts reuse that session, since logins
    are rate limited per address (10 a minute)."""
    session = getattr(server, "facilitator_session", None)
    if session:
        page.context.add_cookies(session)
        page.goto(f"{server.url}/?lang={language}")
        expect(page.locator("#list-heading")).to_be_visible()
        return
    page.goto(f"{server.url}/login?lang={language}")
    page.locator("#email").fill(server.facilitator_email)
    page.locator("#password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page.locator("#list-heading")).to_be_visible()
    server.facilitator_session = [
        cookie for cookie in page.context.cookies() if cookie["name"] != "pajapohja_lang"
    ]


def wait_until_live(page: Page) -> None:
    expect(page.locator("#board")).to_be_visible()
    expect(page.locator("#step-title")).not_to_be_empty()


def open_console(page: Page, server, workshop: dict, language: str) -> Page:
    log_in(page, server, language)
    page.goto(f"{server.url}/w/{workshop['id']}")
    wait_until_live(page)
    expect(page.locator("#ctl-goto")).to_be_visible()
    return page


def join(page: Page, server, workshop: dict, name: str | None) -> Page:
    page.goto(f"{server.url}/j/{workshop['join_code']}")
    if name:
        page.locator("#join-name").fill(name)
        page.locator("#join-button").click()
    else:
        page.locator("#join-anonymous").click()
    wait_until_live(page)
    return page


def first_column(page: Page):
    return page.locator("section.column").first


def post(page: Page, text: str, column: int = 0) -> None:
    box = page.locator("section.column").nth(column).locator("form.composer textarea")
    box.fill(text)
    box.press("Enter")
    expect(page.locator(".note-text", has_text=text)).to_have_count(1)
    expect(page.locator("li.note.pending")).to_have_count(0)


def axe_violations(page: Page) -> list[str]:
    """Every WCAG 2.0/2.1 A and AA violation axe-core finds on the page, one line each."""
    results = _axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    lines = []
    for violation in results.response["violations"]:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
        lines.append(f"{violation['id']}: {violation['help']} at {targets}")
    return lines


class FacilitatorSocket:
    """A facilitator script on the live protocol (docs/protocol.md), for what the browser UI
    deliberately cannot do quickly, such as a two-second timer."""

    def __init__(self, server, workshop: dict):
        import socketio

        self.client = socketio.Client(reconnection=False)
        self.client.connect(
            server.url,
            auth={"api_token": server.api_token},
            transports=["websocket"],
            wait_timeout=10,
        )
        ack = self.call("join", {"workshop_id": workshop["id"]})
        assert ack["ok"], ack

    def call(self, event: str, payload: dict) -> dict:
        payload = {"op_id": str(uuid.uuid4()), **payload}
        return self.client.call(event, payload, timeout=10)

    def close(self):
        self.client.disconnect()


def open_controls(page: Page) -> None:
    """Unfold every folded phase of the console's controls (themes, small groups, the workshop),
    as a facilitator would by opening them; an opened phase stays open."""
    expect(page.locator("#ctl-goto")).to_be_visible()
    page.evaluate(
        "() => document.querySelectorAll('#controls details.control-box:not([open])')"
        ".forEach((details) => { details.open = true; })"
    )
    expect(page.locator("#controls details.control-box:not([open])")).to_have_count(0)


# A 360 × 740 phone with touch, as the participants' own phones are.
PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


def tab_to(page: Page, selector: str, limit: int = 200) -> None:
    """Press Tab until the focused element matches ``selector``; every element passed on the
    way must show a visible focus indicator. The page's stylesheets must have arrived first:
    before they do, Chromium draws its own 1 px ring (seen on a loaded machine, on the skip link
    right after a login's redirect)."""
    page.wait_for_load_state("load")
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(
            """(selector) => {
                const el = document.activeElement;
                if (!el || el === document.body) return { match: false, visible: true };
                const style = getComputedStyle(el);
                const width = parseFloat(style.outlineWidth);
                const visible = style.outlineStyle !== "none" && width >= 2;
                return { match: el.matches(selector), visible, what: el.outerHTML.slice(0, 120) };
            }""",
            selector,
        )
        assert state["visible"], f"no visible focus on {state['what']}"
        if state["match"]:
            return
    raise AssertionError(f"Tab never reached {selector}")
