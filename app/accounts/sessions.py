"""Facilitator sessions that the server can end: the cookie carries the facilitator's session
epoch, and logout, a password change or disabling the account raise it. A cookie (or a socket
opened with one, or with an API token since revoked) from before stops working: at once in this
process, and within ``SESSION_CHECK_SECONDS`` in every other (``pajapohja facilitator disable``
runs in a process of its own)."""

import logging
import os
import secrets

from flask import session
from flask_babel import gettext as _
from flask_socketio import ConnectionRefusedError
from sqlalchemy import select

from .. import realtime
from ..core.account_models import ApiToken, Facilitator
from ..extensions import db, socketio
from .service import api_token

logger = logging.getLogger("pajapohja.sessions")

DEFAULT_CHECK_SECONDS = 5.0


def start(facilitator: Facilitator) -> None:
    """A fresh session at login: nothing from before survives, and the CSRF token is new."""
    session.clear()
    session["facilitator_id"] = facilitator.id
    session["epoch"] = facilitator.session_epoch
    session["nonce"] = secrets.token_urlsafe(8)
    session.permanent = True


def current_facilitator() -> Facilitator | None:
    """The facilitator of this request's session cookie while that session is still valid."""
    facilitator_id = session.get("facilitator_id")
    facilitator = db.session.get(Facilitator, facilitator_id) if facilitator_id else None
    if facilitator is None or not _valid(facilitator, session.get("epoch")):
        return None
    return facilitator


def _valid(facilitator: Facilitator, epoch) -> bool:
    return not facilitator.disabled and epoch == facilitator.session_epoch


def socket_facilitator(auth) -> tuple[Facilitator | None, dict | None]:
    """At socket connect: the facilitator of an API token in ``auth`` (refused if it is not
    valid) or of the session cookie, and what to check again while the socket stays open."""
    if isinstance(auth, dict) and auth.get("api_token") is not None:
        stored = api_token(auth.get("api_token"))
        if stored is None or stored.facilitator.disabled:
            raise ConnectionRefusedError(
                {"code": "invalid_token", "message": _("The API token is not valid.")}
            )
        facilitator = stored.facilitator
        return facilitator, _credential(facilitator, token_id=stored.id)
    facilitator = current_facilitator()
    if facilitator is None:
        return None, None
    return facilitator, _credential(facilitator, token_id=None)


def _credential(facilitator: Facilitator, token_id: int | None) -> dict:
    return {"facilitator_id": facilitator.id, "epoch": facilitator.session_epoch, "token": token_id}


def stale_sockets() -> list[str]:
    """Sockets whose facilitator has since been disabled or logged out everywhere, or whose
    API token has been revoked: two queries however many sockets are open."""
    open_ = realtime.open_credentials()
    if not open_:
        return []
    ids = {credential["facilitator_id"] for credential in open_.values()}
    tokens = {credential["token"] for credential in open_.values()} - {None}
    current = {
        row.id: row
        for row in db.session.execute(
            select(Facilitator.id, Facilitator.session_epoch, Facilitator.disabled_at).where(
                Facilitator.id.in_(ids)
            )
        )
    }
    live_tokens = (
        set(db.session.scalars(select(ApiToken.id).where(ApiToken.id.in_(tokens))))
        if tokens
        else set()
    )
    stale = []
    for sid, credential in open_.items():
        row = current.get(credential["facilitator_id"])
        if (
            row is None
            or row.disabled_at is not None
            or (credential["token"] is None and row.session_epoch != credential["epoch"])
            or (credential["token"] is not None and credential["token"] not in live_tokens)
        ):
            stale.append(sid)
    return stale


def end_stale_sockets() -> int:
    """Disconnect the sockets :func:`stale_sockets` names; returns how many."""
    try:
        stale = stale_sockets()
    finally:
        db.session.remove()
    for sid in stale:
        socketio.server.disconnect(sid, namespace="/")
    return len(stale)


def start_checks(app) -> None:
    """Look for stale facilitator sockets every few seconds in the server process."""
    seconds = float(
        os.environ.get("PAJAPOHJA_SESSION_CHECK_SECONDS")
        or app.config.get("SESSION_CHECK_SECONDS", DEFAULT_CHECK_SECONDS)
    )

    def run():
        while True:
            socketio.sleep(seconds)
            try:
                with app.app_context():
                    end_stale_sockets()
            except Exception:  # the next round tries again; a failure must not end the loop
                logger.exception("checking open facilitator sockets failed")

    socketio.start_background_task(run)
