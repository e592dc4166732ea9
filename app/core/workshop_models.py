from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import utcnow
from ..extensions import db


class Series(db.Model):
    __tablename__ = "series"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("facilitators.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    topic: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(2), default="fi")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The organiser's read-only link to the series' documents; revoked by clearing it.
    share_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)

    workshops: Mapped[list["Workshop"]] = relationship(
        back_populates="series", order_by="Workshop.series_index"
    )


class Workshop(db.Model):
    __tablename__ = "workshops"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("facilitators.id", ondelete="CASCADE"))
    series_id: Mapped[int | None] = mapped_column(ForeignKey("series.id", ondelete="SET NULL"))
    series_index: Mapped[int] = mapped_column(Integer, default=1)
    title: Mapped[str] = mapped_column(String(200))
    template: Mapped[str] = mapped_column(String(100))
    language: Mapped[str] = mapped_column(String(2), default="fi")
    topic: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    status: Mapped[str] = mapped_column(String(10), default="open")
    seq: Mapped[int] = mapped_column(Integer, default=0)
    current_step_id: Mapped[int | None] = mapped_column(Integer)
    # True: every participant's board shows the facilitator's current step ("follow me").
    follow_me: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    # The documents' dates and times are in this IANA zone; ``held_on`` dates a workshop typed
    # up later by the day it was held (None: the days its notes were written).
    time_zone: Mapped[str] = mapped_column(String(64), default="Europe/Helsinki")
    held_on: Mapped[date | None]
    # The facilitator's closing text ("Yhteenveto ja jatko"), last in the summary.
    closing_text: Mapped[str] = mapped_column(Text, default="")

    series: Mapped[Series | None] = relationship(back_populates="workshops")
    steps: Mapped[list["Step"]] = relationship(
        back_populates="workshop",
        order_by="Step.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    owner = relationship("Facilitator")

    @property
    def is_open(self) -> bool:
        return self.status == "open"


class Step(db.Model):
    """One canvas in one workshop. ``definition`` is the canvas rendered in the workshop's
    language when the workshop was created, so later edits to canvas files never change a
    workshop that already ran."""

    __tablename__ = "steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    canvas_id: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(40))
    definition: Mapped[dict] = mapped_column(JSON)
    # Private brainstorming: notes are seen by their author and the facilitators until revealed.
    hidden: Mapped[bool] = mapped_column(default=False)
    locked: Mapped[bool] = mapped_column(default=False)
    # Walls and pre-tasks: open for writing until this moment (UTC), read-only after it.
    open_until: Mapped[datetime | None]
    # {"state": "running"|"paused"|"stopped", "duration", "ends_at"|"remaining"}
    timer: Mapped[dict | None] = mapped_column(JSON)
    # {"open": bool, "round", "votes_per_participant", "max_per_note", "show_tallies"}
    voting: Mapped[dict | None] = mapped_column(JSON)
    participants_may_cluster: Mapped[bool] = mapped_column(default=False)
    vision_text: Mapped[str] = mapped_column(Text, default="")
    vision_version: Mapped[int] = mapped_column(Integer, default=0)
    vision_edited_by: Mapped[str | None] = mapped_column(String(120))
    vision_edited_at: Mapped[datetime | None]
    # Questions the facilitator left out of the documents (still on the board).
    excluded_prompts: Mapped[list] = mapped_column(JSON, default=list)

    workshop: Mapped[Workshop] = relationship(back_populates="steps")

    def prompt_ids(self) -> list[str]:
        return prompt_ids(self.definition)


def prompt_ids(definition: dict) -> list[str]:
    """The ids of a step definition's questions."""
    return [prompt["id"] for prompt in definition["prompts"]]


class Participant(db.Model):
    __tablename__ = "participants"
    __table_args__ = (UniqueConstraint("token_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64))
    name: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    removed: Mapped[bool] = mapped_column(default=False)
    # Where a new participant joined from, to show the facilitator duplicates (one browser or
    # network making many participants): keyed hashes, never the address or id itself
    # (app/workshops/sighting.py). Never sent to participants.
    address_hash: Mapped[str | None] = mapped_column(String(64))
    browser_hash: Mapped[str | None] = mapped_column(String(64))

    def to_public(self) -> dict:
        return {"id": self.id, "name": self.name}


class CoFacilitator(db.Model):
    """Another facilitator the owner has let run the workshop."""

    __tablename__ = "co_facilitators"
    __table_args__ = (UniqueConstraint("workshop_id", "facilitator_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    facilitator_id: Mapped[int] = mapped_column(ForeignKey("facilitators.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Group(db.Model):
    """A small group working on its own copy of one step, with an optional chair."""

    __tablename__ = "groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    step_id: Mapped[int] = mapped_column(ForeignKey("steps.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(80))
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id", ondelete="SET NULL"))
    hidden: Mapped[bool] = mapped_column(default=False)
    timer: Mapped[dict | None] = mapped_column(JSON)


class GroupMember(db.Model):
    __tablename__ = "group_members"
    __table_args__ = (UniqueConstraint("step_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("steps.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))


class StepDone(db.Model):
    """A participant has marked themselves done with a step."""

    __tablename__ = "step_done"
    __table_args__ = (UniqueConstraint("step_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("steps.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
