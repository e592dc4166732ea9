"""Hostile text in real browsers: nothing a participant or facilitator types ever runs, and no
page asks anything of another origin."""

from urllib.parse import urlsplit

from playwright.sync_api import expect

from .pages import open_room

NEED = "Millaisia tietoja, taitoja ja asenteita tarvitaan?"
PAYLOADS = [
    "<script>window.__xss = 1</script>",
    '<img src=x onerror="window.__xss = 2">',
    '<svg onload="window.__xss = 3"></svg>',
    '"><script>window.__xss = 4</script>',
    "javascript:window.__xss = 5",
    "[klikkaa](javascript:window.__xss=6)",
    "{{ 7 * 7 }} ${window.__xss = 8}",
    '<iframe srcdoc="<script>parent.__xss = 9</script>"></iframe>',
]


def test_xss_payloads_as_notes_names_themes_and_titles_never_run(server, new_context):
    console, (alice,) = open_room(server, new_context, PAYLOADS[1])
    title_payload = PAYLOADS[0]
    # A workshop title and a theme title made of payloads too.
    console.page.evaluate("() => { window.__xss = undefined; }")
    console.control("ctl-theme-title").fill(PAYLOADS[2])
    console.control("ctl-theme-add").click()
    for payload in PAYLOADS:
        alice.post(NEED, payload)
        console.expect_note(NEED, payload)
    alice.expect_note(NEED, PAYLOADS[-1])
    from .pages import DashboardPage

    hostile = DashboardPage(console.page.context.new_page(), server.url).create_workshop(
        title_payload, "hyvanmitta-training-plan"
    )
    expect(hostile.page.get_by_role("heading", level=1)).to_have_text(title_payload)
    for page in (console.page, alice.page, hostile.page):
        page.reload()
        expect(page.locator("#board")).to_be_visible()
        assert page.evaluate("() => window.__xss") is None
        assert (
            page.evaluate(
                "() => document.querySelectorAll('#board script, #board img, "
                "#board iframe, #board svg[onload]').length"
            )
            == 0
        )
    # After the reload the texts are still shown exactly as typed.
    console.expect_note(NEED, PAYLOADS[0])
    alice.expect_note(NEED, PAYLOADS[5])


def test_pages_request_nothing_from_other_origins(server, new_context):
    seen: list[str] = []

    def record(context):
        context.on("request", lambda request: seen.append(request.url))
        return context

    console, (alice,) = open_room(server, lambda **o: record(new_context(**o)), "Alice")
    alice.post(NEED, "Omaa alkuperää")
    console.expect_note(NEED, "Omaa alkuperää")
    for board in (console, alice):
        board.page.reload()
        expect(board.page.locator("#board")).to_be_visible()
    alice.page.goto(f"{server.url}/j")
    own = urlsplit(server.url).netloc
    foreign = [
        url
        for url in seen
        if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != own
    ]
    assert seen and not foreign, foreign
