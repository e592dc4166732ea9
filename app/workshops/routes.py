"""Pages: the facilitator dashboard and console, the participant join page, the QR code."""

import io

import qrcode
import qrcode.image.svg
from flask import Blueprint, Response, abort, g, redirect, render_template, request, url_for
from sqlalchemy import or_, select

from .. import ratelimit
from ..accounts import sessions
from ..accounts.routes import login_required
from ..db import write_transaction
from ..errors import AppError
from ..extensions import db
from ..facilitation.strings import console_strings
from ..i18n import current_language
from ..validation import optional_str, required_str, typed_int
from . import join_limits, service
from .models import CoFacilitator, Participant, Series, Workshop
from .references import references
from .strings import board_strings

bp = Blueprint("workshops", __name__)


def _template_choices(language: str) -> list[dict]:
    choices = []
    for template in service.library().templates.values():
        for index, plan in enumerate(template.workshops, start=1):
            label = template.title[language]
            if len(template.workshops) > 1:
                label = f"{label} — {index}. {plan.title[language]}"
            choices.append({"value": f"{template.id}:{index}", "label": label})
    return choices


def _dashboard(error: str | None, form) -> str:
    shared = select(CoFacilitator.workshop_id).where(
        CoFacilitator.facilitator_id == g.facilitator.id
    )
    workshops = db.session.scalars(
        select(Workshop)
        .where(or_(Workshop.owner_id == g.facilitator.id, Workshop.id.in_(shared)))
        .order_by(Workshop.created_at.desc())
    ).all()
    series = db.session.scalars(
        select(Series).where(Series.owner_id == g.facilitator.id).order_by(Series.created_at.desc())
    ).all()
    return render_template(
        "workshops/dashboard.html",
        workshops=workshops,
        series=series,
        error=error,
        form=form,
        choices=_template_choices(current_language()),
        format_code=service.format_join_code,
    )


@bp.get("/")
@login_required
def dashboard():
    return _dashboard(error=None, form={})


@bp.post("/workshops")
@login_required
def create_workshop():
    form = request.form
    try:
        template, _sep, index = form.get("template", "").partition(":")
        with write_transaction():
            series_id = _series_choice(form)
            workshop = service.create_workshop(
                g.facilitator.id,
                series_id=series_id,
                title=required_str(form, "title", max_length=200),
                template=template,
                language=form.get("language", "fi"),
                index=typed_int(index) or 1,
                topic=optional_str(form, "topic", max_length=200),
                organisation=optional_str(form, "organisation", max_length=200),
            )
    except AppError as refusal:
        return _dashboard(error=refusal.message, form=form), 400
    return redirect(url_for("workshops.console", workshop_id=workshop.id))


def _series_choice(form) -> int | None:
    """No series, an existing one of this facilitator, or a new one named in the form."""
    choice = form.get("series", "")
    if choice == "new":
        series = service.create_series(
            g.facilitator.id,
            required_str(form, "series_title", max_length=200),
            topic=optional_str(form, "topic", max_length=200),
            organisation=optional_str(form, "organisation", max_length=200),
            language=form.get("language", "fi"),
        )
        return series.id
    if choice.isdecimal():
        return service.owned_series(g.facilitator.id, typed_int(choice)).id
    return None


@bp.get("/w/<int:workshop_id>")
@login_required
def console(workshop_id: int):
    try:
        workshop = service.owned_workshop(g.facilitator.id, workshop_id)
    except AppError:
        abort(404)
    g.page_language = workshop.language
    boot = {
        "role": "facilitator",
        "workshop_id": workshop.id,
        "strings": {**board_strings(), **console_strings()},
    }
    # Once someone has joined, the join box shrinks to a chip (the console's JS keeps it so).
    joined = db.session.scalar(
        select(Participant.id).where(Participant.workshop_id == workshop.id).limit(1)
    )
    return render_template(
        "workshops/console.html",
        workshop=workshop,
        boot=boot,
        joined=joined is not None,
        references=references(workshop),
        join_url=service.join_url(workshop),
        code=service.format_join_code(workshop.join_code),
    )


@bp.get("/j")
def enter_code():
    code = request.args.get("code")
    if code:
        return redirect(url_for("workshops.join_page", join_code=service.normalise_join_code(code)))
    return render_template("workshops/enter_code.html", error=None)


def _workshop_for_code(join_code: str) -> Workshop:
    """The open workshop of a code typed into an address (the join page, its QR code): wrong
    codes count against the address like those sent to ``join``, right ones never do."""
    address = request.remote_addr
    join_limits.admit(address, join_code)
    try:
        workshop = service.workshop_by_code(join_code)
    except AppError as refusal:
        if refusal.code == "unknown_code":
            ratelimit.join_failed(address)
        raise
    ratelimit.join_succeeded(address, workshop.join_code)
    return workshop


def _facilitators_workshop(join_code: str) -> Workshop | None:
    """The workshop of the code if the logged-in facilitator runs it (the console shows its QR
    code): no guess, so it is never limited, and the code is known at this address from now on
    (a room behind the facilitator's NAT can join even while someone there guesses codes)."""
    facilitator = sessions.current_facilitator()
    if facilitator is None:
        return None
    workshop = db.session.scalar(
        select(Workshop).where(Workshop.join_code == service.normalise_join_code(join_code))
    )
    if workshop is None:
        return None
    try:
        service.owned_workshop(facilitator.id, workshop.id)
    except AppError:
        return None
    ratelimit.join_succeeded(request.remote_addr, workshop.join_code)
    return workshop


@bp.get("/j/<join_code>")
def join_page(join_code: str):
    try:
        workshop = _workshop_for_code(join_code)
    except AppError as refusal:
        return render_template("workshops/enter_code.html", error=refusal.message), refusal.status
    g.page_language = workshop.language
    boot = {"role": "participant", "join_code": workshop.join_code, "strings": board_strings()}
    return render_template(
        "workshops/join.html", workshop=workshop, boot=boot, references=references(workshop)
    )


@bp.get("/j/<join_code>/qr.svg")
def join_qr(join_code: str):
    workshop = _facilitators_workshop(join_code)
    if workshop is None:
        try:
            workshop = _workshop_for_code(join_code)
        except AppError as refusal:
            abort(refusal.status)
    image = qrcode.make(
        service.join_url(workshop),
        image_factory=qrcode.image.svg.SvgPathImage,
        box_size=12,
        border=2,
    )
    buffer = io.BytesIO()
    image.save(buffer)
    response = Response(buffer.getvalue(), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response
