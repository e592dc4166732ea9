"""Pages of the exports: downloads from the console, the live summary preview and its form for
the summary's details, importing from the dashboard, and the organiser's read-only share page
(no login)."""

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_number
from flask_babel import gettext as _

from ..accounts.routes import login_required
from ..accounts.service import token_digest
from ..core.workshop_models import Workshop
from ..db import write_transaction
from ..error_pages import render_error
from ..errors import AppError
from ..realtime import broadcast
from ..workshops import document_facts
from ..workshops import service as workshops
from ..workshops.routes import render_dashboard
from . import cache, service, share, transfer
from .api import TooManyDownloads, count_download, send

bp = Blueprint("exports", __name__)


@bp.errorhandler(TooManyDownloads)
def too_many_downloads(error: TooManyDownloads):
    """A page in the page's language (the share page's: its series'), and when to come back."""
    response = make_response(render_error(429, error.message))
    response.headers["Retry-After"] = str(error.seconds)
    return _private(response)


# The organiser gets the documents, not the raw export with per-participant voting records.
SHARED_FILES = tuple(name for name in service.WORKSHOP_FILES if name != "export.json")


def _own_workshop(workshop_id: int) -> Workshop:
    try:
        return workshops.owned_workshop(g.facilitator.id, workshop_id)
    except AppError:
        abort(404)


@bp.get("/w/<int:workshop_id>/summary")
@login_required
def summary_preview(workshop_id: int):
    workshop = _own_workshop(workshop_id)
    g.page_language = workshop.language
    fragment = cache.summary_preview(workshop)
    return render_template(
        "exports/summary_preview.html",
        workshop=workshop,
        summary_html=fragment,
        files=service.WORKSHOP_FILES,
    )


@bp.post("/w/<int:workshop_id>/documents")
@login_required
def save_document_facts(workshop_id: int):
    """The summary preview's "Yhteenvedon tiedot": the day held, time zone and closing text.
    Refused: the preview again with each error beside its field and nothing changed."""
    try:
        workshop = workshops.owned_workshop(g.facilitator.id, workshop_id)
    except AppError:
        abort(404)
    g.page_language = workshop.language  # the errors in the preview's language
    facts, refusals = document_facts.read(_form_facts(request.form))
    if refusals:
        g.document_facts_form = {
            "values": _form_facts(request.form),
            "errors": {field: refusal.message for field, refusal in refusals.items()},
        }
        return summary_preview(workshop_id), 400
    with write_transaction(workshop_id=workshop_id):
        event = document_facts.apply(workshops.owned_workshop(g.facilitator.id, workshop_id), facts)
    if event is not None:
        broadcast([event])
    flash(_("The summary's details were saved."), "document-facts")
    return redirect(url_for("exports.summary_preview", workshop_id=workshop_id) + "#document-facts")


def _form_facts(form) -> dict:
    """The form's fields as posted: a browser sends all three (an emptied date or text as
    ""); one left out of a hand-made post stays as it was."""
    return {field: form[field] for field in document_facts.FIELDS if field in form}


@bp.app_context_processor
def _document_facts_context():
    return {"document_facts_form": _document_facts_form}


def _document_facts_form(workshop: Workshop) -> dict:
    """What the preview's form shows: the workshop's facts, or what was typed and refused."""
    saved = document_facts.public(workshop)
    refused = getattr(g, "document_facts_form", None) or {"values": {}, "errors": {}}
    return {
        "fields": {**saved, "held_on": saved["held_on"] or "", **refused["values"]},
        "errors": refused["errors"],
        "time_zones": document_facts.time_zone_choices(workshop.time_zone),
        "max_closing_text": document_facts.MAX_CLOSING_TEXT,
        "max_closing_text_shown": format_number(document_facts.MAX_CLOSING_TEXT),
    }


@bp.get("/w/<int:workshop_id>/download/<name>")
@login_required
def workshop_download(workshop_id: int, name: str):
    workshop = _own_workshop(workshop_id)
    if name not in service.WORKSHOP_FILES:
        abort(404)
    count_download(("DOWNLOADS_PER_FACILITATOR", g.facilitator.id))
    return send(cache.workshop_file(workshop, name))


@bp.get("/series/<int:series_id>/download/<name>")
@login_required
def plan_download(series_id: int, name: str):
    try:
        series = workshops.owned_series(g.facilitator.id, series_id)
    except AppError:
        abort(404)
    if name not in service.PLAN_FILES:
        abort(404)
    count_download(("DOWNLOADS_PER_FACILITATOR", g.facilitator.id))
    return send(cache.plan_file(series, name))


def _import_error(message: str, status: int):
    """The dashboard again, the reason beside the file field (a file cannot be kept in the form:
    the browser asks for it again)."""
    return render_dashboard(import_error=message), status


@bp.post("/workshops/import")
@login_required
def import_upload():
    limit = current_app.config["MAX_IMPORT_BYTES"]
    if request.content_length is not None and request.content_length > limit + 64 * 1024:
        return _import_error(transfer.too_large().message, 413)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _import_error(_("Choose a file to import."), 400)
    try:
        doc = transfer.parse(upload.stream.read(limit + 1))
        workshop = transfer.import_workshop(g.facilitator.id, doc, workshops.library())
    except AppError as refusal:
        return _import_error(refusal.message, refusal.status)
    return redirect(url_for("workshops.console", workshop_id=workshop.id))


@bp.post("/w/<int:workshop_id>/share")
@login_required
def create_share(workshop_id: int):
    workshop = _own_workshop(workshop_id)
    try:
        with write_transaction():
            token = share.create_share(g.facilitator.id, workshop.series_id)
    except AppError:
        abort(404)
    return render_template(
        "exports/share_created.html", workshop=workshop, url=share.share_url(token)
    )


@bp.post("/w/<int:workshop_id>/share/revoke")
@login_required
def revoke_share(workshop_id: int):
    workshop = _own_workshop(workshop_id)
    try:
        with write_transaction():
            share.revoke_share(g.facilitator.id, workshop.series_id)
    except AppError:
        abort(404)
    return redirect(url_for("workshops.console", workshop_id=workshop.id) + "#downloads")


def _shared(token: str):
    series = share.series_for_token(token)
    if series is None:
        abort(404)
    g.page_language = series.language
    return series


def _private(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


@bp.get("/s/<token>")
def shared_series(token: str):
    series = _shared(token)
    page = render_template(
        "exports/shared_series.html",
        series=series,
        token=token,
        files=SHARED_FILES,
        plan_files=service.PLAN_FILES,
    )
    return _private(Response(page))


@bp.get("/s/<token>/w/<int:workshop_id>/<name>")
def shared_workshop_download(token: str, workshop_id: int, name: str):
    series = _shared(token)
    workshop = next((w for w in series.workshops if w.id == workshop_id), None)
    if workshop is None or name not in SHARED_FILES:
        abort(404)
    _count_shared_download(token)
    return _private(send(cache.workshop_file(workshop, name)))


@bp.get("/s/<token>/<name>")
def shared_plan_download(token: str, name: str):
    series = _shared(token)
    if name not in service.PLAN_FILES:
        abort(404)
    _count_shared_download(token)
    return _private(send(cache.plan_file(series, name)))


def _count_shared_download(token: str) -> None:
    """Per link (its digest: the link itself is never kept) and per address on that link."""
    count_download(
        ("DOWNLOADS_PER_LINK", token_digest(token)),
        ("DOWNLOADS_PER_ADDRESS", token_digest(token), request.remote_addr),
    )
