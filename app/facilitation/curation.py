"""Curation: a facilitator leaves a note, or a whole question of a step, out of the documents
(the summary and the training-plan draft) without taking it off the board. A test note or a
duplicate stays where the room saw it; only the documents pass it by. Works in a closed
workshop too: curating is what a facilitator does after the session."""

from ..core import log
from ..core.authorization import require_facilitator
from ..notes.operations import change
from ..notes.service import note_event, note_of
from ..protocol import Broadcast
from ..validation import parse
from ..workshops.service import step_of
from .access import prompt_of
from .payloads import NoteExclude, PromptExclude


def exclude_note(viewer: log.Viewer, payload: dict):
    """``{"note_id", "excluded": bool}``; the note's words and version stay as they are (an edit
    under way is no conflict). Broadcast: ``note.edited`` to whoever may see the note."""
    require_facilitator(viewer)
    excluded = parse(NoteExclude, payload).excluded

    def apply():
        note = note_of(viewer, payload.get("note_id"))
        if note.excluded == excluded:
            return {"note": note.to_public()}, []
        note.excluded = excluded
        return {"note": note.to_public()}, [note_event(viewer, Broadcast.NOTE_EDITED, note)]

    return change(viewer, payload, apply, op_required=False)


def exclude_prompt(viewer: log.Viewer, payload: dict):
    """``{"step_id", "prompt_id", "excluded": bool}``: the question (and every note under it)
    leaves the documents, or comes back. Broadcast: ``step.excluded`` ``{"step_id",
    "excluded_prompts"}`` to everyone (the ids in the step's question order)."""
    require_facilitator(viewer)
    sent = parse(PromptExclude, payload)
    excluded = sent.excluded

    def apply():
        step = step_of(viewer.workshop_id, payload.get("step_id"))
        prompt_id = prompt_of(step, sent.prompt_id)
        before = set(step.excluded_prompts or ())
        after = before | {prompt_id} if excluded else before - {prompt_id}
        in_order = [each for each in step.prompt_ids() if each in after]
        data = {"step_id": step.id, "excluded_prompts": in_order}
        if after == before:
            return data, []
        step.excluded_prompts = data["excluded_prompts"]  # a new list: the JSON column sees it
        return data, [log.append(viewer.workshop_id, Broadcast.STEP_EXCLUDED, data)]

    return change(viewer, payload, apply, op_required=False)
