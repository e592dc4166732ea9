"""A workshop's whole state as one JSON document: the join snapshot, ``GET /workshops/{id}``
and ``export.json`` are all this, seen by someone. It costs a fixed number of queries however
many notes the workshop holds."""

from collections import Counter, defaultdict

from sqlalchemy import select

from ..extensions import db
from ..notes import log
from ..notes.models import Note, Theme, Vote
from .models import Group, GroupMember, Participant, Series, Step, StepDone, Workshop
from .visibility import note_audience

FORMAT = "pajapohja.workshop"
FORMAT_VERSION = 1


def iso(moment) -> str | None:
    return moment.isoformat() + "Z" if moment else None


def workshop_header(workshop: Workshop) -> dict:
    return {
        "id": workshop.id,
        "title": workshop.title,
        "template": workshop.template,
        "index": workshop.series_index,
        "language": workshop.language,
        "topic": workshop.topic,
        "organisation": workshop.organisation,
        "join_code": workshop.join_code,
        "status": workshop.status,
        "current_step_id": workshop.current_step_id,
        "follow_me": workshop.follow_me,
        "created_at": iso(workshop.created_at),
        "closed_at": iso(workshop.closed_at),
    }


def step_state(step: Step) -> dict:
    return {
        "hidden": step.hidden,
        "locked": step.locked,
        "open_until": iso(step.open_until),
        "timer": step.timer,
        "voting": step.voting,
        "participants_may_cluster": step.participants_may_cluster,
    }


def vision_of(step: Step) -> dict | None:
    if not step.definition.get("vision_statement"):
        return None
    return {
        "text": step.vision_text,
        "version": step.vision_version,
        "edited_by": step.vision_edited_by,
        "edited_at": iso(step.vision_edited_at),
    }


def step_public(step: Step) -> dict:
    return {
        "id": step.id,
        "position": step.position,
        **step.definition,
        "state": step_state(step),
        "vision": vision_of(step),
    }


def group_public(group: Group, members: list[int]) -> dict:
    return {
        "id": group.id,
        "step_id": group.step_id,
        "position": group.position,
        "name": group.name,
        "chair_id": group.chair_id,
        "hidden": group.hidden,
        "timer": group.timer,
        "members": members,
    }


def tallies_visible(step: Step, viewer: log.Viewer) -> bool:
    """Facilitators always see tallies; participants not while a round with hidden tallies is
    open (so that early votes do not steer later ones)."""
    voting = step.voting or {}
    return viewer.is_facilitator or not voting.get("open") or voting.get("show_tallies", False)


def document(workshop: Workshop, viewer: log.Viewer) -> dict:
    wid = workshop.id
    steps = db.session.scalars(
        select(Step).where(Step.workshop_id == wid).order_by(Step.position)
    ).all()
    participants = db.session.scalars(
        select(Participant)
        .where(Participant.workshop_id == wid, Participant.removed.is_(False))
        .order_by(Participant.id)
    ).all()
    groups = db.session.scalars(
        select(Group).where(Group.workshop_id == wid).order_by(Group.step_id, Group.position)
    ).all()
    memberships = db.session.execute(
        select(GroupMember.group_id, GroupMember.participant_id)
        .join(Group, Group.id == GroupMember.group_id)
        .where(Group.workshop_id == wid)
    ).all()
    themes = db.session.scalars(
        select(Theme)
        .where(Theme.workshop_id == wid)
        .order_by(Theme.step_id, Theme.position, Theme.id)
    ).all()
    notes = db.session.scalars(select(Note).where(Note.workshop_id == wid).order_by(Note.id)).all()
    votes = db.session.execute(
        select(Vote.note_id, Vote.participant_id, Vote.round, Vote.step_id)
        .where(Vote.workshop_id == wid)
        .order_by(Vote.id)
    ).all()
    done = db.session.execute(
        select(StepDone.step_id, StepDone.participant_id)
        .join(Step, Step.id == StepDone.step_id)
        .where(Step.workshop_id == wid)
    ).all()
    series = db.session.get(Series, workshop.series_id) if workshop.series_id else None

    steps_by_id = {step.id: step for step in steps}
    groups_by_id = {group.id: group for group in groups}
    members = defaultdict(list)
    for group_id, participant_id in memberships:
        members[group_id].append(participant_id)
    rounds = {step.id: (step.voting or {}).get("round", 1) for step in steps}
    tally = Counter(n for n, _p, r, s in votes if r == rounds[s])
    visible_notes = []
    for note in notes:
        step = steps_by_id[note.step_id]
        group = groups_by_id.get(note.group_id)
        audience = note_audience(note, step, group, members.get(note.group_id, []))
        if not log.visible_to(audience, viewer):
            continue
        public = note.to_public()
        public["votes"] = tally[note.id] if tallies_visible(step, viewer) else None
        visible_notes.append(public)
    if viewer.is_facilitator:
        vote_rows = [{"note_id": n, "participant_id": p, "round": r} for n, p, r, _s in votes]
    else:
        vote_rows = [
            {"note_id": n, "participant_id": p, "round": r}
            for n, p, r, _s in votes
            if p == viewer.participant_id
        ]
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "workshop": workshop_header(workshop),
        "series": {
            "id": series.id,
            "title": series.title,
            "topic": series.topic,
            "organisation": series.organisation,
        }
        if series
        else None,
        "steps": [step_public(step) for step in steps],
        "participants": [participant.to_public() for participant in participants],
        "groups": [group_public(group, sorted(members.get(group.id, []))) for group in groups],
        "themes": [theme.to_public() for theme in themes],
        "notes": visible_notes,
        "votes": vote_rows,
        "done": [{"step_id": s, "participant_id": p} for s, p in done],
        "seq": workshop.seq,
    }
