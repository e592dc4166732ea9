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
# Table text is 10 pt, or 9 pt when the columns' longest words would not fit at 10. A letter of
# Calibri is about 0.55 of the size wide on average (10 pt: 5.5 pt, 110 twips); each cell keeps
# 0.19 cm free on either side.
SIZES = (10, 9)
PADDING = 2 * 108 + 40
# A "word" longer than this (a link, a run of letters) may break; a normal word never does.
LONGEST_WORD = 28


@cache
def _w(name: str) -> str:
    return qn(f"w:{name}")


def _sub(parent, tag: str, **attrs):
    element = etree.SubElement(parent, _w(tag))
    for key, value in attrs.items():
        element.set(_w(key), value)
    return element


def _letters(texts: list[str]) -> tuple[int, int]:
    """The longest word and the longest text of a column, in letters."""
    word = max((len(w) for text in texts for w in text.split()), default=1)
    line = max((len(text) for text in texts), default=1)
    return min(word, LONGEST_WORD), max(line, 1)


def _whole(widths: list[int], total: int) -> list[int]:
    """The rounding left over goes to the widest column, so that the widths add up."""
    widths = list(widths)
    widths[widths.index(max(widths))] += total - sum(widths)
    return widths


def _fit(shares: list[float], total: int) -> list[int]:
    """``total`` split in proportion to ``shares``."""
    whole = sum(shares) or 1
    return _whole([int(total * share / whole) for share in shares], total)


def _capped(least: list[int], total: int) -> list[int]:
    """When not every longest word fits: the columns of shorter words keep theirs whole, the
    columns of the longest words share the rest equally (Word hyphenates them)."""
    budget, left = total, len(least)
    for width in sorted(least):
        if width > budget / left:
            break
        budget, left = budget - width, left - 1
    cap = int(budget / left)
    return _whole([min(width, cap) for width in least], total)


def column_widths(header: tuple[str, ...], rows, total: int = TEXT_WIDTH) -> tuple[list, int]:
    """Widths in twips that add up to ``total``, and the text size in points. Every column
    first gets its longest word; what is left goes to the columns whose text would still wrap,
    in proportion to how much more they would need — so long texts get the room, short ones
    keep theirs."""
    letters = [_letters([header[i], *(row[i] for row in rows)]) for i in range(len(header))]
    for size in SIZES:
        least = [PADDING + 11 * size * word for word, _ in letters]
        if sum(least) <= total:
            break
    wanted = [PADDING + 11 * size * line for _, line in letters]
    if sum(least) >= total:
        return _capped(least, total), size
    if sum(wanted) <= total:
        return _fit(wanted, total), size
    extra = _fit([high - low for low, high in zip(least, wanted, strict=True)], total - sum(least))
    return [low + more for low, more in zip(least, extra, strict=True)], size


def _cell(row, width: int, text: str, bold: bool, size: str) -> None:
    cell = _sub(row, "tc")
    _sub(_sub(cell, "tcPr"), "tcW", w=str(width), type="dxa")
    paragraph = _sub(cell, "p")
    # The body is not hyphenated (the Normal style says so); a narrow column is.
    _sub(_sub(paragraph, "pPr"), "suppressAutoHyphens", val="0")
    run = _sub(paragraph, "r")
    properties = _sub(run, "rPr")
    if bold:
        _sub(properties, "b")
    _sub(properties, "sz", val=size)
    _sub(properties, "szCs", val=size)
    t = _sub(run, "t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text


def table_element(block: Table, style_id: str):
    """``<w:tbl>`` of ``block``: its header row bold and repeated on each page."""
    header = tuple(clean(text) for text in block.header)
    rows = [tuple(clean(text) for text in row) for row in block.rows]
    widths, points = column_widths(header, rows)
    size = str(2 * points)
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
            _cell(row, width, text, bold=index == 0, size=size)
    return table
