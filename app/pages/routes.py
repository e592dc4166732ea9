"""The accessibility statement, in the form the Act on the Provision of Digital Services
(306/2019, section 16) and the EU model statement (2018/1523) expect. The organisation that runs
the server fills in its own details through environment variables."""

import os
from datetime import date

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _

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
    return [
        (
            _(
                "Notes, themes, questions and other workshop content are not marked with the "
                "workshop's language. When the page is shown in another language, a screen "
                "reader reads them with the wrong pronunciation."
            ),
            _("WCAG 2.1: 3.1.2 Language of Parts, level AA"),
        ),
        (
            _(
                "What the facilitator changes on the board (voting opened or closed, a step "
                "locked, private brainstorming started or the notes revealed, small groups "
                "created, the workshop closed) shows on the screen but is not announced to "
                "screen readers."
            ),
            _("WCAG 2.1: 4.1.3 Status Messages, level AA"),
        ),
        (
            _(
                "After joining a workshop, and after the facilitator moves everyone to another "
                "step, the keyboard focus does not move to the step's heading: a keyboard or "
                "screen reader user has to look for the new step."
            ),
            _("WCAG 2.1: 2.4.3 Focus Order, level A"),
        ),
        (
            _(
                "When an action on the board is refused (a vote over the budget, a control used "
                "after the workshop closed, too many actions at once), the reason is given only "
                "to screen readers, not on the screen."
            ),
            _("WCAG 2.1: 3.3.1 Error Identification, level A"),
        ),
        (
            _(
                "When a card is sent with a required field empty, the message does not name the "
                "field, the field is not marked invalid and what was typed is cleared."
            ),
            _(
                "WCAG 2.1: 3.3.1 Error Identification, level A, and "
                "3.3.3 Error Suggestion, level AA"
            ),
        ),
        (
            _(
                "A note's theme menu moves the note as soon as its choice changes with the arrow "
                "keys, before the user has made a choice."
            ),
            _("WCAG 2.1: 3.2.2 On Input, level A"),
        ),
    ]


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
