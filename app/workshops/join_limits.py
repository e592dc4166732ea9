"""Who may try a join code: wrong codes are limited per address, right ones never are, and one
address may create only so many participants in one workshop (app/ratelimit.py has the
numbers and why)."""

from flask_babel import gettext as _
from sqlalchemy import select

from .. import ratelimit
from ..accounts.service import token_digest
from ..core.workshop_models import Participant, Workshop
from ..errors import AppError
from ..extensions import db


def too_many_attempts() -> AppError:
    return AppError("too_many_attempts", _("Too many wrong codes. Wait a minute."), 429)


def token_fits_code(token, code) -> bool:
    """A participant token of the workshop with this code: proof of knowing the code, and not
    a guess (the token itself is unguessable), so it is let in from a blocked address."""
    if not isinstance(token, str) or not token or len(token) > 200 or not isinstance(code, str):
        return False
    join_code = db.session.scalar(
        select(Workshop.join_code)
        .join(Participant, Participant.workshop_id == Workshop.id)
        .where(Participant.token_hash == token_digest(token))
    )
    return join_code is not None and join_code == ratelimit.code_key(code)


def admit(address: str, code, token=None) -> None:
    """Refuse, without looking the code up, an address that has guessed too many wrong codes,
    unless the code already worked from there or a participant token of it comes along."""
    if not (ratelimit.join_allowed(address, code) or token_fits_code(token, code)):
        raise too_many_attempts()


def joined(address: str, workshop: Workshop, new_participant: bool) -> None:
    """After a successful join: remember the code for this address, and count a new
    participant against the address's budget in this workshop (refused: rolled back)."""
    if new_participant and not ratelimit.new_participant_allowed(address, workshop.id):
        raise AppError(
            "too_many_joins",
            _("Too many new participants from this network. Wait a minute and try again."),
            429,
        )
    ratelimit.join_succeeded(address, workshop.join_code)
