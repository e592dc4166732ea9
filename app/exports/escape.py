"""Keeping participant text literal in every format.

Markdown: every character that could start markup is escaped, so a note can never become a
heading, list, quote, link, image, code, table cell or raw HTML, with GitHub's renderer or with
the ``markdown`` package. ``<`` and ``&`` become entities because the ``markdown`` package does
not treat a backslash before them as an escape. CSV: a cell that a spreadsheet would read as a
formula starts with a quote instead.
"""

import re
import unicodedata

# Bidi embeddings, overrides and isolates, and the marks: they make text display as something
# other than what it is.
_BIDI = {chr(c) for c in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))}
# Control characters (category Cc: U+0000–001F, U+007F–009F) but the line feed, and the bidi
# characters. One regular expression: a per-character test took a third of a big export's time.
_DROPPED = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f" + "".join(sorted(_BIDI)) + "]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029\x0b\x0c\x85]")
_INLINE = re.compile(r"([\\`*_\[\]|#~>])")
# What may start a block at the beginning of a line: lists, quotes, rules, headings.
_LINE_START = re.compile(r"^(\d+)([.)])(?=\s|$)|^([-+])(?=\s|$|[-+])")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def clean(text, *, keep_newlines: bool = False) -> str:
    """NFC text without control or bidi characters; line breaks kept as ``\\n`` or folded into
    single spaces."""
    text = unicodedata.normalize("NFC", "" if text is None else str(text))
    text = _LINE_BREAKS.sub("\n", text).replace("\t", " ")
    text = _DROPPED.sub("", text)
    if keep_newlines:
        return "\n".join(line.strip() for line in text.split("\n")).strip()
    return " ".join(text.split())


def md_text(text, *, line_start: bool = True) -> str:
    """One line of Markdown that reads as exactly ``text``. ``line_start`` also escapes what
    would start a block there (``1.``, ``-``, ``+``); headings and table cells do not need it."""
    text = clean(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    text = _INLINE.sub(r"\\\1", text)
    if not line_start:
        return text
    return _LINE_START.sub(
        lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", text
    )


def csv_cell(value) -> str:
    """A cell a spreadsheet shows as text, never evaluates."""
    text = clean(value, keep_newlines=True)
    if text.startswith(_FORMULA_START) or text.lstrip().startswith(_FORMULA_START):
        return "'" + text
    return text
