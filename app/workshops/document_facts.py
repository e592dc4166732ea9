"""The facts of a workshop's documents that a facilitator sets: the day it was held, the time
zone its dates and times are in, and the closing text ("Yhteenveto ja jatko") last in the
summary. One reader serves the summary preview's form, ``PATCH /api/v1/workshops/{id}`` and
an imported ``export.json``; a change moves the workshop's ``seq`` (the documents are cached
by it) with a ``workshop.documents`` event to the facilitators."""

import re
import zoneinfo
from datetime import date
from functools import cache
from typing import Annotated

from flask_babel import format_number, get_locale
from flask_babel import gettext as _
from pydantic import Field, ValidationError

from ..core import log
from ..core.note_models import Event
from ..core.visibility import facilitators_only
from ..core.workshop_models import Workshop
from ..errors import AppError
from ..protocol import Broadcast
from ..validation import Payload, Refusal, clean_text, refusals_of, rule

FIELDS = ("held_on", "time_zone", "closing_text")
DEFAULT_TIME_ZONE = "Europe/Helsinki"
MAX_CLOSING_TEXT = 4000
MAX_TIME_ZONE = 64  # the column's length; the longest IANA name is 32
EVENT = Broadcast.WORKSHOP_DOCUMENTS

# The zones the form offers, by the territory whose name labels them: Finland first, then its
# neighbours and the rest of Europe where Finnish organisations meet; any other IANA zone is
# accepted too (from the API or an import) and then offered beside these.
TIME_ZONES = (
    ("Europe/Helsinki", "FI"),
    ("Europe/Mariehamn", "AX"),
    ("Europe/Stockholm", "SE"),
    ("Europe/Tallinn", "EE"),
    ("Europe/Oslo", "NO"),
    ("Europe/Copenhagen", "DK"),
    ("Atlantic/Reykjavik", "IS"),
    ("Europe/Riga", "LV"),
    ("Europe/Vilnius", "LT"),
    ("Europe/Warsaw", "PL"),
    ("Europe/Berlin", "DE"),
    ("Europe/Amsterdam", "NL"),
    ("Europe/Brussels", "BE"),
    ("Europe/Paris", "FR"),
    ("Europe/London", "GB"),
    ("Europe/Dublin", "IE"),
    ("Europe/Madrid", "ES"),
    ("Europe/Lisbon", "PT"),
    ("Europe/Rome", "IT"),
    ("Europe/Athens", "GR"),
    ("UTC", None),
)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_EARLIEST, _LATEST = date(1900, 1, 1), date(2999, 12, 31)


@cache
def _known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _refusal(field: str, message: str, code: str = "invalid_field") -> AppError:
    return AppError(code, message, field=field)


def read_time_zone(value) -> str:
    """An IANA time zone name this server knows (``Europe/Helsinki``), exactly as written."""
    if not isinstance(value, str) or value not in _known_zones():
        raise _refusal("time_zone", _("Choose a time zone from the list."))
    zoneinfo.ZoneInfo(value)  # every known name loads; a broken tzdata fails loudly here
    return value


def read_held_on(value) -> date | None:
    """``YYYY-MM-DD`` (an ``<input type=date>``'s value), or empty or null for none."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise _refusal("held_on", _("That is not a valid date (YYYY-MM-DD)."))
    try:
        held = date.fromisoformat(value)
    except ValueError:
        held = None
    if held is None or not _EARLIEST <= held <= _LATEST:
        raise _refusal("held_on", _("That is not a valid date (YYYY-MM-DD)."))
    return held


def read_closing_text(value) -> str:
    """Several lines of plain text, at most ``MAX_CLOSING_TEXT`` characters (a line break is
    one, as the browser's ``maxlength`` counts it); empty for none."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _refusal("closing_text", _("The closing text must be text."))
    value = value.replace("\r\n", "\n")
    too_long = len(value) > MAX_CLOSING_TEXT
    value = clean_text(value, multiline=True)
    if too_long or len(value) > MAX_CLOSING_TEXT:
        raise _refusal(
            "closing_text",
            _(
                "The closing text is too long (at most %(n)s characters).",
                n=format_number(MAX_CLOSING_TEXT),
            ),
            "too_long",
        )
    return value


READERS = {
    "held_on": read_held_on,
    "time_zone": read_time_zone,
    "closing_text": read_closing_text,
}


def _fact(reader):
    def check(value):
        try:
            return reader(value)
        except AppError as refusal:
            said = refusal.message
            raise Refusal(refusal.code, lambda _field: said) from None

    return rule(check)


def _given(reader):
    """Only a fact sent is read: one left out stays as it was."""
    return Annotated[date | str | None, _fact(reader), Field(validate_default=False)]


class Facts(Payload):
    """``PATCH /api/v1/workshops/{id}``'s body, and the summary preview's form."""

    held_on: _given(read_held_on) = None
    time_zone: _given(read_time_zone) = None
    closing_text: _given(read_closing_text) = None


def read(values) -> tuple[dict, dict[str, AppError]]:
    """The checked facts present in ``values``, or the refusal of each bad one (a form shows
    them all at once)."""
    given = {field: values[field] for field in FIELDS if field in values}
    try:
        sent = Facts.model_validate(given)
    except ValidationError as failure:
        return {}, {refusal.extra["field"]: refusal for refusal in refusals_of(failure)}
    return {field: getattr(sent, field) for field in given}, {}


def public(workshop: Workshop) -> dict:
    """The facts as the workshop document and the event carry them."""
    return {
        "held_on": workshop.held_on.isoformat() if workshop.held_on else None,
        "time_zone": workshop.time_zone,
        "closing_text": workshop.closing_text,
    }


def apply(workshop: Workshop, facts: dict) -> Event | None:
    """Set the checked facts; a change is a ``workshop.documents`` event to the facilitators
    (it moves ``seq``). Facts as they were already: nothing is written, None."""
    changed = {k: v for k, v in facts.items() if getattr(workshop, k) != v}
    if not changed:
        return None
    for field, value in changed.items():
        setattr(workshop, field, value)
    return log.append(workshop.id, EVENT, public(workshop), audience=facilitators_only())


def time_zone_choices(current: str) -> list[dict]:
    """The form's time zones as ``{"value", "label"}``, labelled in the page's language by
    their territory ("Suomi (Europe/Helsinki)"); the workshop's own zone is always among them."""
    territories = get_locale().territories
    choices = []
    for zone, territory in TIME_ZONES:
        place = territories.get(territory) if territory else _("Coordinated Universal Time")
        choices.append({"value": zone, "label": f"{place} ({zone})"})
    if current not in dict(TIME_ZONES) and current in _known_zones():
        choices.insert(1, {"value": current, "label": current})
    return choices
