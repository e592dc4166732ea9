"""Blocks as a Word document: the same headings (Heading 1–4), lists and tables as the
Markdown. Participant text goes into plain runs, so Word never interprets it."""

import io

from docx import Document
from docx.shared import Pt

from .blocks import Block, Bullets, Heading, Item, Paragraph, Table
from .escape import clean


def _table(document, block: Table) -> None:
    table = document.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, block.header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(clean(text)).bold = True
    for row, values in zip(table.rows[1:], block.rows, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = clean(text)
    document.add_paragraph()


def to_docx(blocks: list[Block], *, title: str, language: str) -> bytes:
    document = Document()
    document.core_properties.title = clean(title)
    document.core_properties.language = language
    document.styles["Normal"].font.size = Pt(11)
    for block in blocks:
        if isinstance(block, Heading):
            document.add_heading(clean(block.text), level=block.level)
        elif isinstance(block, Paragraph):
            document.add_paragraph(clean(block.text))
        elif isinstance(block, Bullets):
            for item in block.items:
                if isinstance(item, str):
                    document.add_paragraph(clean(item), style="List Bullet")
                    continue
                document.add_paragraph(clean(item.text), style="List Bullet")
                for child in item.children:
                    document.add_paragraph(clean(child), style="List Bullet 2")
        elif isinstance(block, Table):
            _table(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
