"""Word tables that fit the page: fixed layout, exactly the text width, each column as wide as
its content asks — never narrower than its longest word when the page allows — and the header
row repeated on every page."""

from functools import cache

from docx.oxml.ns import qn
from lxml import etree

from .blocks import Table
from .escape import clean

# The text width of the page in twips (A4 less 2 cm margins on both sides: 17 cm).
TEXT_WIDTH = 9638
# Table text is 10 pt. A character of Calibri 10 pt is about 5 pt (100 twips) wide on average;
# a bold one a little more. The cell's own margins are 0.19 cm on either side.
CHAR = 105
PADDING = 2 * 108 + 40
# A "word" longer than this (a link, a run of letters) may break; a normal word never does.
LONGEST_WORD = 28

_VAL, _W, _TYPE = qn("w:val"), qn("w:w"), qn("w:type")


@cache
def _w(name: str) -> str:
    return qn(f"w:{name}")


def _sub(parent, tag: str, **attrs):
    element = etree.SubElement(parent, _w(tag))
    for key, value in attrs.items():
        element.set(_w(key), value)
    return element


def _measure(texts: list[str]) -> tuple[int, int]:
    """The narrowest width that breaks no word, and the width that needs no break at all."""
    word = max((len(w) for text in texts for w in text.split()), default=1)
    line = max((len(text) for text in texts), default=1)
    return PADDING + CHAR * min(word, LONGEST_WORD), PADDING + CHAR * max(line, 1)


def _fit(shares: list[float], total: int) -> list[int]:
    """``total`` split in proportion to ``shares``, in whole twips that add up to ``total``."""
    whole = sum(shares) or 1
    widths = [int(total * share / whole) for share in shares]
    widths[widths.index(max(widths))] += total - sum(widths)
    return widths


def column_widths(header: tuple[str, ...], rows, total: int = TEXT_WIDTH) -> list[int]:
    """Widths in twips that add up to ``total``. Every column first gets its longest word; what
    is left goes to the columns whose text would still wrap, in proportion to how much more
    they would need — so long texts get the room, short ones keep theirs."""
    columns = [[header[i], *(row[i] for row in rows)] for i in range(len(header))]
    measured = [_measure(column) for column in columns]
    least = [low for low, _ in measured]
    wanted = [high for _, high in measured]
    if sum(least) >= total:
        return _fit(least, total)
    if sum(wanted) <= total:
        return _fit(wanted, total)
    spare = total - sum(least)
    extra = _fit([high - low for low, high in measured], spare)
    widths = [low + more for low, more in zip(least, extra, strict=True)]
    return widths


def _cell(row, width: int, text: str, bold: bool) -> None:
    cell = _sub(row, "tc")
    _sub(_sub(cell, "tcPr"), "tcW", w=str(width), type="dxa")
    run = _sub(_sub(cell, "p"), "r")
    properties = _sub(run, "rPr")
    if bold:
        _sub(properties, "b")
    _sub(properties, "sz", val="20")
    _sub(properties, "szCs", val="20")
    t = _sub(run, "t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text


def table_element(block: Table, style_id: str):
    """``<w:tbl>`` of ``block``: its header row bold and repeated on each page."""
    header = tuple(clean(text) for text in block.header)
    rows = [tuple(clean(text) for text in row) for row in block.rows]
    widths = column_widths(header, rows)
    table = etree.Element(qn("w:tbl"))
    properties = _sub(table, "tblPr")
    _sub(properties, "tblStyle", val=style_id)
    _sub(properties, "tblW", w=str(sum(widths)), type="dxa")
    _sub(properties, "tblLayout", type="fixed")
    _sub(
        properties,
        "tblLook",
        val="04A0",
        firstRow="1",
        lastRow="0",
        firstColumn="0",
        lastColumn="0",
        noHBand="0",
        noVBand="1",
    )
    grid = _sub(table, "tblGrid")
    for width in widths:
        _sub(grid, "gridCol", w=str(width))
    for index, values in enumerate([header, *rows]):
        row = _sub(table, "tr")
        if index == 0:
            _sub(_sub(row, "trPr"), "tblHeader")
        for width, text in zip(widths, values, strict=True):
            _cell(row, width, text, bold=index == 0)
    return table
