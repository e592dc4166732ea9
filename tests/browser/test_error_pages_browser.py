"""The "page not found" page in Chromium: the app's layout in the visitor's language, 0 axe
violations (WCAG 2.0/2.1 A and AA), usable on a phone without sideways scrolling, and its way
back leads somewhere."""

import pytest
from playwright.sync_api import expect

from .rooms import axe_violations

pytestmark = pytest.mark.browser
HEADINGS = {"fi": "Sivua ei löytynyt", "sv": "Sidan hittades inte", "en": "Page not found"}
JOIN = {
    "fi": "Liity työpajaan koodilla",
    "sv": "Delta i en workshop med en kod",
    "en": "Join a workshop with a code",
}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_page_not_found_has_no_axe_violations_and_leads_back(server, new_context, language):
    for width, height in ((1280, 800), (360, 740)):
        page = new_context(viewport={"width": width, "height": height}).new_page()
        response = page.goto(f"{server.url}/w/999999/no-such-page?lang={language}")
        assert response.status == 404
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.get_by_role("heading", level=1)).to_have_text(HEADINGS[language])
        for landmark in ("banner", "main", "contentinfo"):
            expect(page.get_by_role(landmark)).to_have_count(1)
        assert axe_violations(page) == [], (width, language)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{overflow} px sideways scrolling at {width} px"
        page.keyboard.press("Tab")  # the first stop is the skip link, which works
        expect(page.locator(".skip-link")).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.locator("#main")).to_be_focused()
    page.get_by_role("main").get_by_role("link", name=JOIN[language]).click()
    expect(page).to_have_url(f"{server.url}/j")
    expect(page.locator("#code")).to_be_visible()
