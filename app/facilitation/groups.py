"""Small groups: split the participants of a step into groups (at random, or let them choose),
each group working on its own copy of the step with an optional chair; the debrief brings the
groups' notes into the plenary, labelled with their group."""

import random

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from ..canvases.schema import LANGUAGES
from ..core import log
from ..core.authorization import may_join_group, may_name_chair, require_facilitator
from ..core.note_models import Note, Theme
from ..core.visibility import audience_for, may_see
from ..core.workshop_models import Group, GroupMember, Participant, Step
from ..errors import AppError
from ..extensions import db
from ..notes.operations import change
from ..notes.service import note_event
from ..protocol import Broadcast
from ..validation import parse
from ..workshops.document import group_public, memberships
from ..workshops.service import step_of
from .access import group_of, open_workshop
from .payloads import GroupChair, GroupRename, GroupsCreate


def _groups_event(viewer: log.Viewer, step_id: int) -> log.Event:
    groups = db.session.scalars(
        select(Group).where(Group.step_id == step_id).order_by(Group.position)
    ).all()
    members, names = memberships(GroupMember.step_id == step_id)
    data = {
        "step_id": step_id,
        "groups": [group_public(g, members.get(g.id, []), names) for g in groups],
    }
    return log.append(viewer.workshop_id, Broadcast.GROUPS_CHANGED, data)


def _group_names(language: str, count: int) -> list[str]:
    """The groups' first names ("Ryhmä 1", "Ryhmä 2"…), in the workshop's language whoever
    splits it."""
    with force_locale(language if language in LANGUAGES else "en"):
        return [_("Group %(n)s", n=n) for n in range(1, count + 1)]


def create(viewer: log.Viewer, payload: dict):
    require_facilitator(viewer)
    sent = parse(GroupsCreate, payload)
    count, mode = sent.count, sent.mode

    def apply():
        workshop = open_workshop(viewer)
        step = step_of(workshop.id, payload.get("step_id"))
        if db.session.scalar(select(Group.id).where(Group.step_id == step.id).limit(1)):
            raise AppError("groups_exist", _("This step already has groups."), 409)
        groups = [
            Group(workshop_id=workshop.id, step_id=step.id, position=n, name=name)
            for n, name in enumerate(_group_names(workshop.language, count), start=1)
        ]
        db.session.add_all(groups)
        db.session.flush()
        if mode == "random":
            people = list(
                db.session.scalars(
                    select(Participant.id).where(
                        Participant.workshop_id == workshop.id, Participant.removed.is_(False)
                    )
                )
            )
            random.shuffle(people)
            for index, participant_id in enumerate(people):
                db.session.add(
                    GroupMember(
                        group_id=groups[index % count].id,
                        step_id=step.id,
                        participant_id=participant_id,
                    )
                )
        db.session.flush()
        event = _groups_event(viewer, step.id)
        return {"groups": event.data["groups"]}, [event]

    return change(viewer, payload, apply, op_required=False)


def join(viewer: log.Viewer, payload: dict):
    """A participant chooses (or changes) their group on a step."""
    may_join_group(viewer)

    def apply():
        open_workshop(viewer)
        group = group_of(viewer, payload.get("group_id"))
        membership = db.session.scalar(
            select(GroupMember).where(
                GroupMember.step_id == group.step_id,
                GroupMember.participant_id == viewer.participant_id,
            )
        )
        if membership is None:
            db.session.add(
                GroupMember(
                    group_id=group.id, step_id=group.step_id, participant_id=viewer.participant_id
                )
            )
        else:
            membership.group_id = group.id
        db.session.flush()
        notes = [
            n.to_public()
            for n in db.session.scalars(
                select(Note).where(Note.group_id == group.id).order_by(Note.id)
            )
            if may_see(viewer, n)
        ]
        return {"group_id": group.id, "notes": notes}, [_groups_event(viewer, group.step_id)]

    return change(viewer, payload, apply, op_required=False)


def set_chair(viewer: log.Viewer, payload: dict):
    """The facilitator names a chair; a member may also volunteer for a group without one."""
    chair = parse(GroupChair, payload).participant_id

    def apply():
        open_workshop(viewer)
        group = group_of(viewer, payload.get("group_id"))
        members = set(
            db.session.scalars(
                select(GroupMember.participant_id).where(GroupMember.group_id == group.id)
            )
        )
        may_name_chair(viewer, group, chair)
        if chair is not None and chair not in members:
            raise AppError(
                "invalid_field",
                _("The chair must be a member of the group."),
                field="participant_id",
            )
        group.chair_id = chair
        return {"group_id": group.id, "chair_id": chair}, [_groups_event(viewer, group.step_id)]

    return change(viewer, payload, apply, op_required=False)


def _groups_of_step(viewer: log.Viewer, payload: dict) -> tuple[Step, dict[int, Group]]:
    """The step named by ``payload`` and its groups by id; refused when it has none."""
    step = step_of(viewer.workshop_id, payload.get("step_id"))
    groups = {g.id: g for g in db.session.scalars(select(Group).where(Group.step_id == step.id))}
    if not groups:
        raise AppError("no_groups", _("This step has no groups."), 409)
    return step, groups


def _into_plenary(notes: list[Note], groups: dict[int, Group]) -> None:
    """Move ``notes`` out of their groups onto the plenary board, each labelled with its group."""
    for note in notes:
        note.group_label = groups[note.group_id].name
        note.group_id = None
        note.version += 1


def debrief(viewer: log.Viewer, payload: dict):
    """Bring every group's notes into the plenary board, each labelled with its group. The
    notes move (nothing is duplicated): after the debrief everyone sees them all."""
    require_facilitator(viewer)

    def apply():
        open_workshop(viewer)
        step, groups = _groups_of_step(viewer, payload)
        notes = db.session.scalars(
            select(Note)
            .where(Note.group_id.in_(groups), Note.moderated.is_(False))
            .order_by(Note.id)
        ).all()
        _into_plenary(notes, groups)
        db.session.flush()
        moved = [note.to_public() for note in notes if audience_for(note) is None]
        event = log.append(
            viewer.workshop_id, Broadcast.NOTES_DEBRIEFED, {"step_id": step.id, "notes": moved}
        )
        return {"brought": len(moved)}, [event]

    return change(viewer, payload, apply, op_required=False)


def rename(viewer: log.Viewer, payload: dict):
    """The facilitator renames a group ("Ryhmä 1" → "Asiakastyö")."""
    require_facilitator(viewer)
    name = parse(GroupRename, payload).name

    def apply():
        open_workshop(viewer)
        group = group_of(viewer, payload.get("group_id"))
        group.name = name
        db.session.flush()
        return {"group_id": group.id, "name": name}, [_groups_event(viewer, group.step_id)]

    return change(viewer, payload, apply, op_required=False)


def end(viewer: log.Viewer, payload: dict):
    """End the small groups of a step: every note the groups still hold moves into the plenary
    labelled with its group (as in the debrief; those already brought keep their label), the
    groups' themes become the step's, and the groups are gone. Nothing written is lost."""
    require_facilitator(viewer)

    def apply():
        open_workshop(viewer)
        step, groups = _groups_of_step(viewer, payload)
        notes = db.session.scalars(
            select(Note).where(Note.group_id.in_(groups)).order_by(Note.id)
        ).all()
        _into_plenary(notes, groups)
        themes = db.session.scalars(select(Theme).where(Theme.group_id.in_(groups))).all()
        for theme in themes:
            theme.group_id = None
        db.session.flush()
        events = []
        audiences = [(note, audience_for(note)) for note in notes]
        moved = [note.to_public() for note, audience in audiences if audience is None]
        if moved:
            events.append(
                log.append(
                    viewer.workshop_id,
                    Broadcast.NOTES_DEBRIEFED,
                    {"step_id": step.id, "notes": moved},
                )
            )
        # A note not everyone sees (moderated, or in private brainstorming) moves too: those
        # who see it learn it left its group.
        for note, audience in audiences:
            if audience is not None:
                events.append(note_event(viewer, Broadcast.NOTE_EDITED, note, audience))
        for theme in themes:
            events.append(
                log.append(
                    viewer.workshop_id, Broadcast.THEME_UPDATED, {"theme": theme.to_public()}
                )
            )
        db.session.execute(GroupMember.__table__.delete().where(GroupMember.step_id == step.id))
        for group in groups.values():
            db.session.delete(group)
        db.session.flush()
        events.append(_groups_event(viewer, step.id))
        return {"ended": len(groups), "brought": len(moved)}, events

    return change(viewer, payload, apply, op_required=False)
