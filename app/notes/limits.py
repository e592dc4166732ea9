"""A cap on new notes per participant, on top of each connection's token bucket
(``ratelimit.connection_bucket``): that bucket is per connection, so one address with many
connections stored 351 notes a second. This one follows the participant, whichever
connections they use: ``NOTE_RATE`` notes a second (default 1, 60 a minute) after a burst of
``NOTE_BURST`` (default 30). Someone typing, or pasting a list of ideas, never meets it.

Kept in this process's memory (about a microsecond a note, no round trip on the busiest path):
with several processes nginx's stickiness keeps a browser on one process, so a participant
who spreads connections over N processes gets at most N times the cap."""

import threading
import time

from flask import current_app
from flask_babel import gettext as _

from ..errors import AppError

# Beyond this many participants remembered, those whose budget has refilled are forgotten.
MAX_REMEMBERED = 10_000


class NoteBudget:
    """A token bucket per participant id."""

    def __init__(self, capacity: float, rate: float):
        self.capacity = capacity
        self.rate = rate
        self.buckets: dict[int, tuple[float, float]] = {}  # id -> (tokens, when)
        self.lock = threading.Lock()

    def take(self, participant_id: int) -> bool:
        now = time.monotonic()
        with self.lock:
            tokens, stamp = self.buckets.get(participant_id, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - stamp) * self.rate)
            allowed = tokens >= 1
            self.buckets[participant_id] = (tokens - 1 if allowed else tokens, now)
            if len(self.buckets) > MAX_REMEMBERED:
                self._forget_refilled(now)
            return allowed

    def _forget_refilled(self, now: float) -> None:
        full = (self.capacity - 1) / self.rate if self.rate else float("inf")
        self.buckets = {
            key: (tokens, stamp)
            for key, (tokens, stamp) in self.buckets.items()
            if now - stamp < full
        }


def check_new_note(participant_id: int | None) -> None:
    """Refuse a participant's new note beyond their budget (facilitators are not limited)."""
    if participant_id is None:
        return
    extensions = current_app.extensions
    budget = extensions.get("pajapohja.note_budget")
    if budget is None:  # one per app: ids of another app's database are other people
        config = current_app.config
        budget = extensions["pajapohja.note_budget"] = NoteBudget(
            config.get("NOTE_BURST", 30), config.get("NOTE_RATE", 1.0)
        )
    if not budget.take(participant_id):
        raise AppError(
            "too_fast",
            _("You are adding notes very fast: wait a moment, the note is sent again by itself."),
            429,
        )
