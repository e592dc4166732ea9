"""Reference material from earlier workshops of a series (or an earlier step of the same
workshop): workshop 2 of the training-plan template starts from workshop 1's development themes
and vision, workshop 3 from workshop 2's target groups and methods. Nothing is copied by hand:
the material is read from the earlier workshop each time it is shown."""

from sqlalchemy import select

from ..core.note_models import Note, Theme
from ..core.workshop_models import Step, Workshop
from ..extensions import db
from .service import library


def _source_step(workshop: Workshop, from_workshop: int, canvas: str) -> Step | None:
    if from_workshop == workshop.series_index:
        source = workshop
    elif workshop.series_id is None:
        return None
    else:
        source = db.session.scalar(
            select(Workshop)
            .where(Workshop.series_id == workshop.series_id, Workshop.series_index == from_workshop)
            .order_by(Workshop.id.desc())
        )
    if source is None:
        return None
    return db.session.scalar(
        select(Step).where(Step.workshop_id == source.id, Step.canvas_id == canvas)
    )


def _shown_notes(step: Step) -> list[Note]:
    """What the room saw: no moderated notes, nothing of a step still hidden, no group drafts."""
    if step.hidden:
        return []
    return list(
        db.session.scalars(
            select(Note)
            .where(Note.step_id == step.id, Note.moderated.is_(False), Note.group_id.is_(None))
            .order_by(Note.id)
        )
    )


def _card_items(step: Step) -> list[dict]:
    fields = step.definition.get("note", {}).get("fields", [])
    items = []
    for note in _shown_notes(step):
        values = [
            {"label": f["label"], "value": note.fields.get(f["id"])}
            for f in fields
            if note.fields.get(f["id"])
        ]
        if values:
            items.append({"title": values[0]["value"], "fields": values[1:], "text": note.text})
    return items


def _theme_items(step: Step) -> list[dict]:
    """The step's themes with their descriptions (whether or not they hold notes), then what
    was written as a theme in the step's theme question itself: a room that wrote its themes
    as notes there, instead of grouping, still hands them on."""
    notes = [note for note in _shown_notes(step) if not note.excluded]
    themes = db.session.scalars(
        select(Theme)
        .where(Theme.step_id == step.id, Theme.group_id.is_(None))
        .order_by(Theme.position, Theme.id)
    ).all()
    items = [
        {
            "title": theme.title,
            "description": theme.description,
            "notes": [n.text for n in notes if n.theme_id == theme.id],
        }
        for theme in themes
    ]
    grouped = {theme.id for theme in themes}
    theme_questions = {
        prompt["id"]
        for prompt in step.definition.get("prompts", ())
        if prompt.get("section") == "themes"
    }
    items += [
        {"title": note.text, "description": "", "notes": []}
        for note in notes
        if note.prompt_id in theme_questions and note.text and note.theme_id not in grouped
    ]
    return items


def _material(step: Step, what: str):
    if what == "vision_statement":
        return step.vision_text
    if what == "themes":
        return _theme_items(step)
    if what == "cards":
        return _card_items(step)
    return [note.text for note in _shown_notes(step) if note.text]


def references(workshop: Workshop) -> list[dict]:
    """``[{"label", "what", "material"}]`` for the workshop's template plan, skipping material
    that does not exist (yet)."""
    template = library().template(workshop.template)
    if template is None or workshop.series_index > len(template.workshops):
        return []
    plan = template.workshops[workshop.series_index - 1]
    found = []
    for reference in plan.references:
        step = _source_step(workshop, reference.from_workshop, reference.canvas)
        if step is None:
            continue
        material = _material(step, reference.what)
        if material:
            found.append(
                {
                    "label": reference.label.get(workshop.language) or reference.label["fi"],
                    "what": reference.what,
                    "material": material,
                }
            )
    return found
