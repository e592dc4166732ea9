"""The organiser's read-only link to a series' documents. Only a SHA-256 of the token is
stored, so the link is shown once, when it is made; making a new one or revoking it ends the
old one.

Who may make or revoke it is decided here, once, for the console's forms and the REST API
alike: the series' owner only. The link opens every workshop of the series (with authors'
names) and the training plan, so a co-facilitator of one workshop may not hand it out, nor end
the owner's."""

import secrets

from flask import current_app, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.service import token_digest
from ..core.workshop_models import Series
from ..errors import AppError
from ..extensions import db
from ..workshops.service import owned_series

MAX_TOKEN_LENGTH = 100


def _shareable(facilitator_id: int, series_id) -> Series:
    """The rule: the series, if this facilitator owns it; else ``not_found`` (a workshop
    outside any series has no link either)."""
    if not isinstance(series_id, int):
        raise AppError("not_found", _("No such series."), 404)
    return owned_series(facilitator_id, series_id)


def create_share(facilitator_id: int, series_id) -> str:
    """A new link for the series, if this facilitator owns it."""
    series = _shareable(facilitator_id, series_id)
    token = secrets.token_urlsafe(32)
    series.share_token_hash = token_digest(token)
    return token


def revoke_share(facilitator_id: int, series_id) -> None:
    """End the series' link, if this facilitator owns it."""
    _shareable(facilitator_id, series_id).share_token_hash = None


def series_for_token(token) -> Series | None:
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return db.session.scalar(select(Series).where(Series.share_token_hash == token_digest(token)))


def share_url(token: str) -> str:
    base = current_app.config.get("PUBLIC_URL") or request.host_url
    return base.rstrip("/") + url_for("exports.shared_series", token=token)
