"""Everything the case page shows, read in one transaction: the report, the resident, the whole conversation,
evidence, history, related cases and whether the Case Review threshold is reached."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from intake.models import (
    ActionItem, Case, CaseEvent, CaseWork, ContactAttempt, Conversation, Evidence, Message, Officer, OutboxMessage,
    Report, Resident, Survey,
)
from intake.policy import Policy

NOT_A_PERSON = {"", "skip", "unknown", "don't know", "dont know", "no", "none", "not sure"}


@dataclass(frozen=True)
class Line:
    at: datetime
    direction: str  # resident | service
    channel: str
    text: str
    kind: str
    status: str | None = None


@dataclass(frozen=True)
class RamAnswer:
    text: str
    score: int
    answer: bool | None


@dataclass(frozen=True)
class ReportCount:
    count: int
    threshold: int
    months: int

    @property
    def reached(self) -> bool:
        return self.count >= self.threshold


@dataclass
class CaseRecord:
    case: Case
    work: CaseWork | None
    report: Report | None
    resident: Resident | None
    owner: Officer | None
    conversation: list[Line]
    ram: list[RamAnswer]
    evidence: list[Evidence]
    events: list[CaseEvent]
    contacts: list[ContactAttempt]
    actions: list[ActionItem]
    surveys: list[Survey]
    same_address: list[Case]
    same_person: list[Case]
    same_resident: list[Case]
    report_count: ReportCount
    officers: list[Officer]
    officer_names: dict[str, str]

    @property
    def answers(self) -> dict[str, Any]:
        return self.report.answers if self.report else {}


def months_before(moment: datetime, months: int) -> datetime:
    month_index = moment.month - 1 - months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def load_record(session: Session, policy: Policy, case: Case, now: datetime) -> CaseRecord:
    work = session.get(CaseWork, case.id)
    report = session.get(Report, case.report_id)
    resident = session.get(Resident, case.resident_id) if case.resident_id else None
    officers = list(session.scalars(select(Officer).where(Officer.active.is_(True)).order_by(Officer.name)))
    names = {f"officer:{o.id}": o.name for o in session.scalars(select(Officer))}
    return CaseRecord(
        case=case, work=work, report=report, resident=resident,
        owner=session.get(Officer, work.owner_id) if work and work.owner_id else None,
        conversation=conversation_lines(session, case, resident),
        ram=[RamAnswer(q.text, q.score, (report.answers if report else {}).get(f"risk.{q.id}"))
             for q in policy.risk_questions],
        evidence=list(session.scalars(select(Evidence).where(Evidence.case_id == case.id).order_by(Evidence.id))),
        events=list(session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)
                                    .order_by(CaseEvent.created_at, CaseEvent.id))),
        contacts=list(session.scalars(select(ContactAttempt).where(ContactAttempt.case_id == case.id)
                                      .order_by(ContactAttempt.created_at))),
        actions=list(session.scalars(select(ActionItem).where(ActionItem.case_id == case.id)
                                     .order_by(ActionItem.target_date, ActionItem.id))),
        surveys=list(session.scalars(select(Survey).where(Survey.case_id == case.id).order_by(Survey.id))),
        same_address=same_address(session, case, report),
        same_person=same_person(session, case, report),
        same_resident=list(session.scalars(select(Case).where(
            Case.resident_id == case.resident_id, Case.id != case.id).order_by(Case.reported_at.desc()).limit(20)))
        if case.resident_id else [],
        report_count=reports_made(session, policy, case.resident_id, now),
        officers=officers, officer_names=names,
    )


def conversation_lines(session: Session, case: Case, resident: Resident | None) -> list[Line]:
    """The resident's messages and ours, across every conversation they had with us, in order."""
    if resident is None:
        return []
    ids = select(Conversation.id).where(or_(
        Conversation.resident_id == resident.id,
        (Conversation.channel == resident.channel) & (Conversation.address == resident.address)))
    inbound = session.scalars(select(Message).where(Message.conversation_id.in_(ids))).all()
    outbound = session.scalars(select(OutboxMessage).where(or_(
        OutboxMessage.conversation_id.in_(ids), OutboxMessage.case_id == case.id))).all()
    lines = [(m.created_at, 0, m.id, Line(m.created_at, "resident", m.channel, m.body, "message")) for m in inbound]
    lines += [(m.created_at, 1, m.id, Line(m.created_at, "service", m.channel, m.body, m.kind, m.status))
              for m in outbound]
    return [line for *_, line in sorted(lines, key=lambda item: item[:3])]


def same_address(session: Session, case: Case, report: Report | None) -> list[Case]:
    location = ((report.answers if report else {}).get("location") or "").strip().lower()
    conditions = []
    if case.postcode:
        conditions.append(func.upper(func.replace(Case.postcode, " ", "")) == case.postcode.replace(" ", "").upper())
    if location:
        conditions.append(func.lower(func.trim(Report.answers["location"].as_string())) == location)
    if not conditions:
        return []
    return list(session.scalars(select(Case).join(Report, Report.id == Case.report_id)
                                .where(Case.id != case.id, or_(*conditions))
                                .order_by(Case.reported_at.desc()).limit(20)))


def same_person(session: Session, case: Case, report: Report | None) -> list[Case]:
    """Other cases naming the same person responsible, as the resident wrote it."""
    who = ((report.answers if report else {}).get("who") or "").strip().lower()
    if who in NOT_A_PERSON:
        return []
    return list(session.scalars(select(Case).join(Report, Report.id == Case.report_id).where(
        Case.id != case.id, func.lower(func.trim(Report.answers["who"].as_string())) == who,
    ).order_by(Case.reported_at.desc()).limit(20)))


def reports_made(session: Session, policy: Policy, resident_id: int | None, now: datetime) -> ReportCount:
    """Reports and added incidents in the Case Review window (policy case_review.incidents / months)."""
    review = policy.case_review
    if resident_id is None:
        return ReportCount(0, review.incidents, review.months)
    since = months_before(now, review.months)
    reports = session.scalar(select(func.count()).select_from(Case).where(
        Case.resident_id == resident_id, Case.reported_at >= since)) or 0
    incidents = session.scalar(select(func.count()).select_from(CaseEvent).join(Case, Case.id == CaseEvent.case_id)
                               .where(Case.resident_id == resident_id, CaseEvent.kind == "incident_added",
                                      CaseEvent.created_at >= since)) or 0
    return ReportCount(reports + incidents, review.incidents, review.months)
