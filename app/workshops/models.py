from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint
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
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]

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

    workshop: Mapped[Workshop] = relationship(back_populates="steps")

    def prompt_ids(self) -> list[str]:
        return [prompt["id"] for prompt in self.definition["prompts"]]


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

    def to_public(self) -> dict:
        return {"id": self.id, "name": self.name}
