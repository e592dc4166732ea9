"""The payloads of steering the room: steps, timer, voting, themes, moderation, curation, small
groups and "done"."""

from typing import Annotated, Any

from flask_babel import gettext as _
from pydantic import Field, ValidationInfo, field_validator, model_validator

from ..validation import (
    Flag,
    Id,
    LookupId,
    Moment,
    OneOf,
    OpId,
    OptionalCount,
    OptionalId,
    OptionalOpId,
    OptionalText,
    Payload,
    Refusal,
    Text,
    Whole,
    is_whole,
    rule,
)

MAX_GROUPS = 50
MAX_NAME = 80  # a debriefed note keeps its group's name in ``group_label`` (80 characters)
MAX_SECONDS = 4 * 3600
MAX_VOTES = 20
# How many participants one ``participant.remove`` may name (the duplicates of one browser).
MAX_REMOVED_AT_ONCE = 500


def _votes(field: str, upper: int = MAX_VOTES) -> str:
    return _("The field %(field)s must be a whole number from 1 to %(n)d.", field=field, n=upper)


def _theme_ids(value) -> list:
    if not isinstance(value, list) or not all(isinstance(i, int) for i in value):
        raise Refusal("invalid_field", lambda _field: _("theme_ids must be a list of theme ids."))
    return value


def _participant_ids_message(_field: str) -> str:
    return _("participant_ids must be a list of 1–%(n)d participant ids.", n=MAX_REMOVED_AT_ONCE)


def _participant_ids(value) -> list[int] | None:
    if (
        not isinstance(value, list)
        or not 1 <= len(value) <= MAX_REMOVED_AT_ONCE
        or not all(isinstance(i, int) and not isinstance(i, bool) and i > 0 for i in value)
    ):
        raise Refusal("invalid_field", _participant_ids_message)
    return value


class Steer(Payload):
    """A steering action on a step (``step.goto``, ``voting.close``, ``groups.debrief``,
    ``groups.end``)."""

    step_id: LookupId = None
    op_id: OptionalOpId = None


class WorkshopStatus(Payload):
    """``workshop.close``/``reopen``: the workshop as a whole, no step."""

    op_id: OptionalOpId = None


class Nothing(Payload):
    """An event that carries nothing (``participants.duplicates``)."""


# A steering setting is judged before its ``op_id`` (it has always been: the setting is read
# first); hence ``op_id`` last.
class Follow(Payload):
    follow: Flag = None
    op_id: OptionalOpId = None


class StepLock(Payload):
    locked: Flag = None
    step_id: LookupId = None
    op_id: OptionalOpId = None


class StepCluster(Payload):
    allowed: Flag = None
    step_id: LookupId = None
    op_id: OptionalOpId = None


class StepOpenUntil(Payload):
    open_until: Moment = None
    step_id: LookupId = None
    op_id: OptionalOpId = None


class SteerGroup(Steer):
    """Hide/reveal and the timer: a step, or one of its small groups."""

    group_id: LookupId | None = None


class TimerSeconds(SteerGroup):
    """``timer.start`` and ``timer.add``."""

    seconds: Whole(1, MAX_SECONDS, lambda _field: _("Give the time in seconds (1–14400).")) = None


class VotingOpen(Payload):
    votes_per_participant: Whole(1, MAX_VOTES, _votes) = None
    max_per_note: int = 1  # from 1 to votes_per_participant
    show_tallies: Flag = False
    step_id: LookupId = None
    op_id: OptionalOpId = None

    @field_validator("max_per_note", mode="plain")
    @classmethod
    def _within_budget(cls, value, info: ValidationInfo) -> int:
        budget = info.data.get("votes_per_participant")
        if budget is not None and (not is_whole(value) or not 1 <= value <= budget):
            raise Refusal("invalid_field", lambda field: _votes(field, budget))
        return value


class VoteChange(Payload):
    op_id: OpId = None
    note_id: Id = None


class ThemeCreate(Payload):
    title: Text(200) = None
    description: OptionalText(1000) = None
    step_id: LookupId = None
    group_id: LookupId | None = None
    op_id: OpId = None


class ThemeUpdate(Payload):
    """Only the fields sent change."""

    op_id: OptionalOpId = None
    theme_id: Id = None
    title: Text(200) = Field(None, validate_default=False)
    description: OptionalText(1000) = Field(None, validate_default=False)


class ThemeReorder(Payload):
    theme_ids: Annotated[list, rule(_theme_ids)] = None
    step_id: LookupId = None
    op_id: OptionalOpId = None


class ThemeDelete(Payload):
    op_id: OptionalOpId = None
    theme_id: Id = None


class NoteTheme(Payload):
    """``theme_id`` null: out of any theme."""

    op_id: OptionalOpId = None
    note_id: Id = None
    theme_id: OptionalId = None


class ThemesSuggest(Payload):
    """The notes of ``step_id`` (of its question ``prompt_id`` if given)."""

    step_id: LookupId = None
    prompt_id: Text(64) = Field(None, validate_default=False)


class NoteHide(Payload):
    hidden: Flag = None
    note_id: LookupId = None
    op_id: OptionalOpId = None


class NoteMove(Payload):
    """To another question (``prompt_id``) of the note's step, or of ``step_id``."""

    op_id: OptionalOpId = None
    note_id: LookupId = None
    step_id: LookupId = Field(None, validate_default=False)
    prompt_id: Text(64) = None


class NoteMerge(Payload):
    op_id: OptionalOpId = None
    note_id: LookupId = None
    into_note_id: LookupId = None


class NoteExclude(Payload):
    excluded: Flag = None
    note_id: LookupId = None
    op_id: OptionalOpId = None


class PromptExclude(Payload):
    excluded: Flag = None
    op_id: OptionalOpId = None
    step_id: LookupId = None
    prompt_id: Text(64) = None


class ParticipantRemove(Payload):
    """``participant_id``, or ``participant_ids``: a list of 1–500 ids."""

    participant_id: Id = Field(None, validate_default=False)
    participant_ids: Annotated[list[int], rule(_participant_ids)] = Field(
        None, validate_default=False
    )
    op_id: OptionalOpId = None

    @model_validator(mode="before")
    @classmethod
    def _one_or_many(cls, payload: Any):
        """Without ``participant_ids``, ``participant_id`` is required."""
        if isinstance(payload, dict) and "participant_ids" not in payload:
            return {**payload, "participant_id": payload.get("participant_id")}
        return payload


class GroupsCreate(Payload):
    count: Whole(2, MAX_GROUPS, lambda _field: _("Choose 2–%(n)d groups.", n=MAX_GROUPS)) = None
    mode: OneOf(("random", "choose"), lambda _field: _("mode must be random or choose.")) = "random"
    step_id: LookupId = None
    op_id: OptionalOpId = None


class GroupJoin(Payload):
    group_id: LookupId = None
    op_id: OptionalOpId = None


class GroupChair(GroupJoin):
    """``participant_id`` null: the facilitator takes the chair away."""

    participant_id: OptionalCount = None  # a list or a bool is no participant


class GroupRename(Payload):
    name: Text(MAX_NAME) = None
    group_id: LookupId = None
    op_id: OptionalOpId = None


class StepDone(Payload):
    done: Flag = True
    step_id: LookupId = None
    op_id: OptionalOpId = None
