"""The shared vision statement of a vision step: everyone may edit it; a save made on top of an
older version is refused as a conflict (the loser sees both texts and chooses), and the
statement shows who edited it last and when."""

from flask_babel import gettext as _

from ..db import utcnow
from ..errors import AppError
from ..notes import log
from ..notes.operations import change
from ..notes.service import check_writable
from ..validation import clean_text
from .document import vision_of
from .service import step_of

MAX_VISION = 4000


def edit(viewer: log.Viewer, payload: dict):
    text = payload.get("text")
    if not isinstance(text, str):
        raise AppError(
            "invalid_field", _("The field %(field)s must be text.", field="text"), field="text"
        )
    text = clean_text(text, multiline=True)
    if len(text) > MAX_VISION:
        raise AppError("too_long", _("The text is too long."), field="text")
    base = payload.get("version")
    if isinstance(base, bool) or not isinstance(base, int) or base < 0:
        raise AppError("invalid_field", _("version must be a whole number ≥ 0."), field="version")

    def apply():
        check_writable(viewer)
        step = step_of(viewer.workshop_id, payload.get("step_id"))
        if not step.definition.get("vision_statement"):
            raise AppError("no_vision", _("This step has no vision statement."), 409)
        if step.locked and not viewer.is_facilitator:
            raise AppError("step_locked", _("This step is locked."), 403)
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
        event = log.append(
            viewer.workshop_id, "vision.changed", {"step_id": step.id, "vision": vision_of(step)}
        )
        return {"vision": vision_of(step)}, [event]

    return change(viewer, payload, apply)
