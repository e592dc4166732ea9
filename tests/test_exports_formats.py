"""The workshop summary, the training-plan draft and the notes in every format: golden
Markdown, the same headings and tables in Word, CSV for Excel, HTML that carries its policy."""

import csv
import io
from html.parser import HTMLParser

import markdown
import pytest
from docx import Document

from .test_exports_golden import build_impact_chain, build_series, check_golden


class Outline(HTMLParser):
    """Headings (level, text) and tables (rows of cell texts) of an HTML fragment."""

    def __init__(self):
        super().__init__()
        self.headings, self.tables, self.tags = [], [], []
        self._text = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "th", "td"):
            self._text = []
        if tag == "table":
            self.tables.append([])
        if tag == "tr":
            self.tables[-1].append([])

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append((int(tag[1]), "".join(self._text)))
            self._text = None
        if tag in ("th", "td"):
            self.tables[-1][-1].append("".join(self._text))
            self._text = None


def outline_of_markdown(text: str) -> Outline:
    parser = Outline()
    parser.feed(markdown.markdown(text, extensions=["tables"]))
    return parser


def outline_of_docx(body: bytes):
    document = Document(io.BytesIO(body))
    headings = [
        (int(p.style.name.removeprefix("Heading ")), p.text)
        for p in document.paragraphs
        if p.style.name.startswith("Heading ")
    ]
    tables = [
        [[cell.text for cell in row.cells] for row in table.rows] for table in document.tables
    ]
    return headings, tables


@pytest.fixture
def workshop_room(make_workshop, sockets, facilitator):
    return build_impact_chain(make_workshop, sockets, facilitator[2])


def test_summary_of_a_workshop_built_live_matches_the_golden_file(workshop_room, api):
    response = api.get(f"/workshops/{workshop_room.workshop['id']}/summary.md")
    assert response.status_code == 200
    assert response.mimetype == "text/markdown"
    check_golden("summary_fi.md", response.get_data(as_text=True))


def test_summary_orders_by_votes_and_leaves_out_hidden_and_moderated_notes(workshop_room, api):
    text = api.get(f"/workshops/{workshop_room.workshop['id']}/summary.md").get_data(as_text=True)
    assert (
        text.index("Kokemusasiantuntijoiden käyttö (3 ääntä)")
        < text.index("Palautteen kerääminen asiakkailta (2 ääntä)")
        < text.index("Asiakkaan kohtaaminen")
    )
    assert "Poistettava asiaton lappu" not in text
    assert "Vielä piilossa oleva lappu" not in text
    assert "Lappuja ei ole vielä paljastettu." in text
    assert "#### Työkulttuuri" in text and "#### Muut" in text
    assert "3 osallistujaa · fasilitaattori Fasilitaattori" in text


def test_docx_summary_has_the_headings_and_tables_of_the_markdown(workshop_room, api):
    wid = workshop_room.workshop["id"]
    md = outline_of_markdown(api.get(f"/workshops/{wid}/summary.md").get_data(as_text=True))
    response = api.get(f"/workshops/{wid}/summary.docx")
    assert response.status_code == 200
    headings, tables = outline_of_docx(response.get_data())
    assert headings == md.headings
    assert tables == md.tables
    assert (3, "Esihenkilöt") in headings  # a target-group card is a block of its own


def test_notes_csv_is_utf8_with_bom_and_has_one_row_per_shown_note(workshop_room, api):
    response = api.get(f"/workshops/{workshop_room.workshop['id']}/notes.csv")
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == [
        "työpaja",
        "vaihe",
        "kysymys",
        "teema",
        "ryhmä",
        "teksti",
        "kentät",
        "äänet",
        "kirjoittaja",
        "luotu",
    ]
    texts = [row[5] for row in rows[1:]]
    assert len(rows) - 1 == 15  # every note but the moderated and the hidden one
    assert "Poistettava asiaton lappu" not in texts
    assert "Vielä piilossa oleva lappu" not in texts
    card = next(row for row in rows if row[6].startswith("Kohderyhmä: Esihenkilöt"))
    assert card[8] == "Bertta"
    anonymous = next(row for row in rows if row[5] == "Palautekanava verkkoon")
    assert anonymous[8] == "nimetön" and anonymous[3] == "Välineet"


def test_html_summary_is_a_standalone_page_with_its_own_policy(workshop_room, api):
    response = api.get(f"/workshops/{workshop_room.workshop['id']}/summary.html")
    page = response.get_data(as_text=True)
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script" not in policy
    assert '<meta http-equiv="Content-Security-Policy"' in page
    assert "<script" not in page
    assert "overflow-wrap: anywhere" in page
    assert "<h1>Osallisuusosaamisen työpaja — yhteenveto</h1>" in page


def test_downloads_are_attachments_named_after_the_title(workshop_room, api):
    response = api.get(f"/workshops/{workshop_room.workshop['id']}/summary.md")
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert 'filename="Osallisuusosaamisen-tyopaja-yhteenveto.md"' in disposition
    assert "filename*=UTF-8''Osallisuusosaamisen%20ty%C3%B6paja%20-%20yhteenveto.md" in disposition


def test_exports_need_the_owner(workshop_room, client, make_facilitator):
    wid = workshop_room.workshop["id"]
    assert client.get(f"/api/v1/workshops/{wid}/summary.md").status_code == 401
    _id, _email, token = make_facilitator()
    response = client.get(
        f"/api/v1/workshops/{wid}/notes.csv", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_training_plan_of_a_three_workshop_series_has_every_section_in_order(
    api, make_workshop, sockets, facilitator
):
    series = build_series(api, make_workshop, sockets, facilitator[2])
    response = api.get(f"/series/{series['id']}/training-plan.md")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    check_golden("training_plan_fi.md", text, every_date=True)
    sections = [h for level, h in outline_of_markdown(text).headings if level == 2]
    assert sections == [
        "1. Perustiedot",
        "2. Tarve",
        "3. Visio ja vaikuttavuustavoite",
        "4. Kehittämisen teemat",
        "5. Kohderyhmät",
        "6. Menetelmät",
        "7. Resurssit, materiaalit ja kustannukset",
        "8. Aikataulu",
        "9. Vastuut",
        "10. Seuranta ja mittarit",
        "11. Voimassaolo ja päivittäminen",
        "12. Suhde organisaation muihin suunnitelmiin",
        "13. Hyväksyminen",
        "14. Avoimet kysymykset ja jatko",
    ]
    resources = text.split("## 7. Resurssit, materiaalit ja kustannukset")[1].split("## 8.")[0]
    assert resources.strip() == (
        "Täydennä: mitä resursseja ja materiaaleja on käytettävissä, mitä koulutus maksaa ja "
        "kuka voi olla mukana toteuttamassa sitä?"
    )
    docx = api.get(f"/series/{series['id']}/training-plan.docx")
    headings, tables = outline_of_docx(docx.get_data())
    assert headings == outline_of_markdown(text).headings
    assert tables == outline_of_markdown(text).tables


def test_cli_exports_the_same_summary_as_the_api(workshop_room, api, cli, tmp_path):
    wid = workshop_room.workshop["id"]
    result = cli("export", str(wid), "--format", "md")
    assert result.returncode == 0, result.stderr
    assert result.stdout.encode() == api.get(f"/workshops/{wid}/summary.md").get_data()
    target = tmp_path / "yhteenveto.docx"
    result = cli("export", str(wid), "--format", "docx", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert outline_of_docx(target.read_bytes())[0][0] == (
        1,
        "Osallisuusosaamisen työpaja — yhteenveto",
    )
    missing = cli("export", "99999", "--format", "json")
    assert missing.returncode != 0
    assert missing.stderr.strip().count("\n") == 0 and "99999" in missing.stderr
