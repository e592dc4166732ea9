"""Cards in the summary preview, in real Chromium, on screen and in print: each target group is
a heading with its fields as bullets and its contents as an indented list of their own."""

import uuid

import pytest
from playwright.sync_api import expect

from .pages import LoginPage
from .test_exports_browser import call

pytestmark = pytest.mark.browser

CARDS = [
    {
        "group": "Uudet työntekijät",
        "goal": "Tuntee osallisuuden perusteet ensimmäisen työkuukauden aikana",
        "contents": ["Osallisuuden käsitteet", "Asiakasraadit", "Palautteen kerääminen"],
    },
    {"group": "Esihenkilöt", "goal": "Johtaa osallisuutta arjessa", "contents": ["Valmennus"]},
]


def card_workshop(server) -> int:
    """A workshop with two target-group cards, imported from its own export."""
    created = call(
        server,
        "POST",
        "/workshops",
        {"title": "Korttien työpaja", "template": "hyvanmitta-impact-chain", "language": "fi"},
    )
    doc = call(server, "GET", f"/workshops/{created['id']}")
    step = next(step for step in doc["steps"] if step["canvas"] == "target_groups")
    for n, fields in enumerate(CARDS, start=1):
        doc["notes"].append(
            {
                "id": n,
                "op_id": str(uuid.uuid4()),
                "step_id": step["id"],
                "prompt_id": "groups",
                "text": "",
                "fields": fields,
                "participant_id": None,
                "facilitator_id": None,
                "author_name": None,
                "version": 1,
                "theme_id": None,
                "group_id": None,
                "group_label": None,
                "moderated": False,
                "created_at": f"2026-03-02T10:0{n}:00Z",
                "updated_at": f"2026-03-02T10:0{n}:00Z",
            }
        )
    return call(server, "POST", "/workshops/import", doc)["id"]


def test_cards_read_as_headings_with_bullets_on_screen_and_in_print(server, new_context):
    workshop_id = card_workshop(server)
    page = new_context().new_page()
    LoginPage(page, server.url).log_in(server.facilitator_email)
    page.goto(f"{server.url}/w/{workshop_id}/summary")
    summary = page.locator("#summary-content")
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        card = summary.get_by_role("heading", level=3, name="Uudet työntekijät")
        expect(card).to_be_visible()
        expect(summary.get_by_role("heading", level=3, name="Esihenkilöt")).to_be_visible()
        assert summary.locator("table").count() == 0
        bullets = card.locator("xpath=following-sibling::ul[1]")
        expect(bullets.locator(":scope > li").first).to_have_text(f"Tavoite: {CARDS[0]['goal']}")
        contents = bullets.locator(":scope > li", has_text="Sisältö:").locator("ul > li")
        expect(contents).to_have_text(CARDS[0]["contents"])
        nested = bullets.locator("li > ul").first
        assert nested.evaluate("e => getComputedStyle(e).listStyleType") == "circle"
        outer_left = bullets.evaluate("e => e.getBoundingClientRect().left")
        inner_left = nested.evaluate("e => e.getBoundingClientRect().left")
        assert inner_left > outer_left + 10  # the contents sit indented under "Sisältö:"
        single = summary.get_by_role("heading", level=3, name="Esihenkilöt")
        expect(single.locator("xpath=following-sibling::ul[1]")).to_contain_text(
            "Sisältö: Valmennus"
        )
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
