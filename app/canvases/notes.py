"""Validating and normalising a note posted into a step, against the step's canvas.

Pure functions: the socket handler and the REST route both call validate_note and turn a
NoteInvalid into an error acknowledgement; the message is English and the app translates
it by `code`.
"""

from __future__ import annotations

import re
import unicodedata

from .schema import MAX_LIST_ITEMS, MAX_NOTE_LENGTH

# Bidi embeddings/overrides and isolates can make text display differently from what it is.
_BIDI_CONTROLS = frozenset(chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
_MANY_BLANK_LINES = re.compile(r"\n{4,}")


class NoteInvalid(ValueError):
    """A note that cannot be accepted; `field` names the card field when there is one."""

    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


def normalise_text(text: str, single_line: bool = False) -> str:
    """NFC; no control characters but newlines (a tab becomes a space, CR/CRLF a newline),
    no bidi overrides; trailing spaces off each line; at most two blank lines in a row."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = "".join(
        char
        for char in text
        # Cs: a lone surrogate (a JSON "\uD800" escape) that no database can store.
        if char == "\n"
        or (unicodedata.category(char) not in ("Cc", "Cs") and char not in _BIDI_CONTROLS)
    )
    if single_line:
        return " ".join(text.split())
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _MANY_BLANK_LINES.sub("\n\n\n", text).strip()


def validate_note(step: dict, text: str, fields: dict | None) -> tuple[str, dict]:
    """The normalised (text, fields) of a note for `step` (a Canvas.render() result).

    Raises NoteInvalid with code empty, too_long, invalid_fields, missing_field or
    invalid_rating.
    """
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise NoteInvalid("invalid_fields", "The note text must be text.")
    if fields is not None and not isinstance(fields, dict):
        raise NoteInvalid("invalid_fields", "The note fields must be an object.")
    note_type = step["note"]["type"]
    if note_type == "card":
        return _comment(text), _card_fields(step["note"]["fields"], fields or {})
    if note_type == "rating":
        return _comment(text), _rating_fields(step["rating"], fields or {})
    if fields:
        raise NoteInvalid("invalid_fields", "A note on this step has no fields.")
    text = _comment(text)
    if not text:
        raise NoteInvalid("empty", "The note is empty.")
    return text, {}


def _comment(text: str) -> str:
    text = normalise_text(text)
    if len(text) > MAX_NOTE_LENGTH:
        raise NoteInvalid("too_long", f"The note is longer than {MAX_NOTE_LENGTH} characters.")
    return text


def _card_fields(definitions: list[dict], given: dict) -> dict:
    known = {definition["id"] for definition in definitions}
    unknown = sorted(str(key) for key in given if key not in known)
    if unknown:
        raise NoteInvalid("invalid_fields", f"Unknown field: {unknown[0]}.", unknown[0])
    result: dict = {}
    for definition in definitions:
        field_id = definition["id"]
        value = _field_value(definition, given.get(field_id))
        if definition["required"] and not value:
            raise NoteInvalid("missing_field", f"The field {field_id} is required.", field_id)
        result[field_id] = value
    return result


def _field_value(definition: dict, value: object) -> str | list[str]:
    """One card field normalised: a list field gives a list of strings, others a string."""
    field_id, field_type = definition["id"], definition["type"]
    limit = definition["max_length"]
    if field_type == "list":
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise NoteInvalid(
                "invalid_fields", f"The field {field_id} must be a list of texts.", field_id
            )
        items = [normalise_text(item, single_line=True) for item in value]
        items = [item for item in items if item]
        if len(items) > MAX_LIST_ITEMS:
            raise NoteInvalid(
                "too_long", f"The field {field_id} has more than {MAX_LIST_ITEMS} items.", field_id
            )
        if any(len(item) > limit for item in items):
            raise NoteInvalid(
                "too_long", f"An item of {field_id} is longer than {limit} characters.", field_id
            )
        return items
    if value is None:
        return ""
    if not isinstance(value, str):
        raise NoteInvalid("invalid_fields", f"The field {field_id} must be text.", field_id)
    value = normalise_text(value, single_line=field_type != "longtext")
    if len(value) > limit:
        raise NoteInvalid(
            "too_long", f"The field {field_id} is longer than {limit} characters.", field_id
        )
    if field_type == "choice" and value and value not in {c["id"] for c in definition["choices"]}:
        raise NoteInvalid(
            "invalid_fields", f"The field {field_id} has an unknown choice.", field_id
        )
    return value


def _rating_fields(rating: dict, given: dict) -> dict:
    low, high = rating["min"], rating["max"]
    message = f"Give a rating from {low} to {high}."
    if set(given) - {"rating"}:
        raise NoteInvalid("invalid_fields", "A rating note has only the field rating.")
    value = given.get("rating")
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise NoteInvalid("invalid_rating", message, "rating")
    return {"rating": value}
