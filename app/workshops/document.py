"""A workshop's whole state as one JSON document: the join snapshot, ``GET /workshops/{id}``
and ``export.json`` are all this, seen by someone. It costs a fixed number of queries however
many notes the workshop holds."""

from sqlalchemy import select

from ..extensions import db
from ..notes import log
from ..notes.models import Note
from .models import Participant, Series, Step, Workshop

FORMAT = "pajapohja.workshop"
FORMAT_VERSION = 1


def _iso(moment) -> str | None:
    return moment.isoformat() + "Z" if moment else None


def workshop_header(workshop: Workshop) -> dict:
    return {
        "id": workshop.id,
        "title": workshop.title,
        "template": workshop.template,
        "index": workshop.series_index,
        "language": workshop.language,
        "topic": workshop.topic,
        "organisation": workshop.organisation,
        "join_code": workshop.join_code,
        "status": workshop.status,
        "current_step_id": workshop.current_step_id,
        "created_at": _iso(workshop.created_at),
        "closed_at": _iso(workshop.closed_at),
    }


def step_public(step: Step) -> dict:
    return {"id": step.id, "position": step.position, **step.definition}


def document(workshop: Workshop, viewer: log.Viewer) -> dict:
    steps = db.session.scalars(
        select(Step).where(Step.workshop_id == workshop.id).order_by(Step.position)
    ).all()
    participants = db.session.scalars(
        select(Participant)
        .where(Participant.workshop_id == workshop.id, Participant.removed.is_(False))
        .order_by(Participant.id)
    ).all()
    notes = db.session.scalars(
        select(Note).where(Note.workshop_id == workshop.id).order_by(Note.id)
    ).all()
    series = db.session.get(Series, workshop.series_id) if workshop.series_id else None
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "workshop": workshop_header(workshop),
        "series": {
            "id": series.id,
            "title": series.title,
            "topic": series.topic,
            "organisation": series.organisation,
        }
        if series
        else None,
        "steps": [step_public(step) for step in steps],
        "participants": [participant.to_public() for participant in participants],
        "notes": [note.to_public() for note in notes],
        "seq": workshop.seq,
    }
