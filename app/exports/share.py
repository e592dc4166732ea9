"""The organiser's read-only link to a series' documents. Only a SHA-256 of the token is
stored, so the link is shown once, when it is made; making a new one or revoking it ends the
old one."""

import secrets

from flask import current_app, request, url_for
from sqlalchemy import select

from ..accounts.service import token_digest
from ..extensions import db
from ..workshops.models import Series

MAX_TOKEN_LENGTH = 100


def create_share(series: Series) -> str:
    token = secrets.token_urlsafe(32)
    series.share_token_hash = token_digest(token)
    return token


def revoke_share(series: Series) -> None:
    series.share_token_hash = None


def series_for_token(token) -> Series | None:
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return db.session.scalar(select(Series).where(Series.share_token_hash == token_digest(token)))


def share_url(token: str) -> str:
    base = current_app.config.get("PUBLIC_URL") or request.host_url
    return base.rstrip("/") + url_for("exports.shared_series", token=token)
