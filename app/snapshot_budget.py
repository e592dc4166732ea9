"""How often a full snapshot of a workshop may be asked for.

A snapshot is the biggest thing the server sends (about 1 MB for a 2,000-note board) while the
request for one is a few bytes: ``resync {"since": 0}`` eight times a second was enough to grow
the server by gigabytes. Snapshots therefore draw from two budgets, apart from the ordinary
per-connection event budget (``ratelimit.connection_bucket``):

* per connection, ``SNAPSHOT_CONNECTION_BURST`` (3) at once, then one per
  ``SNAPSHOT_CONNECTION_INTERVAL`` (20) seconds: the join's snapshot, a "refresh" and a resync
  from far behind fit; a loop asking for more does not;
* per workshop (in each server process), ``SNAPSHOT_WORKSHOP_BURST`` (300) at once, then
  ``SNAPSHOT_WORKSHOP_RATE`` (10) a second: a whole room of 300 reloading together gets its
  snapshots at once, and many connections together cannot ask for more than that.

A ``resync`` over budget is refused with ``too_fast`` and ``retry_after`` (seconds) and sends
nothing big. A connection that goes on asking regardless, ``SNAPSHOT_REFUSALS_BEFORE_CUTOFF``
(20) refusals of its own budget in a row, is disconnected: the browser waits ``retry_after``
after a refusal and never comes near it, while a script that does not read its answers would
otherwise keep its socket (and what the kernel buffers for it) for as long as it likes.

A ``join`` is never refused for its snapshot (the snapshot is what it is for, and the browser
treats a refused join as final); it takes from both budgets whatever is left, so
that resyncs wait while a room is joining.
"""

import math
import threading

from flask import current_app, request
from flask_babel import gettext as _

from . import backpressure
from .errors import AppError
from .extensions import socketio
from .ratelimit import TokenBucket


class Budget(TokenBucket):
    """A token bucket safe to share between threads: in threading mode every event runs in a
    thread of its own, and twenty resyncs at once must not all see the same last token."""

    def __init__(self, capacity: float, rate: float):
        super().__init__(capacity, rate)
        self._lock = threading.Lock()

    def take(self) -> bool:
        with self._lock:
            return super().take()

    def retry_after(self) -> int:
        """Whole seconds until the next snapshot fits (right after a refused ``take``)."""
        return max(1, math.ceil((1 - self.tokens) / self.rate))

    def give_back(self) -> None:
        self.tokens = min(self.capacity, self.tokens + 1)


def take(connection_state: dict, workshop_id: int, refusable: bool) -> None:
    """Count one snapshot for this connection and workshop; over budget, raise ``too_fast``
    when ``refusable`` (a resync), else take nothing more than is left (a join)."""
    own = _connection_budget(connection_state)
    room = _workshop_budget(workshop_id)
    if not own.take():
        if refusable:
            refusals = connection_state["snapshot_refusals"] = (
                connection_state.get("snapshot_refusals", 0) + 1
            )
            if refusals >= current_app.config["SNAPSHOT_REFUSALS_BEFORE_CUTOFF"]:
                backpressure.cut_off(socketio.server, request.sid, "snapshots past retry_after")
            raise _too_fast(own)
        return
    connection_state["snapshot_refusals"] = 0
    if not room.take() and refusable:
        own.give_back()
        raise _too_fast(room)


def _too_fast(budget: Budget) -> AppError:
    return AppError(
        "too_fast",
        _("The whole workshop was sent a moment ago: wait a moment before asking again."),
        429,
        retry_after=budget.retry_after(),
    )


def _connection_budget(state: dict) -> Budget:
    budget = state.get("snapshot_budget")
    if budget is None:
        config = current_app.config
        budget = state["snapshot_budget"] = Budget(
            config["SNAPSHOT_CONNECTION_BURST"], 1 / config["SNAPSHOT_CONNECTION_INTERVAL"]
        )
    return budget


def _workshop_budget(workshop_id: int) -> Budget:
    budgets = current_app.extensions.setdefault("pajapohja.snapshot_budgets", {})
    budget = budgets.get(workshop_id)
    if budget is None:
        config = current_app.config
        budget = budgets[workshop_id] = Budget(
            config["SNAPSHOT_WORKSHOP_BURST"], config["SNAPSHOT_WORKSHOP_RATE"]
        )
    return budget
