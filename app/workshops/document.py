"""A workshop's whole state as one JSON document: the join snapshot, ``GET /workshops/{id}``
and ``export.json`` are all this, seen by someone. It costs a fixed number of queries however
many notes the workshop holds."""

import copy
import threading
from collections import Counter, OrderedDict, defaultdict
from types import SimpleNamespace

from flask import current_app
from sqlalchemy import select

from .. import wire
from ..core import log
from ..core.note_models import Note, Theme, Vote, note_public
from ..core.visibility import (
    note_audience,
    sees_facilitator_material,
    tallies_visible,
    visible_to,
    vote_visible_to,
)
from ..core.workshop_models import Group, GroupMember, Participant, Series, Step, StepDone, Workshop
from ..db import iso
from ..extensions import db

FORMAT = "pajapohja.workshop"
FORMAT_VERSION = 1


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
        "time_zone": workshop.time_zone,
        "held_on": workshop.held_on.isoformat() if workshop.held_on else None,
        "closing_text": workshop.closing_text,
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


def step_public(step: Step) -> dict:
    return {
        "id": step.id,
        "position": step.position,
        **step.definition,
        "state": step_state(step),
        "vision": log.vision_of(step),
        "excluded_prompts": list(step.excluded_prompts or ()),
    }


def group_public(group: Group, members: list[int], names: dict[int, str | None]) -> dict:
    return {
        "id": group.id,
        "step_id": group.step_id,
        "position": group.position,
        "name": group.name,
        "chair_id": group.chair_id,
        "hidden": group.hidden,
        "timer": group.timer,
        "members": members,
        "member_names": {str(member): names.get(member) for member in members},
    }


def memberships(query_filter) -> tuple[dict[int, list[int]], dict[int, str | None]]:
    """Members of groups (``group id -> participant ids``) and their names."""
    members: dict[int, list[int]] = defaultdict(list)
    names = {}
    rows = db.session.execute(
        select(GroupMember.group_id, GroupMember.participant_id, Participant.name)
        .join(Participant, Participant.id == GroupMember.participant_id)
        .join(Group, Group.id == GroupMember.group_id)
        .where(query_filter)
        .order_by(GroupMember.participant_id)
    ).all()
    for group_id, participant_id, name in rows:
        members[group_id].append(participant_id)
        names[participant_id] = name
    return members, names


# The viewer-independent part of a workshop's document, kept per app and keyed by the workshop's
# id, its random join code (an id can be reused after a deletion) and seq: every change moves
# seq, so an entry never goes stale, and a join storm at one seq builds it once.
_CACHE_SIZE = 32
_cache_lock = threading.Lock()


def _cache() -> OrderedDict:
    return current_app.extensions.setdefault("pajapohja.documents", OrderedDict())


def _base(workshop: Workshop) -> dict:
    key = (workshop.id, workshop.join_code, workshop.seq)
    cache = _cache()
    with _cache_lock:
        if key in cache:
            cache.move_to_end(key)
            return cache[key]
    base = _build_base(workshop)
    with _cache_lock:
        cache[key] = base
        while len(cache) > _CACHE_SIZE:
            cache.popitem(last=False)
    return base


def _build_base(workshop: Workshop) -> dict:
    wid = workshop.id
    steps = db.session.scalars(
        select(Step).where(Step.workshop_id == wid).order_by(Step.position)
    ).all()
    groups = db.session.scalars(
        select(Group).where(Group.workshop_id == wid).order_by(Group.step_id, Group.position)
    ).all()
    members, names = memberships(Group.workshop_id == wid)
    themes = db.session.scalars(
        select(Theme)
        .where(Theme.workshop_id == wid)
        .order_by(Theme.step_id, Theme.position, Theme.id)
    ).all()
    notes = db.session.execute(
        select(Note.__table__).where(Note.workshop_id == wid).order_by(Note.id)
    ).all()
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
    rounds = {step.id: (step.voting or {}).get("round", 1) for step in steps}
    tally = Counter(n for n, _p, r, step_id in votes if r == rounds[step_id])
    step_flags = {s.id: SimpleNamespace(hidden=s.hidden, voting=s.voting) for s in steps}
    group_flags = {g.id: SimpleNamespace(hidden=g.hidden) for g in groups}
    public_notes = []
    for row in notes:
        audience = note_audience(
            row,
            step_flags[row.step_id],
            group_flags.get(row.group_id),
            members.get(row.group_id, []),
        )
        public_notes.append((audience, row.step_id, note_public(row)))
    return {
        "series": {
            "id": series.id,
            "title": series.title,
            "topic": series.topic,
            "organisation": series.organisation,
        }
        if series
        else None,
        "steps": [step_public(step) for step in steps],
        "step_flags": step_flags,
        "groups": [group_public(g, members.get(g.id, []), names) for g in groups],
        "themes": [theme.to_public() for theme in themes],
        "notes": public_notes,
        "tally": tally,
        "votes": [(n, p, r) for n, p, r, _s in votes],
        "done": [{"step_id": s, "participant_id": p} for s, p in done],
    }


def _visible_notes(base: dict, viewer: log.Viewer):
    """``(index, public, tally shown)`` of each note of the base this viewer may see."""
    shown_on = {}
    for index, (audience, step_id, public) in enumerate(base["notes"]):
        if not visible_to(audience, viewer):
            continue
        shown = shown_on.get(step_id)
        if shown is None:
            shown = shown_on[step_id] = tallies_visible(base["step_flags"][step_id], viewer)
        yield index, public, shown


def _encoded_notes(base: dict) -> tuple[list[bytes], list[bytes]]:
    """Each note of the base encoded once without and once with its tally, made on the first
    join at this seq and kept with the base (two joins racing both make it, harmlessly)."""
    encoded = base.get("encoded_notes")
    if encoded is None:
        tally = base["tally"]
        hidden = [
            wire.encode_to_keep({**public, "votes": None}) for _a, _s, public in base["notes"]
        ]
        shown = [
            wire.encode_to_keep({**public, "votes": tally[public["id"]]})
            for _a, _s, public in base["notes"]
        ]
        encoded = base["encoded_notes"] = (hidden, shown)
    return encoded


def document(workshop: Workshop, viewer: log.Viewer, *, encoded: bool = False) -> dict:
    """Everything of the workshop this viewer may see. Built from a cached, viewer-independent
    base; only visibility and the participant list are worked out per call. ``encoded`` gives
    the notes as one piece of JSON text (``wire.Encoded``) for sending, not for reading."""
    base = _base(workshop)
    if encoded:
        variants = _encoded_notes(base)
        notes = wire.Encoded(
            b"["
            + b",".join(variants[shown][index] for index, _p, shown in _visible_notes(base, viewer))
            + b"]"
        )
    else:
        notes = [
            {**public, "votes": base["tally"][public["id"]] if shown else None}
            for _i, public, shown in _visible_notes(base, viewer)
        ]
    steps = copy.deepcopy(base["steps"])
    if not sees_facilitator_material(viewer):
        for step in steps:  # the canvas's advice is for the facilitator, not the room
            step.pop("hint", None)
    votes = [
        {"note_id": n, "participant_id": p, "round": r}
        for n, p, r in base["votes"]
        if vote_visible_to(viewer, p)
    ]
    header = workshop_header(workshop)
    if not sees_facilitator_material(viewer):  # the draft for the summary, not the room's
        header.pop("closing_text")
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "workshop": header,
        "series": copy.deepcopy(base["series"]),
        "steps": steps,
        "participants": _participants(workshop.id, viewer),
        "groups": copy.deepcopy(base["groups"]),
        "themes": copy.deepcopy(base["themes"]),
        "notes": notes,
        "votes": votes,
        "done": copy.deepcopy(base["done"]),
        "seq": workshop.seq,
    }


def _participants(workshop_id: int, viewer: log.Viewer) -> list[dict]:
    """Facilitators see everyone in the workshop; a participant sees only themselves (names of
    the others reach them with their notes and groups, not as a roster)."""
    query = select(Participant.id, Participant.name).where(
        Participant.workshop_id == workshop_id, Participant.removed.is_(False)
    )
    if not sees_facilitator_material(viewer):
        query = query.where(Participant.id == viewer.participant_id)
    return [
        {"id": pid, "name": name}
        for pid, name in db.session.execute(query.order_by(Participant.id))
    ]
