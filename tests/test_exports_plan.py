"""The training-plan draft of a three-workshop series covers what STM decree 57/2024 asks of a
continuing-education plan: every section in order in fi, sv and en, one section per target
group gathered from all three workshops, a follow-up table over the five areas, fill-in
prompts where nothing was discussed, and no trace of the workshop's own feedback."""

import copy
import re
from datetime import date

import pytest
from flask_babel import gettext

from app.canvases import PLAN_SECTIONS
from app.exports.language import document_language
from app.exports.markdown_out import to_markdown
from app.exports.plan import training_plan
from app.exports.plan_groups import scope_of

from .conftest import new_op
from .test_exports_formats import outline_of_docx, outline_of_markdown
from .test_exports_golden import Room

WORDS = {
    "fi": {
        "supervisors": "Esihenkilöt",
        "fill_approval": "Täydennä: kuka hyväksyy suunnitelman ja milloin?",
        "areas": ["Osallistuminen", "Sisältö", "Laatu", "Vaikuttavuus", "Kustannukset"],
    },
    "sv": {
        "supervisors": "Chefer",
        "fill_approval": "Komplettera: vem godkänner planen och när?",
        "areas": ["Deltagande", "Innehåll", "Kvalitet", "Verkningsfullhet", "Kostnader"],
    },
    "en": {
        "supervisors": "Supervisors",
        "fill_approval": "To complete: who approves the plan, and when?",
        "areas": ["Participation", "Content", "Quality", "Effectiveness", "Cost"],
    },
}


def build(api, make_workshop, sockets, token, language: str, rich: bool = True) -> dict:
    """A three-workshop series; ``rich``: every workshop says something about the supervisors
    (workshop 1 a need, 2 their card and a method, 3 a schedule item, a task, indicators)."""
    series_id = api.post(
        "/series", json={"title": "Sarja", "topic": "osallisuus", "language": language}
    ).get_json()["id"]
    rooms = []
    for index in (1, 2, 3):
        created = make_workshop(
            title=f"W{index}", series_id=series_id, index=index, language=language
        )
        rooms.append(Room(sockets, token, created).join("Aino", "Bertta"))
    first, second, third = rooms
    name = WORDS[language]["supervisors"]
    first.note("Aino", "need", "to_develop", f"{name} need tools for participatory leadership")
    if rich:
        second.note(
            "Aino",
            "target_groups",
            "groups",
            group=f"  {name} ",
            goal="Leads participation",
            contents=["Coaching leadership", "Client councils"],
            module="Tietoa osallisuusjohtamisesta",
            hours="6",
            size="20",
            frequency="once a year",
        )
        second.note(
            "Bertta",
            "methods",
            "methods",
            method="Leadership webinar",
            how=["Two sessions"],
            for_groups=[name.upper()],
        )
        second.note("Aino", "resources", "costs", "Trainer fees 4 000 euros")
        third.note(
            "Aino", "schedule", "short_term", when="3/2026", what=f"Webinar for {name.lower()}"
        )
        third.note(
            "Bertta",
            "responsibilities",
            "tasks",
            task=f"Invite {name.lower()}",
            owner="HR services",
            deadline="2/2026",
        )
        indicator = {
            "indicator": "Share of supervisors trained",
            "source": "Training register",
            "who": "HR",
            "when": "Quarterly",
        }
        third.emit(
            "Aino",
            "note.add",
            {
                "op_id": new_op(),
                "step_id": third.steps["indicators"]["id"],
                "prompt_id": "participation",
                "text": "",
                "fields": indicator,
            },
        )
        third.note("Aino", "results", "short_term_results", "Supervisors feel confident")
        third.note("Aino", "follow_up", "approval", "The board approves it in May")
    third.note("Aino", "feedback", "rating", "Hyvä rytmi, kiitos", rating=2)
    third.note("Bertta", "feedback", "rating", rating=3)
    return {"id": series_id, "rooms": rooms}


def plan_text(api, series_id: int) -> str:
    response = api.get(f"/series/{series_id}/training-plan.md")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def section(text: str, number: int) -> str:
    """The body of the level-2 section numbered ``number``."""
    return re.split(r"^## \d+\. .*$", text, flags=re.MULTILINE)[number]


def group_section(text: str, name: str) -> str:
    return text.split(f"### {name}\n", 1)[1].split("\n#", 1)[0]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_plan_has_every_section_of_the_decree_in_order(
    app, api, make_workshop, sockets, facilitator, language
):
    series = build(api, make_workshop, sockets, facilitator[2], language)
    text = plan_text(api, series["id"])
    headings = [h for level, h in outline_of_markdown(text).headings if level == 2]
    with app.app_context(), document_language(language):
        titles = [gettext(title) for _, title in PLAN_SECTIONS]
    assert headings == [f"{number}. {title}" for number, title in enumerate(titles, 1)]
    if language == "fi":
        assert [h.split(". ", 1)[1] for h in headings] == [
            "Perustiedot",
            "Tarve",
            "Visio ja vaikuttavuustavoite",
            "Kehittämisen teemat",
            "Kohderyhmät",
            "Menetelmät",
            "Resurssit, materiaalit ja kustannukset",
            "Aikataulu",
            "Vastuut",
            "Seuranta ja mittarit",
            "Voimassaolo ja päivittäminen",
            "Suhde organisaation muihin suunnitelmiin",
            "Hyväksyminen",
            "Avoimet kysymykset ja jatko",
        ]
    assert "Trainer fees 4 000 euros" in section(text, 7)
    assert "The board approves it in May" in section(text, 13)
    docx = api.get(f"/series/{series['id']}/training-plan.docx").get_data()
    assert outline_of_docx(docx)[0] == outline_of_markdown(text).headings


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_target_group_gathers_its_facts_from_all_three_workshops(
    api, make_workshop, sockets, facilitator, language
):
    series = build(api, make_workshop, sockets, facilitator[2], language)
    text = plan_text(api, series["id"])
    name = WORDS[language]["supervisors"]
    groups = section(text, 5)
    assert groups.count(f"### {name}\n") == 1  # the card and the method name it differently
    facts = group_section(groups, name)
    lines = facts.strip().split("\n")
    expected = {
        "fi": [
            "- Tavoite: Leads participation",
            "- Sisältö:",
            "    - Coaching leadership",
            "    - Client councils",
            "- Moduuli: Tietoa osallisuusjohtamisesta",
            "- Laajuus: 6 h, 20 hlöä, once a year",
            "- Menetelmät:",
            "    - Leadership webinar",
            "- Aikataulu:",
            f"    - 3/2026: Webinar for {name.lower()}",
            "- Vastuu:",
            f"    - Invite {name.lower()}: HR services, 2/2026",
            "- Tarvekartoituksesta:",
            f"    - {name} need tools for participatory leadership",
        ],
        "sv": [
            "- Mål: Leads participation",
            "- Innehåll:",
            "    - Coaching leadership",
            "    - Client councils",
            "- Modul: Tietoa osallisuusjohtamisesta",
            "- Omfattning: 6 h, 20 personer, once a year",
            "- Metoder:",
            "    - Leadership webinar",
            "- Tidsplan:",
            f"    - 3/2026: Webinar for {name.lower()}",
            "- Ansvar:",
            f"    - Invite {name.lower()}: HR services, 2/2026",
            "- Från behovsanalysen:",
            f"    - {name} need tools for participatory leadership",
        ],
        "en": [
            "- Goal: Leads participation",
            "- Contents:",
            "    - Coaching leadership",
            "    - Client councils",
            "- Module: Tietoa osallisuusjohtamisesta",
            "- Scope: 6 h, 20 people, once a year",
            "- Methods:",
            "    - Leadership webinar",
            "- Schedule:",
            f"    - 3/2026: Webinar for {name.lower()}",
            "- Responsibility:",
            f"    - Invite {name.lower()}: HR services, 2/2026",
            "- From the need analysis:",
            f"    - {name} need tools for participatory leadership",
        ],
    }[language]
    assert lines == expected


def test_follow_up_is_a_table_over_the_five_areas_without_the_workshop_feedback(
    api, make_workshop, sockets, facilitator
):
    series = build(api, make_workshop, sockets, facilitator[2], "fi")
    text = plan_text(api, series["id"])
    follow_up = section(text, 10)
    table = outline_of_markdown(follow_up).tables[0]
    assert table[0] == ["Seurattava asia", "Mittari", "Tietolähde", "Kuka seuraa", "Milloin"]
    assert [row[0] for row in table[1:]] == WORDS["fi"]["areas"]
    assert table[1] == [
        "Osallistuminen",
        "Share of supervisors trained",
        "Training register",
        "HR",
        "Quarterly",
    ]
    assert all(cell.strip() == "" for row in table[2:] for cell in row[1:])
    # Plain notes of the follow-up section (older workshops wrote indicators so) follow it.
    assert follow_up.index("Supervisors feel confident") > follow_up.index("| Kustannukset")
    for feedback in ("Hyvä rytmi", "Arvio", "Keskiarvo", "Osallistujapalaute"):
        assert feedback not in text, feedback
    assert "STM:n asetuksen" not in text
    # The feedback belongs in the summary of the workshop where it was given.
    third = series["rooms"][2].workshop["id"]
    assert "Hyvä rytmi" in api.get(f"/workshops/{third}/summary.md").get_data(as_text=True)


def test_feedback_of_a_workshop_made_before_the_change_stays_out_too(
    app, api, make_workshop, sockets, facilitator
):
    """Old workshops keep the feedback canvas as it was, mapped to the follow-up section."""
    series = build(api, make_workshop, sockets, facilitator[2], "fi")
    docs = [
        api.get(f"/workshops/{r.workshop['id']}/export.json").get_json() for r in series["rooms"]
    ]
    old = copy.deepcopy(docs)
    for step in old[2]["steps"]:
        for prompt in step["prompts"]:
            if step["kind"] == "feedback":
                prompt["section"] = "follow_up"
    with app.app_context():
        blocks = training_plan({"title": "Sarja", "language": "fi"}, old, date.today())
    markdown = to_markdown(blocks)
    assert "Hyvä rytmi" not in markdown and "Keskiarvo" not in markdown


def test_what_nobody_discussed_is_a_fill_in_prompt_and_never_silently_missing(
    api, make_workshop, sockets, facilitator
):
    series = build(api, make_workshop, sockets, facilitator[2], "fi", rich=False)
    text = plan_text(api, series["id"])
    assert section(text, 13).strip() == WORDS["fi"]["fill_approval"]
    assert section(text, 7).strip().startswith("Täydennä: mitä resursseja")
    assert section(text, 11).strip().startswith("Täydennä: kuinka kauan")
    assert section(text, 12).strip().startswith("Täydennä: miten suunnitelma liittyy")
    follow_up = section(text, 10)
    assert "Täydennä taulukkoon" in follow_up
    assert len(outline_of_markdown(follow_up).tables[0]) == 6
    # A group named only in a need note is no group; with no cards the section asks for them.
    assert section(text, 5).strip().startswith("Täydennä: kenelle koulutus suunnataan")
    # Workshop 1 was held: its required questions with no notes are named once; the optional
    # ones (causes, affected, influence) say nothing.
    need = section(text, 2)
    assert need.count("Ei käsitelty:") == 1
    assert "Ei käsitelty: Tarvittava osaaminen, Olemassa oleva osaaminen, Jos mitään" in need
    for optional in ("Syyt", "Keitä tarve koskee", "Mihin voimme vaikuttaa"):
        assert optional not in text


def test_a_group_without_a_card_asks_for_its_goal_contents_and_scope(
    api, make_workshop, sockets, facilitator
):
    series = build(api, make_workshop, sockets, facilitator[2], "fi", rich=False)
    second = series["rooms"][1]
    second.note(
        "Aino", "methods", "methods", method="Verkkokurssi", how=["x"], for_groups=["Kaikki"]
    )
    facts = group_section(section(plan_text(api, series["id"]), 5), "Kaikki")
    assert facts.strip().split("\n") == [
        "- Tavoite: täydennä",
        "- Sisältö: täydennä",
        "- Laajuus: täydennä tunnit, ryhmän koko ja kuinka usein",
        "- Menetelmät:",
        "    - Verkkokurssi",
    ]


def test_notes_and_questions_left_out_of_the_documents_stay_out_of_the_plan(
    app, api, make_workshop, sockets, facilitator
):
    series = build(api, make_workshop, sockets, facilitator[2], "fi")
    docs = [
        api.get(f"/workshops/{r.workshop['id']}/export.json").get_json() for r in series["rooms"]
    ]
    for note in docs[1]["notes"]:
        if note["fields"].get("method") == "Leadership webinar":
            note["excluded"] = True
    for step in docs[2]["steps"]:
        if step["canvas"] == "follow_up":
            step["excluded_prompts"] = ["approval"]
    with app.app_context():
        blocks = training_plan({"title": "Sarja", "language": "fi"}, docs, date.today())
    markdown = to_markdown(blocks)
    assert "Leadership webinar" not in markdown
    assert "The board approves it in May" not in markdown
    assert section(markdown, 13).strip() == WORDS["fi"]["fill_approval"]


@pytest.mark.parametrize(
    ("language", "one", "many"),
    [("fi", "6 h, 1 hlö", "6 h, 20 hlöä"), ("sv", "6 h, 1 person", "6 h, 20 personer")],
)
def test_a_group_of_one_person_is_counted_in_the_singular(app, language, one, many):
    with app.app_context(), document_language(language):
        assert scope_of({"hours": "6", "size": "1"}) == one
        assert scope_of({"hours": "6", "size": "20"}) == many
