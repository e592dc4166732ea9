"""Facilitator login, logout and the first-start setup page."""

import secrets
from functools import wraps

from flask import Blueprint, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from ..db import write_transaction
from ..errors import AppError
from ..extensions import db
from ..ratelimit import LOGIN_LIMIT, limiter
from . import service
from .models import Facilitator

bp = Blueprint("accounts", __name__)


def login_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        facilitator_id = session.get("facilitator_id")
        facilitator = db.session.get(Facilitator, facilitator_id) if facilitator_id else None
        if facilitator is None:
            session.clear()
            return redirect(url_for("accounts.login", next=request.path))
        g.facilitator = facilitator
        return view(*args, **kwargs)

    return wrapped


def _start_session(facilitator: Facilitator) -> None:
    """A fresh session at login: nothing from before survives, and the CSRF token is new."""
    session.clear()
    session["facilitator_id"] = facilitator.id
    session["nonce"] = secrets.token_urlsafe(8)
    session.permanent = True


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("workshops.dashboard")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(LOGIN_LIMIT, methods=["POST"], error_message="too_many_logins")
def login():
    error = None
    if request.method == "POST":
        facilitator = service.authenticate(
            request.form.get("email", ""), request.form.get("password", "")
        )
        if facilitator is not None:
            _start_session(facilitator)
            return redirect(_safe_next(request.args.get("next")))
        error = _("Wrong e-mail address or password.")
    status = 401 if error else 200
    return render_template(
        "accounts/login.html", error=error, email=request.form.get("email", "")
    ), status


@bp.post("/logout")
def logout():
    session.clear()
    return redirect(url_for("accounts.login"))


@bp.route("/setup/<token>", methods=["GET", "POST"])
def setup(token: str):
    if not service.setup_token_valid(token):
        return render_template("accounts/setup_used.html"), 404
    error = None
    if request.method == "POST":
        if request.form.get("password", "") != request.form.get("password_again", ""):
            error = _("The passwords do not match.")
        else:
            try:
                with write_transaction():
                    facilitator = service.create_facilitator(
                        request.form.get("email", ""),
                        request.form.get("password", ""),
                        request.form.get("name", ""),
                    )
                _start_session(facilitator)
                return redirect(url_for("workshops.dashboard"))
            except AppError as refusal:
                error = refusal.message
    return render_template("accounts/setup.html", error=error, form=request.form), (
        400 if error else 200
    )
