"""Changes remembered by ``op_id``: a resend returns the original answer and changes nothing."""

from flask_babel import gettext as _
from sqlalchemy import Text, and_, bindparam, cast, insert, or_, select, update

from ..db import write_transaction
from ..errors import AppError
from ..extensions import db
from ..validation import op_id as read_op_id
from ..workshops.models import Workshop
from ..workshops.visibility import notes_now, visible_to
from . import log
from .models import Operation

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
_FIND_ROW = select(_operations.c.id).where(
    _operations.c.workshop_id == bindparam("workshop_id"),
    _operations.c.op_id == bindparam("op_id"),
)


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
    op = read_op_id(payload) if op_required or payload.get("op_id") is not None else None
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


def scrub_answers(note, now: dict | None) -> None:
    """Remembered answers keep no text ``note`` no longer has: those showing it (``note``, or in
    a list of ``notes``) show it as it is ``now``; deleted (``now`` None), it keeps its id
    without text, or leaves the list. Called when the note is edited or deleted
    (``log.scrub_note``).

    Only answers given since the note was added can show it, and the answers are found by a
    plain text match on the stored JSON (a note is ``{"id": …, …}`` as ``json.dumps`` writes
    it, with or without the space) and checked as JSON after: parsing every answer of a large
    workshop on each edit cost 6–8 ms of CPU at 3,000 answers (docs/performance.md)."""
    connection = db.session.connection()
    added = connection.execute(
        _FIND_ROW, {"workshop_id": note.workshop_id, "op_id": note.op_id}
    ).scalar()
    as_text = cast(_operations.c.result, Text)
    query = select(_operations.c.id, _operations.c.result).where(
        _operations.c.workshop_id == note.workshop_id,
        or_(*(as_text.like(f'%"id":{space}{note.id},%') for space in ("", " "))),
    )
    if added is not None:
        query = query.where(_operations.c.id >= added)
    for row_id, result in connection.execute(query).all():
        scrubbed = _without_old_text(result, note.id, now)
        if scrubbed != result:
            connection.execute(
                update(_operations).where(_operations.c.id == row_id).values(result=scrubbed)
            )


def _without_old_text(result: dict, note_id: int, now: dict | None) -> dict:
    def this(note) -> bool:
        return isinstance(note, dict) and note.get("id") == note_id

    scrubbed = dict(result)
    if this(result.get("note")):
        scrubbed["note"] = now if now is not None else {**result["note"], "text": "", "fields": {}}
    if isinstance(result.get("notes"), list):
        notes = [now if this(note) else note for note in result["notes"]]
        scrubbed["notes"] = [note for note in notes if note is not None]
    return scrubbed
