"""Conversations and the messages in them, kept in the database so any process can take the next turn."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from intake.db import utcnow
from intake.models.base import Base, created_at_column


class Conversation(Base):
    """One guided report in progress. `answers` holds every answer given, saved after each turn."""

    __tablename__ = "conversations"
    __table_args__ = (Index("ix_conversations_channel_address_status", "channel", "address", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(200))
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"))
    # active | completed | expired | stopped
    status: Mapped[str] = mapped_column(String(20), default="active")
    state: Mapped[str] = mapped_column(String(40))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # States visited, so `back` can return to the previous question.
    history: Mapped[list[str]] = mapped_column(JSON, default=list)
    attempts: Mapped[int] = mapped_column(default=0)
    language: Mapped[str] = mapped_column(String(10), default="en")
    created_at: Mapped[datetime] = created_at_column()
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Message(Base):
    """Every inbound message, verbatim; outbound ones live in the outbox with their delivery state.

    `dedupe_key` is unique per channel: it is what makes a provider's retried webhook a no-op.
    """

    __tablename__ = "messages"
    __table_args__ = (UniqueConstraint("channel", "dedupe_key", name="uq_messages_channel_dedupe_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id"), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(Text)
    dedupe_key: Mapped[str | None] = mapped_column(String(200))
    provider_id: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = created_at_column()
