"""Pages: the facilitator dashboard and console, the participant join page, the QR code."""

import io

import qrcode
import qrcode.image.svg
from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    g,
    get_flashed_messages,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from sqlalchemy import select

from .. import ratelimit
from ..accounts import sessions
from ..accounts.routes import login_required
from ..core.authorization import facilitates
from ..core.workshop_models import Participant, Series, Workshop
from ..db import write_transaction
from ..errors import AppError
from ..extensions import db
from ..i18n import current_language
from ..validation import parse, typed_int
from . import join_limits, service
from .console_strings import console_strings
from .payloads import SeriesForm, WorkshopForm
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


def _field_labels() -> dict[str, str]:
    """The workshop form's fields by name, as their labels on the page say them."""
    return {
        "title": _("Title"),
        "template": _("Workshop template"),
        "index": _("Workshop template"),
        "series": _("Workshop series"),
        "series_title": _("Name of the new series"),
        "topic": _("Topic (e.g. participation competence)"),
        "organisation": _("Organisation"),
        "language": _("Language of the workshop"),
    }


def _form_error(refusal: AppError, form) -> tuple[str | None, str]:
    """Which field of the form a refusal is about and what to say beside it: by the field's
    label, never by its internal name (``series_title``). A refusal of no field: (None, it)."""
    field = refusal.extra.get("field")
    field = field if field in _field_labels() else None
    field = "template" if field == "index" else field
    if field is None:
        return None, refusal.message
    if refusal.code == "invalid_field" and not (form.get(field) or "").strip():
        required = {
            "title": _("The title is required."),
            "series_title": _("The name of the new series is required."),
        }
        if field in required:
            return field, required[field]
    if refusal.code == "too_long":
        return field, _("%(label)s: at most %(n)d characters.", label=_field_labels()[field], n=200)
    return field, refusal.message


def render_dashboard(import_error: str | None = None) -> str:
    """The dashboard with the import form's refusal beside its file field (exports/routes.py)."""
    return _dashboard(form={}, import_error=import_error)


def _dashboard(
    form, errors: dict | None = None, error: str | None = None, import_error: str | None = None
) -> str:
    workshops = db.session.scalars(
        select(Workshop).where(facilitates(g.facilitator.id)).order_by(Workshop.created_at.desc())
    ).all()
    series = db.session.scalars(
        select(Series).where(Series.owner_id == g.facilitator.id).order_by(Series.created_at.desc())
    ).all()
    return render_template(
        "workshops/dashboard.html",
        workshops=workshops,
        series=series,
        series_entries=[_series_entry(one, workshops) for one in series],
        errors=errors or {},
        error=error,
        import_error=import_error,
        notices=get_flashed_messages(),
        form=form,
        choices=_template_choices(current_language()),
        format_code=service.format_join_code,
    )


def _series_entry(series: Series, workshops: list[Workshop]) -> dict:
    return {
        "series": series,
        "workshops": sorted(
            (one for one in workshops if one.series_id == series.id),
            key=lambda one: (one.series_index, one.id),
        ),
        "next": service.next_in_series(series),
    }


@bp.get("/")
@login_required
def dashboard():
    return _dashboard(form={})


@bp.post("/workshops")
@login_required
def create_workshop():
    form = request.form
    try:
        template, _sep, index = form.get("template", "").partition(":")
        with write_transaction():
            series_id = _series_choice(form)
            fields = parse(WorkshopForm, form.to_dict())
            workshop = service.create_workshop(
                g.facilitator.id,
                series_id=series_id,
                title=fields.title,
                template=template,
                language=form.get("language", "fi"),
                index=typed_int(index) or 1,
                topic=fields.topic,
                organisation=fields.organisation,
            )
    except AppError as refusal:
        field, message = _form_error(refusal, form)
        if field is None:
            return _dashboard(form=form, error=message), refusal.status
        return _dashboard(form=form, errors={field: message}), 400
    return redirect(url_for("workshops.console", workshop_id=workshop.id))


def _series_choice(form) -> int | None:
    """No series, an existing one of this facilitator, or a new one named in the form."""
    choice = form.get("series", "")
    if choice == "new":
        fields = parse(SeriesForm, form.to_dict())
        series = service.create_series(
            g.facilitator.id,
            fields.series_title,
            topic=fields.topic,
            organisation=fields.organisation,
            language=form.get("language", "fi"),
        )
        return series.id
    if choice.isdecimal():
        try:
            return service.owned_series(g.facilitator.id, typed_int(choice)).id
        except AppError as missing:  # a stale or forged choice: said beside the series field
            raise AppError("invalid_field", missing.message, 400, field="series") from missing
    return None


@bp.post("/series/<int:series_id>/next")
@login_required
def create_next_in_series(series_id: int):
    """The series' next workshop ("Luo sarjan seuraava työpaja"), from the dashboard's series
    entry or the console: pressed twice, it opens the one the first press made."""
    try:
        with write_transaction():
            workshop = service.create_next_in_series(
                g.facilitator.id, series_id, typed_int(request.form.get("index", "")) or 0
            )
    except AppError as refusal:
        if refusal.status == 404:
            abort(404)
        return _dashboard(form={}, error=refusal.message), refusal.status
    return redirect(url_for("workshops.console", workshop_id=workshop.id))


def _own_workshop_or_404(workshop_id: int) -> Workshop:
    """The workshop if this facilitator owns it: deleting is the owner's, as in the API
    (``DELETE /api/v1/workshops/{id}``); anyone else sees no such page."""
    try:
        return service.owned_workshop(g.facilitator.id, workshop_id, owner_only=True)
    except AppError:
        abort(404)


@bp.get("/w/<int:workshop_id>/delete")
@login_required
def confirm_delete(workshop_id: int):
    workshop = _own_workshop_or_404(workshop_id)
    return render_template("workshops/delete.html", workshop=workshop, error=None, typed="")


@bp.post("/w/<int:workshop_id>/delete")
@login_required
def delete_workshop(workshop_id: int):
    workshop = _own_workshop_or_404(workshop_id)
    typed = request.form.get("confirm_title", "")
    try:
        service.check_deletion(workshop, typed)
    except AppError as refusal:
        return render_template(
            "workshops/delete.html", workshop=workshop, error=refusal.message, typed=typed
        ), 400
    title = workshop.title
    with write_transaction(workshop_id=workshop_id):
        service.delete_workshop(_own_workshop_or_404(workshop_id))
    db.session.expunge_all()
    flash(_("The workshop “%(title)s” was deleted.", title=title))
    return redirect(url_for("workshops.dashboard"))


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
    series = workshop.series
    return render_template(
        "workshops/console.html",
        workshop=workshop,
        is_owner=workshop.owner_id == g.facilitator.id,
        series_next=(
            service.next_in_series(series)
            if series is not None and series.owner_id == g.facilitator.id
            else None
        ),
        boot=boot,
        joined=joined is not None,
        references=references(workshop),
        join_url=service.join_url(workshop),
        code=service.format_join_code(workshop.join_code),
    )


@bp.get("/w/<int:workshop_id>/present")
@login_required
def present(workshop_id: int):
    """The presenter view: the live step, large, for sharing the screen. Entered with the
    console's rights; it shows what participants see and has no controls."""
    try:
        workshop = service.owned_workshop(g.facilitator.id, workshop_id)
    except AppError:
        abort(404)
    g.page_language = workshop.language  # the room's language, as on the participants' board
    boot = {"workshop_id": workshop.id, "strings": board_strings()}
    join_url = service.join_url(workshop)
    return render_template(
        "workshops/present.html",
        workshop=workshop,
        boot=boot,
        join_url=join_url,
        # Short enough to type from a shared screen: the code page, without the scheme.
        enter_address=join_url.rsplit("/", 1)[0].split("://", 1)[-1],
        code=service.format_join_code(workshop.join_code),
        content_lang=workshop.language if workshop.language != current_language() else None,
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
        # The code stays in the field, to be corrected rather than typed again.
        return render_template(
            "workshops/enter_code.html", error=refusal.message, code=join_code[:20]
        ), refusal.status
    g.page_language = workshop.language
    boot = {
        "role": "participant",
        "join_code": workshop.join_code,
        "series_id": workshop.series_id,  # join.js offers the name given in the series before
        "strings": board_strings(),
    }
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
