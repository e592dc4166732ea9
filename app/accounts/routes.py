"""Facilitator login, logout, password change and the first-start setup page."""

from functools import wraps
from urllib.parse import urlsplit

from flask import Blueprint, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from .. import ratelimit
from ..db import write_transaction
from ..errors import AppError
from ..validation import clean_text
from . import service, sessions

bp = Blueprint("accounts", __name__)

# What browsers ignore or strip in a URL before resolving it (the WHATWG URL parser): a
# redirect target is judged as the browser will read it.
_URL_STRIPPED = str.maketrans("", "", "\t\r\n")
_URL_TRIMMED = "".join(chr(code) for code in range(0x21))


def login_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        facilitator = sessions.current_facilitator()
        if facilitator is None:
            session.clear()
            return redirect(url_for("accounts.login", next=request.path))
        g.facilitator = facilitator
        return view(*args, **kwargs)

    return wrapped


def _start_session(facilitator) -> None:
    sessions.start(facilitator)


def safe_next(target) -> str | None:
    """``target`` if a browser would read it as a path on this site, else None. Tabs and
    newlines are dropped and backslashes count as slashes, as browsers do, so ``/%09/evil`` and
    ``/\\evil`` are the other sites they are."""
    if not isinstance(target, str):
        return None
    seen = target.strip(_URL_TRIMMED).translate(_URL_STRIPPED).replace("\\", "/")
    if not seen.startswith("/") or seen.startswith("//"):
        return None
    parts = urlsplit(seen)
    if parts.scheme or parts.netloc:
        return None
    return seen


def _safe_next(target: str | None) -> str:
    return safe_next(target) or url_for("workshops.dashboard")


def _too_many_logins():
    message = _("Too many attempts. Wait a minute and try again.")
    email = request.form.get("email", "")
    return render_template("accounts/login.html", error=message, email=email), 429


@bp.route("/login", methods=["GET", "POST"])
def login():
    error = None
    if request.method == "POST":
        email = clean_text(request.form.get("email", "")).lower()[:254]
        address = request.remote_addr
        # Only wrong passwords count, per account and address: a colleague behind the same NAT
        # still logs in while someone there keeps failing.
        if not ratelimit.login_allowed(address, email):
            return _too_many_logins()
        facilitator = service.authenticate(email, request.form.get("password", ""))
        if facilitator is not None:
            ratelimit.login_succeeded(address, email)
            _start_session(facilitator)
            return redirect(_safe_next(request.args.get("next")))
        ratelimit.login_failed(address, email)
        error = _("Wrong e-mail address or password.")
    status = 401 if error else 200
    return render_template(
        "accounts/login.html", error=error, email=request.form.get("email", "")
    ), status


@bp.post("/logout")
def logout():
    """Ends this facilitator's sessions on the server, not only the cookie here: a copy of the
    cookie kept from before stops working too (and so does every other device's session)."""
    facilitator = sessions.current_facilitator()
    if facilitator is not None:
        with write_transaction():
            service.end_sessions(facilitator)
        sessions.end_stale_sockets()
    session.clear()
    return redirect(url_for("accounts.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    error = None
    if request.method == "POST":
        form = request.form
        try:
            with write_transaction():
                service.change_password(
                    g.facilitator,
                    form.get("current_password", ""),
                    form.get("new_password", ""),
                    form.get("new_password_again", ""),
                )
        except AppError as refusal:
            error = refusal
        else:
            # Every other session and socket ends; this browser goes on with a fresh session.
            sessions.end_stale_sockets()
            _start_session(g.facilitator)
            return render_template("accounts/password.html", error=None, changed=True)
    return render_template("accounts/password.html", error=error, changed=False), (
        400 if error else 200
    )


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
                    service.spend_setup_token(token)  # checked again: a rival may have won
                    facilitator = service.create_facilitator(
                        request.form.get("email", ""),
                        request.form.get("password", ""),
                        request.form.get("name", ""),
                    )
                _start_session(facilitator)
                return redirect(url_for("workshops.dashboard"))
            except service.SetupLinkUsed:
                return render_template("accounts/setup_used.html"), 404
            except AppError as refusal:
                error = refusal.message
    return render_template("accounts/setup.html", error=error, form=request.form), (
        400 if error else 200
    )
