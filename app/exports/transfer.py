"""Importing an ``export.json``: check everything first (``transfer_check``), then write the
workshop in one transaction with fresh ids, a fresh join code and the importer as its owner.
Timestamps of creation are kept: a workshop held in March stays held in March."""

import json
import secrets

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.service import token_digest
from ..canvases import CanvasLibrary
from ..core.note_models import Note, Theme, Vote
from ..core.workshop_models import Group, GroupMember, Participant, Series, Step, StepDone, Workshop
from ..db import write_transaction
from ..errors import AppError
from ..extensions import db
from ..workshops.service import new_join_code
from .transfer_read import checked


def _series(owner_id: int, facts: dict | None, language: str) -> Series | None:
    """The importer's series of the same name, or a new one: the workshops of one series,
    imported one by one, land in one series again."""
    if facts is None:
        return None
    series = db.session.scalar(
        select(Series)
        .where(
            Series.owner_id == owner_id,
            Series.title == facts["title"],
            Series.topic == facts["topic"],
            Series.organisation == facts["organisation"],
        )
        .order_by(Series.id)
    )
    if series is None:
        series = Series(owner_id=owner_id, language=language, **facts)
        db.session.add(series)
        db.session.flush()
    return series


def write(owner_id: int, data: dict) -> Workshop:
    """Create the checked workshop; the caller holds the write transaction."""
    head = data["workshop"]
    series = _series(owner_id, data["series"], head["language"])
    workshop = Workshop(
        owner_id=owner_id,
        series_id=series.id if series else None,
        series_index=head["index"],
        title=head["title"],
        template=head["template"],
        language=head["language"],
        topic=head["topic"],
        organisation=head["organisation"],
        join_code=new_join_code(),
        status=head["status"],
        seq=0,
        follow_me=head["follow_me"],
        created_at=head["created_at"],
        closed_at=head["closed_at"],
        time_zone=head["time_zone"],
        held_on=head["held_on"],
        closing_text=head["closing_text"],
    )
    db.session.add(workshop)
    db.session.flush()
    steps = _write_steps(workshop, data)
    people = {
        p["id"]: Participant(
            workshop_id=workshop.id,
            name=p["name"],
            token_hash=token_digest(secrets.token_urlsafe(24)),
        )
        for p in data["participants"]
    }
    db.session.add_all([*steps.values(), *people.values()])
    db.session.flush()
    groups = _write_groups(workshop, data, steps, people)
    themes = {}
    for old_id, t in data["themes"].items():
        themes[old_id] = Theme(
            workshop_id=workshop.id,
            step_id=steps[t["step_id"]].id,
            group_id=groups[t["group_id"]].id if t["group_id"] else None,
            title=t["title"],
            description=t["description"],
            position=t["position"],
        )
    db.session.add_all(themes.values())
    db.session.flush()
    notes = _write_notes(owner_id, workshop, data, steps, people, themes, groups)
    for v in data["votes"]:
        note = notes[v["note_id"]]
        db.session.add(
            Vote(
                workshop_id=workshop.id,
                step_id=note.step_id,
                note_id=note.id,
                participant_id=people[v["participant_id"]].id,
                round=v["round"],
            )
        )
    for step_id, participant_id in data["done"]:
        db.session.add(
            StepDone(step_id=steps[step_id].id, participant_id=people[participant_id].id)
        )
    current = head["current_step_id"]
    workshop.current_step_id = steps[current].id if current is not None else None
    db.session.flush()
    return workshop


def _write_steps(workshop: Workshop, data: dict) -> dict:
    steps = {}
    for old_id, s in data["steps"].items():
        vision = s["vision"] or {"text": "", "version": 0, "edited_by": None, "edited_at": None}
        steps[old_id] = Step(
            workshop_id=workshop.id,
            position=s["position"],
            canvas_id=s["definition"]["canvas"],
            kind=s["definition"]["kind"],
            definition=s["definition"],
            hidden=s["hidden"],
            locked=s["locked"],
            open_until=s["open_until"],
            timer=s["timer"],
            voting=s["voting"],
            participants_may_cluster=s["participants_may_cluster"],
            vision_text=vision["text"],
            vision_version=vision["version"],
            vision_edited_by=vision["edited_by"],
            vision_edited_at=vision["edited_at"],
            excluded_prompts=s["excluded_prompts"],
        )
    return steps


def _write_groups(workshop, data, steps, people) -> dict:
    groups = {}
    for old_id, g in data["groups"].items():
        groups[old_id] = Group(
            workshop_id=workshop.id,
            step_id=steps[g["step_id"]].id,
            position=g["position"],
            name=g["name"],
            chair_id=people[g["chair_id"]].id if g["chair_id"] else None,
            hidden=g["hidden"],
            timer=g["timer"],
        )
    db.session.add_all(groups.values())
    db.session.flush()
    for old_id, g in data["groups"].items():
        for member in g["members"]:
            db.session.add(
                GroupMember(
                    group_id=groups[old_id].id,
                    step_id=groups[old_id].step_id,
                    participant_id=people[member].id,
                )
            )
    return groups


def _write_notes(owner_id, workshop, data, steps, people, themes, groups) -> dict:
    notes = {}
    for n in data["notes"]:
        notes[n["id"]] = Note(
            workshop_id=workshop.id,
            step_id=steps[n["step_id"]].id,
            prompt_id=n["prompt_id"],
            op_id=n["op_id"],
            participant_id=people[n["participant_id"]].id if n["participant_id"] else None,
            facilitator_id=owner_id if n["by_facilitator"] else None,
            author_name=n["author_name"],
            text=n["text"],
            fields=n["fields"],
            version=n["version"],
            theme_id=themes[n["theme_id"]].id if n["theme_id"] else None,
            group_id=groups[n["group_id"]].id if n["group_id"] else None,
            group_label=n["group_label"],
            moderated=n["moderated"],
            excluded=n["excluded"],
            created_at=n["created_at"],
            updated_at=n["updated_at"],
        )
    db.session.add_all(notes.values())
    db.session.flush()
    return notes


def too_large() -> AppError:
    limit = current_app.config["MAX_IMPORT_BYTES"] // (1024 * 1024)
    return AppError("too_large", _("The file is too large (at most %(mb)d MB).", mb=limit), 413)


def parse(raw: bytes):
    if len(raw) > current_app.config["MAX_IMPORT_BYTES"]:
        raise too_large()
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise AppError("invalid_json", _("The file is not valid JSON.")) from None


def import_workshop(owner_id: int, doc, library: CanvasLibrary) -> Workshop:
    """Check everything, then write it all in one transaction, or nothing."""
    data = checked(doc, library)
    with write_transaction():
        return write(owner_id, data)
