"""The shared vision statement of a vision step: everyone may edit it; a save made on top of an
older version is refused as a conflict (the loser sees both texts and chooses), and the
statement shows who edited it last and when.

A superseded wording is kept nowhere: the ``vision.changed`` events store only the step's id
(catch-up sends the vision as it is then, ``log.events_since``), the remembered answers of
earlier saves lose their text at each save (a resend is answered with the vision as it is now,
``operations.replay``), and on SQLite the next checkpoint empties the WAL."""

from flask_babel import gettext as _
from sqlalchemy import Text, cast, or_, select, update

from ..core import log
from ..core.authorization import may_write_on_step
from ..core.log import vision_of
from ..core.note_models import Event, Operation
from ..db import forget_wal, utcnow
from ..errors import AppError
from ..extensions import db
from ..protocol import Broadcast
from ..validation import parse
from ..workshops.payloads import VisionEdit
from ..workshops.service import step_of
from .operations import change
from .service import check_writable


def edit(viewer: log.Viewer, payload: dict):
    sent = parse(VisionEdit, payload)
    text, base = sent.text, sent.version

    def apply():
        check_writable(viewer)
        step = step_of(viewer.workshop_id, payload.get("step_id"))
        if not step.definition.get("vision_statement"):
            raise AppError("no_vision", _("This step has no vision statement."), 409)
        may_write_on_step(viewer, step, closes=False)
        if base != step.vision_version:
            raise AppError(
                "conflict",
                _("Someone else changed the vision meanwhile."),
                409,
                vision=vision_of(step),
            )
        step.vision_text = text
        step.vision_version += 1
        step.vision_edited_by = viewer.name or (
            _("Facilitator") if viewer.is_facilitator else _("Anonymous")
        )
        step.vision_edited_at = utcnow()
        _forget_earlier_wordings(viewer.workshop_id)
        event = log.append(
            viewer.workshop_id,
            Broadcast.VISION_CHANGED,
            {"step_id": step.id, "vision": vision_of(step)},
        )
        return {"step_id": step.id, "vision": vision_of(step)}, [event]

    return change(viewer, payload, apply)


def _forget_earlier_wordings(workshop_id: int) -> None:
    """Before a save: the remembered answers of earlier saves keep their vision without its
    text (``replay`` fills in the vision as it is now), and ``vision.changed`` rows written
    before the log stored only the step's id lose their copy. Only the answer of the newest save
    holds text, so each save rewrites at most one answer besides old rows; they are found by a
    text match on the stored JSON (``{"text": …`` opens a vision as ``json.dumps`` writes it,
    with or without the space) and checked as JSON after."""
    _rewrite(
        Operation.__table__,
        "result",
        Operation.__table__.c.workshop_id == workshop_id,
        lambda result: {**result, "vision": _without_text(result["vision"])},
    )
    events = Event.__table__
    _rewrite(
        events,
        "data",
        (events.c.workshop_id == workshop_id) & (events.c.type == Broadcast.VISION_CHANGED),
        lambda data: {"step_id": data.get("step_id")},
    )
    forget_wal()


def _without_text(vision):
    return {key: value for key, value in vision.items() if key != "text"}


def _rewrite(table, column_name: str, where, scrubbed) -> None:
    column = table.c[column_name]
    as_text = cast(column, Text)
    rows = db.session.execute(
        select(table.c.id, column).where(
            where,
            or_(*(as_text.like(f'%"vision":{space}{{"text":%') for space in ("", " "))),
        )
    ).all()
    for row_id, value in rows:
        if isinstance(value, dict) and isinstance(value.get("vision"), dict):
            db.session.execute(
                update(table).where(table.c.id == row_id).values({column_name: scrubbed(value)})
            )
