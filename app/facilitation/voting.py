"""Dot voting: a round on one step with a vote budget per participant, tallies hidden or live,
closed into a ranking that the exports use."""

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..core import log
from ..core.authorization import may_vote, require_facilitator
from ..core.note_models import Vote
from ..core.visibility import tally_audience
from ..errors import AppError
from ..extensions import db
from ..notes.operations import change
from ..notes.service import note_of
from ..protocol import Broadcast
from ..validation import parse
from ..workshops.service import step_of
from .access import open_workshop
from .payloads import VoteChange, VotingOpen


def tallies(step) -> dict[int, int]:
    """Votes per note in the step's current round."""
    round_ = (step.voting or {}).get("round", 1)
    rows = db.session.execute(
        select(Vote.note_id, func.count())
        .where(Vote.step_id == step.id, Vote.round == round_)
        .group_by(Vote.note_id)
    ).all()
    return {note_id: count for note_id, count in rows}


def open_round(viewer: log.Viewer, payload: dict):
    require_facilitator(viewer)
    sent = parse(VotingOpen, payload)
    per_participant, per_note, show = (
        sent.votes_per_participant,
        sent.max_per_note,
        sent.show_tallies,
    )

    def apply():
        open_workshop(viewer)
        step = step_of(viewer.workshop_id, payload.get("step_id"))
        previous = (step.voting or {}).get("round", 0)
        step.voting = {
            "open": True,
            "round": previous + 1,
            "votes_per_participant": per_participant,
            "max_per_note": per_note,
            "show_tallies": show,
        }
        event = log.append(
            viewer.workshop_id,
            Broadcast.VOTING_CHANGED,
            {"step_id": step.id, "voting": step.voting, "tallies": None},
        )
        return {"voting": step.voting}, [event]

    return change(viewer, payload, apply, op_required=False)


def close_round(viewer: log.Viewer, payload: dict):
    require_facilitator(viewer)

    def apply():
        step = step_of(viewer.workshop_id, payload.get("step_id"))
        if not (step.voting or {}).get("open"):
            raise AppError("voting_closed", _("No voting round is open on this step."), 409)
        step.voting = {**step.voting, "open": False}
        counts = tallies(step)
        event = log.append(
            viewer.workshop_id,
            Broadcast.VOTING_CHANGED,
            {
                "step_id": step.id,
                "voting": step.voting,
                "tallies": {str(k): v for k, v in counts.items()},
            },
        )
        return {"voting": step.voting, "tallies": {str(k): v for k, v in counts.items()}}, [event]

    return change(viewer, payload, apply, op_required=False)


def _voting_note(viewer: log.Viewer, payload: dict):
    note = note_of(viewer, parse(VoteChange, payload).note_id)
    step = step_of(viewer.workshop_id, note.step_id)
    if not (step.voting or {}).get("open"):
        raise AppError("voting_closed", _("Voting is not open on this step."), 409)
    return note, step


def _mine(viewer: log.Viewer, step, note_id: int | None = None):
    query = select(Vote).where(
        Vote.step_id == step.id,
        Vote.round == step.voting["round"],
        Vote.participant_id == viewer.participant_id,
    )
    if note_id is not None:
        query = query.where(Vote.note_id == note_id)
    return list(db.session.scalars(query))


def voters(step) -> int:
    """How many participants have used at least one vote in the step's current round (the
    facilitator's "9/18 have voted")."""
    round_ = (step.voting or {}).get("round", 1)
    return db.session.scalar(
        select(func.count(func.distinct(Vote.participant_id))).where(
            Vote.step_id == step.id, Vote.round == round_
        )
    )


def vote_event(viewer: log.Viewer, note, step) -> log.Event:
    count = tallies(step).get(note.id, 0)
    data = {"note_id": note.id, "step_id": step.id, "votes": count, "voters": voters(step)}
    return log.append(
        viewer.workshop_id, Broadcast.VOTE_CHANGED, data, audience=tally_audience(step)
    )


def vote(viewer: log.Viewer, payload: dict, add: bool):
    """A participant spends (or takes back) one dot of their budget."""
    may_vote(viewer)

    def apply():
        open_workshop(viewer)
        note, step = _voting_note(viewer, payload)
        mine = _mine(viewer, step)
        on_note = [v for v in mine if v.note_id == note.id]
        if add:
            if len(mine) >= step.voting["votes_per_participant"]:
                raise AppError("no_votes_left", _("You have used all your votes."), 409)
            if len(on_note) >= step.voting["max_per_note"]:
                raise AppError("note_vote_limit", _("You cannot give this note more votes."), 409)
            db.session.add(
                Vote(
                    workshop_id=viewer.workshop_id,
                    step_id=step.id,
                    note_id=note.id,
                    participant_id=viewer.participant_id,
                    round=step.voting["round"],
                )
            )
            used = len(mine) + 1
            on_note_count = len(on_note) + 1
        else:
            if not on_note:
                raise AppError("no_vote", _("You have not voted for this note."), 409)
            db.session.delete(on_note[-1])
            used = len(mine) - 1
            on_note_count = len(on_note) - 1
        db.session.flush()
        result = {
            "note_id": note.id,
            "my_votes": on_note_count,
            "votes_left": step.voting["votes_per_participant"] - used,
        }
        return result, [vote_event(viewer, note, step)]

    return change(viewer, payload, apply)
