"""What the SMS/WhatsApp channel keeps: opt-outs, each Twilio message sent, and delivery reports.

Written only by `intake.channels.sms_store`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from intake.db import utcnow
from intake.models.base import Base, created_at_column


class SmsOptOutEvent(Base):
    """A STOP or START from a phone number, append-only; the latest one says whether we may text it.

    `message_sid` is unique, so Twilio retrying the same STOP (or a late retry after a START) is a no-op.
    """

    __tablename__ = "sms_opt_out_events"
    __table_args__ = (Index("ix_sms_opt_out_events_channel_address", "channel", "address"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(200))
    opted_out: Mapped[bool]
    message_sid: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = created_at_column()


class SmsPart(Base):
    """One Twilio message sent for an outbox row; a reply longer than 1,600 characters has several.

    Recording each part as it goes lets a retried row resume after the parts already sent.
    """

    __tablename__ = "sms_parts"
    __table_args__ = (UniqueConstraint("outbox_id", "part", name="uq_sms_parts_outbox_id_part"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    outbox_id: Mapped[int] = mapped_column(ForeignKey("outbox.id"), index=True)
    part: Mapped[int]
    message_sid: Mapped[str] = mapped_column(String(64), unique=True)
    channel: Mapped[str] = mapped_column(String(20))
    encoding: Mapped[str] = mapped_column(String(10))
    segments: Mapped[int]
    status: Mapped[str] = mapped_column(String(30), default="queued")
    error_code: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = created_at_column()
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class SmsStatusEvent(Base):
    """Every delivery report Twilio sent, once: (MessageSid, MessageStatus) is unique."""

    __tablename__ = "sms_status_events"
    __table_args__ = (UniqueConstraint("message_sid", "status", name="uq_sms_status_events_message_sid_status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    message_sid: Mapped[str] = mapped_column(String(64))
    outbox_id: Mapped[int | None] = mapped_column(ForeignKey("outbox.id"), index=True)
    status: Mapped[str] = mapped_column(String(30))
    error_code: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = created_at_column()
