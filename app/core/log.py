"""The per-workshop change log: gapless ``seq`` numbers, visibility, and catch-up."""

from dataclasses import dataclass

from sqlalchemy import Text, bindparam, cast, insert, or_, select, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from ..db import forget_wal, iso
from ..extensions import db
from ..protocol import Broadcast
from .note_models import Event, Operation
from .visibility import notes_now, visible_to
from .workshop_models import Step, Workshop

# A client that is this far behind gets a snapshot instead of the events it missed.
RESYNC_EVENT_LIMIT = 500


@dataclass(frozen=True)
class Viewer:
    """Who is asking: a facilitator of the workshop, or one of its participants."""

    workshop_id: int
    role: str  # "facilitator" | "participant" | "presenter"
    participant_id: int | None = None
    facilitator_id: int | None = None
    name: str | None = None

    @property
    def is_facilitator(self) -> bool:
        return self.role == "facilitator"

    @property
    def is_presenter(self) -> bool:
        """A facilitator's presenter screen: sees what participants see, changes nothing."""
        return self.role == "presenter"

    @property
    def actor(self) -> str:
        if self.is_facilitator:
            return f"f:{self.facilitator_id}"
        return f"p:{self.participant_id}"


# Every change runs these two, so they are built once (with bound parameters) and executed as
# Core statements: building and ORM-executing them per change was a third of a ``note.add``'s
# CPU time (measured, docs/performance.md).
_NEXT_SEQ = (
    update(Workshop.__table__)
    .where(Workshop.__table__.c.id == bindparam("workshop_id"))
    .values(seq=Workshop.__table__.c.seq + 1)
    .returning(Workshop.__table__.c.seq)
)
_INSERT_EVENT = insert(Event.__table__)


def append(
    workshop_id: int,
    type_: str,
    data: dict,
    *,
    audience: dict | None = None,
    note_id: int | None = None,
) -> Event:
    """Record a change; its ``seq`` comes from the workshop row in the same transaction.

    The ``UPDATE … RETURNING`` takes the workshop row's write lock, so concurrent writers to one
    workshop are ordered by the database itself (PostgreSQL) or by the immediate transaction
    (SQLite). A Workshop this session has loaded learns the new value. The returned Event is
    not in the session (it is only read, by ``broadcast``); its row is written at once.

    The row keeps only the ids of the notes it carries (``_by_reference``): the returned Event,
    broadcast at once, has them whole, and a later catch-up fills them in as they are then. So
    no copy of a note's text outlives an edit, a deletion or a moderation in the log. A vision
    statement is kept the same way, by its step's id: catch-up sends the step's vision as it is
    then, never a superseded wording."""
    connection = db.session.connection()
    seq = connection.execute(_NEXT_SEQ, {"workshop_id": workshop_id}).scalar_one()
    loaded = db.session.identity_map.get(identity_key(Workshop, workshop_id))
    if loaded is not None:
        set_committed_value(loaded, "seq", seq)
    row = {
        "workshop_id": workshop_id,
        "seq": seq,
        "type": type_,
        "data": data,
        "audience": audience,
        "note_id": note_id,
    }
    connection.execute(_INSERT_EVENT, {**row, "data": _by_reference(data)})
    return Event(**row)


def _by_reference(data: dict) -> dict:
    """``data`` as stored: a note (``note``) or a list of notes (``notes``) becomes its ids; a
    vision statement (``vision``, beside its ``step_id``) is left out."""
    stored = dict(data)
    if isinstance(data.get("vision"), dict):
        del stored["vision"]
    if isinstance(data.get("note"), dict):
        stored["note"] = {"id": data["note"]["id"]}
    if isinstance(data.get("notes"), list):
        stored["notes"] = [{"id": note["id"]} for note in data["notes"]]
    return stored


def wire(event: Event) -> dict:
    """The payload everyone in ``event.audience`` receives."""
    return {"seq": event.seq, "type": event.type, "data": event.data}


def placeholder(event: Event) -> dict:
    """What everyone else receives for the same ``seq``: only enough to keep their sequence
    gapless. Nothing of the content, nor of the audience: during private brainstorming that
    would tell who wrote. ``realtime.broadcast`` sends the event to its audience before the
    placeholder, so a client that already has the event simply drops the placeholder."""
    return {"seq": event.seq, "type": Broadcast.HIDDEN, "data": {}}


def _about_a_note(event: Event) -> bool:
    """The event carries a note (``note.added``, ``note.edited``). A ``note.deleted`` carries
    only the note's id and goes to whoever saw the note until then (``event.audience``)."""
    return event.note_id is not None and event.type != Broadcast.NOTE_DELETED


def _as_now(event: Event, viewer: Viewer, notes: dict, visions: dict | None = None) -> dict:
    """The event as this viewer may see it now (``notes``: ``visibility.notes_now``). An event
    about a note is judged by the note's present audience and carries its present form; one
    about a deleted note is a placeholder. A list of notes (``step.revealed``,
    ``notes.debriefed``) keeps those the viewer may still see, as they are now. A
    ``vision.changed`` carries its step's vision as it is now (``visions``: ``visions_now``)."""
    if event.type == Broadcast.VISION_CHANGED and visible_to(event.audience, viewer):
        step_id = event.data.get("step_id")
        return {
            "seq": event.seq,
            "type": event.type,
            "data": {"step_id": step_id, "vision": (visions or {}).get(step_id)},
        }
    if _about_a_note(event):
        audience, public = notes.get(event.note_id, (None, None))
        if public is None or not visible_to(audience, viewer):
            return placeholder(event)
        return {"seq": event.seq, "type": event.type, "data": {**event.data, "note": public}}
    if not visible_to(event.audience, viewer):
        return placeholder(event)
    if isinstance(event.data.get("notes"), list):
        now = [notes.get(note["id"]) for note in event.data["notes"]]
        shown = [public for audience, public in filter(None, now) if visible_to(audience, viewer)]
        return {"seq": event.seq, "type": event.type, "data": {**event.data, "notes": shown}}
    return wire(event)


def _note_ids(events) -> set[int]:
    ids = {event.note_id for event in events if _about_a_note(event)}
    for event in events:
        if isinstance(event.data.get("notes"), list):
            ids.update(note["id"] for note in event.data["notes"])
    return ids


def events_since(workshop_id: int, since: int, viewer: Viewer) -> list[dict] | None:
    """The events after ``since`` as this viewer may see them now, or None when a snapshot is
    the better answer (too far behind)."""
    rows = db.session.scalars(
        select(Event)
        .where(Event.workshop_id == workshop_id, Event.seq > since)
        .order_by(Event.seq)
        .limit(RESYNC_EVENT_LIMIT + 1)
    ).all()
    if len(rows) > RESYNC_EVENT_LIMIT:
        return None
    notes = notes_now(_note_ids(rows))
    visions = visions_now(
        {e.data.get("step_id") for e in rows if e.type == Broadcast.VISION_CHANGED}
    )
    return [_as_now(event, viewer, notes, visions) for event in rows]


def vision_of(step: Step) -> dict | None:
    if not step.definition.get("vision_statement"):
        return None
    return {
        "text": step.vision_text,
        "version": step.vision_version,
        "edited_by": step.vision_edited_by,
        "edited_at": iso(step.vision_edited_at),
    }


def visions_now(step_ids) -> dict[int, dict | None]:
    """``step id -> vision statement`` of these steps as they are now (``vision_of``)."""
    step_ids = {step_id for step_id in step_ids if isinstance(step_id, int)}
    if not step_ids:
        return {}
    steps = db.session.scalars(select(Step).where(Step.id.in_(step_ids)))
    return {step.id: vision_of(step) for step in steps}


def scrub_note(note, now: dict | None = None) -> None:
    """``note`` was deleted (``now`` None) or its text replaced (``now``: its public form now):
    nothing stored may keep the earlier text. Its events keep their place in the sequence with
    only the note's id (rows written before the log stored ids held copies), the remembered
    answers of changes keep no old wording, and on SQLite the next checkpoint empties the WAL,
    whose old page images would still hold it."""
    db.session.execute(
        update(Event.__table__)
        .where(
            Event.__table__.c.note_id == note.id, Event.__table__.c.type != Broadcast.NOTE_DELETED
        )
        .values(data={"note": {"id": note.id}})
    )
    scrub_answers(note, now)
    forget_wal()


# The remembered answers of ``notes.operations``, scrubbed with the note's events.
_operations = Operation.__table__
_FIND_ROW = select(_operations.c.id).where(
    _operations.c.workshop_id == bindparam("workshop_id"),
    _operations.c.op_id == bindparam("op_id"),
)


def scrub_answers(note, now: dict | None) -> None:
    """Remembered answers keep no text ``note`` no longer has: those showing it (``note``, or in
    a list of ``notes``) show it as it is ``now``; deleted (``now`` None), it keeps its id
    without text, or leaves the list. Called when the note is edited or deleted
    (``scrub_note``).

    Only answers given since the note was added can show it, and the answers are found by a
    plain text match on the stored JSON (a note is ``{"id": …, …}`` as ``json.dumps`` writes
    it, with or without the space) and checked as JSON after: parsing every answer of a large
    workshop on each edit cost 6–8 ms of CPU at 3,000 answers (docs/performance.md)."""
    connection = db.session.connection()
    added = connection.execute(
        _FIND_ROW, {"workshop_id": note.workshop_id, "op_id": note.op_id}
    ).scalar()
    as_text = cast(_operations.c.result, Text)
    query = select(_operations.c.id, _operations.c.result).where(
        _operations.c.workshop_id == note.workshop_id,
        or_(*(as_text.like(f'%"id":{space}{note.id},%') for space in ("", " "))),
    )
    if added is not None:
        query = query.where(_operations.c.id >= added)
    for row_id, result in connection.execute(query).all():
        scrubbed = _without_old_text(result, note.id, now)
        if scrubbed != result:
            connection.execute(
                update(_operations).where(_operations.c.id == row_id).values(result=scrubbed)
            )


def _without_old_text(result: dict, note_id: int, now: dict | None) -> dict:
    def this(note) -> bool:
        return isinstance(note, dict) and note.get("id") == note_id

    scrubbed = dict(result)
    if this(result.get("note")):
        scrubbed["note"] = now if now is not None else {**result["note"], "text": "", "fields": {}}
    if isinstance(result.get("notes"), list):
        notes = [now if this(note) else note for note in result["notes"]]
        scrubbed["notes"] = [note for note in notes if note is not None]
    return scrubbed
