"""The per-workshop change log: gapless ``seq`` numbers, visibility, and catch-up."""

from dataclasses import dataclass

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from ..extensions import db
from ..workshops.models import Workshop
from .models import Event

# A client that is this far behind gets a snapshot instead of the events it missed.
RESYNC_EVENT_LIMIT = 500


@dataclass(frozen=True)
class Viewer:
    """Who is asking: a facilitator of the workshop, or one of its participants."""

    workshop_id: int
    role: str  # "facilitator" | "participant"
    participant_id: int | None = None
    facilitator_id: int | None = None
    name: str | None = None

    @property
    def is_facilitator(self) -> bool:
        return self.role == "facilitator"

    @property
    def actor(self) -> str:
        if self.is_facilitator:
            return f"f:{self.facilitator_id}"
        return f"p:{self.participant_id}"


def visible_to(audience: dict | None, viewer: Viewer) -> bool:
    """``audience`` None: everyone. Otherwise facilitators (if ``facilitators``) and the listed
    participants."""
    if audience is None:
        return True
    if viewer.is_facilitator:
        return bool(audience.get("facilitators", True))
    return viewer.participant_id in audience.get("participants", ())


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
    not in the session (it is only read, by ``broadcast``); its row is written at once."""
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
    connection.execute(_INSERT_EVENT, row)
    return Event(**row)


def wire(event: Event) -> dict:
    """The payload everyone in ``event.audience`` receives."""
    return {"seq": event.seq, "type": event.type, "data": event.data}


def placeholder(event: Event) -> dict:
    """What everyone else receives for the same ``seq``: nothing of the content, only enough to
    keep their sequence gapless. Clients inside the audience ignore it and wait for the event."""
    return {"seq": event.seq, "type": "hidden", "data": {"audience": event.audience}}


def for_viewer(event: Event, viewer: Viewer) -> dict:
    return wire(event) if visible_to(event.audience, viewer) else placeholder(event)


def events_since(workshop_id: int, since: int, viewer: Viewer) -> list[dict] | None:
    """The events after ``since`` as this viewer may see them, or None when a snapshot is the
    better answer (too far behind)."""
    rows = db.session.scalars(
        select(Event)
        .where(Event.workshop_id == workshop_id, Event.seq > since)
        .order_by(Event.seq)
        .limit(RESYNC_EVENT_LIMIT + 1)
    ).all()
    if len(rows) > RESYNC_EVENT_LIMIT:
        return None
    return [for_viewer(event, viewer) for event in rows]


def scrub_note(note_id: int) -> None:
    """A deleted note's text must not live on in the log: earlier events about it keep their
    place in the sequence but lose the content."""
    events = db.session.scalars(select(Event).where(Event.note_id == note_id)).all()
    for event in events:
        if "note" in event.data:
            event.data = {**event.data, "note": {**event.data["note"], "text": "", "fields": {}}}
