"""The "Create an example" button of an empty dashboard."""

from flask import Blueprint, g, redirect, request, url_for

from ..accounts.routes import login_required
from ..canvases import LANGUAGES
from ..i18n import current_language
from .service import create_example

bp = Blueprint("demo", __name__)


@bp.post("/example")
@login_required
def create():
    language = request.form.get("language", "")
    if language not in LANGUAGES:
        language = current_language()
    series = create_example(g.facilitator, language)
    first = min(series.workshops, key=lambda workshop: workshop.series_index)
    return redirect(url_for("workshops.console", workshop_id=first.id))
