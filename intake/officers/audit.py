"""Who looked at which case, appended on every view (UK GDPR accountability; policy 18.1 audits)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.models import ApiToken, AuditEntry, Case, Officer


def record_view(
    session: Session, action: str, now: datetime, *, officer_id: int | None = None, token_id: int | None = None,
    case_id: int | None = None, detail: str | None = None,
) -> None:
    session.add(AuditEntry(officer_id=officer_id, token_id=token_id, action=action, case_id=case_id,
                           detail=detail, created_at=now))


@dataclass(frozen=True)
class AuditLine:
    at: datetime
    who: str
    action: str
    reference: str | None
    detail: str | None


def list_audit(session: Session, limit: int = 200, offset: int = 0) -> list[AuditLine]:
    """Newest first, with names and references resolved for a manager to read."""
    rows = session.execute(
        select(AuditEntry, Officer.name, ApiToken.name, Case.reference)
        .outerjoin(Officer, Officer.id == AuditEntry.officer_id)
        .outerjoin(ApiToken, ApiToken.id == AuditEntry.token_id)
        .outerjoin(Case, Case.id == AuditEntry.case_id)
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
        .limit(limit).offset(offset)
    ).all()
    return [AuditLine(entry.created_at, officer or (f"API: {token}" if token else "unknown"), entry.action,
                      reference, entry.detail) for entry, officer, token, reference in rows]
