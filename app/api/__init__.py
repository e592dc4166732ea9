"""The REST API under /api/v1: bearer-token authentication and JSON errors only."""

import logging

from flask import Blueprint, g, jsonify, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from ..accounts.service import facilitator_for_token
from ..db import driver_message, storage_full, storage_full_error
from ..error_pages import http_error_page, render_error
from ..errors import AppError
from ..extensions import db

bp = Blueprint("api", __name__, url_prefix="/api/v1")
logger = logging.getLogger("pajapohja.api")


def current_facilitator():
    """The facilitator of the bearer token; every facilitator endpoint calls this first."""
    header = request.headers.get("Authorization", "")
    scheme, _sep, token = header.partition(" ")
    facilitator = facilitator_for_token(token.strip()) if scheme.lower() == "bearer" else None
    if facilitator is None:
        raise AppError("unauthorized", _("A valid API token is required."), 401)
    g.facilitator = facilitator
    return facilitator


def json_body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise AppError("invalid_json", _("The request body must be a JSON object."))
    return body


def error_response(error: AppError):
    db.session.rollback()
    response = jsonify(error.to_dict())
    response.status_code = error.status
    if error.status == 401:
        response.headers["WWW-Authenticate"] = "Bearer"
    return response


@bp.errorhandler(AppError)
def handle_app_error(error: AppError):
    return error_response(error)


def init_error_pages(app) -> None:
    """Routing errors and crashes under /api/ are JSON too, never an HTML page or a traceback."""

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if not request.path.startswith("/api/"):
            return http_error_page(error)  # the app's layout, in the visitor's language
        code = (error.name or "error").lower().replace(" ", "_")
        response = error_response(
            AppError(code, error.description or error.name, error.code or 400)
        )
        # A 405 must still say which methods the URL takes (RFC 9110 requires ``Allow``).
        allowed = getattr(error, "valid_methods", None)
        if allowed:
            response.headers["Allow"] = ", ".join(allowed)
        return response

    @app.errorhandler(Exception)
    def crash(error: Exception):
        if isinstance(error, HTTPException):
            return http_error(error)
        if storage_full(error):  # one line, not a traceback: not a bug
            logger.error(
                "request %s %s: storage full: %s",
                request.method,
                request.path,
                driver_message(error),
            )
            failure = storage_full_error()
            if request.path.startswith("/api/"):
                return error_response(failure)
            db.session.rollback()
            return render_error(failure.status, failure.message)
        logger.exception("request failed: %s %s", request.method, request.path)
        if request.path.startswith("/api/"):
            return error_response(
                AppError("server_error", _("Something went wrong on the server."), 500)
            )
        db.session.rollback()
        return render_error(500)
