"""Reading untrusted JSON: the field types every payload model is declared with (socket events
in ``app/payloads.py``, REST bodies, forms) and ``parse``, which reads a payload with its model
or raises the AppError of the first refused field (its ``code``, translated message and
``field``), so a handler never acts on half-checked input.

Each type is one check (a pydantic ``PlainValidator``): nothing is coerced, "5" is no number and
true no 1, as a client has always found."""

import re
import unicodedata
import uuid
from datetime import UTC, datetime
from typing import Annotated

from flask_babel import gettext as _
from pydantic import BaseModel, ConfigDict, PlainValidator, ValidationError
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


def database_id(value) -> int:
    """The id a client sent, as a number that can name a row, or 0 (which names none) for
    anything else: not a whole number, not positive, or beyond the id columns' range. Every
    lookup by a client's id goes through this one reader, so an absurd id gets the same "not
    found" as an unknown one."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_DATABASE_ID:
        return 0
    return value


def typed_int(text: str) -> int | None:
    """A whole number typed into a form: None unless plain decimal digits. ``isdigit`` would
    pass a superscript "²" and ``int`` would refuse a 5,000-digit string, both with a crash;
    more than 18 digits is no count or id anyway (and names no row through ``database_id``)."""
    if not text.isdecimal() or len(text) > 18:
        return None
    return int(text)


class Refusal(ValueError):
    """What a field's validator raises: the code and the message (made from the field's name)
    of the AppError that ``parse`` answers with once it knows which field it was."""

    def __init__(self, code: str, message, field: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.message = message
        self.field = field  # for a rule of the whole payload, which has no field of its own


def _must_be_text(field: str) -> str:
    return _("The field %(field)s must be text.", field=field)


def _must_be_positive(field: str) -> str:
    return _("The field %(field)s must be a positive whole number.", field=field)


def is_whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def rule(check) -> PlainValidator:
    """A field type's one check: ``check(value)`` returns the clean value or raises Refusal.
    Nothing else touches the value: no coercion of "5" to 5, 1.0 to 1 or true to 1."""
    return PlainValidator(check)


def _text(max_length: int, multiline: bool, optional: bool, empty=""):
    def check(value):
        if optional and value in (None, ""):
            return empty
        if not isinstance(value, str):
            raise Refusal("invalid_field", _must_be_text)
        # The limit holds for what was sent (as the OpenAPI document's maxLength says), and for
        # what is kept: cleaning drops control characters, and NFC may lengthen a few.
        too_long = len(value) > max_length
        value = clean_text(value, multiline=multiline)
        if not value and not too_long:
            raise Refusal(
                "invalid_field", lambda field: _("The field %(field)s is required.", field=field)
            )
        if too_long or len(value) > max_length:
            raise Refusal(
                "too_long",
                lambda field: _(
                    "The field %(field)s is too long (at most %(n)d characters).",
                    field=field,
                    n=max_length,
                ),
            )
        return value

    return rule(check)


def Text(max_length: int, *, multiline: bool = False):  # noqa: N802 (a type)
    """Text that must be there: cleaned (``clean_text``), not empty, at most ``max_length``."""
    return Annotated[str, _text(max_length, multiline, optional=False)]


def OptionalText(max_length: int, *, empty: str | None = ""):  # noqa: N802 (a type)
    """Text that may be missing, null or "" (then ``empty``); otherwise as ``Text``."""
    return Annotated[str | None, _text(max_length, False, optional=True, empty=empty)]


def Whole(low: int, high: int | None, message, *, optional: bool = False):  # noqa: N802
    """A whole number from ``low`` to ``high`` (None: no upper bound), refused with
    ``message(field)`` otherwise; ``optional``: null (or missing) is None."""

    def check(value):
        if value is None and optional:
            return None
        if not is_whole(value) or value < low or (high is not None and value > high):
            raise Refusal("invalid_field", message)
        return value

    return Annotated[int | None if optional else int, rule(check)]


def _id(value) -> int:
    if not is_whole(value) or value <= 0:
        raise Refusal("invalid_field", _must_be_positive)
    return database_id(value)


def _optional_id(value) -> int | None:
    return None if value is None else _id(value)


def _positive(value) -> int:
    if not is_whole(value) or not 0 < value < 2**53:
        raise Refusal("invalid_field", _must_be_positive)
    return value


def _optional_positive(value) -> int | None:
    return None if value is None else _positive(value)


def _flag(value) -> bool:
    if not isinstance(value, bool):
        raise Refusal(
            "invalid_field",
            lambda field: _("The field %(field)s must be true or false.", field=field),
        )
    return value


# A UUID as browsers write it (``crypto.randomUUID``) is already canonical: a regular expression
# says so in a tenth of the time ``uuid.UUID`` takes (twice per note: note.add is the hot path).
_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _op_id(value) -> str:
    try:
        if not isinstance(value, str):
            raise ValueError
        if _CANONICAL_UUID.fullmatch(value):
            return value
        return str(uuid.UUID(value))
    except ValueError:
        raise Refusal("invalid_field", lambda _field: _("op_id must be a UUID.")) from None


def _optional_op_id(value) -> str | None:
    return None if value is None else _op_id(value)


def _moment(value) -> datetime | None:
    if value is None:
        return None
    try:
        if not isinstance(value, str) or len(value) > 40:
            raise ValueError
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise Refusal(
            "invalid_field", lambda _field: _("Give the time as an ISO 8601 date and time.")
        ) from None
    if moment.tzinfo is not None:  # stored as naive UTC, like every timestamp
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


# The field types of every payload (socket events and REST bodies). A required field is
# declared with the default None too: the type refuses it with the message it has for any
# other wrong value, as a client always got.
Id = Annotated[int, rule(_id)]
"""A positive whole number naming a row; one beyond the database's range is 0 ("not found")."""
OptionalId = Annotated[int | None, rule(_optional_id)]
LookupId = Annotated[int, rule(database_id)]
"""An id only looked up: anything but a whole number in range is 0, answered "not found"."""
Count = Annotated[int, rule(_positive)]
"""A positive whole number (below 2**53, what JavaScript counts exactly)."""
OptionalCount = Annotated[int | None, rule(_optional_positive)]
Flag = Annotated[bool, rule(_flag)]
OpId = Annotated[str, rule(_op_id)]
"""A UUID, as the client made it for one change; in its canonical form."""
OptionalOpId = Annotated[str | None, rule(_optional_op_id)]
Moment = Annotated[datetime | None, rule(_moment)]
"""An ISO 8601 date and time (or null), as naive UTC."""


def OneOf(choices, message):  # noqa: N802 (a type)
    def check(value):
        if value not in choices:
            raise Refusal("invalid_field", message)
        return value

    return Annotated[str, rule(check)]


class Payload(BaseModel):
    """A socket payload or REST body: fields the model does not know are ignored, and every
    field's type also judges a missing one (``validate_default``)."""

    model_config = ConfigDict(validate_default=True, frozen=True)


def parse(model: type[BaseModel], payload):
    """``payload`` read by ``model``, or the AppError of the first field it refuses (in the
    model's order), naming the field."""
    try:
        return model.model_validate(payload)
    except ValidationError as failure:
        raise refusal_of(failure) from None


def refusal_of(failure: ValidationError) -> AppError:
    return refusals_of(failure)[0]


def refusals_of(failure: ValidationError) -> list[AppError]:
    """The AppError of each refused field, in the model's order (a form shows them all)."""
    refusals = []
    for each in failure.errors(include_url=False):
        field = ".".join(str(part) for part in each["loc"])
        error = each.get("ctx", {}).get("error")
        if isinstance(error, Refusal):
            field = error.field or field
            refusals.append(AppError(error.code, error.message(field), field=field))
        elif not each["loc"]:
            refusals.append(AppError("invalid_payload", _("The message must be a JSON object.")))
        else:
            raise failure  # a field without a rule: a bug in a model, not the client's
    return refusals


class DatabaseIdConverter(IntegerConverter):
    """``<int:...>`` in URLs, bounded by the database. A number too large for an id column
    names no row: it becomes 0 (never an id), so the route answers "not found" like for any
    unknown id, instead of overflowing in the database driver. (Refusing it here would make
    Werkzeug answer 405 for the route's other methods.)"""

    def to_python(self, value: str) -> int:
        return database_id(super().to_python(value))
