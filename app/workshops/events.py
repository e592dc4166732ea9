"""Socket events for entering a workshop and catching up."""

from flask import request
from flask_babel import gettext as _
from flask_socketio import join_room

from .. import ratelimit, snapshot_budget
from ..accounts import sessions
from ..core import log, presence
from ..core.workshop_models import Workshop
from ..db import write_transaction
from ..errors import AppError
from ..extensions import db, socketio
from ..protocol import Client
from ..realtime import (
    connection,
    current_viewer,
    forged_lifecycle_event,
    forget_connection,
    handler,
    room_all,
    room_facilitators,
    room_participant,
)
from ..validation import parse
from . import join_limits, service, sighting
from .document import document
from .payloads import FacilitatorJoin, Join, Resync


@socketio.on("connect")
def on_connect(auth=None):
    """Anyone may connect; a facilitator is recognised by an API token in ``auth`` or by the
    session cookie of the logged-in browser."""
    if forged_lifecycle_event():
        return
    try:
        facilitator, credential = sessions.socket_facilitator(auth)
        if facilitator is not None:
            connection()["facilitator"] = (facilitator.id, facilitator.display_name)
            connection()["credential"] = credential
    finally:
        db.session.remove()


@socketio.on("disconnect")
def on_disconnect(*_args):
    # A forged "disconnect" would otherwise reset the connection's join and its rate limit.
    if forged_lifecycle_event():
        return
    state = forget_connection(request.sid)
    if state.get("viewer") is not None:
        presence.left(state["viewer"].workshop_id, request.sid)


@handler(Client.JOIN)
def join(payload: dict):
    """Sent by a participant (``join_code``) or a facilitator (``workshop_id``) after connecting.
    Answers with the snapshot the caller may see (or, with ``since``, the events it missed).
    Nothing is broadcast; facilitators see arrivals through ``presence``."""
    state = connection()
    if state.get("viewer") is not None:
        raise AppError("already_joined", _("This connection has already joined a workshop."))
    if "workshop_id" in payload:
        since = parse(FacilitatorJoin, payload).since
        if payload.get("presenter") is True:
            return _join_as_presenter(state, payload.get("workshop_id"), since)
        return _join_as_facilitator(state, payload.get("workshop_id"), since)
    sent = parse(Join, payload)
    since, name, token, join_op_id = sent.since, sent.name, sent.participant_token, sent.op_id
    address = request.remote_addr
    seen = sighting.Sighting(address, sent.browser_id)
    join_limits.admit(address, payload.get("join_code"), token)
    with write_transaction():
        try:
            workshop = service.workshop_by_code(payload.get("join_code"))
        except AppError as refusal:
            if refusal.code == "unknown_code":
                ratelimit.join_failed(address)
            raise
        participant, token, events, created = service.join(
            workshop, name, token, seen, op_id=join_op_id
        )
        join_limits.joined(address, workshop, new_participant=created)
        viewer = log.Viewer(
            workshop.id, "participant", participant_id=participant.id, name=participant.name
        )
        person = {"id": participant.id, "token": token, "name": participant.name}
    _enter_rooms(room_all(viewer.workshop_id), room_participant(participant.id))
    state["viewer"] = viewer
    presence.entered(
        viewer.workshop_id, request.sid, "participant", participant.id, participant.name
    )
    # A new participant (an unknown token) sees the workshop differently: give it a snapshot.
    return {"participant": person, **_state_since(viewer, None if events else since)}, events


def _enter_rooms(*rooms: str) -> None:
    """Join the rooms; a client that disconnected while its join was under way is simply gone
    (its join is refused, not logged as a crash)."""
    try:
        for room in rooms:
            join_room(room)
    except KeyError:
        raise AppError("disconnected", _("The connection closed during the join.")) from None


def _state_since(viewer: log.Viewer, since: int | None, resync: bool = False) -> dict:
    """What a client at ``since`` is missing: the events after it, or the whole snapshot when
    it has none yet, is far behind, or is ahead of this database (restored from a backup).
    Snapshots draw from their own budget; a resync over it is refused (app/snapshot_budget.py).
    """
    workshop = db.session.get(Workshop, viewer.workshop_id)
    if since is not None and since <= workshop.seq:
        events = log.events_since(viewer.workshop_id, since, viewer)
        if events is not None:
            return {"events": events, "seq": events[-1]["seq"] if events else since}
    snapshot_budget.take(connection(), viewer.workshop_id, refusable=resync)
    snapshot = document(workshop, viewer, encoded=True)
    return {"workshop": snapshot, "seq": snapshot["seq"]}


def _join_as_facilitator(state: dict, workshop_id, since: int | None = None):
    if "facilitator" not in state:
        raise AppError("unauthorized", _("Log in as a facilitator first."), 401)
    facilitator_id, name = state["facilitator"]
    workshop = service.owned_workshop(facilitator_id, workshop_id)
    viewer = log.Viewer(workshop.id, "facilitator", facilitator_id=facilitator_id, name=name)
    _enter_rooms(room_all(workshop.id), room_facilitators(workshop.id))
    state["viewer"] = viewer
    presence.entered(workshop.id, request.sid, "facilitator", None, facilitator_id=facilitator_id)
    return {
        "participant": None,
        "facilitator": {"id": facilitator_id, "name": name},
        **_state_since(viewer, since),
    }, []


def _join_as_presenter(state: dict, workshop_id, since: int | None = None):
    """A facilitator's presenter screen (``/w/<id>/present``): the same right to enter as the
    console, but it sees the workshop as participants do (no hidden or moderated notes, no
    tallies a participant would not see, no votes, no roster), may only catch up, and is not
    counted as anyone in ``presence``."""
    if "facilitator" not in state:
        raise AppError("unauthorized", _("Log in as a facilitator first."), 401)
    facilitator_id, name = state["facilitator"]
    workshop = service.owned_workshop(facilitator_id, workshop_id)
    viewer = log.Viewer(workshop.id, "presenter", facilitator_id=facilitator_id, name=name)
    _enter_rooms(room_all(workshop.id))
    state["viewer"] = viewer
    # Recorded (uncounted) so that it goes with a co-facilitator who is removed.
    presence.entered(workshop.id, request.sid, "presenter", None, facilitator_id=facilitator_id)
    return {"participant": None, "presenter": True, **_state_since(viewer, since)}, []


@handler(Client.RESYNC)
def resync(payload: dict):
    """Sent by any joined client after a reconnect or a gap in ``seq``. Answers with the events
    after ``since`` as the caller may see them, or a snapshot when too much was missed."""
    viewer = current_viewer()
    state = _state_since(viewer, parse(Resync, payload).since, resync=True)
    if "events" in state:
        return {"events": state["events"]}, []
    return {"snapshot": state["workshop"], "seq": state["seq"]}, []
