"""The payloads of the note events (``note.add``, ``note.edit``, ``note.delete``). The text and
the card fields are judged against the step's canvas afterwards (``canvases.validate_note``);
here only their kind."""

from typing import Annotated

from flask_babel import gettext as _

from ..validation import Count, Id, LookupId, OpId, OptionalOpId, Payload, Refusal, Text, rule


def _note_text(value) -> str:
    if not isinstance(value, str):
        raise Refusal("invalid_field", lambda _field: _("The note text must be text."))
    return value


def _note_fields(value) -> dict | None:
    if value is not None and not isinstance(value, dict):
        raise Refusal(
            "invalid_fields", lambda _field: _("The note has fields this step does not know.")
        )
    return value


NoteText = Annotated[str, rule(_note_text)]
NoteFields = Annotated[dict | None, rule(_note_fields)]


class NoteAdd(Payload):
    op_id: OpId = None
    step_id: LookupId = None
    prompt_id: Text(64) = None
    text: NoteText = ""
    fields: NoteFields = None


class NoteEdit(Payload):
    op_id: OpId = None
    note_id: Id = None
    version: Count = None
    text: NoteText = ""
    fields: NoteFields = None


class NoteDelete(Payload):
    op_id: OpId = None
    note_id: Id = None


class Op(Payload):
    """The ``op_id`` of a change made once (``notes.operations.change``)."""

    op_id: OpId = None


class MaybeOp(Payload):
    """The ``op_id`` of a change harmless to repeat: optional."""

    op_id: OptionalOpId = None
