"""Membership of an open socket: checked on every event against the database, and ended at once
when the facilitator removes a participant or the owner removes a co-facilitator.

A socket's viewer is worked out once, at ``join``; rights change afterwards. Two things keep a
removed person out:

- ``authorize(viewer)``, called for every event (from ``realtime.current_viewer``), has the
  database asked whether the viewer still belongs: a participant not removed, a facilitator
  still the owner or a co-facilitator, and not disabled. One small Core query by primary key,
  run at the start of the event's first transaction (a session ``after_begin`` hook), so it
  is read in the same transaction as the change it guards: a separate read first would cost
  a commit and a second connection checkout per event, several times the query itself
  (measured: ~300 µs against ~60 µs). A refused socket also leaves the workshop's rooms, so
  it receives nothing more.
- ``end(...)``, called after a removal is committed (and broadcast), disconnects the removed
  person's sockets. The sockets are found through ``presence``, which with several processes
  knows every process's connections (in Redis); python-socketio's message-queue manager carries
  a disconnect to the process that holds the socket.
"""

from flask import has_request_context, request
from flask_socketio import leave_room, rooms
from sqlalchemy import bindparam, event, exists, select
from sqlalchemy.orm import Session

from .. import db as db_module
from ..extensions import socketio
from ..protocol import Client
from . import authorization, log, presence
from .account_models import Facilitator
from .workshop_models import Participant, Workshop

_participants, _workshops, _facilitators = (
    Participant.__table__,
    Workshop.__table__,
    Facilitator.__table__,
)

# Built once, executed as Core (see ``log._NEXT_SEQ``): this runs for every event.
_PARTICIPANT_STILL_IN = select(_participants.c.id).where(
    _participants.c.id == bindparam("participant_id"),
    _participants.c.workshop_id == bindparam("workshop_id"),
    _participants.c.removed.is_(False),
)
_FACILITATOR_STILL_IN = select(_workshops.c.id).where(
    _workshops.c.id == bindparam("workshop_id"),
    exists().where(
        _facilitators.c.id == bindparam("facilitator_id"), _facilitators.c.disabled_at.is_(None)
    ),
    authorization.facilitates(bindparam("facilitator_id")),
)


# Participants' changes whose own write transaction already refuses a removed participant
# (``notes.service``'s writer check, in ``note.add``'s one query): asking twice would only add
# a query to the most frequent events of all.
CHECKED_BY_THE_CHANGE = frozenset(
    {Client.NOTE_ADD, Client.NOTE_EDIT, Client.NOTE_DELETE, Client.VISION_EDIT}
)


_PENDING = "pajapohja_membership_viewer"  # on the event's request object: checked once


def _still_in(connection, viewer: log.Viewer) -> bool:
    if viewer.is_facilitator or viewer.is_presenter:
        statement = _FACILITATOR_STILL_IN
        params = {"workshop_id": viewer.workshop_id, "facilitator_id": viewer.facilitator_id}
    else:
        statement = _PARTICIPANT_STILL_IN
        params = {"workshop_id": viewer.workshop_id, "participant_id": viewer.participant_id}
    return connection.execute(statement, params).first() is not None


def authorize(viewer: log.Viewer) -> None:
    """Have the event's first transaction refuse it (code ``removed``) if the viewer no longer
    belongs to the workshop. An event that never reaches the database changes and reads
    nothing, so it needs no check."""
    if not viewer.is_facilitator and request.event["message"] in CHECKED_BY_THE_CHANGE:
        return
    setattr(request._get_current_object(), _PENDING, viewer)


@event.listens_for(Session, "after_begin")
def _check_at_begin(_session, _transaction, connection) -> None:
    if not has_request_context():
        return
    viewer = request._get_current_object().__dict__.pop(_PENDING, None)
    if viewer is None:
        return
    if db_module.workshop_being_written() == viewer.workshop_id:
        # A change: wait for the writers before it (a removal, say) to commit, then read.
        db_module.lock_workshop(viewer.workshop_id, connection)
    if _still_in(connection, viewer):
        return
    _leave_rooms()
    raise authorization.removed(facilitator=viewer.is_facilitator or viewer.is_presenter)


def _leave_rooms() -> None:
    sid = request.sid
    for room in rooms():
        if room != sid:
            leave_room(room)
    for workshop_id in presence.workshops_of(sid):
        presence.left(workshop_id, sid)


def end(workshop_id: int, *, participant_ids=(), facilitator_id: int | None = None) -> int:
    """Disconnect the sockets of these participants (or this facilitator) in the workshop, in
    whichever process they are. Call after the removal is committed and broadcast. Returns how
    many sockets were told to go."""
    sids = presence.sids_of(
        workshop_id, participant_ids=set(participant_ids), facilitator_id=facilitator_id
    )
    for sid in sids:
        socketio.server.disconnect(sid, namespace="/")
    return len(sids)
