"""Reports, the cases triage opens from them, and each case's append-only history."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from intake.models.base import Base, created_at_column


class Report(Base):
    """What a resident told us, verbatim. `incomplete` reports come from conversations left unfinished."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id"))
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"))
    status: Mapped[str] = mapped_column(String(20))  # submitted | incomplete
    description: Mapped[str | None] = mapped_column(Text)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = created_at_column()


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (Index("ix_cases_status_due_date", "status", "due_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"))
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"))
    channel: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    types: Mapped[list[str]] = mapped_column(JSON)
    primary_type: Mapped[str] = mapped_column(String(40))
    category: Mapped[str] = mapped_column(String(10))
    act_group: Mapped[str] = mapped_column(String(20))
    risk_score: Mapped[int]
    risk_level: Mapped[str] = mapped_column(String(10))
    danger_now: Mapped[bool] = mapped_column(default=False)
    safeguarding: Mapped[bool] = mapped_column(default=False)
    hate: Mapped[bool] = mapped_column(default=False)
    anonymous: Mapped[bool] = mapped_column(default=False)
    postcode: Mapped[str | None] = mapped_column(String(10))
    reported_at: Mapped[datetime]
    due_date: Mapped[date]
    first_contact_due: Mapped[date]
    created_at: Mapped[datetime] = created_at_column()


class CaseEvent(Base):
    """Append-only history of a case: never updated, never deleted."""

    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(200))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = created_at_column()


class ReferenceCounter(Base):
    """Per-year case numbers, incremented under the row lock so concurrent processes never collide."""

    __tablename__ = "reference_counters"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(default=0)


class TypeCorrection(Base):
    """A resident's or officer's correction of the NLU's proposal, kept as training data."""

    __tablename__ = "type_corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    text: Mapped[str] = mapped_column(Text)
    proposed: Mapped[list[str]] = mapped_column(JSON)
    corrected: Mapped[list[str]] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(String(20))  # resident | officer
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at_column()
