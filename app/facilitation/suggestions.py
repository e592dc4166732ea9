"""``themes.suggest``: candidate themes, a proposed theme for each note in none, and likely
duplicates, for the facilitator of the step — computed on this server by ``app.suggest``, never
stored, never broadcast. Moderated notes take no part (they are off the wall); the notes of a
hidden step are the facilitator's to see already, and the answer reaches no one else."""

from sqlalchemy import select

from ..core import log
from ..core.authorization import require_facilitator
from ..core.note_models import Note, Theme
from ..extensions import db
from ..suggest import NoteText, ThemeText, suggest
from ..validation import parse
from ..workshops.service import step_of
from .access import prompt_of, workshop_of
from .payloads import ThemesSuggest


def read(viewer: log.Viewer, payload: dict) -> tuple[list[NoteText], list[ThemeText], str]:
    """What the engine needs, read from the database: the step's (or question's) notes on the
    wall, the step's themes and the workshop's language."""
    require_facilitator(viewer)
    sent = parse(ThemesSuggest, payload)
    step = step_of(viewer.workshop_id, sent.step_id)
    query = select(Note.id, Note.text, Note.theme_id, Note.group_id).where(
        Note.step_id == step.id, Note.moderated.is_(False)
    )
    if "prompt_id" in sent.model_fields_set:
        query = query.where(Note.prompt_id == prompt_of(step, sent.prompt_id))
    notes = [NoteText(*row) for row in db.session.execute(query.order_by(Note.id))]
    themes = [
        ThemeText(row.id, row.title, row.description or "", row.group_id)
        for row in db.session.execute(
            select(Theme.id, Theme.title, Theme.description, Theme.group_id)
            .where(Theme.step_id == step.id)
            .order_by(Theme.position, Theme.id)
        )
    ]
    return notes, themes, workshop_of(viewer).language


def suggestions(viewer: log.Viewer, payload: dict):
    notes, themes, language = read(viewer, payload)
    return suggest(notes, themes, language).to_public(), []
