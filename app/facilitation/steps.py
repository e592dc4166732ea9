"""Steering steps: follow me, lock, open until, hide/reveal, closing the workshop."""

from datetime import UTC, datetime

from flask_babel import gettext as _
from sqlalchemy import select

from ..authorization import require_facilitator
from ..db import utcnow
from ..errors import AppError
from ..extensions import db
from ..notes import log
from ..notes.models import Note
from ..notes.operations import change
from ..validation import flag
from ..workshops.document import iso, step_state
from ..workshops.service import step_of
from ..workshops.visibility import group_audience, note_audience
from .access import open_workshop, steer_target, workshop_of


def goto(viewer: log.Viewer, payload: dict):
    """Move everyone to a step: every participant's board goes there, whether or not they
    follow; ``follow_me`` only keeps them there. Only a move broadcasts ``workshop.step``, so
    the event itself tells participants' boards to move (no flag needed)."""
    require_facilitator(viewer)

    def apply():
        workshop = open_workshop(viewer)
        step = step_of(workshop.id, payload.get("step_id"))
        workshop.current_step_id = step.id
        event = log.append(workshop.id, "workshop.step", {"current_step_id": step.id})
        return {"current_step_id": step.id}, [event]

    return change(viewer, payload, apply, op_required=False)


def follow(viewer: log.Viewer, payload: dict):
    require_facilitator(viewer)
    follow_me = flag(payload, "follow")

    def apply():
        workshop = open_workshop(viewer)
        workshop.follow_me = follow_me
        event = log.append(
            workshop.id,
            "workshop.follow",
            {"follow_me": follow_me, "current_step_id": workshop.current_step_id},
        )
        return {"follow_me": follow_me}, [event]

    return change(viewer, payload, apply, op_required=False)


def _set_state(viewer: log.Viewer, payload: dict, attribute: str, value):
    """Set one of a step's state settings (facilitators only); broadcast ``step.state``."""
    require_facilitator(viewer)

    def apply():
        step = step_of(viewer.workshop_id, payload.get("step_id"))
        setattr(step, attribute, value)
        event = log.append(
            viewer.workshop_id, "step.state", {"step_id": step.id, "state": step_state(step)}
        )
        return {"state": step_state(step)}, [event]

    return change(viewer, payload, apply, op_required=False)


def lock(viewer: log.Viewer, payload: dict):
    require_facilitator(viewer)
    return _set_state(viewer, payload, "locked", flag(payload, "locked"))


def allow_clustering(viewer: log.Viewer, payload: dict):
    """Let participants create themes and move notes into them on this step, or stop that."""
    require_facilitator(viewer)
    return _set_state(viewer, payload, "participants_may_cluster", flag(payload, "allowed"))


def _moment(payload: dict, field: str) -> datetime | None:
    value = payload.get(field)
    if value is None:
        return None
    try:
        if not isinstance(value, str) or len(value) > 40:
            raise ValueError
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise AppError(
            "invalid_field", _("Give the time as an ISO 8601 date and time."), field=field
        ) from None
    if moment.tzinfo is not None:  # stored as naive UTC, like every timestamp
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def open_until(viewer: log.Viewer, payload: dict):
    """A wall or pre-task open for writing until a moment; read-only after it."""
    require_facilitator(viewer)
    return _set_state(viewer, payload, "open_until", _moment(payload, "open_until"))


def _notes_of(step, group) -> list[Note]:
    query = select(Note).where(Note.step_id == step.id, Note.moderated.is_(False))
    query = (
        query.where(Note.group_id == group.id) if group else query.where(Note.group_id.is_(None))
    )
    return list(db.session.scalars(query.order_by(Note.id)))


def set_hidden(viewer: log.Viewer, payload: dict, hidden: bool):
    """Private brainstorming: while hidden, each participant sees only their own notes; a reveal
    shows them all at once. A chair can do this for their own group."""

    def apply():
        open_workshop(viewer)
        step, group = steer_target(viewer, payload)
        target = group or step
        if target.hidden == hidden:
            return {"hidden": hidden}, []
        target.hidden = hidden
        data = {"step_id": step.id, "group_id": group.id if group else None}
        audience = group_audience(group)
        if hidden:
            event = log.append(viewer.workshop_id, "step.hidden", data, audience=audience)
        else:
            members = (audience or {}).get("participants", [])
            notes = [
                n.to_public()
                for n in _notes_of(step, group)
                if note_audience(n, step, group, members) == audience
            ]
            event = log.append(
                viewer.workshop_id, "step.revealed", {**data, "notes": notes}, audience=audience
            )
        return {"hidden": hidden}, [event]

    return change(viewer, payload, apply, op_required=False)


def set_status(viewer: log.Viewer, payload: dict, status: str):
    """Closing a workshop stops its join code and every change; reopening restores both."""
    require_facilitator(viewer)

    def apply():
        workshop = workshop_of(viewer)
        workshop.status = status
        workshop.closed_at = utcnow() if status == "closed" else None
        event = log.append(
            workshop.id, "workshop.status", {"status": status, "closed_at": iso(workshop.closed_at)}
        )
        return {"status": status}, [event]

    return change(viewer, payload, apply, op_required=False)
