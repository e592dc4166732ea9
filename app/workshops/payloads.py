"""The payloads of joining, catching up and the vision statement (``join``, ``resync``,
``vision.edit``)."""

import re
from typing import Annotated, Any

from flask_babel import gettext as _

from ..validation import (
    LookupId,
    OpId,
    OptionalOpId,
    OptionalText,
    Payload,
    Refusal,
    Text,
    Whole,
    clean_text,
    rule,
)

MAX_NAME_LENGTH = 80
MAX_VISION = 4000
# The browser's random id (app/static/js/join.js makes 32 hex digits); anything id-like fits.
_BROWSER_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")


def _since(field: str) -> str:
    return _("since must be a whole number ≥ 0.")


def _token(value) -> str | None:
    if value is not None and not isinstance(value, str):
        raise Refusal("invalid_field", lambda _field: _("participant_token must be text."))
    return value


def _browser_id(value) -> str | None:
    if value is not None and (not isinstance(value, str) or not _BROWSER_ID.fullmatch(value)):
        raise Refusal(
            "invalid_field", lambda _field: _("browser_id must be 8–64 letters, digits, - or _.")
        )
    return value


def _vision_text(value) -> str:
    if not isinstance(value, str):
        raise Refusal(
            "invalid_field", lambda field: _("The field %(field)s must be text.", field=field)
        )
    value = clean_text(value, multiline=True)
    if len(value) > MAX_VISION:
        raise Refusal("too_long", lambda _field: _("The text is too long."))
    return value


Since = Whole(0, None, _since)
OptionalSince = Whole(0, None, _since, optional=True)


class FacilitatorJoin(Payload):
    """``join`` by a facilitator (the console, or with ``presenter`` the presenter screen)."""

    workshop_id: LookupId = None
    presenter: Any = None  # only ``true`` counts
    since: OptionalSince = None


class Join(Payload):
    """``join`` by a participant with the workshop's code; with a ``workshop_id`` instead, the
    payload is a ``FacilitatorJoin``."""

    join_code: Any = None  # looked up as it is: anything else is an unknown code
    since: OptionalSince = None
    name: OptionalText(MAX_NAME_LENGTH) = None
    participant_token: Annotated[str | None, rule(_token)] = None
    op_id: OptionalOpId = None
    browser_id: Annotated[str | None, rule(_browser_id)] = None


class Resync(Payload):
    since: Since = None


class VisionEdit(Payload):
    text: Annotated[str, rule(_vision_text)] = None
    version: Whole(0, None, lambda _field: _("version must be a whole number ≥ 0.")) = None
    step_id: LookupId = None
    op_id: OpId = None


class SeriesForm(Payload):
    """The dashboard's "new series" fields (``series`` = ``new``)."""

    series_title: Text(200) = None
    topic: OptionalText(200) = None
    organisation: OptionalText(200) = None


class WorkshopForm(Payload):
    """The dashboard's new-workshop form (the template and series are chosen from lists)."""

    title: Text(200) = None
    topic: OptionalText(200) = None
    organisation: OptionalText(200) = None
