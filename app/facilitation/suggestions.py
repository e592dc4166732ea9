"""``themes.suggest``: candidate themes, a proposed theme for each note in none, and likely
duplicates, for the facilitator of the step — computed on this server by ``app.suggest``, never
stored, never broadcast. Moderated notes take no part (they are off the wall); the notes of a
hidden step are the facilitator's to see already, and the answer reaches no one else.

Where it runs: the request reads the notes and themes and ends its database transaction; the
engine, pure and picklable, then runs in a pool of its own (``app.workers``, apart from the
document builds' pool so that neither queues behind the other): under gevent (``pajapohja
serve``) one worker process at a lower priority (``PAJAPOHJA_SUGGEST_WORKERS=process``), so
that the event loop keeps serving the room meanwhile; under the threading server the request's
own thread. A worker that raises, dies or gives no answer within ``PAJAPOHJA_SUGGEST_TIMEOUT``
seconds gives the facilitator ``suggest_failed``.

At most one suggestion is computed per workshop at a time (per server process): a second
``themes.suggest`` for the workshop meanwhile, from the same facilitator or another, is refused
with ``busy`` at once rather than queued, so that a facilitator clicking again and again cannot
pile up work; the browser asks again once the first answer is in. Every event also counts
against the connection's own rate (``ratelimit.connection_bucket``)."""

import logging
import os
import threading

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from ..core import log
from ..core.authorization import require_facilitator
from ..core.note_models import Note, Theme
from ..errors import AppError
from ..extensions import db
from ..suggest import NoteText, ThemeText, preload, suggest
from ..validation import parse
from ..workers import Builders
from ..workshops.service import step_of
from .access import prompt_of, workshop_of
from .payloads import ThemesSuggest

logger = logging.getLogger("pajapohja.suggestions")

DEFAULT_POOL_SIZE = 1
DEFAULT_TIMEOUT = 60.0  # seconds; the engine's target is under 1 s for 300 notes

_computing: set[int] = set()  # workshops with a suggestion being computed, in this process
_computing_lock = threading.Lock()


def init_app(app) -> None:
    """The suggestions' pool: ``PAJAPOHJA_SUGGEST_WORKERS`` (``process``, the default under
    gevent; ``thread``, the default otherwise, which under the threading server is the
    request's own thread; ``inline``), ``PAJAPOHJA_SUGGEST_POOL_SIZE`` (default 1) and
    ``PAJAPOHJA_SUGGEST_TIMEOUT`` (seconds, default 60)."""
    config = app.config
    gevent = config["ASYNC_MODE"] == "gevent"
    config.setdefault(
        "SUGGEST_WORKERS",
        os.environ.get("PAJAPOHJA_SUGGEST_WORKERS", "process" if gevent else "thread"),
    )
    config.setdefault(
        "SUGGEST_POOL_SIZE",
        int(os.environ.get("PAJAPOHJA_SUGGEST_POOL_SIZE", DEFAULT_POOL_SIZE)),
    )
    config.setdefault(
        "SUGGEST_TIMEOUT", float(os.environ.get("PAJAPOHJA_SUGGEST_TIMEOUT", DEFAULT_TIMEOUT))
    )
    app.extensions["pajapohja.suggesters"] = Builders(
        config["SUGGEST_WORKERS"],
        config["SUGGEST_POOL_SIZE"],
        gevent,
        setting="PAJAPOHJA_SUGGEST_WORKERS",
        warm=preload,
    )


def warm_up(app) -> None:
    """Start the suggestions' worker processes now, in the background, so that the first
    facilitator to ask does not wait for a new interpreter and its word lists (seconds on a busy
    machine): each worker loads them as it starts (``app.suggest.preload``, the pool's
    ``warm``). Called by ``pajapohja serve``; thread and inline pools have nothing to start."""
    pool: Builders = app.extensions["pajapohja.suggesters"]
    if pool.kind != "process":
        return

    def start():
        try:
            pool.start()
        except Exception:  # noqa: BLE001 - the first suggestion then starts a worker itself
            logger.exception("starting the theme suggestions' worker failed")

    threading.Thread(target=start, name="suggest-warm-up", daemon=True).start()


def read(viewer: log.Viewer, payload: dict) -> tuple[list[NoteText], list[ThemeText], str]:
    """What the engine needs, read from the database: the step's (or question's) notes on the
    wall, the step's themes and the workshop's language."""
    require_facilitator(viewer)
    sent = parse(ThemesSuggest, payload)
    step = step_of(viewer.workshop_id, sent.step_id)
    query = select(Note.id, Note.text, Note.theme_id, Note.group_id).where(
        Note.step_id == step.id, Note.moderated.is_(False)
    )
    if "prompt_id" in sent.model_fields_set:
        query = query.where(Note.prompt_id == prompt_of(step, sent.prompt_id))
    notes = [NoteText(*row) for row in db.session.execute(query.order_by(Note.id))]
    themes = [
        ThemeText(row.id, row.title, row.description or "", row.group_id)
        for row in db.session.execute(
            select(Theme.id, Theme.title, Theme.description, Theme.group_id)
            .where(Theme.step_id == step.id)
            .order_by(Theme.position, Theme.id)
        )
    ]
    return notes, themes, workshop_of(viewer).language


def suggestions(viewer: log.Viewer, payload: dict):
    notes, themes, language = read(viewer, payload)
    # Everything is read: end the transaction (and give the connection back) before the
    # computation, which may take a while and needs no database.
    db.session.close()
    workshop_id = viewer.workshop_id
    with _computing_lock:
        if workshop_id in _computing:
            raise AppError(
                "busy",
                _("Suggestions for this workshop are being computed. Try again in a moment."),
                429,
            )
        _computing.add(workshop_id)
    try:
        return _compute(notes, themes, language).to_public(), []
    finally:
        with _computing_lock:
            _computing.discard(workshop_id)


def _compute(notes: list[NoteText], themes: list[ThemeText], language: str):
    config = current_app.config
    pool: Builders = current_app.extensions["pajapohja.suggesters"]
    try:
        return pool.run(suggest, notes, themes, language, timeout=config["SUGGEST_TIMEOUT"])
    except Exception:  # noqa: BLE001 - any failure of the engine or its worker
        logger.exception("theme suggestions for %d notes failed", len(notes))
        raise AppError(
            "suggest_failed",
            _("The suggestions could not be computed. Try again, or group the notes by hand."),
            500,
        ) from None
