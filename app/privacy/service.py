"""Retention: closed workshops are deleted for good after the configured number of days."""

import logging
from datetime import timedelta

from sqlalchemy import select

from ..core.workshop_models import Workshop
from ..db import forget_wal_now, utcnow, write_transaction
from ..extensions import db, socketio
from ..workshops.service import delete_workshop

logger = logging.getLogger("pajapohja.privacy")
PURGE_INTERVAL_SECONDS = 6 * 3600


def _expired(cutoff):
    """The condition of a workshop past retention: closed, and before ``cutoff``."""
    return (
        Workshop.status == "closed",
        Workshop.closed_at.is_not(None),
        Workshop.closed_at < cutoff,
    )


def expired(days: int) -> list[int]:
    cutoff = utcnow() - timedelta(days=days)
    return list(db.session.scalars(select(Workshop.id).where(*_expired(cutoff))))


def purge(days: int) -> int:
    """Delete every workshop closed more than ``days`` days ago, with all its notes, votes,
    participants and events. One transaction per workshop, so a failure leaves the rest."""
    cutoff = utcnow() - timedelta(days=days)
    count = 0
    for workshop_id in expired(days):
        with write_transaction(workshop_id=workshop_id):
            # Asked again under the workshop's lock: the list is read before, and a workshop
            # reopened since (by the server, while ``pajapohja purge`` runs) must stay.
            workshop = db.session.scalar(
                select(Workshop).where(Workshop.id == workshop_id, *_expired(cutoff))
            )
            if workshop is not None:
                delete_workshop(workshop)
                count += 1
    if count:
        forget_wal_now()
        logger.info("retention: deleted %d workshop(s) closed over %d days ago", count, days)
    return count


def start_retention(app) -> None:
    """With PAJAPOHJA_RETENTION_DAYS set, ``serve`` purges at start and every six hours."""
    days = app.config.get("RETENTION_DAYS")
    if not days:
        return

    def run():
        while True:
            with app.app_context():
                try:
                    purge(days)
                except Exception:  # keep serving; the next round tries again
                    logger.exception("retention purge failed")
                finally:
                    db.session.remove()
            socketio.sleep(PURGE_INTERVAL_SECONDS)

    socketio.start_background_task(run)
