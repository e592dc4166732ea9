from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import utcnow
from ..extensions import db


class Note(db.Model):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    step_id: Mapped[int] = mapped_column(ForeignKey("steps.id", ondelete="CASCADE"), index=True)
    prompt_id: Mapped[str] = mapped_column(String(64))
    op_id: Mapped[str] = mapped_column(String(36))
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), index=True
    )
    facilitator_id: Mapped[int | None] = mapped_column(
        ForeignKey("facilitators.id", ondelete="SET NULL")
    )
    author_name: Mapped[str | None] = mapped_column(String(120))
    text: Mapped[str] = mapped_column(Text, default="")
    fields: Mapped[dict] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1)
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id", ondelete="SET NULL"))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    # Set on notes brought from a small group into the plenary: the group's name.
    group_label: Mapped[str | None] = mapped_column(String(80))
    # Hidden by a facilitator (moderation): seen by facilitators only.
    moderated: Mapped[bool] = mapped_column(default=False)
    # Left out of the documents by a facilitator (a test note, a duplicate); still on the board.
    excluded: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    def to_public(self) -> dict:
        return note_public(self)


def note_public(note) -> dict:
    """A note as clients see it; ``note`` is a Note or a row of the notes table."""
    return {
        "id": note.id,
        "op_id": note.op_id,
        "step_id": note.step_id,
        "prompt_id": note.prompt_id,
        "text": note.text,
        "fields": note.fields or {},
        "participant_id": note.participant_id,
        "facilitator_id": note.facilitator_id,
        "author_name": note.author_name,
        "version": note.version,
        "theme_id": note.theme_id,
        "group_id": note.group_id,
        "group_label": note.group_label,
        "moderated": note.moderated,
        "excluded": note.excluded,
        "created_at": note.created_at.isoformat() + "Z",
        "updated_at": note.updated_at.isoformat() + "Z",
    }


class Theme(db.Model):
    """A named cluster of notes on one step (or in one small group's copy of it)."""

    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    step_id: Mapped[int] = mapped_column(ForeignKey("steps.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def to_public(self) -> dict:
        return {
            "id": self.id,
            "step_id": self.step_id,
            "group_id": self.group_id,
            "title": self.title,
            "description": self.description,
            "position": self.position,
        }


class Vote(db.Model):
    """One dot of a participant's vote budget, on one note, in one voting round."""

    __tablename__ = "votes"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    step_id: Mapped[int] = mapped_column(ForeignKey("steps.id", ondelete="CASCADE"), index=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    round: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Event(db.Model):
    """The per-workshop change log. ``seq`` is assigned in the same transaction as the change
    it records, so the log has no gaps and no repeats. ``audience`` is null for events everyone
    in the workshop may see; otherwise it names who may (``core.visibility.visible_to``)."""

    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("workshop_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict] = mapped_column(JSON)
    audience: Mapped[dict | None] = mapped_column(JSON)
    note_id: Mapped[int | None] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Operation(db.Model):
    """A client's change, remembered by its ``op_id`` so that a resend returns the original
    result and creates nothing."""

    __tablename__ = "operations"
    __table_args__ = (UniqueConstraint("workshop_id", "op_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    op_id: Mapped[str] = mapped_column(String(36))
    actor: Mapped[str] = mapped_column(String(40))
    result: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
