"""Residents: who reported, how to reach them, and the needs every later message must honour."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from intake.models.base import Base, created_at_column


class Resident(Base):
    """One person on one channel address; anonymous reporters have a row with no name or contact."""

    __tablename__ = "residents"
    __table_args__ = (UniqueConstraint("channel", "address"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    # The channel's own address: an E.164 number, a Telegram chat id, a web chat token.
    address: Mapped[str] = mapped_column(String(200))
    name: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(320))
    postal_address: Mapped[str | None] = mapped_column(String(500))
    anonymous: Mapped[bool] = mapped_column(default=False)
    contact_method: Mapped[str | None] = mapped_column(String(20))
    safe_times: Mapped[str | None] = mapped_column(String(200))
    leave_messages: Mapped[bool | None]
    format: Mapped[str] = mapped_column(String(20), default="standard")
    language: Mapped[str] = mapped_column(String(10), default="en")
    consent_to_share: Mapped[bool | None]
    opted_out: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = created_at_column()
