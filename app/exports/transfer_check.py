"""Checking an ``export.json`` before anything is written: every type, every reference and
every canvas. A refusal names the first bad place (``notes[3].step_id``); the import then
writes nothing."""

import uuid
from datetime import datetime

from flask_babel import gettext as _

from ..canvases import KINDS, LANGUAGES, NoteInvalid, validate_note
from ..canvases.schema import FIELD_TYPES, NOTE_TYPES, PROMPT_SECTION_IDS
from ..errors import AppError
from ..facilitation.payloads import MAX_VOTES
from ..validation import MAX_DATABASE_ID
from ..workshops.document import FORMAT, FORMAT_VERSION

TEXT = 200
LONG_TEXT = 20_000


def invalid(path: str) -> AppError:
    return AppError(
        "invalid_import", _("The import file is not valid at %(field)s.", field=path), field=path
    )


def obj(value, path: str) -> dict:
    if not isinstance(value, dict):
        raise invalid(path)
    return value


def items(value, path: str) -> list:
    if not isinstance(value, list):
        raise invalid(path)
    return value


def text(value, path: str, limit: int = TEXT, *, null: bool = False, empty: bool = True):
    if value is None and null:
        return None
    if not isinstance(value, str) or len(value) > limit or (not empty and not value.strip()):
        raise invalid(path)
    return value


def number(value, path: str, *, null: bool = False, low: int = 0, high: int = MAX_DATABASE_ID):
    """A whole number from ``low`` to ``high``; by default one that fits the database's integer
    columns (a larger one would fail in the driver instead of being refused here)."""
    if value is None and null:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise invalid(path)
    return value


def flag(value, path: str) -> bool:
    if not isinstance(value, bool):
        raise invalid(path)
    return value


def moment(value, path: str, *, null: bool = False) -> datetime | None:
    if value is None and null:
        return None
    try:
        parsed = datetime.fromisoformat(text(value, path, 40).removesuffix("Z"))
    except ValueError:
        raise invalid(path) from None
    if parsed.tzinfo is not None:
        raise invalid(path)
    return parsed


def choice(value, path: str, choices):
    if value not in choices:
        raise invalid(path)
    return value


def _keys(value: dict, path: str, expected: set) -> None:
    for key in value:
        if key not in expected:
            raise invalid(f"{path}.{key}" if isinstance(key, str) and len(key) <= 40 else path)


def timer(value, path: str) -> dict | None:
    """A timer as ``facilitation.timer`` keeps it: running until ``ends_at``, or paused with
    ``remaining`` seconds. Anything else would break the timer controls of the imported step."""
    if value is None:
        return None
    value = obj(value, path)
    state = choice(value.get("state"), f"{path}.state", ("running", "paused"))
    checked = {"state": state, "duration": number(value.get("duration"), f"{path}.duration")}
    if state == "running":
        ends_at = moment(value.get("ends_at"), f"{path}.ends_at")
        checked["ends_at"] = ends_at.isoformat() + "Z"
    else:
        checked["remaining"] = number(value.get("remaining"), f"{path}.remaining")
    _keys(value, path, set(checked))
    return checked


def voting(value, path: str) -> dict | None:
    """A voting round as ``facilitation.voting`` keeps it, with the same limits."""
    if value is None:
        return None
    value = obj(value, path)
    per_participant = number(
        value.get("votes_per_participant"),
        f"{path}.votes_per_participant",
        low=1,
        high=MAX_VOTES,
    )
    checked = {
        "open": flag(value.get("open"), f"{path}.open"),
        "round": number(value.get("round"), f"{path}.round", low=1),
        "votes_per_participant": per_participant,
        "max_per_note": number(
            value.get("max_per_note"), f"{path}.max_per_note", low=1, high=per_participant
        ),
        "show_tallies": flag(value.get("show_tallies"), f"{path}.show_tallies"),
    }
    _keys(value, path, set(checked))
    return checked


def ident(value, path: str, seen: set) -> int:
    value = number(value, path, low=1)
    if value in seen:
        raise invalid(path)
    seen.add(value)
    return value


def ref(value, path: str, known, *, null: bool = False):
    if value is None and null:
        return None
    if isinstance(value, bool) or value not in known:
        raise invalid(path)
    return value


def header(doc) -> None:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise AppError("unknown_format", _("The file is not a Pajapohja workshop export."))
    if doc.get("version") != FORMAT_VERSION:
        raise AppError("unknown_version", _("This export version is not supported."))


def workshop(value) -> dict:
    w = obj(value, "workshop")
    return {
        "title": text(w.get("title"), "workshop.title", empty=False),
        "template": text(w.get("template"), "workshop.template", 100),
        "index": number(w.get("index"), "workshop.index", low=1),
        "language": choice(w.get("language"), "workshop.language", LANGUAGES),
        "topic": text(w.get("topic"), "workshop.topic"),
        "organisation": text(w.get("organisation"), "workshop.organisation"),
        "status": choice(w.get("status"), "workshop.status", ("open", "closed")),
        "current_step_id": number(w.get("current_step_id"), "workshop.current_step_id", null=True),
        "follow_me": flag(w.get("follow_me"), "workshop.follow_me"),
        "created_at": moment(w.get("created_at"), "workshop.created_at"),
        "closed_at": moment(w.get("closed_at"), "workshop.closed_at", null=True),
    }


def series(value) -> dict | None:
    if value is None:
        return None
    s = obj(value, "series")
    return {
        "title": text(s.get("title"), "series.title", empty=False),
        "topic": text(s.get("topic"), "series.topic"),
        "organisation": text(s.get("organisation"), "series.organisation"),
    }


def note_fields(value, path: str) -> list[dict]:
    fields = []
    for i, field in enumerate(items(value, path)):
        at = f"{path}[{i}]"
        field = obj(field, at)
        checked = {
            "id": text(field.get("id"), f"{at}.id", 64, empty=False),
            "label": text(field.get("label"), f"{at}.label"),
            "type": choice(field.get("type"), f"{at}.type", FIELD_TYPES),
            "required": flag(field.get("required"), f"{at}.required"),
            "max_length": number(field.get("max_length"), f"{at}.max_length", low=1),
        }
        if checked["type"] == "choice":
            checked["choices"] = [
                {
                    "id": text(obj(c, f"{at}.choices[{j}]").get("id"), f"{at}.choices[{j}].id", 64),
                    "label": text(c.get("label"), f"{at}.choices[{j}].label"),
                }
                for j, c in enumerate(items(field.get("choices"), f"{at}.choices"))
            ]
        fields.append(checked)
    return fields


def prompt(value, path: str) -> dict:
    p = obj(value, path)
    return {
        "id": text(p.get("id"), f"{path}.id", 64, empty=False),
        "title": text(p.get("title"), f"{path}.title", 500),
        "help": text(p.get("help"), f"{path}.help", 2000),
        "optional": flag(p.get("optional"), f"{path}.optional"),
        "section": choice(p.get("section"), f"{path}.section", PROMPT_SECTION_IDS),
        "section_label": text(p.get("section_label"), f"{path}.section_label", 500),
    }


def rating(value, path: str) -> dict | None:
    if value is None:
        return None
    r = obj(value, path)
    low = number(r.get("min"), f"{path}.min")
    high = number(r.get("max"), f"{path}.max")
    if high <= low or high - low > 100:
        raise invalid(path)
    return {"min": low, "max": high}


def note_payload(definition: dict, note: dict, path: str) -> tuple[str, dict]:
    try:
        return validate_note(definition, note.get("text"), note.get("fields") or None)
    except NoteInvalid as error:
        if error.field:
            raise invalid(f"{path}.fields.{error.field}") from None
        where = "text" if error.code in ("empty", "too_long") else "fields"
        raise invalid(f"{path}.{where}") from None


def op_id(value, path: str) -> str:
    try:
        return str(uuid.UUID(text(value, path, 36)))
    except ValueError:
        raise invalid(path) from None


def step(value, path: str, library) -> dict:
    s = obj(value, path)
    canvas = text(s.get("canvas"), f"{path}.canvas", 100)
    if library.canvas(canvas) is None:
        raise AppError(
            "unknown_canvas",
            _("The file uses a canvas this server does not have: %(id)s.", id=canvas),
            field=f"{path}.canvas",
        )
    note = obj(s.get("note"), f"{path}.note")
    definition = {
        "canvas": canvas,
        "kind": choice(s.get("kind"), f"{path}.kind", KINDS),
        "title": text(s.get("title"), f"{path}.title", 500),
        "instructions": text(s.get("instructions"), f"{path}.instructions", 4000),
        "hint": text(s.get("hint"), f"{path}.hint", 4000),
        "prompts": [
            prompt(p, f"{path}.prompts[{i}]")
            for i, p in enumerate(items(s.get("prompts"), f"{path}.prompts"))
        ],
        "note": {
            "type": choice(note.get("type"), f"{path}.note.type", NOTE_TYPES),
            "fields": note_fields(note.get("fields"), f"{path}.note.fields"),
        },
        "vision_statement": flag(s.get("vision_statement"), f"{path}.vision_statement"),
        "themes": flag(s.get("themes"), f"{path}.themes"),
        "rating": rating(s.get("rating"), f"{path}.rating"),
        "open_until": flag(s.get("open_until"), f"{path}.open_until"),
        "groups": flag(s.get("groups"), f"{path}.groups"),
    }
    if len({p["id"] for p in definition["prompts"]}) != len(definition["prompts"]):
        raise invalid(f"{path}.prompts")
    if definition["note"]["type"] == "rating" and definition["rating"] is None:
        raise invalid(f"{path}.rating")
    state = obj(s.get("state"), f"{path}.state")
    vision = s.get("vision")
    if vision is not None:
        vision = obj(vision, f"{path}.vision")
        vision = {
            "text": text(vision.get("text"), f"{path}.vision.text", LONG_TEXT),
            "version": number(vision.get("version"), f"{path}.vision.version"),
            "edited_by": text(vision.get("edited_by"), f"{path}.vision.edited_by", 120, null=True),
            "edited_at": moment(vision.get("edited_at"), f"{path}.vision.edited_at", null=True),
        }
    return {
        "position": number(s.get("position"), f"{path}.position"),
        "definition": definition,
        "hidden": flag(state.get("hidden"), f"{path}.state.hidden"),
        "locked": flag(state.get("locked"), f"{path}.state.locked"),
        "open_until": moment(state.get("open_until"), f"{path}.state.open_until", null=True),
        "timer": timer(state.get("timer"), f"{path}.state.timer"),
        "voting": voting(state.get("voting"), f"{path}.state.voting"),
        "participants_may_cluster": flag(
            state.get("participants_may_cluster"), f"{path}.state.participants_may_cluster"
        ),
        "vision": vision,
    }
