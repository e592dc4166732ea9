"""The accessibility statement, in the form the Act on the Provision of Digital Services
(306/2019, section 16) and the EU model statement (2018/1523) expect. The organisation that runs
the server fills in its own details through environment variables."""

import os
from datetime import date

from flask import Blueprint, current_app, redirect, render_template, request, url_for

bp = Blueprint("pages", __name__)

# The date of the assessment this statement describes (tests/browser/test_accessibility.py and
# friends); an organisation that re-assesses its installation sets its own date.
ASSESSED_ON = "2026-11-30"
SETTINGS = {
    "ORGANISATION_NAME": "PAJAPOHJA_ORGANISATION_NAME",
    "ACCESSIBILITY_CONTACT": "PAJAPOHJA_ACCESSIBILITY_CONTACT",
    "ACCESSIBILITY_STATEMENT_DATE": "PAJAPOHJA_ACCESSIBILITY_STATEMENT_DATE",
}


@bp.record_once
def read_settings(state) -> None:
    # Values given to create_app() win over the environment, as for every other setting.
    for key, variable in SETTINGS.items():
        state.app.config.setdefault(key, os.environ.get(variable, "").strip())


def _contact(value: str) -> dict | None:
    """An e-mail address becomes a mailto link, a web address a plain link."""
    if not value:
        return None
    if "@" in value and not value.startswith(("http://", "https://")):
        return {"href": f"mailto:{value}", "text": value}
    if value.startswith(("http://", "https://")):
        return {"href": value, "text": value}
    return {"href": None, "text": value}


def _statement_date() -> date:
    configured = current_app.config["ACCESSIBILITY_STATEMENT_DATE"]
    try:
        return date.fromisoformat(configured or ASSESSED_ON)
    except ValueError:
        current_app.logger.warning("PAJAPOHJA_ACCESSIBILITY_STATEMENT_DATE is not YYYY-MM-DD")
        return date.fromisoformat(ASSESSED_ON)


def known_failures() -> list[tuple[str, str]]:
    """What still fails WCAG 2.1 A/AA, each with its success criterion, as section 16 of the Act
    asks ("non-accessible content"). Remove an entry when its fix ships, not before."""
    # The six failures listed here until the room's redesign (issue #15: workshop language on
    # its content, announcements, focus after a step change, visible refusals, the card form,
    # the theme menu) are fixed, each with a browser test that failed before.
    return []


@bp.get("/accessibility")
def accessibility_statement():
    return render_template(
        "pages/accessibility.html",
        failures=known_failures(),
        organisation=current_app.config["ORGANISATION_NAME"],
        contact=_contact(current_app.config["ACCESSIBILITY_CONTACT"]),
        statement_date=_statement_date(),
    )


@bp.get("/saavutettavuusseloste")
@bp.get("/tillganglighetsutlatande")
def statement_in_other_words():
    """The addresses people guess in Finnish and Swedish lead to the statement."""
    return redirect(url_for("pages.accessibility_statement", **request.args), 301)
