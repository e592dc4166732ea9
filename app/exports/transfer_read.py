"""Reading an ``export.json``: the collections in the order their references need them, each
record through its model (``transfer_check``). Nothing is written here."""

from typing import Any

from pydantic import ValidationInfo, field_validator

from ..canvases import NoteInvalid, validate_note
from ..validation import Refusal
from . import transfer_check as check
from .transfer_check import (
    Flag,
    Ident,
    Moment,
    Number,
    OpId,
    Record,
    Ref,
    Str,
    Timer,
    invalid,
    read,
)


class Participant(Record):
    id: Ident("people") = None
    name: Str(80, null=True) = None


class Group(Record):
    id: Ident("groups") = None
    step_id: Ref("steps") = None
    position: Number() = None
    name: Str(80) = None
    chair_id: Ref("people", null=True) = None
    hidden: Flag = None
    timer: Timer | None = None
    members: list[Ref("people")] = None


class Theme(Record):
    id: Ident("themes") = None
    step_id: Ref("steps") = None
    group_id: Ref("groups", null=True) = None
    title: Str() = None
    description: Str(2000) = None
    position: Number() = None


def _note_content(definition: dict, text, fields) -> tuple[str, dict]:
    """The note's text and card fields as its step's canvas takes them."""
    try:
        return validate_note(definition, text, fields or None)
    except NoteInvalid as error:
        if error.field:
            place = f"fields.{error.field}"
        else:
            place = "text" if error.code in ("empty", "too_long") else "fields"
        raise Refusal("invalid_import", check.invalid, field=place) from None


class Note(Record):
    step_id: Ref("steps") = None
    text: Any = None
    fields: Any = None  # with ``text``: (text, fields) as the step's canvas takes them
    id: Ident("notes") = None
    op_id: OpId = None
    prompt_id: Any = None
    participant_id: Ref("people", null=True) = None
    facilitator_id: Number(null=True) = None
    author_name: Str(120, null=True) = None
    version: Number(1) = None
    theme_id: Ref("themes", null=True) = None
    group_id: Ref("groups", null=True) = None
    group_label: Str(80, null=True) = None
    moderated: Flag = None
    excluded: Flag = False
    created_at: Moment = None
    updated_at: Moment = None

    @field_validator("fields", mode="plain")
    @classmethod
    def _content(cls, value, info: ValidationInfo):
        if "step_id" not in info.data:
            return None
        definition = info.context["steps"][info.data["step_id"]]["definition"]
        return _note_content(definition, info.data.get("text"), value)

    @field_validator("prompt_id", mode="plain")
    @classmethod
    def _of_the_step(cls, value, info: ValidationInfo):
        step_id = info.data.get("step_id")
        if step_id is not None:
            prompts = info.context["steps"][step_id]["definition"]["prompts"]
            if value not in [p["id"] for p in prompts]:
                raise Refusal("invalid_import", check.invalid)
        return value


class Vote(Record):
    note_id: Ref("notes") = None
    participant_id: Ref("people") = None
    round: Number(1) = None


class Done(Record):
    step_id: Ref("steps") = None
    participant_id: Ref("people") = None


def _items(doc: dict, name: str) -> list:
    value = doc.get(name)
    if not isinstance(value, list):
        raise invalid(name)
    return value


def _groups(doc: dict, known: dict) -> dict:
    placed: set = set()
    groups = {}
    for i, raw in enumerate(_items(doc, "groups")):
        read_group = read(Group, raw, f"groups[{i}]", known)
        group = read_group.model_dump(exclude={"timer"})
        group["timer"] = read_group.timer.kept() if read_group.timer else None
        for member in group["members"]:  # one group per participant per step
            if (group["step_id"], member) in placed:
                raise invalid(f"groups[{i}].members")
            placed.add((group["step_id"], member))
        groups[group["id"]] = group
    return groups


def _themes(doc: dict, known: dict) -> dict:
    themes = {}
    for i, raw in enumerate(_items(doc, "themes")):
        theme = read(Theme, raw, f"themes[{i}]", known).model_dump()
        if theme["group_id"] is not None:
            if known["groups"][theme["group_id"]]["step_id"] != theme["step_id"]:
                raise invalid(f"themes[{i}].group_id")
        themes[theme["id"]] = theme
    return themes


def _note(raw, at: str, known: dict) -> dict:
    n = read(Note, raw, at, known)
    for kind in ("theme", "group"):
        ref = getattr(n, f"{kind}_id")
        if ref is not None and known[f"{kind}s"][ref]["step_id"] != n.step_id:
            raise invalid(f"{at}.{kind}_id")
    note = n.model_dump(exclude={"facilitator_id"})
    note["text"], note["fields"] = n.fields
    note["by_facilitator"] = n.facilitator_id is not None
    return note


def _steps(doc: dict, known: dict) -> dict:
    steps = {}
    for i, raw in enumerate(_items(doc, "steps")):
        step_id, step = check.step(raw, f"steps[{i}]", known)
        steps[step_id] = known["steps"][step_id] = step
    return steps


def _done(doc: dict, known: dict) -> list[tuple[int, int]]:
    """Who marked themselves done with which step: each once."""
    done: list = []
    for i, raw in enumerate(_items(doc, "done")):
        d = read(Done, raw, f"done[{i}]", known)
        if (d.step_id, d.participant_id) in done:
            raise invalid(f"done[{i}]")
        done.append((d.step_id, d.participant_id))
    return done


def _all(model, doc: dict, name: str, known: dict) -> list[dict]:
    return [
        read(model, raw, f"{name}[{i}]", known).model_dump()
        for i, raw in enumerate(_items(doc, name))
    ]


def checked(doc, library) -> dict:
    """The export, fully checked and normalised; raises AppError at the first problem."""
    check.header(doc)
    known: dict = {"library": library, "steps": {}}
    workshop = read(check.Workshop, doc.get("workshop"), "workshop", known).model_dump()
    series = doc.get("series")
    if series is not None:
        series = read(check.Series, series, "series", known).model_dump()
    steps = _steps(doc, known)
    if workshop["current_step_id"] not in (None, *steps):
        raise invalid("workshop.current_step_id")
    participants = _all(Participant, doc, "participants", known)
    known["people"] = {p["id"] for p in participants}
    known["groups"] = _groups(doc, known)
    known["themes"] = _themes(doc, known)
    notes = [_note(raw, f"notes[{i}]", known) for i, raw in enumerate(_items(doc, "notes"))]
    known["notes"] = {n["id"]: n["step_id"] for n in notes}
    return {
        "workshop": workshop,
        "series": series,
        "steps": steps,
        "participants": participants,
        "groups": known["groups"],
        "themes": known["themes"],
        "notes": notes,
        "votes": _all(Vote, doc, "votes", known),
        "done": _done(doc, known),
    }
