"""Participant text can contain anything; in every export it stays literal text. No heading,
link, image, HTML, broken table or spreadsheet formula comes out of it."""

import csv
import io
import json
import zipfile
from html.parser import HTMLParser

import markdown
import pytest
from docx import Document

from app.exports.escape import clean

from .test_exports_golden import Room

LONG_WORD = "Osallisuus" * 200  # 2,000 characters, no space
HOSTILE = [
    "# heading",
    "## also a heading\n=====",
    "[link](javascript:alert(1))",
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    "![img](http://example.com/x.png)",
    "`code` and ```fence```",
    "a | b | c",
    '=HYPERLINK("http://x")',
    "+1",
    "-1",
    "@SUM(A1)",
    "1. not a list\n> not a quote\n---",
    "*stars* _under_ ~~strike~~ \\back",
    "&lt;escaped&gt; &amp; entity",
    "control\x07chars\x1b[31m",
    "right\u202eto left",
    "<http://example.com/autolink> www.example.com",
    "[ref]: http://example.com/ref",
    LONG_WORD,
]
CARD = {"group": "=cmd|' /C calc'!A0", "goal": "pipe | in | goal", "contents": ["-2+3", "| x |"]}
ALLOWED_TAGS = {
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "ul",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "main",
}


def literal(text: str) -> str:
    """What the text must read as in a one-line context."""
    return clean(text)


@pytest.fixture
def hostile(make_workshop, sockets, facilitator, api):
    created = make_workshop(template="hyvanmitta-impact-chain", title="<b>Hostile</b> # title")
    room = Room(sockets, facilitator[2], created).join("<script>x</script>")
    for text in HOSTILE:
        room.note("<script>x</script>", "need", "needed", text)
    room.note("<script>x</script>", "target_groups", "groups", "| comment |", **CARD)
    return created["id"]


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attributes, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [name for name, _value in attrs]

    def handle_data(self, data):
        self.text.append(data)


def test_markdown_keeps_hostile_text_literal(hostile, api):
    text = api.get(f"/workshops/{hostile}/summary.md").get_data(as_text=True)
    html = markdown.markdown(text, extensions=["tables"])
    tags = Tags()
    tags.feed(html)
    assert not {
        "a",
        "img",
        "script",
        "code",
        "em",
        "strong",
        "blockquote",
        "ol",
        "hr",
        "pre",
        "h5",
        "h6",
        "b",
    } & set(tags.tags)
    assert not [name for name in tags.attributes if name.startswith("on") or name == "src"]
    rendered = "".join(tags.text)
    for note in HOSTILE:
        if "\\" in note or "&" in note:
            continue  # the markdown package differs from CommonMark for these; checked below
        assert literal(note) in rendered, note
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert not [h for h in headings if "heading" in h or "Osallisuus" * 2 in h]
    for table in [block for block in text.split("\n\n") if block.startswith("|")]:
        widths = {row.replace("\\|", "").count("|") for row in table.splitlines()}
        assert len(widths) == 1, table


def test_html_summary_keeps_hostile_text_literal(hostile, api):
    page = api.get(f"/workshops/{hostile}/summary.html").get_data(as_text=True)
    tags = Tags()
    tags.feed(page)
    assert set(tags.tags) <= ALLOWED_TAGS, set(tags.tags) - ALLOWED_TAGS
    assert not [name for name in tags.attributes if name.startswith("on") or name == "src"]
    rendered = "".join(tags.text)
    for note in HOSTILE:
        assert literal(note) in rendered, note
    assert literal(CARD["goal"]) in rendered


def test_csv_cells_never_start_a_formula(hostile, api):
    body = api.get(f"/workshops/{hostile}/notes.csv").get_data().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert len(rows) == 1 + len(HOSTILE) + 1
    for row in rows:
        assert len(row) == 10
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    texts = [row[5] for row in rows[1:]]
    assert '\'=HYPERLINK("http://x")' in texts and "'+1" in texts and "'@SUM(A1)" in texts


def test_docx_holds_hostile_text_as_plain_runs(hostile, api):
    body = api.get(f"/workshops/{hostile}/summary.docx").get_data()
    document = Document(io.BytesIO(body))
    paragraphs = [p.text for p in document.paragraphs]
    for note in HOSTILE:
        assert literal(note) in paragraphs, note
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert CARD["group"] in headings and f"Tavoite: {CARD['goal']}" in paragraphs
    assert CARD["contents"] == [
        p.text for p in document.paragraphs if p.style.name == "List Bullet 2"
    ]
    xml = zipfile.ZipFile(io.BytesIO(body)).read("word/document.xml").decode()
    assert "w:hyperlink" not in xml and "<script" not in xml and "\u202e" not in xml
    assert not [
        p for p in document.paragraphs if p.style.name.startswith("Heading") and "heading" in p.text
    ]


def test_json_export_keeps_text_and_comes_back(hostile, api):
    doc = api.get(f"/workshops/{hostile}/export.json").get_json()
    texts = [note["text"] for note in doc["notes"]]
    assert "<script>window.__xss=1</script>" in texts and LONG_WORD in texts
    response = api.post("/workshops/import", data=json.dumps(doc), content_type="application/json")
    assert response.status_code == 201, response.get_json()
    again = api.get(f"/workshops/{response.get_json()['id']}/export.json").get_json()
    assert [n["text"] for n in again["notes"]] == texts
