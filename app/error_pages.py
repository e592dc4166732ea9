"""Error pages for people: the app's own layout, the visitor's language, what happened in plain
words and a way back. The API under /api/v1 answers JSON instead (app/api/__init__.py)."""

import logging
from urllib.parse import urlsplit

from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

logger = logging.getLogger("pajapohja.errors")


def _texts(status: int) -> tuple[str, str]:
    """Heading and explanation for a status; gettext at request time, in the visitor's language."""
    texts = {
        400: (
            _("The request could not be handled"),
            _("The address or the form that was sent is not valid. Go back and try again."),
        ),
        403: (
            _("No access to this page"),
            _(
                "This page is not open to you. A facilitator sees it after logging in with "
                "their own account; a participant joins with the workshop's code."
            ),
        ),
        404: (
            _("Page not found"),
            _(
                "There is no page at this address: the link may be mistyped, or the workshop "
                "or page has been removed. If you are joining a workshop, enter its code again."
            ),
        ),
        405: (
            _("This action is not possible here"),
            _("The page does not accept this kind of request. Go back and use its own buttons."),
        ),
        413: (
            _("The file is too large"),
            _("What was sent is larger than the service accepts. Try again with a smaller file."),
        ),
        429: (
            _("Too many attempts"),
            _("Too many attempts. Wait a minute and try again."),
        ),
        500: (
            _("Something went wrong"),
            _(
                "An error occurred on the server; it was not caused by anything you did. Try "
                "again in a moment. If it keeps happening, tell the service's administrator."
            ),
        ),
    }
    if status in texts:
        return texts[status]
    return (
        _("The request could not be handled"),
        _("Go back and try again."),
    )


def _form_page() -> str:
    """Where the form that was sent lives: the page it came from (same site only), else the
    address itself when it has a page, else the front page."""
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc == request.host and referrer.path.startswith("/"):
        return referrer.path + (f"?{referrer.query}" if referrer.query else "")
    rule = request.url_rule
    if rule is not None and "GET" in (rule.methods or ()):
        return request.full_path.rstrip("?")
    return url_for("workshops.dashboard")


def render_error(status: int, message: str | None = None, expired_form: bool = False):
    """The page for ``status``; a plain-text fallback if the layout itself cannot be drawn."""
    heading, text = _texts(status)
    if expired_form:
        heading = _("The form expired")
        text = _("The form expired — reload the page and try again. Nothing was changed.")
    try:
        body = render_template(
            "errors/error.html",
            status=status,
            heading=heading,
            text=message or text,
            reload_url=_form_page() if expired_form else None,
        )
    except Exception:  # the layout needs the app; a broken app still answers something
        logger.exception("the error page could not be drawn")
        body = f"{heading}\n\n{message or text}\n"
        return body, status, {"Content-Type": "text/plain; charset=utf-8"}
    return body, status


def http_error_page(error: HTTPException):
    """The HTML answer to a routing error, an ``abort()`` or a refused form."""
    status = error.code or 500
    if status < 400:
        return error
    body, status, *rest = render_error(status, expired_form=isinstance(error, CSRFError))
    headers = dict(rest[0]) if rest else {}
    # Keep what the exception says about the answer (``Allow`` on a 405, ``Retry-After``).
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            headers.setdefault(name, value)
    return body, status, headers
