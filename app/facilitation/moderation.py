"""Moderation: hide, move and merge notes; remove a participant."""

from flask_babel import gettext as _
from sqlalchemy import select

from ..core import log
from ..core.authorization import require_facilitator
from ..core.note_models import Note, Vote
from ..core.visibility import audience_for
from ..core.workshop_models import Participant, Step
from ..db import utcnow
from ..errors import AppError
from ..extensions import db
from ..notes.operations import change
from ..notes.service import note_event, note_of
from ..protocol import Broadcast
from ..validation import database_id, parse
from ..workshops.service import step_of
from .access import prompt_of
from .payloads import NoteHide, NoteMove, ParticipantRemove
from .voting import vote_event  # one shape for every tally change


def _edited(viewer: log.Viewer, note: Note) -> log.Event:
    note.version += 1
    note.updated_at = utcnow()
    return note_event(viewer, Broadcast.NOTE_EDITED, note)


def _withdrawn(viewer: log.Viewer, note: Note, audience: dict | None) -> log.Event:
    """Everyone who saw the note drops it (``audience``: who saw it until now)."""
    return log.append(
        viewer.workshop_id,
        Broadcast.NOTE_DELETED,
        {"note_id": note.id, "step_id": note.step_id},
        audience=audience,
        note_id=note.id,
    )


def hide(viewer: log.Viewer, payload: dict):
    """A hidden note leaves every participant's board (and the exports) but stays visible to the
    facilitators, who can bring it back."""
    require_facilitator(viewer)
    hidden = parse(NoteHide, payload).hidden

    def apply():
        note = note_of(viewer, payload.get("note_id"))
        if note.moderated == hidden:
            return {"note": note.to_public()}, []
        before = audience_for(note)
        note.moderated = hidden
        note.version += 1  # (updated_at stays: it tells when the words last changed)
        # Hiding: everyone drops it, then the facilitators get it back marked as hidden.
        events = [_withdrawn(viewer, note, before)] if hidden else []
        events.append(note_event(viewer, Broadcast.NOTE_ADDED, note))
        return {"note": note.to_public()}, events

    return change(viewer, payload, apply, op_required=False)


def move(viewer: log.Viewer, payload: dict):
    """Move a note to another question (and step) of the workshop."""
    require_facilitator(viewer)
    sent = parse(NoteMove, payload)

    def apply():
        note = note_of(viewer, payload.get("note_id"))
        step = step_of(viewer.workshop_id, payload.get("step_id", note.step_id))
        prompt_id = prompt_of(step, sent.prompt_id)
        if step.id != note.step_id:
            note.theme_id = None
            db.session.execute(Vote.__table__.delete().where(Vote.note_id == note.id))
        events = [_withdrawn(viewer, note, audience_for(note))]
        note.step_id, note.prompt_id = step.id, prompt_id
        note.version += 1
        events.append(note_event(viewer, Broadcast.NOTE_ADDED, note))
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
        log.scrub_note(source)
        db.session.delete(source)
        db.session.flush()
        edited = _edited(viewer, target)
        log.scrub_note(target, target.to_public())
        return {"note": target.to_public()}, [gone, edited]

    return change(viewer, payload, apply, op_required=False)


def _participant_ids(sent: ParticipantRemove) -> list[int]:
    """The ids named, each once; one beyond the database's range names no row: it becomes 0
    and answers "not found"."""
    if sent.participant_ids is None:
        return [sent.participant_id]
    return sorted({database_id(i) for i in sent.participant_ids})


def _withdraw_votes(viewer: log.Viewer, participant_ids: list[int]) -> list[log.Event]:
    """The removed participants' votes stop counting (a duplicate's dots were never a second
    person's); every note whose tally changes gets a ``vote.changed``."""
    touched = db.session.execute(
        select(Vote.step_id, Vote.note_id)
        .where(Vote.participant_id.in_(participant_ids))
        .distinct()
    ).all()
    if not touched:
        return []
    db.session.execute(Vote.__table__.delete().where(Vote.participant_id.in_(participant_ids)))
    events = []
    for step_id, note_id in sorted(touched):
        step = db.session.get(Step, step_id)
        note = db.session.get(Note, note_id)
        if step.voting and note is not None:
            events.append(vote_event(viewer, note, step))
    return events


def remove_participant(viewer: log.Viewer, payload: dict):
    """The participants can no longer join or write; their notes stay, their votes go. The
    socket event closes their open connections once everyone has been told (``events``)."""
    require_facilitator(viewer)
    ids = _participant_ids(parse(ParticipantRemove, payload))

    def apply():
        found = db.session.scalars(
            select(Participant).where(
                Participant.id.in_(ids), Participant.workshop_id == viewer.workshop_id
            )
        ).all()
        if len(found) != len(ids):
            raise AppError(
                "unknown_participant", _("No such participant."), 404, field="participant_id"
            )
        events = []
        for participant in found:
            participant.removed = True
            events.append(
                log.append(
                    viewer.workshop_id,
                    Broadcast.PARTICIPANT_REMOVED,
                    {"participant_id": participant.id},
                )
            )
        events += _withdraw_votes(viewer, ids)
        ack = {"participant_id": ids[0]} if "participant_ids" not in payload else {}
        return {**ack, "participant_ids": ids}, events

    return change(viewer, payload, apply, op_required=False)
