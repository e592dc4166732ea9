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


def notes_now(note_ids) -> dict[int, tuple[dict | None, dict]]:
    """``note id -> (audience, public form)`` of each of these notes as it is now; a deleted
    note is absent. The catch-up judges and fills every event about a note with this, so an
    event never shows a wording, or reaches a viewer, that the note no longer has. Four queries
    at most, however many notes."""
    from collections import defaultdict

    from sqlalchemy import select

    from ..extensions import db
    from ..notes.models import note_public
    from .models import GroupMember

    if not note_ids:
        return {}
    notes = db.session.execute(select(Note.__table__).where(Note.id.in_(set(note_ids)))).all()
    if not notes:
        return {}
    steps = {
        row.id: row
        for row in db.session.execute(
            select(Step.id, Step.hidden).where(Step.id.in_({n.step_id for n in notes}))
        )
    }
    group_ids = {n.group_id for n in notes if n.group_id is not None}
    groups, members = {}, defaultdict(list)
    if group_ids:
        groups = {
            row.id: row
            for row in db.session.execute(
                select(Group.id, Group.hidden).where(Group.id.in_(group_ids))
            )
        }
        for group_id, participant_id in db.session.execute(
            select(GroupMember.group_id, GroupMember.participant_id).where(
                GroupMember.group_id.in_(group_ids)
            )
        ):
            members[group_id].append(participant_id)
    return {
        note.id: (
            note_audience(
                note, steps[note.step_id], groups.get(note.group_id), members[note.group_id]
            ),
            note_public(note),
        )
        for note in notes
    }
