"""Documents a resident receives in an alternative format, and codes to resume a web chat.

A document keeps the words, not the file: the large-print PDF, the audio or the printed letter is
made from them when it is fetched, so nothing sensitive sits on disk and a file is never stale.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from intake.models.base import Base, created_at_column


class Document(Base):
    """One message in one format. Residents reach it only by its private link's token (kept hashed)."""

    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_to_post_posted_at", "to_post", "posted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # sha256 of the link's token; None for letters, which only officers open.
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    format: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(30))
    language: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    recipient_name: Mapped[str | None] = mapped_column(String(200))
    postal_address: Mapped[str | None] = mapped_column(String(500))
    expires_at: Mapped[datetime | None]
    # Letters to post: officers print them and mark them posted.
    to_post: Mapped[bool] = mapped_column(default=False)
    posted_at: Mapped[datetime | None]
    posted_by: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = created_at_column()


class ResumeCode(Base):
    """A short code that, with the case reference, brings a web chat back after a quick exit.

    Only a salted scrypt hash is kept; failed tries lock the reference for a while (rate limiting
    that works across processes because it lives in the database).
    """

    __tablename__ = "resume_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"), index=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    salt: Mapped[str] = mapped_column(String(32))
    code_hash: Mapped[str] = mapped_column(String(128))
    failed_attempts: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    created_at: Mapped[datetime] = created_at_column()
