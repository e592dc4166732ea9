"""Blocks as a Word document an organisation can send on as it is: A4, Finnish margins, the
workshop's language as proofing language, the same headings (Heading 1–4), lists (List Bullet,
List Bullet 2) and tables as the Markdown, tables that fit the page.

The body is written as WordprocessingML with lxml, one element per paragraph, with the style ids
looked up once: python-docx looks the style up again for every paragraph it adds, which made a
2,000-note summary take seconds. Participant text goes into plain runs (``w:t``), so Word never
interprets it."""

import io
from datetime import UTC, datetime

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Twips
from lxml import etree

from .blocks import Block, Bullets, Heading, Item, Paragraph, Table
from .docx_tables import TEXT_WIDTH, table_element
from .escape import clean
from .language import decimal_sign, language_tag

# Page: A4, 21.0 × 29.7 cm (11,906 × 16,838 twips; 1 cm = 566.9 twips).
PAGE = (11906, 16838)
# Margins: SFS 2487 (the Finnish standard for documents) puts the left margin at 20 mm and the
# right at 10 mm or more; 20 mm on the right as well keeps the text centred and leaves room for
# a reader's comments. The header and footer sit 10 mm from the edge as in SFS 2487, the text
# 25 mm from the top and bottom like Word's Finnish A4 template. The text is then 17 cm wide.
MARGINS = {"top": 1417, "bottom": 1417, "left": 1134, "right": 1134, "header": 567, "footer": 567}
assert PAGE[0] - MARGINS["left"] - MARGINS["right"] == TEXT_WIDTH
# Word's own default font since 2007, on every Windows and Mac Office; 11 pt.
FONT = "Calibri"

_P, _PPR, _PSTYLE, _R, _T = (qn(f"w:{tag}") for tag in ("p", "pPr", "pStyle", "r", "t"))
_VAL = qn("w:val")
_PRESERVE = "{http://www.w3.org/XML/1998/namespace}space"


def _fonts(rpr) -> None:
    """``FONT`` for every script, instead of the template's theme fonts (which win over named
    fonts in Word)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = etree.Element(qn("w:rFonts"))
        rpr.insert(0, fonts)
    fonts.attrib.clear()
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), FONT)


def _language(rpr, tag: str) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = etree.SubElement(rpr, qn("w:lang"))
    lang.attrib.clear()
    lang.set(_VAL, tag)


def _styles(document, tag: str) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    _fonts(rpr)
    _language(rpr, tag)
    spacing = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    spacing.set(qn("w:after"), "120")  # 6 pt between paragraphs, lines 1.15
    normal = document.styles["Normal"].element
    _language(normal.get_or_add_rPr(), tag)
    # Word hyphenates by the proofing language where a paragraph allows it: table cells do.
    etree.SubElement(normal.get_or_add_pPr(), qn("w:suppressAutoHyphens"))
    for level in range(1, 10):
        _fonts(document.styles[f"Heading {level}"].element.get_or_add_rPr())


def _settings(document, language: str) -> None:
    settings = document.settings.element
    settings.find(qn("w:defaultTabStop")).addnext(etree.Element(qn("w:autoHyphenation")))
    proof = settings.find(qn("w:proofState"))
    if proof is not None:  # the template says "already checked": Word would not check again
        settings.remove(proof)
    settings.find(qn("w:themeFontLang")).set(_VAL, language_tag(language))
    decimal = decimal_sign(language)
    settings.find(qn("w:decimalSymbol")).set(_VAL, decimal)
    # Word's list separator in field formulas: a semicolon where the decimal sign is a comma.
    settings.find(qn("w:listSeparator")).set(_VAL, ";" if decimal == "," else ",")


def _page(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Twips(PAGE[0]), Twips(PAGE[1])
    section.top_margin, section.bottom_margin = Twips(MARGINS["top"]), Twips(MARGINS["bottom"])
    section.left_margin, section.right_margin = Twips(MARGINS["left"]), Twips(MARGINS["right"])
    section.header_distance = Twips(MARGINS["header"])
    section.footer_distance = Twips(MARGINS["footer"])


def _properties(document, title: str, language: str) -> None:
    """Title, language and today's date, not the template's (author "python-docx", 2013)."""
    properties = document.core_properties
    properties.title = clean(title)
    properties.language = language_tag(language)
    properties.author = properties.last_modified_by = "Pajapohja"
    properties.comments = ""
    properties.created = properties.modified = datetime.now(UTC).replace(tzinfo=None)
    # The template's Word 2010 copy of the styles (still in English) would win over ours there.
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(rel_id)


def new_document(title: str, language: str):
    """An empty A4 document in ``language`` ("fi", "sv" or "en"; the proofing language is
    Finland's Swedish and British English, as in ``language.LOCALES``)."""
    document = Document()
    _properties(document, title, language)
    _styles(document, language_tag(language))
    _settings(document, language)
    _page(document)
    return document


def paragraph(style_id: str | None, text: str):
    """``<w:p>`` of one plain run of ``text`` (already cleaned) in the style ``style_id``."""
    p = etree.Element(_P)
    if style_id:
        etree.SubElement(etree.SubElement(p, _PPR), _PSTYLE).set(_VAL, style_id)
    if text:
        t = etree.SubElement(etree.SubElement(p, _R), _T)
        t.set(_PRESERVE, "preserve")
        t.text = text
    return p


class _Writer:
    def __init__(self, document):
        names = [f"Heading {level}" for level in range(1, 10)] + ["List Bullet", "List Bullet 2"]
        self.ids = {name: document.styles[name].style_id for name in names}
        self.table_style = document.styles["Table Grid"].style_id
        self.elements = []

    def block(self, block: Block) -> None:
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 9)
            self.elements.append(paragraph(self.ids[f"Heading {level}"], clean(block.text)))
        elif isinstance(block, Paragraph):
            self.elements.append(paragraph(None, clean(block.text)))
        elif isinstance(block, Bullets):
            self.bullets(block)
        elif isinstance(block, Table):
            self.elements.append(table_element(block, self.table_style))
            self.elements.append(paragraph(None, ""))

    def bullets(self, block: Bullets) -> None:
        first, second = self.ids["List Bullet"], self.ids["List Bullet 2"]
        for item in block.items:
            text = item.text if isinstance(item, Item) else item
            self.elements.append(paragraph(first, clean(text)))
            for child in item.children if isinstance(item, Item) else ():
                self.elements.append(paragraph(second, clean(child)))


def to_docx(blocks: list[Block], *, title: str, language: str) -> bytes:
    document = new_document(title, language)
    writer = _Writer(document)
    for block in blocks:
        writer.block(block)
    section = document.element.body.sectPr  # the section properties stay last
    for element in writer.elements:
        section.addprevious(element)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
