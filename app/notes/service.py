"""Notes: add, edit, delete. Each change is idempotent by ``op_id`` and recorded in the log."""

from flask_babel import gettext as _
from sqlalchemy import and_, bindparam, insert, select

from ..canvases import NoteInvalid, validate_note
from ..core import log
from ..core.authorization import may_change_note, may_write, may_write_on_step
from ..core.note_models import Note, note_public
from ..core.visibility import audience_for, may_see, note_audience
from ..core.workshop_models import Group, GroupMember, Participant, Step, Workshop, prompt_ids
from ..db import utcnow
from ..errors import AppError
from ..extensions import db
from ..protocol import Broadcast
from ..validation import database_id, parse
from ..workshops.service import step_of
from .limits import check_new_note
from .operations import change
from .payloads import NoteAdd, NoteDelete, NoteEdit


def _note_error(error: NoteInvalid) -> AppError:
    messages = {
        "empty": _("The note is empty."),
        "too_long": _("The text is too long."),
        "invalid_fields": _("The note has fields this step does not know."),
        "missing_field": _("A required field is empty."),
        "invalid_rating": _("Choose a rating."),
    }
    extra = {"field": error.field} if error.field else {}
    return AppError(error.code, messages.get(error.code, _("The note is not valid.")), **extra)


# Asked before every change a participant makes: built once, one Core query (see
# ``log._NEXT_SEQ``).
_workshops, _participants = Workshop.__table__, Participant.__table__
_WRITER = (
    select(_workshops.c.status, _participants.c.id, _participants.c.removed)
    .select_from(_workshops)
    .outerjoin(
        _participants,
        and_(
            _participants.c.id == bindparam("participant_id"),
            _participants.c.workshop_id == _workshops.c.id,
        ),
    )
    .where(_workshops.c.id == bindparam("workshop_id"))
)


def check_writable(viewer: log.Viewer) -> None:
    """Refused unless the viewer may write in the workshop now (``authorization.may_write``)."""
    row = (
        db.session.connection()
        .execute(
            _WRITER,
            {"workshop_id": viewer.workshop_id, "participant_id": viewer.participant_id},
        )
        .first()
    )
    may_write(viewer, row)


def _text_and_fields(step, note: NoteAdd | NoteEdit) -> tuple[str, dict]:
    try:
        return validate_note(step.definition, note.text, note.fields)
    except NoteInvalid as error:
        raise _note_error(error) from None


# The most frequent write of all: a Core INSERT (table defaults filled in) that returns the
# whole row, instead of an ORM object and a flush.
_INSERT_NOTE = insert(Note.__table__).returning(*Note.__table__.c)

# What a new note needs to know, in one query instead of four (the writer check, the step, the
# participant's small group and its visibility): ``note.add`` is the most frequent change of all.
_steps, _members, _groups = Step.__table__, GroupMember.__table__, Group.__table__
_NOTE_TARGET = (
    _WRITER.add_columns(
        _steps.c.id.label("step_id"),
        _steps.c.definition,
        _steps.c.hidden,
        _steps.c.locked,
        _steps.c.open_until,
        _members.c.group_id,
        _groups.c.hidden.label("group_hidden"),
    )
    .outerjoin(
        _steps,
        and_(_steps.c.id == bindparam("step_id"), _steps.c.workshop_id == _workshops.c.id),
    )
    .outerjoin(
        _members,
        and_(_members.c.step_id == _steps.c.id, _members.c.participant_id == _participants.c.id),
    )
    .outerjoin(_groups, _groups.c.id == _members.c.group_id)
)


def _note_target(viewer: log.Viewer, step_id):
    """The step a new note goes to (``definition``, ``hidden``, ``locked``, ``open_until``) and
    the writer's small group in it (``group_id``, ``group_hidden``), after the same refusals as
    ``check_writable`` and ``step_of``: the rows the rules of ``authorization`` judge."""
    row = (
        db.session.connection()
        .execute(
            _NOTE_TARGET,
            {
                "workshop_id": viewer.workshop_id,
                "participant_id": viewer.participant_id,
                "step_id": database_id(step_id),
            },
        )
        .first()
    )
    may_write(viewer, row)
    if row.step_id is None:
        raise AppError("unknown_step", _("No such step in this workshop."), 404, field="step_id")
    return row


def note_of(viewer: log.Viewer, note_id, *, visible: bool = True) -> Note:
    """The note of the viewer's workshop; with ``visible``, only one the viewer may see (a hidden
    note answers as if it did not exist)."""
    note_id = database_id(note_id)
    note = db.session.get(Note, note_id) if note_id else None
    if (
        note is None
        or note.workshop_id != viewer.workshop_id
        or (visible and not may_see(viewer, note))
    ):
        raise AppError("unknown_note", _("No such note."), 404, field="note_id")
    return note


_LOAD = object()


def note_event(viewer: log.Viewer, type_: str, note: Note, audience=_LOAD) -> log.Event:
    """Log a change of ``note`` (a Note or a row of the notes table) for everyone who may see
    the note now: ``audience`` when the caller already knows it (None is everyone), otherwise
    loaded for the note."""
    return log.append(
        viewer.workshop_id,
        type_,
        {"note": note_public(note)},
        audience=audience_for(note) if audience is _LOAD else audience,
        note_id=note.id,
    )


def _own_note(viewer: log.Viewer, note_id: int) -> Note:
    note = note_of(viewer, note_id, visible=False)
    may_change_note(viewer, note)
    return note


def add_note(viewer: log.Viewer, payload: dict):
    sent = parse(NoteAdd, payload)

    def apply():
        check_new_note(viewer.participant_id)  # a resent op_id is answered before, for free
        step = _note_target(viewer, sent.step_id)
        may_write_on_step(viewer, step)
        prompt_id = sent.prompt_id
        if prompt_id not in prompt_ids(step.definition):
            raise AppError(
                "unknown_prompt", _("No such question in this step."), 404, field="prompt_id"
            )
        text, fields = _text_and_fields(step, sent)
        note = (
            db.session.connection()
            .execute(
                _INSERT_NOTE,
                {
                    "workshop_id": viewer.workshop_id,
                    "step_id": step.step_id,
                    "prompt_id": prompt_id,
                    "op_id": sent.op_id,
                    "participant_id": viewer.participant_id,
                    "facilitator_id": viewer.facilitator_id,
                    "author_name": viewer.name,
                    "text": text,
                    "fields": fields,
                    "group_id": step.group_id,
                },
            )
            .one()
        )
        if note.group_id is None:
            event = note_event(
                viewer, Broadcast.NOTE_ADDED, note, note_audience(note, step, None, [])
            )
        else:  # the group's members are needed too
            event = note_event(viewer, Broadcast.NOTE_ADDED, note)
        return {"note": event.data["note"]}, [event]

    return change(viewer, payload, apply)


def edit_note(viewer: log.Viewer, payload: dict):
    """Saves only on top of the version the editor started from: a later save never silently
    overwrites an earlier one (``conflict`` carries the current note so the loser can choose)."""
    sent = parse(NoteEdit, payload)

    def apply():
        check_writable(viewer)
        note = _own_note(viewer, sent.note_id)
        base_version = sent.version
        step = step_of(viewer.workshop_id, note.step_id)
        may_write_on_step(viewer, step)
        text, fields = _text_and_fields(step, sent)
        if base_version != note.version:
            raise AppError(
                "conflict",
                _("Someone else changed this note meanwhile."),
                409,
                note=note.to_public(),
            )
        note.text, note.fields = text, fields
        note.version += 1
        note.updated_at = utcnow()
        db.session.flush()
        log.scrub_note(note, note.to_public())  # the old wording goes
        event = note_event(viewer, Broadcast.NOTE_EDITED, note)
        return {"note": note.to_public()}, [event]

    return change(viewer, payload, apply)


def delete_note(viewer: log.Viewer, payload: dict):
    sent = parse(NoteDelete, payload)

    def apply():
        check_writable(viewer)
        note = _own_note(viewer, sent.note_id)
        may_write_on_step(viewer, step_of(viewer.workshop_id, note.step_id))
        data = {"note_id": note.id, "step_id": note.step_id}
        audience = audience_for(note)
        log.scrub_note(note)
        db.session.delete(note)
        event = log.append(
            viewer.workshop_id, Broadcast.NOTE_DELETED, data, audience=audience, note_id=note.id
        )
        return data, [event]

    return change(viewer, payload, apply)
