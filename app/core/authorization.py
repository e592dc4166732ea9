"""Who may do what: one function per kind of action, called by every socket event and REST route
of that kind, so that each rule is written once.

Each function returns quietly when the action is allowed and otherwise raises the ``AppError``
the client shows. They judge facts already loaded (the viewer, a workshop's status, a step, a
note, a group); finding those facts in the database is the caller's part.

``viewer`` is a ``core.log.Viewer``: a facilitator (owner or co-facilitator: the same rights
in the room), a participant, or a presenter screen, which changes nothing (``may_send``).
Who is still in the workshop at all (a removed participant or co-facilitator) is checked for
every event by ``core.membership``; a change of participant content checks it itself
(``may_write``), in the same query that loads what it changes.

Core: this module imports no feature package (models only)."""

from flask_babel import gettext as _
from sqlalchemy import exists, or_

from ..db import utcnow
from ..errors import AppError
from ..protocol import CLIENT_EVENTS, PRESENTER
from .workshop_models import CoFacilitator, Workshop

# The one event a presenter screen may send: it only catches up.


def may_send(viewer, event: str) -> None:
    """Any socket event after ``join``: a presenter screen sends only what the protocol table
    lets it (``resync``)."""
    if viewer.is_presenter and PRESENTER not in CLIENT_EVENTS[event].sent_by:
        raise AppError("forbidden", _("The presenter view changes nothing."), 403)


def require_open(status: str | None, **extra) -> None:
    """Anything that changes a workshop, or joins it: the workshop is open (``status`` None:
    there is no such workshop any more)."""
    if status != "open":
        raise AppError("workshop_closed", _("This workshop has been closed."), 403, **extra)


def facilitates(facilitator_id, *, owner_only: bool = False):
    """Entering a workshop as a facilitator, its console, its documents and its REST routes:
    a SQL condition on the workshops table, true when this facilitator (a value or a bound
    parameter) owns it or co-facilitates it. ``owner_only``: deleting the workshop and choosing
    its co-facilitators are the owner's."""
    workshops, helpers = Workshop.__table__, CoFacilitator.__table__
    owns = workshops.c.owner_id == facilitator_id
    if owner_only:
        return owns
    helps = exists().where(
        helpers.c.workshop_id == workshops.c.id, helpers.c.facilitator_id == facilitator_id
    )
    return or_(owns, helps)


def require_facilitator(viewer) -> None:
    """Steering the room, moderating, curating the documents, forming groups."""
    if not viewer.is_facilitator:
        raise AppError("forbidden", _("Only a facilitator can do this."), 403)


def removed(*, facilitator: bool = False) -> AppError:
    """The refusal of someone who is no longer in the workshop: a participant removed from it
    (at a join, a change, any event), or a facilitator no longer its owner or co-facilitator."""
    if facilitator:
        return AppError("removed", _("You no longer facilitate this workshop."), 403)
    return AppError("removed", _("You have been removed from this workshop."), 403)


def may_write(viewer, row) -> None:
    """Participant content (a note, the vision statement): the workshop is open and the writer,
    if a participant, has not been removed. ``row`` has the workshop's ``status`` and the
    participant's ``id`` and ``removed`` (``row`` None: no such workshop)."""
    require_open(row.status if row is not None else None)
    if viewer.participant_id is not None and (row.id is None or row.removed):
        raise removed()


def may_write_on_step(viewer, step, *, closes: bool = True) -> None:
    """Adding, editing or deleting a note (and, with ``closes`` False, editing the vision
    statement, which has no closing time) on ``step``: a locked step, or a wall past its
    closing time, takes no changes from participants; facilitators may still tidy up."""
    if viewer.is_facilitator:
        return
    if step.locked:
        raise AppError("step_locked", _("This step is locked."), 403)
    if closes and step.open_until is not None and utcnow() >= step.open_until:
        raise AppError("step_closed", _("This step closed for comments."), 403)


def may_change_note(viewer, note) -> None:
    """Editing or deleting ``note``: its author, or a facilitator."""
    if not viewer.is_facilitator and note.participant_id != viewer.participant_id:
        raise AppError("forbidden", _("You can only change your own notes."), 403)


def may_steer(viewer, group) -> None:
    """A timer, or hiding and revealing notes, on a step (``group`` None) or a small group:
    facilitators steer anything; a chair only their own group."""
    if viewer.is_facilitator:
        return
    if group is not None and group.chair_id == viewer.participant_id:
        return
    raise AppError("forbidden", _("Only a facilitator or the group's chair can do this."), 403)


def may_cluster(viewer, step) -> None:
    """Creating themes and moving notes into them: facilitators, and participants on a step
    where the facilitator allowed it."""
    if viewer.is_facilitator or step.participants_may_cluster:
        return
    raise AppError("forbidden", _("Only a facilitator can group notes on this step."), 403)


def may_name_chair(viewer, group, chair: int | None) -> None:
    """Naming ``chair`` the chair of ``group``: a facilitator, or a participant volunteering
    themselves for a group that has none."""
    if viewer.is_facilitator:
        return
    if chair == viewer.participant_id and group.chair_id is None:
        return
    raise AppError("forbidden", _("Only a facilitator can name the chair."), 403)


def may_vote(viewer) -> None:
    """Spending or taking back a dot: participants only."""
    if viewer.is_facilitator:
        raise AppError("forbidden", _("Facilitators do not vote."), 403)


def may_mark_done(viewer) -> None:
    """Marking oneself done with a step: participants only."""
    if viewer.is_facilitator:
        raise AppError("forbidden", _("Only participants mark themselves done."), 403)


def may_join_group(viewer) -> None:
    """Choosing a small group: participants only."""
    if viewer.is_facilitator:
        raise AppError("forbidden", _("Facilitators are not members of groups."), 403)
