"""Notes as an Excel workbook (``notes.xlsx``): the rows and columns of ``notes.csv`` in a file
that Excel in any language opens in columns. Every text is a text cell — a note beginning with
``=`` stays the note, never a formula; votes are numbers; the time is a real date-time in the
workshop's time zone. Header bold and frozen, a filter on it, columns sized to their content."""

import io
from datetime import datetime

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .csv_out import note_table
from .escape import clean
from .language import document_language

DATE_FORMAT = "yyyy-mm-dd hh:mm"
# Excel's own limit for the text of one cell.
MAX_CELL = 32767
# Column widths in characters: at least the header, at most this (longer texts wrap).
WIDEST = 60


def _put(sheet, row: int, column: int, value):
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, datetime):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, int):
        cell.value = value
    elif value:
        cell.value = clean(value, keep_newlines=True)[:MAX_CELL]
        # Said outright: openpyxl would take a text beginning with "=" for a formula.
        cell.data_type = "s"
    return cell


def _width(values) -> int:
    longest = 0
    for value in values:
        if isinstance(value, datetime):
            longest = max(longest, len(DATE_FORMAT))
        else:
            text = "" if value is None else str(value)
            longest = max(longest, max((len(line) for line in text.split("\n")), default=0))
    return min(longest + 2, WIDEST)


def notes_xlsx(doc: dict) -> bytes:
    header, rows = note_table(doc)
    language = doc["workshop"]["language"]
    workbook = Workbook()
    sheet = workbook.active
    with document_language(language):
        sheet.title = _("Notes")
    workbook.properties.title = clean(doc["workshop"]["title"])[:255]
    workbook.properties.language = language
    bold = Font(bold=True)
    for column, text in enumerate(header, 1):
        _put(sheet, 1, column, text).font = bold
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, values in enumerate(rows, 2):
        for column, value in enumerate(values, 1):
            cell = _put(sheet, number, column, value)
            if isinstance(value, str) and len(value) > WIDEST:
                cell.alignment = wrap
    for column in range(1, len(header) + 1):
        values = [header[column - 1], *(row[column - 1] for row in rows)]
        sheet.column_dimensions[get_column_letter(column)].width = _width(values)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
