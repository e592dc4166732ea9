"""The models of an ``export.json``: every type, every reference and every canvas, checked
before anything is written. A refusal names the first bad place (``notes[3].step_id``); the
import then writes nothing.

References between the collections (a note's ``step_id``, a vote's ``note_id``) are checked
against the ids read before them: ``transfer_read`` passes them in the validation context
(``known``), each collection's ids added as it is read."""

import uuid
from datetime import datetime
from typing import Annotated, Any

from flask_babel import gettext as _
from pydantic import (
    BaseModel,
    ConfigDict,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from ..canvases import KINDS, LANGUAGES
from ..canvases.schema import FIELD_TYPES, NOTE_TYPES, PROMPT_SECTION_IDS
from ..errors import AppError
from ..facilitation.payloads import MAX_VOTES
from ..validation import MAX_DATABASE_ID, Refusal, is_whole, rule
from ..workshops import document_facts as facts
from ..workshops.document import FORMAT, FORMAT_VERSION

TEXT = 200
LONG_TEXT = 20_000
_MISSING = object()  # the default of a field that must not be there in some cases


def invalid(path: str) -> AppError:
    return AppError(
        "invalid_import", _("The import file is not valid at %(field)s.", field=path), field=path
    )


def path_of(prefix: str, loc) -> str:
    """``notes[3].step_id`` from a validation error's location under ``prefix``."""
    path = prefix
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else part)
    return path


def read(model: type[BaseModel], value, at: str, known: dict) -> BaseModel:
    """``value`` read by ``model`` (at ``at`` in the file), or the refusal of its first bad
    place: ``invalid_import`` naming it, or the Refusal a field gave (``unknown_canvas``).
    ``known``: the ids read so far, by kind (see ``Ident`` and ``Ref``)."""
    try:
        return model.model_validate(value, context=known)
    except ValidationError as failure:
        first = failure.errors(include_url=False)[0]
        loc = first["loc"]
        if first["type"] == "extra_forbidden" and not (loc and len(str(loc[-1])) <= 40):
            loc = loc[:-1]  # an absurd key is not repeated in the answer
        error = first.get("ctx", {}).get("error")
        if isinstance(error, Refusal) and error.field:  # a place inside the field
            loc = (*loc[:-1], error.field)
        path = path_of(at, loc)
        if isinstance(error, Refusal) and error.code != "invalid_import":
            raise AppError(error.code, error.message(path), field=path) from None
        raise invalid(path) from None


def _no() -> Refusal:
    return Refusal("invalid_import", invalid)


def Str(limit: int = TEXT, *, null: bool = False, empty: bool = True):  # noqa: N802 (a type)
    """Text of at most ``limit`` characters, as written; ``empty`` False: not blank."""

    def check(value):
        if value is None and null:
            return None
        if not isinstance(value, str) or len(value) > limit or (not empty and not value.strip()):
            raise _no()
        return value

    return Annotated[str | None if null else str, rule(check)]


def Number(low: int = 0, high: int = MAX_DATABASE_ID, *, null: bool = False):  # noqa: N802
    """A whole number from ``low`` to ``high``; by default one that fits the database's
    integer columns (a larger one would fail in the driver instead of being refused here)."""

    def check(value):
        return None if value is None and null else read_number(value, low, high)

    return Annotated[int | None if null else int, rule(check)]


def read_number(value, low: int = 0, high: int = MAX_DATABASE_ID) -> int:
    if not is_whole(value) or not low <= value <= high:
        raise _no()
    return value


def _flag(value) -> bool:
    if not isinstance(value, bool):
        raise _no()
    return value


def moment(value, *, null: bool = False) -> datetime | None:
    if value is None and null:
        return None
    try:
        if not isinstance(value, str) or len(value) > 40:
            raise ValueError
        parsed = datetime.fromisoformat(value.removesuffix("Z"))
    except ValueError:
        raise _no() from None
    if parsed.tzinfo is not None:
        raise _no()
    return parsed


def Choice(choices):  # noqa: N802 (a type)
    def check(value):
        if isinstance(value, list | dict) or value not in choices:
            raise _no()
        return value

    return Annotated[Any, rule(check)]


def _op_id(value) -> str:
    try:
        if not isinstance(value, str) or len(value) > 36:
            raise ValueError
        return str(uuid.UUID(value))
    except ValueError:
        raise _no() from None


def Ident(kind: str):  # noqa: N802 (a type)
    """A record's own id: a positive whole number, once among the ``kind``."""

    def check(value, info: ValidationInfo):
        seen = info.context.setdefault(f"seen_{kind}", set())
        if not is_whole(value) or not 1 <= value <= MAX_DATABASE_ID or value in seen:
            raise _no()
        seen.add(value)
        return value

    return Annotated[int, rule(check)]


def Ref(kind: str, *, null: bool = False):  # noqa: N802 (a type)
    """The id of a ``kind`` read before (``known[kind]``); ``null``: or null."""

    def check(value, info: ValidationInfo):
        if value is None and null:
            return None
        if not is_whole(value) or value not in info.context[kind]:
            raise _no()
        return value

    return Annotated[int | None if null else int, rule(check)]


Flag = Annotated[bool, rule(_flag)]
Moment = Annotated[datetime, rule(moment)]
NullMoment = Annotated[datetime | None, rule(lambda value: moment(value, null=True))]
OpId = Annotated[str, rule(_op_id)]


class Record(BaseModel):
    """A part of the file: each field's type judges a missing one too; unknown keys are
    ignored, except where a model forbids them."""

    model_config = ConfigDict(validate_default=True)


class Timer(Record):
    """A timer as ``facilitation.timer`` keeps it: running until ``ends_at``, or paused with
    ``remaining`` seconds. Anything else would break the timer controls of the imported step."""

    model_config = ConfigDict(extra="forbid")
    state: Choice(("running", "paused")) = None
    duration: Number() = None
    ends_at: Any = _MISSING
    remaining: Any = _MISSING

    @field_validator("ends_at", "remaining", mode="plain")
    @classmethod
    def _as_the_state_says(cls, value, info: ValidationInfo):
        wanted = "ends_at" if info.data.get("state") == "running" else "remaining"
        if info.field_name != wanted:
            if value is not _MISSING:
                raise _no()  # the other state's field
            return None
        return moment(value) if wanted == "ends_at" else read_number(value)

    def kept(self) -> dict:
        if self.state == "running":
            return {"state": "running", "duration": self.duration, "ends_at": self._end()}
        return {"state": "paused", "duration": self.duration, "remaining": self.remaining}

    def _end(self) -> str:
        return self.ends_at.isoformat() + "Z"


class Voting(Record):
    """A voting round as ``facilitation.voting`` keeps it, with the same limits."""

    model_config = ConfigDict(extra="forbid")
    votes_per_participant: Number(1, MAX_VOTES) = None  # (read first: max_per_note needs it)
    open: Flag = None
    round: Number(1) = None
    max_per_note: Any = None
    show_tallies: Flag = None

    @field_validator("max_per_note", mode="plain")
    @classmethod
    def _within_budget(cls, value, info: ValidationInfo):
        return read_number(value, 1, info.data.get("votes_per_participant", MAX_VOTES))


class Series(Record):
    title: Str(empty=False) = None
    topic: Str() = None
    organisation: Str() = None


def _fact(field: str):
    """A fact of the workshop's documents, checked as the summary preview's form checks it."""

    def check(value):
        try:
            return facts.READERS[field](value)
        except AppError:
            raise _no() from None

    return rule(check)


class Workshop(Record):
    title: Str(empty=False) = None
    template: Str(100) = None
    index: Number(1) = None
    language: Choice(LANGUAGES) = None
    topic: Str() = None
    organisation: Str() = None
    status: Choice(("open", "closed")) = None
    current_step_id: Number(null=True) = None
    follow_me: Flag = None
    created_at: Moment = None
    closed_at: NullMoment = None
    # The facts of an export made before they existed: as a new workshop has them.
    held_on: Annotated[Any, _fact("held_on")] = None
    time_zone: Annotated[str, _fact("time_zone")] = facts.DEFAULT_TIME_ZONE
    closing_text: Annotated[str, _fact("closing_text")] = ""


class CardChoice(Record):
    id: Str(64) = None
    label: Str() = None


class NoteField(Record):
    id: Str(64, empty=False) = None
    label: Str() = None
    type: Choice(FIELD_TYPES) = None
    required: Flag = None
    max_length: Number(1) = None
    choices: list[CardChoice] | None = None  # only for a ``choice`` field

    @field_validator("choices", mode="wrap")
    @classmethod
    def _of_a_choice_field(cls, value, handler, info: ValidationInfo):
        return handler(value) if info.data.get("type") == "choice" else None

    def kept(self) -> dict:
        return self.model_dump(exclude=None if self.type == "choice" else {"choices"})


class Prompt(Record):
    id: Str(64, empty=False) = None
    title: Str(500) = None
    help: Str(2000) = None
    optional: Flag = None
    section: Choice(PROMPT_SECTION_IDS) = None
    section_label: Str(500) = None


class Rating(Record):
    min: Number() = None
    max: Number() = None

    @model_validator(mode="after")
    def _a_range(self):
        if self.max <= self.min or self.max - self.min > 100:
            raise _no()
        return self


class NoteKind(Record):
    type: Choice(NOTE_TYPES) = None
    fields: list[NoteField] = None


def _canvas(value, info: ValidationInfo) -> str:
    canvas = read_text(value, 100)
    if info.context["library"].canvas(canvas) is None:
        raise Refusal(
            "unknown_canvas",
            lambda _field: _(
                "The file uses a canvas this server does not have: %(id)s.", id=canvas
            ),
        )
    return canvas


def read_text(value, limit: int = TEXT) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise _no()
    return value


class Definition(Record):
    """A step's canvas as the workshop had it (``Step.definition``)."""

    canvas: Annotated[str, rule(_canvas)] = None
    note: NoteKind = None
    kind: Choice(KINDS) = None
    title: Str(500) = None
    instructions: Str(4000) = None
    hint: Str(4000) = None
    prompts: list[Prompt] = None
    vision_statement: Flag = None
    themes: Flag = None
    rating: Rating | None = None
    open_until: Flag = None
    groups: Flag = None

    def kept(self) -> dict:
        kept = self.model_dump()
        kept["note"] = {"type": self.note.type, "fields": [f.kept() for f in self.note.fields]}
        return kept


class Vision(Record):
    text: Str(LONG_TEXT) = None
    version: Number() = None
    edited_by: Str(120, null=True) = None
    edited_at: NullMoment = None


class StepState(Record):
    hidden: Flag = None
    locked: Flag = None
    open_until: NullMoment = None
    timer: Timer | None = None
    voting: Voting | None = None
    participants_may_cluster: Flag = None


class StepId(Record):
    id: Ident("steps") = None


class StepRest(Record):
    """A step's state and place, after its definition (the step's own fields ``canvas``,
    ``kind``…, read by ``Definition``)."""

    state: StepState = None
    vision: Vision | None = None
    position: Number() = None


def step(raw, at: str, known: dict) -> tuple[int, dict]:
    """The id of the step at ``at`` and the step as the import writes it."""
    step_id = read(StepId, raw, at, known).id
    definition = read(Definition, raw, at, known)
    ids = [p.id for p in definition.prompts]
    if len(set(ids)) != len(ids):
        raise invalid(f"{at}.prompts")
    if definition.note.type == "rating" and definition.rating is None:
        raise invalid(f"{at}.rating")
    rest = read(StepRest, raw, at, known)
    state = rest.state
    return step_id, {
        "position": rest.position,
        "definition": definition.kept(),
        "hidden": state.hidden,
        "locked": state.locked,
        "open_until": state.open_until,
        "timer": state.timer.kept() if state.timer else None,
        "voting": state.voting.model_dump() if state.voting else None,
        "participants_may_cluster": state.participants_may_cluster,
        "vision": rest.vision.model_dump() if rest.vision else None,
        "excluded_prompts": _excluded(raw, at, ids),
    }


def _excluded(raw: dict, at: str, ids: list[str]) -> list[str]:
    """The step's questions left out of the documents: each one of its own, once."""
    value = raw.get("excluded_prompts", [])
    if not isinstance(value, list):
        raise invalid(f"{at}.excluded_prompts")
    excluded: list[str] = []
    for j, prompt_id in enumerate(value):
        if (isinstance(prompt_id, str) and prompt_id in excluded) or prompt_id not in ids:
            raise invalid(f"{at}.excluded_prompts[{j}]")
        excluded.append(prompt_id)
    return excluded


def header(doc) -> None:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise AppError("unknown_format", _("The file is not a Pajapohja workshop export."))
    if doc.get("version") != FORMAT_VERSION:
        raise AppError("unknown_version", _("This export version is not supported."))
