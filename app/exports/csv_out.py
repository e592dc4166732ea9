"""Notes as CSV: one row per note that the summary would show, UTF-8 with a byte-order mark so
that Excel reads Finnish letters right, and no cell a spreadsheet would run as a formula. The
time a note was written is the workshop's local time ("2025-03-12 09:30")."""

import csv
import io
import json
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .content import Material, ordered
from .escape import csv_cell
from .language import document_language

# The header, in the workshop's language.
COLUMNS = (
    _l("workshop"),
    _l("step"),
    _l("prompt"),
    _l("theme"),
    _l("group"),
    _l("text"),
    _l("fields"),
    _l("votes"),
    _l("author"),
    _l("created"),
)


def _fields(step: dict, note: dict) -> str:
    if not note["fields"]:
        return ""
    labels = {field["id"]: field["label"] for field in step["note"]["fields"]}
    parts = []
    for key, value in note["fields"].items():
        shown = "; ".join(map(str, value)) if isinstance(value, list) else str(value)
        parts.append(f"{labels.get(key, key)}: {shown}")
    return " | ".join(parts)


def note_table(doc: dict) -> tuple[list[str], list[list]]:
    """The header and one row per shown note, in the summary's order. Texts are as written;
    votes a number, the time a local ``datetime``."""
    with document_language(doc["workshop"]["language"]):
        return [str(column) for column in COLUMNS], _rows(doc)


def _rows(doc: dict) -> list[list]:
    material = Material(doc)
    anonymous = _("anonymous")
    themes = {theme["id"]: theme["title"] for theme in doc["themes"]}
    groups = {group["id"]: group["name"] for group in doc["groups"]}
    rows = []
    for step in doc["steps"]:
        prompts = {prompt["id"]: prompt["title"] for prompt in step["prompts"]}
        notes = [n for n in material.notes if n["step_id"] == step["id"]]
        for note in ordered(notes):
            rows.append(
                [
                    doc["workshop"]["title"],
                    step["title"],
                    prompts.get(note["prompt_id"], note["prompt_id"]),
                    themes.get(note["theme_id"], ""),
                    groups.get(note["group_id"]) or note["group_label"] or "",
                    note["text"],
                    _fields(step, note),
                    note.get("votes") or 0,
                    note["author_name"] or anonymous,
                    # the wall-clock time of the workshop's zone, to the second, without a zone
                    material.local(note["created_at"]).replace(microsecond=0, tzinfo=None),
                ]
            )
    return rows


def _csv_value(value) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return csv_cell("" if value is None else value)


def notes_csv(doc: dict) -> bytes:
    header, rows = note_table(doc)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_value(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_json(doc: dict) -> bytes:
    return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")
