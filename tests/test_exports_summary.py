"""The summary reads like the facilitator typed it up: cards as blocks, nothing that says
nothing, themes with their descriptions ranked by votes, the facilitator's curation and closing
text, and dates in the workshop's own time zone. Checked in every format a user downloads."""

import csv
import io
from datetime import date, datetime

import pytest
from docx import Document
from flask_babel import gettext

from app.core.note_models import Note
from app.core.workshop_models import Step, Workshop
from app.db import write_transaction
from app.exports.blocks import Bullets, Heading, Table
from app.exports.cards import card_blocks
from app.exports.content import local_time
from app.exports.language import document_language, local_date, local_date_time
from app.exports.summary import repeats
from app.extensions import db

from .test_demo import make_example
from .test_exports_golden import Room, build_impact_chain


def downloads(api, wid: int) -> dict[str, str]:
    """The text a reader finds in each download of the workshop."""
    docx = Document(io.BytesIO(api.get(f"/workshops/{wid}/summary.docx").get_data()))
    docx_text = [p.text for p in docx.paragraphs] + [
        cell.text for table in docx.tables for row in table.rows for cell in row.cells
    ]
    return {
        "md": api.get(f"/workshops/{wid}/summary.md").get_data(as_text=True),
        "html": api.get(f"/workshops/{wid}/summary.html").get_data(as_text=True),
        "docx": "\n".join(docx_text),
        "csv": api.get(f"/workshops/{wid}/notes.csv").get_data().decode("utf-8-sig"),
    }


def docx_paragraphs(api, wid: int) -> list[tuple[str, str]]:
    body = api.get(f"/workshops/{wid}/summary.docx").get_data()
    return [(p.style.name, p.text) for p in Document(io.BytesIO(body)).paragraphs]


def curate(app, wid: int, *, notes=None, step_prompts=None, **workshop):
    """What the facilitator sets on the workshop (``workshop``), on notes (``{id: {column:
    value}}``) and on steps (``{step id: excluded prompt ids}``), as one change."""
    with app.app_context(), write_transaction(wid):
        row = db.session.get(Workshop, wid)
        for name, value in workshop.items():
            setattr(row, name, value)
        for note_id, values in (notes or {}).items():
            note = db.session.get(Note, note_id)
            for name, value in values.items():
                setattr(note, name, value)
        for step_id, prompts in (step_prompts or {}).items():
            db.session.get(Step, step_id).excluded_prompts = prompts
        row.seq += 1


@pytest.fixture
def room(make_workshop, sockets, facilitator):
    return build_impact_chain(make_workshop, sockets, facilitator[2])


def test_instructions_and_empty_questions_appear_in_no_export(room, api):
    wid = room.workshop["id"]
    steps = api.get(f"/workshops/{wid}/export.json").get_json()["steps"]
    instructions = [step["instructions"] for step in steps if step.get("instructions")]
    assert len(instructions) >= 5
    need = next(step for step in steps if step["canvas"] == "need")
    causes = next(p for p in need["prompts"] if p["id"] == "causes")
    assert causes["optional"]
    actions = next(step for step in steps if step["canvas"] == "actions")
    for name, text in downloads(api, wid).items():
        for line in instructions:
            assert line not in text, (name, line)
        assert causes["title"] not in text, name
        assert actions["title"] not in text, name  # a step with no material at all
        assert "Ei lappuja" not in text, name


def test_a_card_is_a_heading_with_its_filled_fields_as_bullets_in_md_html_and_docx(room, api):
    wid = room.workshop["id"]
    md = api.get(f"/workshops/{wid}/summary.md").get_data(as_text=True)
    assert (
        "## Kohderyhmät: kenelle koulutus suunnataan?\n\n"
        "### Uudet työntekijät\n\n"
        "- Tavoite: Tuntee osallisuuden perusteet\n"
        "- Sisältö:\n"
        "    - Osallisuuden käsitteet\n"
        "    - Asiakasraadit\n"
        "- Kommentti: Perehdytykseen mukaan\n\n"
        "### Esihenkilöt\n\n"
    ) in md
    assert "Ryhmän koko" not in md and "Huomioita" not in md and "; " not in md
    page = api.get(f"/workshops/{wid}/summary.html").get_data(as_text=True)
    assert (
        "<h3>Uudet työntekijät</h3>\n<ul>\n<li>Tavoite: Tuntee osallisuuden perusteet</li>\n"
        "<li>Sisältö:<ul>\n<li>Osallisuuden käsitteet</li>\n<li>Asiakasraadit</li>\n</ul>\n</li>"
    ) in page
    paragraphs = docx_paragraphs(api, wid)
    start = paragraphs.index(("Heading 3", "Uudet työntekijät"))
    assert paragraphs[start + 1 : start + 7] == [
        ("List Bullet", "Tavoite: Tuntee osallisuuden perusteet"),
        ("List Bullet", "Sisältö:"),
        ("List Bullet 2", "Osallisuuden käsitteet"),
        ("List Bullet 2", "Asiakasraadit"),
        ("List Bullet", "Kommentti: Perehdytykseen mukaan"),
        ("Heading 3", "Esihenkilöt"),
    ]


def test_short_cards_with_few_columns_stay_a_small_table(make_workshop, sockets, facilitator, api):
    created = make_workshop(index=3)  # the series' third workshop has the task cards
    room = Room(sockets, facilitator[2], created).join("Aino")
    for task, owner in (("Kurssin hankinta", "Kehittämisyksikkö"), ("Viestintä", "Viestintä")):
        room.note("Aino", "responsibilities", "tasks", task=task, owner=owner, deadline="3/2026")
    md = api.get(f"/workshops/{created['id']}/summary.md").get_data(as_text=True)
    assert (
        "## Tehtävänjako ja vastuut\n\n"
        "| Tehtävä | Vastuuhenkilö tai -rooli | Määräaika |\n| --- | --- | --- |\n"
        "| Kurssin hankinta | Kehittämisyksikkö | 3/2026 |\n"
    ) in md
    assert "### Tehtävät ja vastuut" not in md  # the step's only question says the same


def test_a_theme_without_notes_exports_with_its_description(room, api):
    room.theme("impact", "Rakenteet", "Pysyvät rakenteet osallisuudelle", [])
    wid = room.workshop["id"]
    texts = downloads(api, wid)
    assert "#### Rakenteet\n\nPysyvät rakenteet osallisuudelle\n\n#### Muut" in texts["md"]
    assert "<h4>Rakenteet</h4>\n<p>Pysyvät rakenteet osallisuudelle</p>" in texts["html"]
    paragraphs = docx_paragraphs(api, wid)
    start = paragraphs.index(("Heading 4", "Rakenteet"))
    assert paragraphs[start + 1][1] == "Pysyvät rakenteet osallisuudelle"


def test_after_voting_themes_are_ranked_by_their_votes(make_workshop, sockets, facilitator, api):
    created = make_workshop(template="hyvanmitta-impact-chain")
    room = Room(sockets, facilitator[2], created).join("Aino", "Bertta")
    quiet = room.note("Aino", "impact", "themes", "Koulutuskalenteri")
    loud = room.note("Aino", "impact", "themes", "Esihenkilöt näyttävät mallia")
    loose = room.note("Bertta", "impact", "themes", "Palautekanava")
    room.theme("impact", "Välineet", "", [quiet])
    room.theme("impact", "Johtaminen", "Esihenkilöiden tuki", [loud])
    room.theme("impact", "Tyhjä A", "", [])
    room.theme("impact", "Tyhjä B", "", [])
    room.vote("impact", {"Aino": [loud, loose], "Bertta": [loud]})
    md = api.get(f"/workshops/{created['id']}/summary.md").get_data(as_text=True)
    order = ["#### Johtaminen", "#### Välineet", "#### Tyhjä A", "#### Tyhjä B", "#### Muut"]
    assert [md.index(heading) for heading in order] == sorted(md.index(h) for h in order)
    assert "- Esihenkilöt näyttävät mallia (2 ääntä)" in md
    assert md.index("- Palautekanava (1 ääni)") > md.index("#### Muut")


def test_left_out_notes_and_questions_are_in_no_export(room, api, app):
    wid = room.workshop["id"]
    doc = api.get(f"/workshops/{wid}/export.json").get_json()
    need = next(step for step in doc["steps"] if step["canvas"] == "need")
    test_note = next(n for n in doc["notes"] if n["text"] == "Asiakkaan kohtaaminen tasavertaisena")
    before = downloads(api, wid)
    assert "Asiakasraadit kahdessa kunnassa" in before["csv"]
    curate(
        app,
        wid,
        notes={test_note["id"]: {"excluded": True}},
        step_prompts={need["id"]: ["existing"]},
    )
    after = downloads(api, wid)
    for name, text in after.items():
        assert "Asiakkaan kohtaaminen tasavertaisena" not in text, name
        assert "Asiakasraadit kahdessa kunnassa" not in text, name
        assert "Millaisia tietoja, taitoja ja asenteita meillä on jo?" not in text, name
        assert "Kokemusasiantuntijoiden käyttö" in text, name
    rows = list(csv.reader(io.StringIO(after["csv"])))
    assert len(rows) == len(list(csv.reader(io.StringIO(before["csv"])))) - 2
    # Still on the board: only the documents leave them out.
    texts = [n["text"] for n in api.get(f"/workshops/{wid}/export.json").get_json()["notes"]]
    assert "Asiakkaan kohtaaminen tasavertaisena" in texts


def test_closing_text_is_the_last_section_in_paragraphs(room, api, app):
    wid = room.workshop["id"]
    md = api.get(f"/workshops/{wid}/summary.md").get_data(as_text=True)
    assert "Yhteenveto ja jatko" not in md
    closing = "Seuraava työpaja pidetään toukokuussa.\n\nLuonnos\nlähetetään johtoryhmälle."
    curate(app, wid, closing_text=closing)
    md = api.get(f"/workshops/{wid}/summary.md").get_data(as_text=True)
    assert md.endswith(
        "## Yhteenveto ja jatko\n\nSeuraava työpaja pidetään toukokuussa.\n\n"
        "Luonnos lähetetään johtoryhmälle.\n"
    )
    paragraphs = docx_paragraphs(api, wid)
    assert paragraphs[-3:] == [
        ("Heading 2", "Yhteenveto ja jatko"),
        ("Normal", "Seuraava työpaja pidetään toukokuussa."),
        ("Normal", "Luonnos lähetetään johtoryhmälle."),
    ]


def date_line(api, wid: int) -> str:
    return api.get(f"/workshops/{wid}/summary.md").get_data(as_text=True).split("\n")[2]


def test_the_date_is_the_day_in_helsinki_and_the_held_on_date_wins(room, api, app):
    wid = room.workshop["id"]
    doc = api.get(f"/workshops/{wid}/export.json").get_json()
    late = datetime(2025, 3, 11, 23, 30)  # UTC: already 12 March, 01:30, in Helsinki
    curate(app, wid, notes={n["id"]: {"created_at": late} for n in doc["notes"]})
    assert date_line(api, wid).startswith("12.3.2025 · 3 osallistujaa")
    curate(app, wid, time_zone="UTC")
    assert date_line(api, wid).startswith("11.3.2025 · ")
    curate(app, wid, time_zone="Europe/Helsinki", held_on=date(2025, 3, 20))
    assert date_line(api, wid).startswith("20.3.2025 · ")


def test_small_groups_notes_come_under_the_groups_name_once(app, api, facilitator):
    _series, ids = make_example(app, facilitator[0], "fi")
    md = api.get(f"/workshops/{ids[1]}/summary.md").get_data(as_text=True)
    assert "(ryhmä" not in md
    resources = md.split("### Mitä resursseja on käytettävissä?")[1].split("\n### ")[0]
    assert resources.strip().startswith("#### Ryhmä 1\n\n- Digitukihenkilöt kuudessa yksikössä")
    assert resources.count("#### Ryhmä 1") == 1 and resources.count("#### Ryhmä 2") == 1
    headings = [line for line in md.split("\n") if line.startswith("#")]
    assert "### Kohderyhmät ja niiden tavoitteet" not in headings
    assert "### Menetelmät ja niiden toteutus" not in headings


@pytest.mark.parametrize(
    ("language", "day", "moment", "closing"),
    [
        ("fi", "12.3.2025", "12.3.2025 klo 1.30", "Yhteenveto ja jatko"),
        ("sv", "12.3.2025", "12.3.2025 kl. 1.30", "Sammanfattning och fortsättning"),
        ("en", "12 March 2025", "12 March 2025, 01:30", "Summary and next steps"),
    ],
)
def test_dates_and_times_are_written_as_in_finland(app, language, day, moment, closing):
    local = local_time("2025-03-11T23:30:00Z", "Europe/Helsinki")
    with app.app_context(), document_language(language):
        assert local_date(local) == day
        assert local_date_time(local) == moment
        assert local_date(date(2025, 3, 12)) == day
        assert gettext("Summary and next steps") == closing
    with app.app_context(), document_language("fi"):
        later = local_time("2025-06-01T06:05:00Z", "Europe/Helsinki")
        assert local_date_time(later) == "1.6.2025 klo 9.05"


STEP = {
    "note": {
        "type": "card",
        "fields": [
            {"id": "group", "type": "text", "label": "Kohderyhmä"},
            {"id": "goal", "type": "longtext", "label": "Tavoite"},
            {"id": "contents", "type": "list", "label": "Sisältö"},
        ],
    }
}


def card(fields: dict, text: str = "", votes: int = 0) -> dict:
    return {"fields": fields, "text": text, "votes": votes}


def test_a_card_without_a_name_is_headed_by_its_first_filled_field_and_empty_ones_vanish(app):
    with app.app_context(), document_language("fi"):
        blocks = card_blocks(
            STEP,
            [
                card({"group": "", "goal": "Tuntee perusteet", "contents": ["", "  "]}, "Hyvä", 2),
                card({"group": "  ", "contents": []}),
            ],
            4,
        )
    assert blocks == [Heading(4, "Tuntee perusteet"), Bullets(("Kommentti: Hyvä", "2 ääntä"))]


def test_short_one_line_cards_make_a_table_of_only_their_filled_columns(app):
    notes = [card({"group": "Esihenkilöt", "contents": ["Valmennus"]}), card({"group": "Uudet"})]
    with app.app_context(), document_language("sv"):
        assert card_blocks(STEP, notes, 4) == [
            Table(("Kohderyhmä", "Sisältö"), (("Esihenkilöt", "Valmennus"), ("Uudet", "")))
        ]
    notes.append(card({"group": "Kaikki", "goal": "x" * 81}))
    with app.app_context(), document_language("fi"):
        assert isinstance(card_blocks(STEP, notes, 4)[0], Heading)


@pytest.mark.parametrize(
    ("step", "prompt", "same"),
    [
        ("Kohderyhmät: kenelle koulutus suunnataan?", "Kohderyhmät ja niiden tavoitteet", True),
        ("Tehtävänjako ja vastuut", "Tehtävät ja vastuut", True),
        ("Task division and responsibilities", "Tasks and responsibilities", True),
        ("Palaute", "Miten työpaja onnistui?", False),
        ("Bonuskysymys", "Mitä otat tästä mukaasi omaan työhösi?", False),
        ("Mitä opimme?", "Mitä jäi mieleen?", False),
    ],
)
def test_a_single_question_is_no_heading_only_when_it_repeats_its_step(step, prompt, same):
    assert repeats(step, prompt) is same
