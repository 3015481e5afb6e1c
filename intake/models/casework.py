"""What officers record while working a case: owner, contacts, action plan, closure and the survey.

Kept beside `cases` (one `case_work` row per case, created when an officer first acts) so triage's
table stays as triage wrote it; every change is also an append-only `CaseEvent`.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from intake.models.base import Base, created_at_column


class CaseWork(Base):
    __tablename__ = "case_work"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True, autoincrement=False)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), index=True)
    # The first contact that reached the resident: what the first-response timescale is measured by.
    first_response_at: Mapped[datetime | None]
    contact_every_days: Mapped[int | None]
    next_contact_due: Mapped[date | None]
    closed_at: Mapped[datetime | None]
    closure_reason: Mapped[str | None] = mapped_column(String(40))
    closure_explanation: Mapped[str | None] = mapped_column(Text)


class ContactAttempt(Base):
    __tablename__ = "contact_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    method: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at_column()


class ActionItem(Base):
    """One agreed action of the case's action plan (policy 9.13)."""

    __tablename__ = "action_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    action: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200))
    target_date: Mapped[date]
    created_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    created_at: Mapped[datetime] = created_at_column()


class Survey(Base):
    """The satisfaction survey sent on closing (the regulator's TP12 measure) and its answer.

    `status`: `awaiting_rating`, then `awaiting_comment`, then `answered`; the resident's next
    messages on `channel`/`address` are taken as the answers while it is pending.
    """

    __tablename__ = "surveys"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id"), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20))
    rating: Mapped[int | None]
    comment: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime]
    answered_at: Mapped[datetime | None]
