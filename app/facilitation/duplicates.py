"""Duplicates: participants of one workshop who joined from the same browser or the same
network. One browser making many participants is someone voting many times (20 anonymous
joins put 60 votes on one note with a budget of 3); one network may also be many people behind
a shared address (an office, a hospital), so the facilitator decides, and removes with
``participant.remove``.

Grouped by the keyed hashes stored at join (app/workshops/sighting.py); the hashes themselves
never leave the server, and only facilitators get the groups.
"""

from sqlalchemy import func, or_, select

from ..core import log
from ..core.authorization import require_facilitator
from ..core.workshop_models import Participant
from ..extensions import db
from ..protocol import Client
from ..realtime import current_viewer, handler
from .payloads import MAX_REMOVED_AT_ONCE

# A group lists at most this many (the first and what one ``participant.remove`` can take); its
# ``count`` says how many there are in all.
MAX_LISTED = MAX_REMOVED_AT_ONCE + 1

KINDS = (("browser", Participant.browser_hash), ("address", Participant.address_hash))


def _shared(workshop_id: int, column):
    """The values of ``column`` that more than one present participant of the workshop has."""
    return (
        select(column)
        .where(
            Participant.workshop_id == workshop_id,
            Participant.removed.is_(False),
            column.is_not(None),
        )
        .group_by(column)
        .having(func.count() > 1)
    )


def groups(workshop_id: int) -> list[dict]:
    """``[{"kind": "browser" | "address", "count", "participants": [{"id", "name"}]}]``:
    browser groups first, then network groups, each group's first joiner first. A network
    group with exactly the members of a browser group says nothing new and is left out."""
    rows = db.session.execute(
        select(Participant.id, Participant.name, Participant.browser_hash, Participant.address_hash)
        .where(
            Participant.workshop_id == workshop_id,
            Participant.removed.is_(False),
            or_(*(column.in_(_shared(workshop_id, column)) for _kind, column in KINDS)),
        )
        .order_by(Participant.id)
    ).all()
    found: list[dict] = []
    for index, (kind, _column) in enumerate(KINDS):
        members: dict[str, list] = {}
        for row in rows:
            key = row[2 + index]
            if key is not None:
                members.setdefault(key, []).append(row)
        for people in members.values():
            if len(people) < 2:
                continue
            ids = [p.id for p in people]
            if kind == "address" and any(ids == [p["id"] for p in g["all"]] for g in found):
                continue
            found.append({"kind": kind, "all": [{"id": p.id, "name": p.name} for p in people]})
    order = {"browser": 0, "address": 1}
    found.sort(key=lambda g: (order[g["kind"]], g["all"][0]["id"]))
    return [
        {"kind": g["kind"], "count": len(g["all"]), "participants": g["all"][:MAX_LISTED]}
        for g in found
    ]


def duplicates(viewer: log.Viewer, payload: dict):
    require_facilitator(viewer)
    return {"groups": groups(viewer.workshop_id)}, []


@handler(Client.PARTICIPANTS_DUPLICATES)
def participants_duplicates(payload: dict):
    """Sent by a facilitator of the workshop (participants are refused with ``forbidden``):
    the groups of participants who joined from one browser or one network. Nothing is
    broadcast."""
    return duplicates(current_viewer(), payload)
