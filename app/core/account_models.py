from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import utcnow
from ..extensions import db


class Facilitator(db.Model):
    __tablename__ = "facilitators"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Raised at logout, password change and disabling: every session cookie and open socket
    # made before carries the old number and stops working.
    session_epoch: Mapped[int] = mapped_column(default=0)
    # A disabled facilitator cannot log in, use API tokens or keep a socket open.
    disabled_at: Mapped[datetime | None] = mapped_column(default=None)

    tokens: Mapped[list["ApiToken"]] = relationship(
        back_populates="facilitator", cascade="all, delete-orphan"
    )

    @property
    def disabled(self) -> bool:
        return self.disabled_at is not None

    @property
    def display_name(self) -> str:
        return self.name or self.email


class ApiToken(db.Model):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    facilitator_id: Mapped[int] = mapped_column(ForeignKey("facilitators.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    facilitator: Mapped[Facilitator] = relationship(back_populates="tokens")


class SetupToken(db.Model):
    """A one-time link that creates the first facilitator account from the browser."""

    __tablename__ = "setup_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
