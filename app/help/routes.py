"""Help pages: one screen for participants (``/ohje``, ``/help``) and the facilitator guide
(``/opas``, ``/guide``), in the language of the page."""

from flask import Blueprint, render_template

from ..i18n import current_language
from .guide import guide_html, guide_language

bp = Blueprint("help", __name__)


# The first rule registered (the lowest decorator) is what url_for gives: the Finnish one.
@bp.get("/help")
@bp.get("/ohje")
def participant():
    return render_template("help/participant.html")


@bp.get("/guide")
@bp.get("/opas")
def guide():
    language = guide_language(current_language())
    return render_template("help/guide.html", guide=guide_html(language), guide_language=language)
