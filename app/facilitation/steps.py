"""Steering steps: follow me, lock, open until, hide/reveal, closing the workshop."""

from sqlalchemy import select

from ..core import log
from ..core.authorization import require_facilitator
from ..core.note_models import Note
from ..core.visibility import group_audience, note_audience
from ..db import iso, utcnow
from ..extensions import db
from ..notes.operations import change
from ..protocol import Broadcast
from ..validation import parse
from ..workshops.document import step_state
from ..workshops.service import step_of
from .access import open_workshop, steer_target, workshop_of
from .payloads import Follow, StepCluster, StepLock, StepOpenUntil


def goto(viewer: log.Viewer, payload: dict):
    """Move everyone to a step: every participant's board goes there, whether or not they
    follow; ``follow_me`` only keeps them there. Only a move broadcasts ``workshop.step``, so
    the event itself tells participants' boards to move (no flag needed)."""
    require_facilitator(viewer)

    def apply():
        workshop = open_workshop(viewer)
        step = step_of(workshop.id, payload.get("step_id"))
        workshop.current_step_id = step.id
        event = log.append(workshop.id, Broadcast.WORKSHOP_STEP, {"current_step_id": step.id})
        return {"current_step_id": step.id}, [event]

    return change(viewer, payload, apply, op_required=False)


def follow(viewer: log.Viewer, payload: dict):
    require_facilitator(viewer)
    follow_me = parse(Follow, payload).follow

    def apply():
        workshop = open_workshop(viewer)
        workshop.follow_me = follow_me
        event = log.append(
            workshop.id,
            Broadcast.WORKSHOP_FOLLOW,
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
            viewer.workshop_id,
            Broadcast.STEP_STATE,
            {"step_id": step.id, "state": step_state(step)},
        )
        return {"state": step_state(step)}, [event]

    return change(viewer, payload, apply, op_required=False)


def lock(viewer: log.Viewer, payload: dict):
    require_facilitator(viewer)
    return _set_state(viewer, payload, "locked", parse(StepLock, payload).locked)


def allow_clustering(viewer: log.Viewer, payload: dict):
    """Let participants create themes and move notes into them on this step, or stop that."""
    require_facilitator(viewer)
    allowed = parse(StepCluster, payload).allowed
    return _set_state(viewer, payload, "participants_may_cluster", allowed)


def open_until(viewer: log.Viewer, payload: dict):
    """A wall or pre-task open for writing until a moment; read-only after it."""
    require_facilitator(viewer)
    return _set_state(viewer, payload, "open_until", parse(StepOpenUntil, payload).open_until)


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
            event = log.append(viewer.workshop_id, Broadcast.STEP_HIDDEN, data, audience=audience)
        else:
            members = (audience or {}).get("participants", [])
            notes = [
                n.to_public()
                for n in _notes_of(step, group)
                if note_audience(n, step, group, members) == audience
            ]
            event = log.append(
                viewer.workshop_id,
                Broadcast.STEP_REVEALED,
                {**data, "notes": notes},
                audience=audience,
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
            workshop.id,
            Broadcast.WORKSHOP_STATUS,
            {"status": status, "closed_at": iso(workshop.closed_at)},
        )
        return {"status": status}, [event]

    return change(viewer, payload, apply, op_required=False)
