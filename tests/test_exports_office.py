"""Word and Excel files an organisation can send on as they are: A4 with Finnish margins, the
workshop's language as Word's proofing language, real heading and list styles, tables that fit
the page; the notes as an .xlsx where participant text stays text and times are local."""

import csv
import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm
from openpyxl import load_workbook

from app.core.workshop_models import Workshop
from app.exports.blocks import Bullets, Heading, Item, Table
from app.exports.docx_out import to_docx
from app.extensions import db

from .test_exports_golden import Room, build_impact_chain
from .test_exports_pages import log_in

FORMULAS = ('=HYPERLINK("http://x")', "+358 40 123", "-2+3", "@SUM(A1:A2)")


@pytest.fixture
def workshop_room(make_workshop, sockets, facilitator):
    return build_impact_chain(make_workshop, sockets, facilitator[2])


def word(body: bytes):
    return Document(io.BytesIO(body))


def language_of(document, paragraph) -> str:
    """The proofing language Word uses for the paragraph's text: the run's own, else its
    paragraph style's (or the style it is based on), else the document default."""
    for run in paragraph.runs:
        lang = run._r.find(f"{qn('w:rPr')}/{qn('w:lang')}")
        if lang is not None:
            return lang.get(qn("w:val"))
    style = paragraph.style
    while style is not None:
        lang = style.element.find(f"{qn('w:rPr')}/{qn('w:lang')}")
        if lang is not None:
            return lang.get(qn("w:val"))
        style = style.base_style
    defaults = document.styles.element.find(qn("w:docDefaults"))
    return defaults.find(f".//{qn('w:lang')}").get(qn("w:val"))


def text_width(document) -> int:
    section = document.sections[0]
    return section.page_width - section.left_margin - section.right_margin


def check_tables_fit(document) -> None:
    for table in document.tables:
        widths = [column.width for column in table.columns]
        assert sum(widths) <= text_width(document)
        layout = table._tbl.tblPr.find(qn("w:tblLayout"))
        assert layout is not None and layout.get(qn("w:type")) == "fixed"
        assert table.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None


def test_word_summary_is_a4_with_finnish_margins_and_finnish_proofing(workshop_room, api):
    body = api.get(f"/workshops/{workshop_room.workshop['id']}/summary.docx").get_data()
    document = word(body)
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    margins = (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin)
    assert [round(m.cm, 1) for m in margins] == [2.0, 2.0, 2.5, 2.5]
    assert document.core_properties.language == "fi-FI"
    assert document.styles["Normal"].element.find(f".//{qn('w:lang')}").get(qn("w:val")) == "fi-FI"
    assert {language_of(document, p) for p in document.paragraphs} == {"fi-FI"}
    cells = [p for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    assert {language_of(document, p) for p in cells} == {"fi-FI"}
    # Word would not check a document its settings call already checked.
    assert document.settings.element.find(qn("w:proofState")) is None
    assert document.tables
    check_tables_fit(document)
    note = [p for p in document.paragraphs if p.text.startswith("Kokemusasiantuntijoiden käyttö")]
    assert [p.style.name for p in note] == ["List Bullet"]
    headings = [p.style.name for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert {"Heading 1", "Heading 2", "Heading 3", "Heading 4"} <= set(headings)


@pytest.mark.parametrize("language, tag", [("sv", "sv-FI"), ("en", "en-GB")])
def test_word_files_are_proofed_in_the_workshops_language(
    language, tag, make_workshop, sockets, facilitator, api
):
    created = make_workshop(language=language, title="Workshop")
    Room(sockets, facilitator[2], created).join("Aino").note("Aino", "need", "needed", "Text")
    document = word(api.get(f"/workshops/{created['id']}/summary.docx").get_data())
    assert document.core_properties.language == tag
    assert {language_of(document, p) for p in document.paragraphs} == {tag}
    assert round(document.sections[0].page_width.cm, 1) == 21.0


def test_table_columns_share_the_text_width_by_their_content():
    long = "Palvelussuhteeseen liittyvät osallisuuden perusteet ja asiakasraadit " * 3
    rows = tuple(("Esihenkilöt", long, "Työpajat; verkkokurssi", "3") for _ in range(3))
    header = ("Kohderyhmä", "Sisältö", "Menetelmät", "Ääniä")
    document = word(to_docx([Table(header, rows)], title="T", language="fi"))
    check_tables_fit(document)
    widths = [column.width for column in document.tables[0].columns]
    assert sum(widths) == text_width(document)
    assert widths[1] == max(widths)  # the long text gets the room
    # Each column holds its longest word (about 0.2 cm a letter at 10 pt, with the padding).
    for width, text in zip(widths, [*header, "Palvelussuhteeseen"], strict=False):
        assert width >= Cm(0.18 * max(len(w) for w in text.split()))


def test_a_wide_table_still_fits_and_keeps_its_short_words_whole():
    header = ("Kohderyhmä", "Tavoite", "Sisältö", "Menetelmät", "Laajuus", "Kommentti", "Ääniä")
    long = "Kokemusasiantuntijatoiminnankehittämissuunnitelma"
    rows = ((long, long, long, "Verkkokurssi", "4 h", "Tärkeä", "3"),)
    document = word(to_docx([Table(header, rows)], title="T", language="fi"))
    check_tables_fit(document)
    widths = [column.width for column in document.tables[0].columns]
    assert sum(widths) == text_width(document)
    for width, text in list(zip(widths, header, strict=True))[3:]:
        assert width >= Cm(0.18 * len(text)), text
    # Word hyphenates the cells by their language; the body text is not hyphenated.
    assert document.settings.element.find(qn("w:autoHyphenation")) is not None
    assert document.styles["Normal"].element.find(f".//{qn('w:suppressAutoHyphens')}") is not None


def test_nested_bullets_use_the_list_styles():
    blocks = [
        Heading(2, "Kohderyhmät"),
        Bullets(("Tavoite: tuntee perusteet", Item("Sisältö:", ("Käsitteet", "Asiakasraadit")))),
    ]
    document = word(to_docx(blocks, title="T", language="fi"))
    assert [(p.style.name, p.text) for p in document.paragraphs] == [
        ("Heading 2", "Kohderyhmät"),
        ("List Bullet", "Tavoite: tuntee perusteet"),
        ("List Bullet", "Sisältö:"),
        ("List Bullet 2", "Käsitteet"),
        ("List Bullet 2", "Asiakasraadit"),
    ]


def hostile_notes(room: Room) -> None:
    for text in FORMULAS:
        room.note("Aino", "need", "existing", text)


def workbook(body: bytes):
    return load_workbook(io.BytesIO(body)).active


def test_notes_xlsx_has_the_rows_of_the_csv_with_text_kept_as_text(workshop_room, api):
    hostile_notes(workshop_room)
    wid = workshop_room.workshop["id"]
    response = api.get(f"/workshops/{wid}/notes.xlsx")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert 'filename="Osallisuusosaamisen-tyopaja.xlsx"' in response.headers["Content-Disposition"]
    sheet = workbook(response.get_data())
    body = api.get(f"/workshops/{wid}/notes.csv").get_data(as_text=True)
    table = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))
    rows = list(sheet.iter_rows())
    assert [cell.value for cell in rows[0]] == table[0]
    assert all(cell.font.bold for cell in rows[0])
    assert len(rows) == len(table) == 1 + 15 + len(FORMULAS)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:J{len(rows)}"
    assert all(sheet.column_dimensions[c].width >= 6 for c in "ABCDEFGHIJ")
    texts = {row[5].value: row[5] for row in rows[1:]}
    for text in FORMULAS:
        assert texts[text].data_type == "s" and texts[text].value == text
    for cells, line in zip(rows[1:], table[1:], strict=True):
        text = cells[5].value or ""
        assert text == line[5] or (text in FORMULAS and line[5] == "'" + text)
        assert cells[7].value == int(line[7])
        assert cells[9].value.strftime("%Y-%m-%d %H:%M") == line[9]


def test_note_times_are_the_workshops_local_time(workshop_room, api, app):
    wid = workshop_room.workshop["id"]
    with app.app_context():
        db.session.get(Workshop, wid).time_zone = "America/New_York"
        db.session.commit()
    note = api.get(f"/workshops/{wid}").get_json()["notes"][0]
    written = datetime.fromisoformat(note["created_at"].removesuffix("Z")).replace(tzinfo=UTC)
    local = written.astimezone(ZoneInfo("America/New_York")).replace(tzinfo=None)
    sheet = workbook(api.get(f"/workshops/{wid}/notes.xlsx").get_data())
    created = [row[9].value for row in sheet.iter_rows(min_row=2)]
    assert local.replace(microsecond=0) in [c.replace(microsecond=0) for c in created]
    assert sheet["J2"].is_date
    body = api.get(f"/workshops/{wid}/notes.csv").get_data().decode("utf-8-sig")
    assert local.strftime("%Y-%m-%d %H:%M") in body
    assert note["created_at"] not in body


def test_organiser_link_and_console_offer_the_excel_file(client, api, make_workshop, facilitator):
    response = api.post("/series", json={"title": "Sarja", "organisation": "Alue"})
    series_id = response.get_json()["id"]
    created = make_workshop(series_id=series_id, title="Sarjan työpaja 1")
    url = api.post(f"/series/{series_id}/share").get_json()["url"]
    path = url.removeprefix("http://localhost")
    page = client.get(path).get_data(as_text=True)
    link = f"{path}/w/{created['id']}/notes.xlsx"
    assert f'href="{link}"' in page and "Laput (Excel)" in page
    shared = client.get(link)
    assert shared.status_code == 200
    assert [c.value for c in next(workbook(shared.get_data()).iter_rows())][0] == "työpaja"
    log_in(client, facilitator[1])
    console = client.get(f"/w/{created['id']}").get_data(as_text=True)
    assert f"/w/{created['id']}/download/notes.xlsx" in console and "Laput (Excel)" in console
    download = client.get(f"/w/{created['id']}/download/notes.xlsx")
    assert download.status_code == 200 and workbook(download.get_data()).title == "Laput"


def test_cli_writes_the_excel_file(workshop_room, cli, tmp_path):
    target = tmp_path / "laput.xlsx"
    result = cli("export", str(workshop_room.workshop["id"]), "--format", "xlsx", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert workbook(target.read_bytes()).max_row == 16
