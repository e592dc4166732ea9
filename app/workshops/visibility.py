"""Who may see a note. One rule serves the snapshot, resync and every broadcast, so a hidden
note never reaches another participant's browser by any path.

An audience is None (everyone in the workshop) or ``{"facilitators": True, "participants":
[ids]}``; facilitators always see everything of their workshop."""

from ..notes.models import Note
from .models import Group, Step


def note_audience(note: Note, step: Step, group: Group | None, members: list[int]) -> dict | None:
    """``group`` is the note's small group (if any) and ``members`` its participant ids."""
    author = [note.participant_id] if note.participant_id else []
    if note.moderated:
        return {"facilitators": True, "participants": []}
    hidden = group.hidden if group is not None else step.hidden
    if hidden:
        return {"facilitators": True, "participants": author}
    if group is not None:
        return {"facilitators": True, "participants": sorted(set(members) | set(author))}
    return None


def audience_for(note: Note) -> dict | None:
    """The audience of a stored note, loading its step and group."""
    from sqlalchemy import select

    from ..extensions import db
    from .models import GroupMember

    step = db.session.get(Step, note.step_id)
    group = db.session.get(Group, note.group_id) if note.group_id else None
    members = []
    if group is not None:
        members = list(
            db.session.scalars(
                select(GroupMember.participant_id).where(GroupMember.group_id == group.id)
            )
        )
    return note_audience(note, step, group, members)
