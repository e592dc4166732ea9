"""A participant's "I'm done with this step" mark, shown to the facilitator as presence."""

from sqlalchemy import select

from ..core import log
from ..core.authorization import may_mark_done
from ..core.workshop_models import StepDone
from ..extensions import db
from ..notes.operations import change
from ..protocol import Broadcast
from ..validation import parse
from ..workshops.service import step_of
from .access import open_workshop
from .payloads import StepDone as DonePayload


def mark_done(viewer: log.Viewer, payload: dict):
    may_mark_done(viewer)
    done = parse(DonePayload, payload).done

    def apply():
        open_workshop(viewer)
        step = step_of(viewer.workshop_id, payload.get("step_id"))
        mark = db.session.scalar(
            select(StepDone).where(
                StepDone.step_id == step.id, StepDone.participant_id == viewer.participant_id
            )
        )
        if done and mark is None:
            db.session.add(StepDone(step_id=step.id, participant_id=viewer.participant_id))
        elif not done and mark is not None:
            db.session.delete(mark)
        else:
            return {"done": done}, []
        event = log.append(
            viewer.workshop_id,
            Broadcast.STEP_DONE,
            {"step_id": step.id, "participant_id": viewer.participant_id, "done": done},
        )
        return {"done": done}, [event]

    return change(viewer, payload, apply, op_required=False)
