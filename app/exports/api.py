"""REST endpoints of the exports under /api/v1: the documents of a workshop and a series,
importing a workshop, and the organiser's share link. JSON errors like the rest of the API."""

from flask import Blueprint, Response, current_app, jsonify, request, url_for
from flask_babel import gettext as _

from .. import ratelimit
from ..api import current_facilitator, handle_app_error
from ..db import write_transaction
from ..errors import AppError
from ..workshops import service as workshops
from . import cache, service, share, transfer

bp = Blueprint("exports_api", __name__, url_prefix="/api/v1")
bp.register_error_handler(AppError, handle_app_error)


class TooManyDownloads(AppError):
    def __init__(self, seconds: int):
        message = _(
            "Too many downloads in a short time. Try again in %(seconds)s seconds.",
            seconds=seconds,
        )
        super().__init__("too_many_requests", message, 429, retry_after=seconds)
        self.seconds = seconds


def count_download(*scopes: tuple) -> None:
    """Count a download in each ``(setting, key...)`` scope (app/ratelimit.py), or refuse it."""
    seconds = ratelimit.download_wait(*scopes)
    if seconds is not None:
        raise TooManyDownloads(seconds)


@bp.errorhandler(TooManyDownloads)
def too_many_downloads(error: TooManyDownloads):
    response = handle_app_error(error)
    response.headers["Retry-After"] = str(error.seconds)
    return response


def send(export: service.ExportFile) -> Response:
    response = Response(export.body, mimetype=export.mimetype)
    response.headers["Content-Disposition"] = export.disposition
    if export.policy:
        response.headers["Content-Security-Policy"] = export.policy
    return response


def workshop_file(workshop_id: int, name: str):
    facilitator = current_facilitator()
    workshop = workshops.owned_workshop(facilitator.id, workshop_id)
    count_download(("DOWNLOADS_PER_FACILITATOR", facilitator.id))
    return send(cache.workshop_file(workshop, name))


def plan_file(series_id: int, name: str):
    facilitator = current_facilitator()
    series = workshops.owned_series(facilitator.id, series_id)
    count_download(("DOWNLOADS_PER_FACILITATOR", facilitator.id))
    return send(cache.plan_file(series, name))


# One rule per file, so that each is a plain path in the OpenAPI document.
for _name in service.WORKSHOP_FILES:
    bp.add_url_rule(
        f"/workshops/<int:workshop_id>/{_name}",
        f"workshop_{_name.replace('.', '_')}",
        workshop_file,
        defaults={"name": _name},
    )
for _name in service.PLAN_FILES:
    bp.add_url_rule(
        f"/series/<int:series_id>/{_name}",
        f"series_{_name.replace('.', '_').replace('-', '_')}",
        plan_file,
        defaults={"name": _name},
    )


def limited_body() -> bytes:
    """The request body, refused unread when it is over the import limit."""
    limit = current_app.config["MAX_IMPORT_BYTES"]
    if request.content_length is not None and request.content_length > limit:
        raise transfer.too_large()
    return request.stream.read(limit + 1)


@bp.post("/workshops/import")
def import_workshop():
    facilitator = current_facilitator()
    doc = transfer.parse(limited_body())
    workshop = transfer.import_workshop(facilitator.id, doc, workshops.library())
    response = jsonify({"id": workshop.id})
    response.headers["Location"] = url_for("api.get_workshop", workshop_id=workshop.id)
    return response, 201


@bp.post("/series/<int:series_id>/share")
def create_share(series_id: int):
    facilitator = current_facilitator()
    with write_transaction():
        token = share.create_share(facilitator.id, series_id)
    return jsonify({"url": share.share_url(token)}), 201


@bp.delete("/series/<int:series_id>/share")
def revoke_share(series_id: int):
    facilitator = current_facilitator()
    with write_transaction():
        share.revoke_share(facilitator.id, series_id)
    return "", 204
