"""Who may see what. One rule serves the snapshot, resync, every broadcast, the remembered
answers of changes and the exports, so a hidden note never reaches another participant's
browser, nor a document, by any path.

An audience is None (everyone in the workshop) or ``{"facilitators": True, "participants":
[ids]}``; facilitators always see everything of their workshop. A presenter screen sees what
everyone sees.

Core: this module imports models and the database only, never a feature package."""

from collections import defaultdict

from sqlalchemy import select

from ..extensions import db
from .note_models import Note, note_public
from .workshop_models import Group, GroupMember, Step


def facilitators_only() -> dict:
    """Nobody but the facilitators: a moderated note, a tally kept from the room."""
    return {"facilitators": True, "participants": []}


def visible_to(audience: dict | None, viewer) -> bool:
    """``audience`` None: everyone. Otherwise facilitators (if ``facilitators``) and the listed
    participants. ``viewer`` is a ``log.Viewer``."""
    if audience is None:
        return True
    if viewer.is_facilitator:
        return bool(audience.get("facilitators", True))
    return viewer.participant_id in audience.get("participants", ())


def members_audience(members) -> dict:
    """The facilitators and these participants (a small group's members)."""
    return {"facilitators": True, "participants": sorted(set(members))}


def note_audience(note, step, group, members: list[int]) -> dict | None:
    """Who may see ``note`` (a Note or a row of the notes table): ``step`` is its step and
    ``group`` its small group (if any), each with a ``hidden`` flag, and ``members`` the
    group's participant ids.

    A moderated note: the facilitators only. A note of a hidden step (private brainstorming),
    or of a small group brainstorming privately: its author too. A note of a small group: the
    group's members. Otherwise everyone."""
    author = [note.participant_id] if note.participant_id else []
    if note.moderated:
        return facilitators_only()
    hidden = group.hidden if group is not None else step.hidden
    if hidden:
        return {"facilitators": True, "participants": author}
    if group is not None:
        return members_audience([*members, *author])
    return None


def in_documents(*, moderated: bool, step_hidden: bool, group_hidden: bool | None) -> bool:
    """Whether a note reaches the workshop's documents (summary, plan, notes table): only what
    the room has been shown. Not a moderated note, nor one of a step or small group still
    brainstorming privately (a hidden step hides its groups' notes from the documents too,
    though their members see them). ``group_hidden`` None: the note is in no group."""
    return not moderated and not step_hidden and not group_hidden


def sees_facilitator_material(viewer) -> bool:
    """The canvas's hints, the draft closing text, the whole roster, every vote: the
    facilitators' own material. Not a participant's, nor a presenter screen's."""
    return viewer.is_facilitator


def vote_visible_to(viewer, voter_id: int) -> bool:
    """Facilitators see every vote, a participant their own, a presenter screen none."""
    if sees_facilitator_material(viewer):
        return True
    return viewer.participant_id is not None and voter_id == viewer.participant_id


def tallies_visible(step, viewer) -> bool:
    """Whether ``viewer`` sees the vote tallies of ``step`` in a snapshot. Facilitators always
    do; others not while a round with hidden tallies is open (so that early votes do not steer
    later ones)."""
    voting = step.voting or {}
    return viewer.is_facilitator or not voting.get("open") or voting.get("show_tallies", False)


def tally_audience(step) -> dict | None:
    """Who receives a change of a tally on ``step`` (``vote.changed``): everyone when the round
    shows tallies live, else the facilitators only."""
    return None if step.voting.get("show_tallies") else facilitators_only()


def _members(group_ids) -> dict[int, list[int]]:
    members = defaultdict(list)
    if group_ids:
        for group_id, participant_id in db.session.execute(
            select(GroupMember.group_id, GroupMember.participant_id).where(
                GroupMember.group_id.in_(set(group_ids))
            )
        ):
            members[group_id].append(participant_id)
    return members


def group_audience(group: Group | None) -> dict | None:
    """Who follows a small group's steering (its timer, its hiding and reveal): the
    facilitators and its members; for the plenary (no group), everyone."""
    if group is None:
        return None
    return members_audience(_members([group.id])[group.id])


def audience_for(note: Note) -> dict | None:
    """The audience of a stored note, loading its step and group."""
    step = db.session.get(Step, note.step_id)
    group = db.session.get(Group, note.group_id) if note.group_id else None
    members = _members([group.id])[group.id] if group is not None else []
    return note_audience(note, step, group, members)


def may_see(viewer, note: Note) -> bool:
    """Whether ``viewer`` (a ``log.Viewer``) may see this stored note now."""
    return visible_to(audience_for(note), viewer)


def notes_now(note_ids) -> dict[int, tuple[dict | None, dict]]:
    """``note id -> (audience, public form)`` of each of these notes as it is now; a deleted
    note is absent. The catch-up judges and fills every event about a note with this, so an
    event never shows a wording, or reaches a viewer, that the note no longer has. Four queries
    at most, however many notes."""
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
    groups = {}
    if group_ids:
        groups = {
            row.id: row
            for row in db.session.execute(
                select(Group.id, Group.hidden).where(Group.id.in_(group_ids))
            )
        }
    members = _members(group_ids)
    return {
        note.id: (
            note_audience(
                note, steps[note.step_id], groups.get(note.group_id), members[note.group_id]
            ),
            note_public(note),
        )
        for note in notes
    }
