"""Changes remembered by ``op_id``: a resend returns the original answer and changes nothing."""

from flask_babel import gettext as _
from sqlalchemy import bindparam, insert, select

from ..db import write_transaction
from ..errors import AppError
from ..extensions import db
from ..validation import op_id as read_op_id
from . import log
from .models import Operation

# Run for every change: built once, executed as Core (see ``log._NEXT_SEQ``).
_operations = Operation.__table__
_FIND = select(_operations.c.actor, _operations.c.result).where(
    _operations.c.workshop_id == bindparam("workshop_id"),
    _operations.c.op_id == bindparam("op_id"),
)
_INSERT = insert(_operations)


def replay(viewer: log.Viewer, op: str) -> dict | None:
    """The original answer to a change already made with this ``op_id``."""
    done = (
        db.session.connection()
        .execute(_FIND, {"workshop_id": viewer.workshop_id, "op_id": op})
        .first()
    )
    if done is None:
        return None
    if done.actor != viewer.actor:
        raise AppError("op_id_taken", _("This op_id was already used by someone else."), 409)
    return done.result


def remember(viewer: log.Viewer, op: str, result: dict) -> None:
    db.session.connection().execute(
        _INSERT,
        {"workshop_id": viewer.workshop_id, "op_id": op, "actor": viewer.actor, "result": result},
    )


def change(viewer: log.Viewer, payload: dict, apply, *, op_required: bool = True):
    """Run ``apply() -> (result, events)`` as one committed transaction, once per ``op_id``.

    Where ``op_required`` is False a change without an ``op_id`` simply runs (steering actions
    that are harmless to repeat)."""
    op = read_op_id(payload) if op_required or payload.get("op_id") is not None else None
    with write_transaction(workshop_id=viewer.workshop_id):
        if op is not None:
            replayed = replay(viewer, op)
            if replayed is not None:
                return replayed, []
        result, events = apply()
        if events:
            result = {**result, "seq": events[-1].seq}
        if op is not None:
            remember(viewer, op, result)
    return result, events
