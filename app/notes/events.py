"""Socket events for notes. Broadcasts go to everyone in the workshop who may see the note."""

from ..protocol import Client
from ..realtime import current_viewer, handler
from . import service, vision


@handler(Client.NOTE_ADD)
def note_add(payload: dict):
    """Sent by a joined participant or facilitator. Idempotent by ``op_id``. Broadcast:
    ``note.added``."""
    return service.add_note(current_viewer(), payload)


@handler(Client.NOTE_EDIT)
def note_edit(payload: dict):
    """Sent by the note's author or a facilitator, with the ``version`` the edit started from.
    Broadcast: ``note.edited``."""
    return service.edit_note(current_viewer(), payload)


@handler(Client.NOTE_DELETE)
def note_delete(payload: dict):
    """Sent by the note's author or a facilitator. Broadcast: ``note.deleted``."""
    return service.delete_note(current_viewer(), payload)


@handler(Client.VISION_EDIT)
def vision_edit(payload: dict):
    """Sent by any joined participant or facilitator with the ``version`` the edit started from;
    a stale version is a ``conflict`` carrying the current statement. Broadcast:
    ``vision.changed``."""
    return vision.edit(current_viewer(), payload)
