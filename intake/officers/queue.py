"""The officers' queue: open cases with their urgency, deadline and owner, filtered and in priority order.

Filtering on facts stored as columns happens in SQL; ordering, time left and the area (derived from
the postcode) are computed by the pure functions in intake/triage/urgency.py, shared with the API.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from intake.enums import CaseStatus
from intake.models import Case, CaseWork, Officer
from intake.policy import Policy
from intake.triage.deadlines import local_date
from intake.triage.urgency import (
    CaseFacts, FirstResponse, TimeLeft, deadline, first_response, postcode_district, time_left, urgency_key,
)

OPEN_STATUSES = (CaseStatus.NEW, CaseStatus.ASSIGNED, CaseStatus.IN_PROGRESS)
FILTER_KEYS = ("status", "category", "type", "risk", "owner", "area")


@dataclass(frozen=True)
class Filters:
    """What the officer asked for; empty strings mean "any". `status` "open" is the default view."""

    status: str = "open"
    category: str = ""
    type: str = ""
    risk: str = ""
    owner: str = ""  # "", "mine", "unassigned" or an officer id
    area: str = ""

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> Filters:
        values = {key: (args.get(key) or "").strip()[:40] for key in FILTER_KEYS}
        values["status"] = values["status"] or "open"
        return cls(**values)

    def active(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v and not (k == "status" and v == "open")}


@dataclass(frozen=True)
class QueueRow:
    case_id: int
    reference: str
    status: str
    types: tuple[str, ...]
    type_labels: tuple[str, ...]
    category: str
    risk_level: str
    danger_now: bool
    safeguarding: bool
    hate: bool
    area: str | None
    reported_at: datetime
    age: str
    deadline: date | None
    deadline_kind: str
    time_left: TimeLeft | None
    first_response: FirstResponse
    owner_id: int | None
    owner_name: str | None
    facts: CaseFacts


@dataclass(frozen=True)
class Counts:
    new: int
    due_today: int
    overdue: int


def list_queue(session: Session, policy: Policy, filters: Filters, officer_id: int | None, now: datetime) -> list[QueueRow]:
    """Cases matching `filters`, most urgent first."""
    rows = [_row(policy, case, work, owner, now)
            for case, work, owner in session.execute(_query(filters, officer_id)).all()]
    rows = [r for r in rows if (not filters.type or filters.type in r.types)
            and (not filters.area or (r.area or "") == filters.area.upper().replace(" ", ""))]
    return sorted(rows, key=lambda r: urgency_key(r.facts))


def count_open(rows: list[QueueRow]) -> Counts:
    open_rows = [r for r in rows if r.status in OPEN_STATUSES]
    return Counts(
        new=sum(1 for r in open_rows if r.status == CaseStatus.NEW),
        due_today=sum(1 for r in open_rows if r.time_left is not None and r.time_left.due_today),
        overdue=sum(1 for r in open_rows if r.time_left is not None and r.time_left.overdue),
    )


def areas(session: Session) -> list[str]:
    postcodes = session.scalars(select(Case.postcode).where(Case.status.in_(OPEN_STATUSES)).distinct()).all()
    return sorted({d for d in (postcode_district(p) for p in postcodes) if d})


def _query(filters: Filters, officer_id: int | None) -> Select:
    query = (select(Case, CaseWork, Officer)
             .outerjoin(CaseWork, CaseWork.case_id == Case.id)
             .outerjoin(Officer, Officer.id == CaseWork.owner_id))
    if filters.status == "open":
        query = query.where(Case.status.in_(OPEN_STATUSES))
    elif filters.status != "all":
        query = query.where(Case.status == filters.status)
    if filters.category:
        query = query.where(Case.category == filters.category)
    if filters.risk:
        query = query.where(Case.risk_level == filters.risk)
    if filters.owner == "mine":
        query = query.where(CaseWork.owner_id == (officer_id or -1))
    elif filters.owner == "unassigned":
        query = query.where(CaseWork.owner_id.is_(None))
    elif filters.owner.isdigit():
        query = query.where(CaseWork.owner_id == int(filters.owner))
    return query


def facts_of(case: Case, work: CaseWork | None) -> CaseFacts:
    return CaseFacts(
        danger_now=case.danger_now, safeguarding=case.safeguarding, category=case.category,
        risk_level=case.risk_level, due_date=case.due_date, reported_at=case.reported_at,
        first_response_at=work.first_response_at if work else None,
        next_contact_due=work.next_contact_due if work else None,
    )


def _row(policy: Policy, case: Case, work: CaseWork | None, owner: Officer | None, now: datetime) -> QueueRow:
    facts = facts_of(case, work)
    due = deadline(facts)
    is_open = case.status in OPEN_STATUSES
    return QueueRow(
        case_id=case.id, reference=case.reference, status=case.status, types=tuple(case.types),
        type_labels=tuple(policy.types[t].label if t in policy.types else t for t in case.types),
        category=case.category, risk_level=case.risk_level, danger_now=case.danger_now,
        safeguarding=case.safeguarding, hate=case.hate, area=postcode_district(case.postcode),
        reported_at=case.reported_at, age=describe_age(case.reported_at, now), deadline=due,
        deadline_kind="Response due" if facts.first_response_at is None else "Next contact due",
        time_left=time_left(due, now, policy.landlord) if due and is_open else None,
        first_response=first_response(case.first_contact_due, facts.first_response_at, now, policy.landlord),
        owner_id=owner.id if owner else None, owner_name=owner.name if owner else None, facts=facts,
    )


def describe_age(reported_at: datetime, now: datetime) -> str:
    hours = int((now - reported_at).total_seconds() // 3600)
    if hours < 1:
        return "under an hour"
    if hours < 48:
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{hours // 24} days"


def today(policy: Policy, now: datetime) -> date:
    return local_date(now, policy.landlord)
