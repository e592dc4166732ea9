"""The live summary preview of a workshop full of hostile text, in real Chromium: nothing runs,
nothing is fetched from anywhere but the app itself."""

import json
import urllib.request
import uuid

import pytest
from playwright.sync_api import expect

from .pages import LoginPage

pytestmark = pytest.mark.browser

HOSTILE = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    "![img](http://example.com/x.png)",
    "[link](javascript:window.__xss=1)",
    "<http://example.com/autolink>",
    "<style>@import url(http://example.com/x.css)</style>",
    "# heading",
    "x" * 2000,
]


def call(server, method: str, path: str, body=None) -> dict:
    request = urllib.request.Request(
        f"{server.url}/api/v1{path}",
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {server.api_token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def hostile_workshop(server) -> int:
    """A workshop made through the API, then filled with hostile notes by importing its export
    with them added: the import path is checked on the way."""
    created = call(
        server,
        "POST",
        "/workshops",
        {
            "title": "<script>window.__xss=1</script>",
            "template": "hyvanmitta-impact-chain",
            "language": "fi",
        },
    )
    doc = call(server, "GET", f"/workshops/{created['id']}")
    step = doc["steps"][0]
    for n, text in enumerate(HOSTILE, start=1):
        doc["notes"].append(
            {
                "id": n,
                "op_id": str(uuid.uuid4()),
                "step_id": step["id"],
                "prompt_id": step["prompts"][0]["id"],
                "text": text,
                "fields": {},
                "participant_id": None,
                "facilitator_id": None,
                "author_name": None,
                "version": 1,
                "theme_id": None,
                "group_id": None,
                "group_label": None,
                "moderated": False,
                "created_at": "2026-03-02T10:00:00Z",
                "updated_at": "2026-03-02T10:00:00Z",
            }
        )
    return call(server, "POST", "/workshops/import", doc)["id"]


def test_hostile_summary_preview_runs_no_script_and_fetches_nothing_else(server, new_context):
    workshop_id = hostile_workshop(server)
    context = new_context()
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    LoginPage(page, server.url).log_in(server.facilitator_email)
    page.goto(f"{server.url}/w/{workshop_id}/summary")
    summary = page.locator("#summary-content")
    expect(summary.get_by_role("heading", level=1)).to_contain_text("— yhteenveto")
    expect(summary.get_by_text(HOSTILE[0], exact=True)).to_be_visible()
    page.get_by_role("link", name="Päivitä").click()
    expect(page.get_by_role("status")).to_contain_text("Päivitetty")
    expect(summary.get_by_text(HOSTILE[1], exact=True)).to_be_visible()
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert summary.locator("a, img, script, style, h5, h6").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    foreign = [url for url in requests if not url.startswith(server.url + "/")]
    assert foreign == []
