"""The participant page's service worker, served from the site root so that it may look after
``/j/…`` as well as ``/static/…`` (a worker only controls pages under its own path)."""

from flask import Blueprint, current_app, send_from_directory

bp = Blueprint("offline", __name__)


@bp.get("/sw.js")
def service_worker():
    response = send_from_directory(
        current_app.static_folder, "sw.js", mimetype="text/javascript", max_age=0
    )
    response.headers["Service-Worker-Allowed"] = "/"
    # A new version must reach every browser on its next visit, not after a cache expires.
    response.headers["Cache-Control"] = "no-cache"
    return response
