"""Themes: named clusters of notes on a step — create, rename, reorder, delete, and putting a
note into a theme (by drag and drop or, equally, by choosing from a menu)."""

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..core import log
from ..core.authorization import may_cluster, require_facilitator
from ..core.note_models import Note, Theme
from ..errors import AppError
from ..extensions import db
from ..notes.operations import change
from ..notes.service import note_event, note_of
from ..protocol import Broadcast
from ..validation import parse
from ..workshops.service import step_of
from .access import group_of, open_workshop
from .payloads import NoteTheme, ThemeCreate, ThemeDelete, ThemeReorder, ThemeUpdate

MAX_THEMES = 50


def _theme(viewer: log.Viewer, theme_id: int) -> Theme:
    theme = db.session.get(Theme, theme_id) if theme_id else None
    if theme is None or theme.workshop_id != viewer.workshop_id:
        raise AppError("unknown_theme", _("No such theme."), 404, field="theme_id")
    return theme


def create(viewer: log.Viewer, payload: dict):
    sent = parse(ThemeCreate, payload)
    title, description = sent.title, sent.description

    def apply():
        open_workshop(viewer)
        step = step_of(viewer.workshop_id, payload.get("step_id"))
        may_cluster(viewer, step)
        group_id = group_of(viewer, payload["group_id"]).id if payload.get("group_id") else None
        count = db.session.scalar(
            select(func.count()).select_from(Theme).where(Theme.step_id == step.id)
        )
        if count >= MAX_THEMES:
            raise AppError("too_many", _("A step can have at most %(n)d themes.", n=MAX_THEMES))
        theme = Theme(
            workshop_id=viewer.workshop_id,
            step_id=step.id,
            group_id=group_id,
            title=title,
            description=description,
            position=count,
        )
        db.session.add(theme)
        db.session.flush()
        event = log.append(
            viewer.workshop_id, Broadcast.THEME_CREATED, {"theme": theme.to_public()}
        )
        return {"theme": theme.to_public()}, [event]

    return change(viewer, payload, apply)


def update(viewer: log.Viewer, payload: dict):
    sent = parse(ThemeUpdate, payload)

    def apply():
        open_workshop(viewer)
        theme = _theme(viewer, sent.theme_id)
        may_cluster(viewer, step_of(viewer.workshop_id, theme.step_id))
        if "title" in sent.model_fields_set:
            theme.title = sent.title
        if "description" in sent.model_fields_set:
            theme.description = sent.description
        event = log.append(
            viewer.workshop_id, Broadcast.THEME_UPDATED, {"theme": theme.to_public()}
        )
        return {"theme": theme.to_public()}, [event]

    return change(viewer, payload, apply, op_required=False)


def reorder(viewer: log.Viewer, payload: dict):
    require_facilitator(viewer)
    order = parse(ThemeReorder, payload).theme_ids

    def apply():
        step = step_of(viewer.workshop_id, payload.get("step_id"))
        themes = {
            t.id: t for t in db.session.scalars(select(Theme).where(Theme.step_id == step.id))
        }
        if sorted(order) != sorted(themes):
            raise AppError(
                "invalid_field", _("List every theme of the step exactly once."), field="theme_ids"
            )
        for position, theme_id in enumerate(order):
            themes[theme_id].position = position
        event = log.append(
            viewer.workshop_id, Broadcast.THEMES_REORDERED, {"step_id": step.id, "theme_ids": order}
        )
        return {"theme_ids": order}, [event]

    return change(viewer, payload, apply, op_required=False)


def delete(viewer: log.Viewer, payload: dict):
    """The theme goes; its notes stay, unclustered."""
    require_facilitator(viewer)
    theme_id = parse(ThemeDelete, payload).theme_id

    def apply():
        theme = _theme(viewer, theme_id)
        data = {"theme_id": theme.id, "step_id": theme.step_id}
        for note in db.session.scalars(select(Note).where(Note.theme_id == theme.id)):
            note.theme_id = None
        db.session.delete(theme)
        event = log.append(viewer.workshop_id, Broadcast.THEME_DELETED, data)
        return data, [event]

    return change(viewer, payload, apply, op_required=False)


def assign(viewer: log.Viewer, payload: dict):
    """Put a note into a theme of its step (``theme_id`` null: out of any theme)."""
    sent = parse(NoteTheme, payload)

    def apply():
        open_workshop(viewer)
        note = note_of(viewer, sent.note_id)
        may_cluster(viewer, step_of(viewer.workshop_id, note.step_id))
        theme_id = sent.theme_id
        if theme_id is not None:
            theme = _theme(viewer, theme_id)
            if theme.step_id != note.step_id:
                raise AppError(
                    "unknown_theme", _("The theme is on another step."), 404, field="theme_id"
                )
        note.theme_id = theme_id
        event = note_event(viewer, Broadcast.NOTE_EDITED, note)
        return {"note": note.to_public()}, [event]

    return change(viewer, payload, apply, op_required=False)
