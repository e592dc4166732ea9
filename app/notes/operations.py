"""Changes remembered by ``op_id``: a resend returns the original answer and changes nothing."""

from flask_babel import gettext as _
from sqlalchemy import and_, bindparam, insert, select

from ..core import log
from ..core.note_models import Operation
from ..core.visibility import notes_now, visible_to
from ..core.workshop_models import Workshop
from ..db import write_transaction
from ..errors import AppError
from ..extensions import db
from ..validation import parse
from .payloads import MaybeOp, Op

# Run for every change: built once, executed as Core (see ``log._NEXT_SEQ``).
_operations, _workshops = Operation.__table__, Workshop.__table__
# The first statement of every change, one round trip for two things: the workshop row's lock
# (``db.lock_workshop``; SQLite renders no FOR clause and needs none) and the answer already
# given to this ``op_id``, if any (no match for a change without one).
_LOCK_AND_FIND = (
    select(_operations.c.actor, _operations.c.result)
    .select_from(
        _workshops.outerjoin(
            _operations,
            and_(
                _operations.c.workshop_id == _workshops.c.id,
                _operations.c.op_id == bindparam("op_id"),
            ),
        )
    )
    .where(_workshops.c.id == bindparam("workshop_id"))
    .with_for_update(key_share=True, of=_workshops)
)
_INSERT = insert(_operations)


def lock_and_replay(viewer: log.Viewer, op: str | None) -> dict | None:
    """Lock the viewer's workshop for this transaction; the original answer to a change already
    made with this ``op_id``, if there is one, as this viewer may see it now (``_answer_now``)."""
    done = (
        db.session.connection()
        .execute(_LOCK_AND_FIND, {"workshop_id": viewer.workshop_id, "op_id": op})
        .first()
    )
    if done is None or done.actor is None:
        return None
    if done.actor != viewer.actor:
        raise AppError("op_id_taken", _("This op_id was already used by someone else."), 409)
    return _answer_now(done.result, viewer)


def _answer_now(result: dict, viewer: log.Viewer) -> dict:
    """A remembered answer shows nothing the viewer may no longer see. A note (``note``) the
    viewer still sees is shown as it is now; one hidden from them since (moderated: not even
    its author sees it) or deleted keeps its id without text. A list of ``notes`` keeps those
    the viewer still sees, as they are now. A vision statement (beside its ``step_id``) is the
    step's as it is now: earlier answers lose their text at the next save."""
    note, notes = result.get("note"), result.get("notes")
    ids = {note["id"]} if _is_note(note) else set()
    if isinstance(notes, list):
        ids.update(each["id"] for each in notes if _is_note(each))
    answer = dict(result)
    if ids:
        now = notes_now(ids)

        def shown(each: dict) -> dict | None:
            audience, public = now.get(each["id"], (None, None))
            if public is None or not visible_to(audience, viewer):
                return None
            return {**each, **public}

        if _is_note(note):
            answer["note"] = shown(note) or {**note, "text": "", "fields": {}}
        if isinstance(notes, list):
            answer["notes"] = [shown(each) for each in notes if _is_note(each)]
            answer["notes"] = [each for each in answer["notes"] if each is not None]
    if isinstance(result.get("vision"), dict) and "step_id" in result:
        answer["vision"] = log.visions_now({result["step_id"]}).get(result["step_id"])
    return answer


def _is_note(value) -> bool:
    return isinstance(value, dict) and isinstance(value.get("id"), int)


def remember(viewer: log.Viewer, op: str, result: dict) -> None:
    db.session.connection().execute(
        _INSERT,
        {"workshop_id": viewer.workshop_id, "op_id": op, "actor": viewer.actor, "result": result},
    )


def change(viewer: log.Viewer, payload: dict, apply, *, op_required: bool = True):
    """Run ``apply() -> (result, events)`` as one committed transaction, once per ``op_id``.

    Where ``op_required`` is False a change without an ``op_id`` simply runs (steering actions
    that are harmless to repeat)."""
    op = parse(Op if op_required else MaybeOp, payload).op_id
    # The writers of one workshop run one after another (see ``db.write_transaction``): what
    # ``apply`` reads (a version, a vote budget, whether groups exist) still holds at commit.
    with write_transaction(workshop_id=viewer.workshop_id, lock=False):
        replayed = lock_and_replay(viewer, op)
        if replayed is not None:
            return replayed, []
        result, events = apply()
        if events:
            result = {**result, "seq": events[-1].seq}
        if op is not None:
            remember(viewer, op, result)
    return result, events
