"""Facilitator accounts, passwords, API tokens and the one-time setup link."""

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..core.account_models import ApiToken, Facilitator, SetupToken
from ..db import utcnow
from ..errors import AppError
from ..extensions import db
from ..validation import clean_text

# Argon2id with argon2-cffi's defaults (t=3, m=64 MiB, p=4): above OWASP's minimum (t=2, m=19 MiB).
_hasher = PasswordHasher()
# Verified when the e-mail is unknown, so that a wrong address costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024


def token_digest(token: str) -> str:
    # surrogatepass: a token from JSON may hold a lone surrogate; it must not crash the lookup.
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def normalise_email(email: str) -> str:
    email = clean_text(email).lower()
    if "@" not in email or len(email) > 254 or " " in email:
        raise AppError("invalid_email", _("Give a valid e-mail address."), field="email")
    return email


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AppError(
            "weak_password",
            _("The password must be at least %(n)d characters long.", n=MIN_PASSWORD_LENGTH),
            field="password",
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AppError("too_long", _("The password is too long."), field="password")


def create_facilitator(email: str, password: str, name: str = "") -> Facilitator:
    email = normalise_email(email)
    check_password_strength(password)
    if db.session.scalar(select(Facilitator).where(Facilitator.email == email)):
        raise _email_taken()
    facilitator = Facilitator(
        email=email, name=clean_text(name)[:120], password_hash=_hasher.hash(password)
    )
    db.session.add(facilitator)
    try:
        db.session.flush()
    except IntegrityError:
        # The address was added by a concurrent transaction after the check above (the e-mail
        # is the table's only unique column). The caller's write transaction rolls back.
        raise _email_taken() from None
    db.session.execute(SetupToken.__table__.delete())  # the setup link is spent once anyone exists
    return facilitator


def _email_taken() -> AppError:
    return AppError(
        "email_taken",
        _("A facilitator with this e-mail address already exists."),
        409,
        field="email",
    )


def authenticate(email: str, password: str) -> Facilitator | None:
    """The facilitator, or None; the same time and answer whether or not the address exists
    (or the account is disabled)."""
    email = clean_text(email or "").lower()
    facilitator = db.session.scalar(select(Facilitator).where(Facilitator.email == email))
    if not _password_matches(facilitator, password):
        return None
    return None if facilitator.disabled else facilitator


def _password_matches(facilitator: Facilitator | None, password: str) -> bool:
    try:
        _hasher.verify(facilitator.password_hash if facilitator else _DUMMY_HASH, password or "")
    except (VerificationError, InvalidHashError):
        return False
    return facilitator is not None


def change_password(facilitator: Facilitator, current: str, new: str, again: str) -> None:
    """Check the current password, set the new one and end every session made before."""
    if not _password_matches(facilitator, current):
        raise AppError(
            "wrong_password", _("The current password is wrong."), 400, field="current_password"
        )
    if new != again:
        raise AppError(
            "passwords_differ", _("The passwords do not match."), field="new_password_again"
        )
    try:
        check_password_strength(new)
    except AppError as refusal:
        raise AppError(refusal.code, refusal.message, field="new_password") from None
    facilitator.password_hash = _hasher.hash(new)
    end_sessions(facilitator)


def end_sessions(facilitator: Facilitator) -> None:
    """Every session cookie and socket of this facilitator made so far stops working."""
    facilitator.session_epoch += 1


def set_disabled(facilitator: Facilitator, disabled: bool) -> None:
    if disabled and not facilitator.disabled:
        facilitator.disabled_at = utcnow()
        end_sessions(facilitator)
    elif not disabled:
        facilitator.disabled_at = None


def facilitator_by_email(email: str) -> Facilitator:
    facilitator = db.session.scalar(
        select(Facilitator).where(Facilitator.email == clean_text(email).lower())
    )
    if facilitator is None:
        raise AppError("not_found", _("No facilitator with that e-mail address."), 404)
    return facilitator


def create_api_token(facilitator: Facilitator) -> str:
    token = "pjp_" + secrets.token_urlsafe(32)
    db.session.add(ApiToken(facilitator_id=facilitator.id, token_hash=token_digest(token)))
    return token


def api_token(token: str) -> ApiToken | None:
    """The stored token, whoever it belongs to."""
    if not isinstance(token, str) or not token or len(token) > 200:
        return None
    return db.session.scalar(select(ApiToken).where(ApiToken.token_hash == token_digest(token)))


def facilitator_for_token(token: str) -> Facilitator | None:
    """The enabled facilitator of a token that has not been revoked."""
    stored = api_token(token)
    if stored is None or stored.facilitator.disabled:
        return None
    return stored.facilitator


def revoke_token(token: str) -> Facilitator:
    """Delete one API token; returns whose it was."""
    stored = api_token(token.strip() if isinstance(token, str) else token)
    if stored is None:
        raise AppError("not_found", _("No such API token (revoked already?)."), 404)
    facilitator = stored.facilitator
    db.session.delete(stored)
    return facilitator


def revoke_tokens(facilitator: Facilitator) -> int:
    """Delete every API token of the facilitator; returns how many there were."""
    result = db.session.execute(
        ApiToken.__table__.delete().where(ApiToken.facilitator_id == facilitator.id)
    )
    db.session.expire(facilitator, ["tokens"])
    return result.rowcount


def facilitator_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Facilitator))


def create_setup_token() -> str:
    token = secrets.token_urlsafe(24)
    db.session.execute(SetupToken.__table__.delete())
    db.session.add(SetupToken(token_hash=token_digest(token)))
    return token


class SetupLinkUsed(Exception):
    """The setup link was spent, by this request's rivals or before."""


def spend_setup_token(token: str) -> None:
    """Inside the write transaction that creates the first account: delete the link's row, or
    raise ``SetupLinkUsed``. Of several requests with one link, exactly one deletes the row
    (on PostgreSQL the others wait for its row lock, then find it gone; on SQLite writers run
    one at a time), and an account made meanwhile by ``facilitator add`` spends it too."""
    spent = db.session.execute(
        SetupToken.__table__.delete().where(SetupToken.token_hash == token_digest(token or ""))
    )
    if spent.rowcount != 1 or facilitator_count():
        raise SetupLinkUsed


def setup_token_valid(token: str) -> bool:
    if facilitator_count():
        return False
    return (
        db.session.scalar(
            select(SetupToken).where(SetupToken.token_hash == token_digest(token or ""))
        )
        is not None
    )
