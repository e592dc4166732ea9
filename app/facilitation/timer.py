"""The step timer: start, pause, resume, add time, stop — for the plenary or one small group.

A running timer is stored as its end moment, a paused one as the seconds left, so every client
counts down from the same facts whatever its own clock says (events carry ``server_now``)."""

from datetime import datetime, timedelta

from flask_babel import gettext as _

from ..core import log
from ..core.visibility import group_audience
from ..db import iso, utcnow
from ..errors import AppError
from ..notes.operations import change
from ..protocol import Broadcast
from ..validation import parse
from .access import open_workshop, steer_target
from .payloads import TimerSeconds


def _seconds(payload: dict) -> int:
    return parse(TimerSeconds, payload).seconds


def _remaining(timer: dict, now: datetime) -> int:
    if timer["state"] == "running":
        ends = datetime.fromisoformat(timer["ends_at"].removesuffix("Z"))
        return max(0, round((ends - now).total_seconds()))
    return timer.get("remaining", 0)


def next_timer(timer: dict | None, action: str, payload: dict, now: datetime) -> dict | None:
    """The timer after ``action``; pure, so the rules are easy to test."""
    running = timer is not None and timer["state"] == "running"
    if action == "start":
        seconds = _seconds(payload)
        return {
            "state": "running",
            "duration": seconds,
            "ends_at": iso(now + timedelta(seconds=seconds)),
        }
    if action == "stop":
        return None
    if timer is None:
        raise AppError("no_timer", _("No timer is running."), 409)
    left = _remaining(timer, now)
    if action == "pause":
        return {"state": "paused", "duration": timer["duration"], "remaining": left}
    if action == "resume":
        return {
            "state": "running",
            "duration": timer["duration"],
            "ends_at": iso(now + timedelta(seconds=left)),
        }
    extra = _seconds(payload)  # action == "add"
    if running:
        return {
            **timer,
            "duration": timer["duration"] + extra,
            "ends_at": iso(now + timedelta(seconds=left + extra)),
        }
    return {**timer, "duration": timer["duration"] + extra, "remaining": left + extra}


def control(viewer: log.Viewer, payload: dict, action: str):
    def apply():
        open_workshop(viewer)
        step, group = steer_target(viewer, payload)
        target = group or step
        now = utcnow()
        target.timer = next_timer(target.timer, action, payload, now)
        data = {
            "step_id": step.id,
            "group_id": group.id if group else None,
            "timer": target.timer,
            "server_now": iso(now),
        }
        event = log.append(
            viewer.workshop_id, Broadcast.TIMER_CHANGED, data, audience=group_audience(group)
        )
        return {"timer": target.timer, "server_now": iso(now)}, [event]

    return change(viewer, payload, apply, op_required=False)
