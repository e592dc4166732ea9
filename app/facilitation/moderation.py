"""Moderation: hide, move and merge notes; remove a participant."""

from flask_babel import gettext as _
from sqlalchemy import select

from ..db import utcnow
from ..errors import AppError
from ..extensions import db
from ..notes import log
from ..notes.models import Note, Vote
from ..notes.operations import change
from ..notes.service import note_event, note_of
from ..validation import flag, required_id, required_str
from ..workshops.models import Participant
from ..workshops.service import step_of
from ..workshops.visibility import audience_for
from .access import require_facilitator


def _edited(viewer: log.Viewer, note: Note) -> log.Event:
    note.version += 1
    note.updated_at = utcnow()
    return note_event(viewer, "note.edited", note)


def _withdrawn(viewer: log.Viewer, note: Note, audience: dict | None) -> log.Event:
    """Everyone who saw the note drops it (``audience``: who saw it until now)."""
    return log.append(
        viewer.workshop_id,
        "note.deleted",
        {"note_id": note.id, "step_id": note.step_id},
        audience=audience,
        note_id=note.id,
    )


def hide(viewer: log.Viewer, payload: dict):
    """A hidden note leaves every participant's board (and the exports) but stays visible to the
    facilitators, who can bring it back."""
    require_facilitator(viewer)
    hidden = flag(payload, "hidden")

    def apply():
        note = note_of(viewer, payload.get("note_id"))
        if note.moderated == hidden:
            return {"note": note.to_public()}, []
        before = audience_for(note)
        note.moderated = hidden
        note.version += 1
        note.updated_at = utcnow()
        # Hiding: everyone drops it, then the facilitators get it back marked as hidden.
        events = [_withdrawn(viewer, note, before)] if hidden else []
        events.append(note_event(viewer, "note.added", note))
        return {"note": note.to_public()}, events

    return change(viewer, payload, apply, op_required=False)


def move(viewer: log.Viewer, payload: dict):
    """Move a note to another question (and step) of the workshop."""
    require_facilitator(viewer)

    def apply():
        note = note_of(viewer, payload.get("note_id"))
        step = step_of(viewer.workshop_id, payload.get("step_id", note.step_id))
        prompt_id = required_str(payload, "prompt_id", max_length=64)
        if prompt_id not in step.prompt_ids():
            raise AppError(
                "unknown_prompt", _("No such question in this step."), 404, field="prompt_id"
            )
        if step.id != note.step_id:
            note.theme_id = None
            db.session.execute(Vote.__table__.delete().where(Vote.note_id == note.id))
        events = [_withdrawn(viewer, note, audience_for(note))]
        note.step_id, note.prompt_id = step.id, prompt_id
        note.version += 1
        events.append(note_event(viewer, "note.added", note))
        return {"note": note.to_public()}, events

    return change(viewer, payload, apply, op_required=False)


def merge(viewer: log.Viewer, payload: dict):
    """Two notes that say the same become one: the texts are joined, the votes kept."""
    require_facilitator(viewer)

    def apply():
        source = note_of(viewer, payload.get("note_id"))
        target = note_of(viewer, payload.get("into_note_id"))
        if source.id == target.id or source.step_id != target.step_id:
            raise AppError(
                "invalid_field",
                _("Choose two different notes of the same step."),
                field="into_note_id",
            )
        merged = "\n".join(t for t in (target.text, source.text) if t)
        if len(merged) > 2000:
            raise AppError("too_long", _("The merged note would be over 2,000 characters."))
        target.text = merged
        for vote in db.session.scalars(select(Vote).where(Vote.note_id == source.id)):
            vote.note_id = target.id
        gone = _withdrawn(viewer, source, audience_for(source))
        log.scrub_note(source.id)
        db.session.delete(source)
        db.session.flush()
        return {"note": target.to_public()}, [gone, _edited(viewer, target)]

    return change(viewer, payload, apply, op_required=False)


def remove_participant(viewer: log.Viewer, payload: dict):
    """The participant can no longer join or write; their notes stay."""
    require_facilitator(viewer)

    def apply():
        participant_id = required_id(payload, "participant_id")
        participant = db.session.get(Participant, participant_id) if participant_id else None
        if participant is None or participant.workshop_id != viewer.workshop_id:
            raise AppError(
                "unknown_participant", _("No such participant."), 404, field="participant_id"
            )
        participant.removed = True
        event = log.append(
            viewer.workshop_id, "participant.removed", {"participant_id": participant.id}
        )
        return {"participant_id": participant.id}, [event]

    return change(viewer, payload, apply, op_required=False)
