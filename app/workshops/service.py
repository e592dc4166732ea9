"""Series, workshops, steps and participants: creating them, finding them, joining them."""

import base64
import hmac
import secrets
from hashlib import sha256

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..accounts.service import token_digest
from ..canvases import LANGUAGES
from ..core.account_models import Facilitator
from ..core.authorization import facilitates, removed, require_open
from ..core.workshop_models import CoFacilitator, Participant, Series, Step, Workshop
from ..db import forget_wal
from ..errors import AppError
from ..extensions import db
from ..validation import clean_text, database_id
from .payloads import MAX_NAME_LENGTH
from .sighting import Sighting

# Easy to read aloud and to type: no 0/O, 1/l/I. 31**8 ≈ 8.5e11 codes; joins are rate limited.
JOIN_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
JOIN_CODE_LENGTH = 8


def library():
    return current_app.extensions["pajapohja.canvases"]


def new_join_code() -> str:
    while True:
        code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if db.session.scalar(select(Workshop.id).where(Workshop.join_code == code)) is None:
            return code


def normalise_join_code(code: str) -> str:
    """What people type: any case, with spaces or dashes."""
    return "".join(ch for ch in str(code).upper() if ch.isalnum())


def format_join_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def join_url(workshop: Workshop) -> str:
    base = current_app.config.get("PUBLIC_URL") or ""
    if not base:
        from flask import request

        base = request.host_url.rstrip("/") if request else ""
    return f"{base.rstrip('/')}/j/{workshop.join_code}"


def check_language(language) -> str:
    if language not in LANGUAGES:
        raise AppError(
            "invalid_field", _("The language must be one of fi, sv, en."), field="language"
        )
    return language


def owned_series(owner_id: int, series_id: int) -> Series:
    series_id = database_id(series_id)
    series = db.session.get(Series, series_id) if series_id else None
    if series is None or series.owner_id != owner_id:
        raise AppError("not_found", _("No such series."), 404)
    return series


def create_series(
    owner_id: int, title: str, topic: str = "", organisation: str = "", language: str = "fi"
) -> Series:
    series = Series(
        owner_id=owner_id,
        title=title,
        topic=topic,
        organisation=organisation,
        language=check_language(language),
    )
    db.session.add(series)
    db.session.flush()
    return series


def create_workshop(
    owner_id: int,
    *,
    title: str,
    template: str,
    language: str,
    series_id: int | None = None,
    index: int = 1,
    topic: str | None = None,
    organisation: str | None = None,
) -> Workshop:
    check_language(language)
    plan_template = library().template(template)
    if plan_template is None:
        raise AppError(
            "unknown_template",
            _("No such workshop template: %(id)s.", id=template),
            field="template",
        )
    if not 1 <= index <= len(plan_template.workshops):
        raise AppError(
            "invalid_field",
            _("This template has workshops 1–%(n)d.", n=len(plan_template.workshops)),
            field="index",
        )
    series = owned_series(owner_id, series_id) if series_id is not None else None
    if topic is None:
        topic = series.topic if series else ""
    if organisation is None:
        organisation = series.organisation if series else ""
    workshop = Workshop(
        owner_id=owner_id,
        series_id=series_id,
        series_index=index,
        title=title,
        template=template,
        language=language,
        topic=topic,
        organisation=organisation,
        join_code=new_join_code(),
    )
    db.session.add(workshop)
    db.session.flush()
    for position, canvas_id in enumerate(plan_template.workshops[index - 1].steps, start=1):
        canvas = library().canvas(canvas_id)
        definition = canvas.render(language, topic=topic, organisation=organisation)
        db.session.add(
            Step(
                workshop_id=workshop.id,
                position=position,
                canvas_id=canvas_id,
                kind=canvas.kind,
                definition=definition,
            )
        )
    db.session.flush()
    workshop.current_step_id = workshop.steps[0].id if workshop.steps else None
    return workshop


def owned_workshop(facilitator_id: int, workshop_id, owner_only: bool = False) -> Workshop:
    """The workshop if this facilitator owns it or co-facilitates it (``owner_only``: owns it).
    Anyone else gets the same answer as for a workshop that does not exist."""
    workshop_id = database_id(workshop_id)
    workshop = None
    if workshop_id:
        workshop = db.session.scalar(
            select(Workshop).where(
                Workshop.id == workshop_id, facilitates(facilitator_id, owner_only=owner_only)
            )
        )
    if workshop is None:
        raise AppError("not_found", _("No such workshop."), 404)
    return workshop


def add_co_facilitator(workshop: Workshop, email: str) -> Facilitator:
    """The owner lets another facilitator of this server run the workshop."""
    facilitator = db.session.scalar(
        select(Facilitator).where(Facilitator.email == clean_text(email or "").lower())
    )
    if facilitator is None:
        raise AppError(
            "not_found", _("No facilitator with that e-mail address."), 404, field="email"
        )
    if (
        facilitator.id != workshop.owner_id
        and db.session.scalar(
            select(CoFacilitator.id).where(
                CoFacilitator.workshop_id == workshop.id,
                CoFacilitator.facilitator_id == facilitator.id,
            )
        )
        is None
    ):
        db.session.add(CoFacilitator(workshop_id=workshop.id, facilitator_id=facilitator.id))
    return facilitator


def remove_co_facilitator(workshop: Workshop, facilitator_id: int) -> None:
    db.session.execute(
        CoFacilitator.__table__.delete().where(
            CoFacilitator.workshop_id == workshop.id, CoFacilitator.facilitator_id == facilitator_id
        )
    )


def co_facilitators(workshop: Workshop) -> list[Facilitator]:
    return list(
        db.session.scalars(
            select(Facilitator)
            .join(CoFacilitator, CoFacilitator.facilitator_id == Facilitator.id)
            .where(CoFacilitator.workshop_id == workshop.id)
            .order_by(Facilitator.email)
        )
    )


def workshop_by_code(code) -> Workshop:
    if not isinstance(code, str) or len(code) > 32:
        raise AppError("unknown_code", _("No workshop has this code."), 404, field="join_code")
    workshop = db.session.scalar(
        select(Workshop).where(Workshop.join_code == normalise_join_code(code))
    )
    if workshop is None:
        raise AppError("unknown_code", _("No workshop has this code."), 404, field="join_code")
    require_open(workshop.status, field="join_code")
    return workshop


def join(
    workshop: Workshop,
    name: str | None,
    token: str | None,
    seen: Sighting | None = None,
    op_id: str | None = None,
):
    """The participant behind ``token`` if it belongs to this workshop, else the one an earlier
    join with the same ``op_id`` made, else a new one (whose ``seen`` network and browser are
    kept as hashes, for finding duplicates).
    Returns ``(participant, token, events, created)`` (no events: arrivals are not logged)."""
    if token:
        participant = _participant_by_token(workshop, token)
        if participant is not None:
            return participant, token, [], False
    if op_id is not None:
        # The same join sent twice (a double click, a retry over a slow network): the token is
        # derived from the op id, so the second finds the participant the first made.
        token = _token_for_op(workshop, op_id)
        participant = _participant_by_token(workshop, token)
        if participant is not None:
            return participant, token, [], False
    else:
        token = secrets.token_urlsafe(24)
    name = clean_text(name or "")[:MAX_NAME_LENGTH] or None
    participant = Participant(workshop_id=workshop.id, token_hash=token_digest(token), name=name)
    if seen is not None:
        seen.stamp(participant)
    try:
        # Two joins with one op id at once: on PostgreSQL the second insert waits for the
        # first to commit, then breaks the token's uniqueness and finds the first's participant.
        with db.session.begin_nested():
            db.session.add(participant)
    except IntegrityError:
        participant = _participant_by_token(workshop, token) if op_id is not None else None
        if participant is None:
            raise
        return participant, token, [], False
    # Nothing is broadcast: in a 1,000-person event every arrival sent to everyone would cost a
    # million deliveries. Facilitators learn of arrivals through ``presence``.
    return participant, token, [], True


def _participant_by_token(workshop: Workshop, token: str) -> Participant | None:
    participant = db.session.scalar(
        select(Participant).where(
            Participant.token_hash == token_digest(token),
            Participant.workshop_id == workshop.id,
        )
    )
    if participant is not None and participant.removed:
        raise removed()
    return participant


def _token_for_op(workshop: Workshop, op_id: str) -> str:
    """The participant token of a join's op id: keyed with the app's secret, so that only the
    browser that made the op id (and sent it over its connection) can know it."""
    key = current_app.config["SECRET_KEY"]
    key = key.encode() if isinstance(key, str) else key
    digest = hmac.new(key, f"join:{workshop.id}:{op_id}".encode(), sha256).digest()
    return base64.urlsafe_b64encode(digest[:24]).decode().rstrip("=")


def step_of(workshop_id: int, step_id) -> Step:
    step_id = database_id(step_id)
    step = db.session.get(Step, step_id) if step_id else None
    if step is None or step.workshop_id != workshop_id:
        raise AppError("unknown_step", _("No such step in this workshop."), 404, field="step_id")
    return step


def delete_workshop(workshop: Workshop) -> None:
    """Everything of the workshop goes: the database cascades to steps, notes, participants,
    events and operations; and on SQLite out of the WAL too, at the next checkpoint."""
    db.session.delete(workshop)
    forget_wal()


def next_in_series(series: Series) -> dict | None:
    """The workshop that comes next in a series: the one after the series' latest in that
    workshop's template (``{"template", "index", "plan_title", "language"}``), or None when the
    series has none yet or its template has no more workshops."""
    latest = db.session.scalar(
        select(Workshop)
        .where(Workshop.series_id == series.id)
        .order_by(Workshop.series_index.desc(), Workshop.created_at.desc(), Workshop.id.desc())
        .limit(1)
    )
    template = library().template(latest.template) if latest is not None else None
    if template is None or latest.series_index >= len(template.workshops):
        return None
    index = latest.series_index + 1
    return {
        "template": template.id,
        "index": index,
        "plan_title": template.workshops[index - 1].title[latest.language],
        "language": latest.language,
    }


def create_next_in_series(owner_id: int, series_id, index) -> Workshop:
    """Workshop ``index`` of the series, as the series' next one (same template and language,
    the series' topic and organisation). Asked again for an index the series already has (a
    double click): that workshop, not a second one."""
    series = owned_series(owner_id, series_id)
    # Two requests at once wait for each other here (PostgreSQL; SQLite has one writer anyway),
    # so the second sees the workshop the first made.
    db.session.execute(select(Series.id).where(Series.id == series.id).with_for_update())
    made = db.session.scalar(
        select(Workshop)
        .where(Workshop.series_id == series.id, Workshop.series_index == index)
        .order_by(Workshop.id.desc())
        .limit(1)
    )
    upcoming = next_in_series(series)
    if made is not None and (upcoming is None or upcoming["index"] > index):
        return made
    if upcoming is None or upcoming["index"] != index:
        raise AppError(
            "no_next_workshop", _("This series has no next workshop in its template."), 409
        )
    title = f"{series.title} – {upcoming['plan_title']}"
    return create_workshop(
        owner_id,
        series_id=series.id,
        title=clean_text(title)[:200].strip(),
        template=upcoming["template"],
        language=upcoming["language"],
        index=index,
    )


def check_deletion(workshop: Workshop, typed_title: str) -> None:
    """The title typed to confirm a deletion: the workshop's own, give or take white space and
    letter case, so that a slip of the hand never deletes a workshop."""
    typed = " ".join(clean_text(typed_title or "").split()).casefold()
    if not typed or typed != " ".join(workshop.title.split()).casefold():
        raise AppError(
            "confirmation_mismatch",
            _("Type the workshop's title exactly as shown to delete it."),
            field="confirm_title",
        )
