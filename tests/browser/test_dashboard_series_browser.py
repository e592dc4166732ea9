"""The facilitator's dashboard, joining and the series (issue 15): a form error keeps what was
typed and names the field; a double-clicked "Liity" makes one participant; a long name stays in
the presence box; the next workshop of a series in one click, with the participant's name
offered again; deleting a workshop only after typing its title."""

import re

import pytest
from playwright.sync_api import expect

from .rooms import TEMPLATE, api, axe_violations, create_workshop, join, log_in, open_console

pytestmark = pytest.mark.browser
LANGUAGES = ("fi", "sv", "en")

# What each language says for the new states; the tests find controls by id, the texts check
# that each language has its own words.
REQUIRED = {
    "fi": "Uuden sarjan nimi on pakollinen.",
    "sv": "Den nya seriens namn är obligatoriskt.",
    "en": "The name of the new series is required.",
}
TITLE_REQUIRED = {
    "fi": "Otsikko on pakollinen.",
    "sv": "Rubriken är obligatorisk.",
    "en": "The title is required.",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_dashboard_error_names_the_field_keeps_the_input_and_focuses_it(
    server, new_context, language
):
    page = new_context().new_page()
    log_in(page, server, language)
    page.locator("#title").fill("Sarjan eka")
    page.locator("#topic").fill("osallisuus")
    page.locator("#organisation").fill("Kunta")
    page.locator("#series").select_option("new")  # a new series, left without its name
    page.locator("#new-workshop-heading ~ form button[type=submit]").click()

    field = page.locator("#series_title")
    expect(page.locator("#series_title-error")).to_have_text(REQUIRED[language])
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_attribute("aria-describedby", re.compile(r"\bseries_title-error\b"))
    expect(field).to_be_focused()
    for selector, value in (
        ("#title", "Sarjan eka"),
        ("#topic", "osallisuus"),
        ("#organisation", "Kunta"),
        ("#series", "new"),
    ):
        expect(page.locator(selector)).to_have_value(value)
    expect(page.locator("#required-note")).to_be_visible()  # what the * means
    assert axe_violations(page) == []

    # A title of spaces passes the browser's check; the server names it by its label.
    page.locator("#title").fill("   ")
    field.fill("Sarja")
    page.locator("#new-workshop-heading ~ form button[type=submit]").click()
    expect(page.locator("#title-error")).to_have_text(TITLE_REQUIRED[language])
    expect(page.locator("#title")).to_be_focused()
    expect(page.locator("#series_title")).to_have_value("Sarja")
    expect(page.locator("#series_title")).not_to_have_attribute("aria-invalid", "true")
    assert axe_violations(page) == []


def test_double_clicking_join_makes_one_participant(server, new_context):
    workshop = create_workshop(server, "fi", title="Tuplaklikkaus")
    console = open_console(new_context().new_page(), server, workshop, "fi")
    page = new_context().new_page()
    page.goto(f"{server.url}/j/{workshop['join_code']}")
    page.locator("#join-name").fill("Tupla")
    page.locator("#join-button").dblclick()
    expect(page.locator("#board")).to_be_visible()
    join(new_context().new_page(), server, workshop, "Toinen")

    # Both arrivals are in the console once the second has reached it: two people, not three.
    expect(console.locator("#presence")).to_contain_text("Toinen")
    expect(console.locator("#presence-count")).to_have_text("Osallistujia paikalla: 2")
    expect(console.locator("#all-participants")).to_have_text("Kaikki osallistujat (2)")


def test_a_long_name_stays_inside_the_presence_box(server, new_context):
    workshop = create_workshop(server, "fi", title="Pitkä nimi")
    console = open_console(new_context().new_page(), server, workshop, "fi")
    name = "Pitkänimi" * 9  # 81 letters without a space: 80 are kept
    join(new_context().new_page(), server, workshop, name)
    presence = console.locator("#presence")
    expect(presence).to_contain_text(name[:80])
    console.locator("#all-participants").click()
    box = presence.bounding_box()
    for text in (presence.locator("p", has_text=name[:80]), presence.locator("li").first):
        # Where the letters are drawn, not the element's box (a block keeps its width while
        # its text runs over the edge).
        drawn = text.evaluate(
            """element => {
              const range = document.createRange();
              range.selectNodeContents(element);
              const rect = range.getBoundingClientRect();
              return { x: rect.x, width: rect.width };
            }"""
        )
        assert box["x"] <= drawn["x"] and drawn["x"] + drawn["width"] <= box["x"] + box["width"], (
            drawn,
            box,
        )
        # Every letter is shown, wrapped: nothing is cut away.
        expect(text).to_contain_text(name[:80])
    # Nor does the name push the box wider than the console's side column.
    side = console.locator(".console-side").bounding_box()
    assert box["x"] + box["width"] <= side["x"] + side["width"] + 1


NEXT_LABEL = {
    "fi": "Luo sarjan seuraava työpaja",
    "sv": "Skapa seriens nästa workshop",
    "en": "Create the next workshop of the series",
}


def test_next_workshop_of_the_series_and_the_name_offered_again(server, new_context):
    series = api(server, "POST", "/series", {"title": "Jatkosarja", "language": "fi"})
    first = api(
        server,
        "POST",
        "/workshops",
        {"title": "Jatko 1", "template": TEMPLATE, "language": "fi", "series_id": series["id"]},
    )
    participant = new_context().new_page()
    join(participant, server, first, "Maija Meikäläinen")

    page = new_context().new_page()
    log_in(page, server, "fi")
    entry = page.locator(f"#series-{series['id']}")
    expect(entry).to_contain_text("Jatkosarja")
    button = entry.get_by_role("button", name=NEXT_LABEL["fi"])
    button.dblclick()  # a double click must not make two
    expect(page.locator("h1")).to_contain_text("Jatkosarja")
    expect(page.locator("#step-title")).not_to_be_empty()
    second = api(server, "GET", f"/workshops/{page.url.rsplit('/', 1)[1]}")
    first_doc = api(server, "GET", f"/workshops/{first['id']}")
    canvases = [step["canvas"] for step in second["steps"]]
    library = api(server, "GET", "/canvases")
    plan = next(t for t in library["workshop_templates"] if t["id"] == TEMPLATE)
    assert canvases == plan["workshops"][1]
    assert second["workshop"]["index"] == 2
    assert first_doc["workshop"]["index"] == 1
    page.goto(f"{server.url}/")
    expect(page.locator(".workshop-list tbody tr", has_text="Jatkosarja (2)")).to_have_count(1)

    # The console offers the next one too (workshop 3 of the template).
    page.goto(f"{server.url}/w/{first['id']}")
    expect(
        page.locator("#series-next").get_by_role("button", name=NEXT_LABEL["fi"])
    ).to_be_visible()

    # The participant of workshop 1 is offered the same name, editable, and nothing is sent
    # before they press Liity.
    participant.goto(f"{server.url}/j/{second['workshop']['join_code']}")
    name = participant.locator("#join-name")
    expect(name).to_have_value("Maija Meikäläinen")
    expect(participant.locator("#join-name-remembered")).to_be_visible()
    expect(participant.locator("#board")).to_be_hidden()
    assert axe_violations(participant) == []
    name.fill("Maija M.")
    participant.locator("#join-button").click()
    expect(participant.locator("#board")).to_be_visible()
    console = open_console(new_context().new_page(), server, second["workshop"], "fi")
    expect(console.locator("#presence")).to_contain_text("Maija M.")


DELETE_LABEL = {"fi": "Poista työpaja", "sv": "Radera workshoppen", "en": "Delete the workshop"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_deleting_a_workshop_asks_for_its_title(server, new_context, language):
    workshop = create_workshop(server, language, title=f"Poistettava {language}")
    page = new_context().new_page()
    open_console(page, server, workshop, language)
    page.locator("#delete-workshop-link").click()
    expect(page.locator("h1")).to_contain_text(f"Poistettava {language}")
    assert axe_violations(page) == []

    # A slip: the wrong title keeps the workshop and says why, by the field.
    page.locator("#confirm_title").fill("Poistettava")
    page.get_by_role("button", name=DELETE_LABEL[language]).click()
    expect(page.locator("#confirm_title")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#confirm_title")).to_be_focused()
    expect(page.locator("#confirm_title-error")).to_be_visible()
    assert axe_violations(page) == []
    assert api(server, "GET", f"/workshops/{workshop['id']}")["workshop"]["title"]

    page.locator("#confirm_title").fill(f"Poistettava {language}")
    page.get_by_role("button", name=DELETE_LABEL[language]).click()
    expect(page.locator("#list-heading")).to_be_visible()
    expect(page.locator("#dashboard-notice")).to_contain_text(f"Poistettava {language}")
    expect(page.locator("#dashboard-notice")).to_be_focused()
    expect(page.get_by_role("link", name=f"Poistettava {language}", exact=True)).to_have_count(0)
    assert axe_violations(page) == []
    page.goto(f"{server.url}/w/{workshop['id']}")
    expect(page.locator("h1")).not_to_contain_text(f"Poistettava {language}")


REMEMBERED = {
    "fi": "Nimi, jota käytit tämän sarjan edellisessä työpajassa.",
    "sv": "Namnet du använde i seriens förra workshop.",
    "en": "The name you used in the previous workshop of this series.",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_series_entry_and_remembered_name_in_every_language(server, new_context, language):
    series = api(server, "POST", "/series", {"title": f"Sarja {language}", "language": language})
    workshops = [
        api(
            server,
            "POST",
            "/workshops",
            {
                "title": f"Osa {index} {language}",
                "template": TEMPLATE,
                "language": language,
                "series_id": series["id"],
                "index": index,
            },
        )
        for index in (1, 2)
    ]
    page = new_context().new_page()
    log_in(page, server, language)
    entry = page.locator(f"#series-{series['id']}")
    expect(entry.get_by_role("button", name=NEXT_LABEL[language])).to_be_visible()
    assert axe_violations(page) == []

    participant = new_context().new_page()
    join(participant, server, workshops[0], "Kim")
    participant.goto(f"{server.url}/j/{workshops[1]['join_code']}")
    expect(participant.locator("#join-name")).to_have_value("Kim")
    expect(participant.locator("#join-name")).to_be_focused()
    expect(participant.locator("#join-name-remembered")).to_contain_text(REMEMBERED[language])
    expect(participant.locator("html")).to_have_attribute("lang", language)
    assert axe_violations(participant) == []


def test_a_wrong_code_stays_in_the_field_to_be_corrected(server, new_context):
    page = new_context().new_page()
    page.goto(f"{server.url}/j")
    page.locator("#code").fill("ABCD-2345")
    page.locator("#code").press("Enter")
    expect(page.locator("#code-error")).to_be_visible()
    expect(page.locator("#code")).to_have_value("ABCD2345")
    expect(page.locator("#code")).to_be_focused()
    expect(page.locator("#code")).to_have_attribute("aria-invalid", "true")
