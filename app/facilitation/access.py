"""Finding what a facilitation event acts on (the workshop, a group, a question, the step or
group to steer), judged by the rules of ``authorization``."""

from flask_babel import gettext as _
from sqlalchemy import select

from ..core import log
from ..core.authorization import may_steer, require_open
from ..core.workshop_models import Group, Workshop
from ..errors import AppError
from ..extensions import db
from ..validation import database_id
from ..workshops.service import step_of


def workshop_of(viewer: log.Viewer) -> Workshop:
    workshop = db.session.get(Workshop, viewer.workshop_id)
    if workshop is None:  # deleted by its owner while this event waited for the lock
        raise AppError("not_found", _("No such workshop."), 404)
    return workshop


def open_workshop(viewer: log.Viewer) -> Workshop:
    workshop = workshop_of(viewer)
    require_open(workshop.status)
    return workshop


def group_of(viewer: log.Viewer, group_id) -> Group:
    group_id = database_id(group_id)
    group = db.session.get(Group, group_id) if group_id else None
    if group is None or group.workshop_id != viewer.workshop_id:
        raise AppError("unknown_group", _("No such group."), 404, field="group_id")
    return group


def prompt_of(step, prompt_id: str) -> str:
    """``prompt_id``, refused unless one of ``step``'s questions."""
    if prompt_id not in step.prompt_ids():
        raise AppError(
            "unknown_prompt", _("No such question in this step."), 404, field="prompt_id"
        )
    return prompt_id


def steer_target(viewer: log.Viewer, payload: dict):
    """The step (and group, if ``group_id`` is given) a timer or hide/reveal action is for,
    if the viewer may steer it (``authorization.may_steer``)."""
    step = step_of(viewer.workshop_id, payload.get("step_id"))
    group = None
    if payload.get("group_id") is not None:
        group = group_of(viewer, payload.get("group_id"))
        if group.step_id != step.id:
            raise AppError("unknown_group", _("No such group."), 404, field="group_id")
    may_steer(viewer, group)
    return step, group


def chair_groups(participant_id: int) -> list[int]:
    return list(db.session.scalars(select(Group.id).where(Group.chair_id == participant_id)))
