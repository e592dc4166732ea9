"""Security headers on every response and JSON errors for every API failure."""

from flask import request


def init_app(app) -> None:
    @app.after_request
    def security_headers(response):
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
            "form-action 'self'; frame-ancestors 'none'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if request.path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response


def init_rate_limit_pages(app) -> None:
    from flask_babel import gettext as _
    from flask_limiter.errors import RateLimitExceeded

    @app.errorhandler(RateLimitExceeded)
    def too_many(error):
        if request.path.startswith("/api/"):
            from .api import error_response
            from .errors import AppError

            return error_response(
                AppError("too_many_requests", _("Too many requests: wait a minute."), 429)
            )
        from .error_pages import http_error_page

        return http_error_page(error)
