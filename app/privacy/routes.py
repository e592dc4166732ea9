"""The privacy notice (tietosuojaseloste): a template the organisation fills in through
environment variables, in the visitor's language."""

import os

from flask import Blueprint, current_app, render_template

bp = Blueprint("privacy", __name__)

SETTINGS = {
    "PRIVACY_CONTROLLER": "PAJAPOHJA_PRIVACY_CONTROLLER",
    "PRIVACY_CONTACT": "PAJAPOHJA_PRIVACY_CONTACT",
    "PRIVACY_DPO": "PAJAPOHJA_PRIVACY_DPO",
}


@bp.record_once
def _settings(state) -> None:
    for key, variable in SETTINGS.items():
        state.app.config.setdefault(key, os.environ.get(variable, "").strip())


@bp.get("/privacy")
@bp.get("/tietosuoja")
def notice():
    config = current_app.config
    return render_template(
        "privacy/notice.html",
        controller=config["PRIVACY_CONTROLLER"] or config.get("ORGANISATION_NAME", ""),
        contact=config["PRIVACY_CONTACT"],
        dpo=config["PRIVACY_DPO"],
        retention_days=config.get("RETENTION_DAYS"),
    )
