"""Reading fields out of untrusted JSON: each helper returns a clean value or raises AppError
naming the field, so a handler never acts on half-checked input."""

import re
import unicodedata
import uuid

from flask_babel import gettext as _
from werkzeug.routing import IntegerConverter

from .errors import AppError

# The largest id a database id column holds: every id (and every other integer column) is an
# ``Integer``, 32 bits on PostgreSQL (SQLite's are 64). A larger number cannot name a row, and
# handing it to the driver fails ("integer out of range") instead of finding nothing.
MAX_DATABASE_ID = 2**31 - 1

# Lone surrogates too: a JSON "\uD800" escape can carry one, but no database stores it.
_CONTROL = re.compile(
    r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)


def clean_text(value: str, *, multiline: bool = False) -> str:
    """NFC, no control or direction-override characters (newlines kept only when ``multiline``),
    no surrounding white space."""
    value = unicodedata.normalize("NFC", value)
    if not multiline:
        value = value.replace("\n", " ")
    return _CONTROL.sub("", value).strip()


def _invalid(field: str, message: str) -> AppError:
    return AppError("invalid_field", message, field=field)


def required_str(payload: dict, field: str, *, max_length: int, multiline: bool = False) -> str:
    value = payload.get(field)
    if not isinstance(value, str):
        raise _invalid(field, _("The field %(field)s must be text.", field=field))
    # The limit holds for what was sent (as the OpenAPI document's maxLength says), and for what
    # is kept: cleaning drops control characters, and NFC may lengthen a few.
    too_long = len(value) > max_length
    value = clean_text(value, multiline=multiline)
    if not value and not too_long:
        raise _invalid(field, _("The field %(field)s is required.", field=field))
    if too_long or len(value) > max_length:
        raise AppError(
            "too_long",
            _(
                "The field %(field)s is too long (at most %(n)d characters).",
                field=field,
                n=max_length,
            ),
            field=field,
        )
    return value


def optional_str(payload: dict, field: str, *, max_length: int, default: str = "") -> str:
    if payload.get(field) in (None, ""):
        return default
    return required_str(payload, field, max_length=max_length)


def required_int(payload: dict, field: str) -> int:
    value = payload.get(field)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2**53:
        raise _invalid(
            field, _("The field %(field)s must be a positive whole number.", field=field)
        )
    return value


def database_id(value) -> int:
    """The id a client sent, as a number that can name a row, or 0 (which names none) for
    anything else: not a whole number, not positive, or beyond the id columns' range. Every
    lookup by a client's id goes through this one reader, so an absurd id gets the same "not
    found" as an unknown one."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_DATABASE_ID:
        return 0
    return value


def required_id(payload: dict, field: str) -> int:
    """An id field that must be there: refused unless a positive whole number; one beyond the
    database's range comes back as 0, so the lookup answers "not found"."""
    value = payload.get(field)
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise _invalid(
            field, _("The field %(field)s must be a positive whole number.", field=field)
        )
    return database_id(value)


def optional_id(payload: dict, field: str) -> int | None:
    return None if payload.get(field) is None else required_id(payload, field)


def typed_int(text: str) -> int | None:
    """A whole number typed into a form: None unless plain decimal digits. ``isdigit`` would
    pass a superscript "²" and ``int`` would refuse a 5,000-digit string, both with a crash;
    more than 18 digits is no count or id anyway (and names no row through ``database_id``)."""
    if not text.isdecimal() or len(text) > 18:
        return None
    return int(text)


def optional_int(payload: dict, field: str, default: int | None = None) -> int | None:
    if payload.get(field) is None:
        return default
    return required_int(payload, field)


def flag(payload: dict, field: str, default: bool | None = None) -> bool:
    """A true/false field; ``default`` (if given) stands in for a missing one."""
    value = payload.get(field, default)
    if not isinstance(value, bool):
        raise _invalid(field, _("The field %(field)s must be true or false.", field=field))
    return value


def op_id(payload: dict) -> str:
    value = payload.get("op_id")
    try:
        if not isinstance(value, str):
            raise ValueError
        parsed = uuid.UUID(value)
    except ValueError:
        raise _invalid("op_id", _("op_id must be a UUID.")) from None
    return str(parsed)


def one_of(payload: dict, field: str, choices, default=None):
    value = payload.get(field, default)
    if value not in choices:
        raise _invalid(
            field,
            _(
                "The field %(field)s must be one of: %(choices)s.",
                field=field,
                choices=", ".join(map(str, choices)),
            ),
        )
    return value


class DatabaseIdConverter(IntegerConverter):
    """``<int:...>`` in URLs, bounded by the database. A number too large for an id column
    names no row: it becomes 0 (never an id), so the route answers "not found" like for any
    unknown id, instead of overflowing in the database driver. (Refusing it here would make
    Werkzeug answer 405 for the route's other methods.)"""

    def to_python(self, value: str) -> int:
        return database_id(super().to_python(value))
