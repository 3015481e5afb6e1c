"""What an officer can do to a case, each change written with an append-only `CaseEvent` (before and after).

Every function runs in the caller's transaction and raises `BadInputError` with words an officer can act
on; the page re-shows the form with them. No Flask here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake import outbox
from intake.formats import (
    LinkSettings, MessageKind, ResidentMessage, needs_of, officer_message, render_for_resident,
)
from intake.enums import CaseStatus, Category
from intake.errors import BadInputError, NotFoundError
from intake.models import (
    ActionItem, Case, CaseEvent, CaseWork, ContactAttempt, Conversation, Officer, Report, Resident, TypeCorrection,
)
from intake.policy import Policy
from intake.triage.closure import AttemptMethod, AttemptOutcome, is_failed
from intake.triage.deadlines import due_date, local_date
from intake.triage.risk import risk_level, risk_score

MAX_TEXT = 4000


@dataclass(frozen=True)
class Actor:
    """The signed-in officer, as actions need them: no Flask-Login object crosses into this module."""

    id: int
    name: str
    role: str

    @property
    def label(self) -> str:
        return f"officer:{self.id}"

    @property
    def is_manager(self) -> bool:
        return self.role == "manager"


def load_case(session: Session, reference: str, *, for_update: bool = False) -> Case:
    query = select(Case).where(Case.reference == reference)
    case = session.scalars(query.with_for_update() if for_update else query).first()
    if case is None:
        raise NotFoundError("There is no case with that reference.")
    return case


def work_of(session: Session, case: Case) -> CaseWork:
    work = session.get(CaseWork, case.id)
    if work is None:
        work = CaseWork(case_id=case.id)
        session.add(work)
        session.flush()
    return work


def record(session: Session, case: Case, kind: str, actor: Actor, now: datetime, **detail: Any) -> CaseEvent:
    event = CaseEvent(case_id=case.id, kind=kind, actor=actor.label, detail=detail, created_at=now)
    session.add(event)
    return event


def required_text(value: str | None, what: str, limit: int = MAX_TEXT) -> str:
    text = (value or "").strip()
    if not text:
        raise BadInputError(f"Enter {what}.")
    if len(text) > limit:
        raise BadInputError(f"{what[0].upper()}{what[1:]} must be {limit} characters or fewer.")
    return text


def parse_date(value: str | None, what: str) -> date:
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        raise BadInputError(f"Enter {what} as a date, for example 2026-12-31.") from None


def _require_open(case: Case) -> None:
    if case.status == CaseStatus.CLOSED:
        raise BadInputError("This case is closed. Reopen it first.")


def assign(session: Session, case: Case, actor: Actor, officer_id: int, now: datetime) -> None:
    """Policy 5.10: every case has a named officer. Officers take cases; managers may assign anyone."""
    _require_open(case)
    if officer_id != actor.id and not actor.is_manager:
        raise BadInputError("Only a manager can assign a case to another officer.")
    officer = session.get(Officer, officer_id)
    if officer is None or not officer.active:
        raise BadInputError("Choose an active officer.")
    work = work_of(session, case)
    before = work.owner_id
    if before == officer_id:
        return
    work.owner_id = officer_id
    record(session, case, "assigned", actor, now, before=before, after=officer_id, owner_name=officer.name)
    if case.status == CaseStatus.NEW:
        _set_status(session, case, actor, CaseStatus.ASSIGNED, now)


def change_status(session: Session, case: Case, actor: Actor, status: str, now: datetime) -> None:
    """Open statuses only; closing has its own rules (intake/officers/closing.py)."""
    _require_open(case)
    try:
        chosen = CaseStatus(status)
    except ValueError:
        raise BadInputError("Choose a status.") from None
    if chosen is CaseStatus.CLOSED:
        raise BadInputError("Use 'Close the case' to close it, with a reason.")
    if chosen is not CaseStatus.NEW and work_of(session, case).owner_id is None:
        raise BadInputError("Assign the case to a named officer first (policy 5.10).")
    _set_status(session, case, actor, chosen, now)


def _set_status(session: Session, case: Case, actor: Actor, status: CaseStatus, now: datetime) -> None:
    if case.status == status:
        return
    record(session, case, "status_changed", actor, now, before=case.status, after=status.value)
    case.status = status


def correct_types(
    session: Session, policy: Policy, case: Case, actor: Actor, types: list[str], category: str, reason: str,
    now: datetime,
) -> None:
    """A corrected type or category, with the reason; kept as a TypeCorrection for retraining the NLU."""
    reason = required_text(reason, "the reason for the correction", 1000)
    chosen = [t for t in policy.seriousness if t in types]
    if not chosen:
        raise BadInputError("Choose at least one type of anti-social behaviour.")
    derived = policy.types[chosen[0]].category
    try:
        new_category = Category(category) if category else derived
    except ValueError:
        raise BadInputError("Choose CAT1 or CAT2.") from None
    before = {"types": list(case.types), "category": case.category, "due_date": case.due_date.isoformat()}
    case.types, case.primary_type = chosen, chosen[0]
    case.act_group = policy.types[chosen[0]].group
    if new_category != case.category:
        days = policy.response_days(new_category)
        case.category = new_category
        case.due_date = due_date(case.reported_at, days, policy.landlord)
        case.first_contact_due = due_date(case.reported_at, min(days, policy.timescales["first_contact"]),
                                          policy.landlord)
    after = {"types": chosen, "category": case.category, "due_date": case.due_date.isoformat()}
    if before == after:
        raise BadInputError("Nothing changed: choose different types or another category.")
    record(session, case, "types_corrected", actor, now, before=before, after=after, reason=reason)
    report = session.get(Report, case.report_id)
    proposed = (report.answers.get("proposed_types") if report else None) or before["types"]
    if sorted(before["types"]) != sorted(chosen):
        session.add(TypeCorrection(case_id=case.id, text=(report.description if report else "") or "",
                                   proposed=list(proposed), corrected=chosen, source="officer", reason=reason,
                                   created_at=now))


def reassess_risk(
    session: Session, policy: Policy, case: Case, actor: Actor, yes_ids: list[str], danger_now: bool, note: str,
    now: datetime,
) -> None:
    """The Risk Assessment Matrix answered again by the officer; score and level by the same rules as triage."""
    _require_open(case)
    answers = {f"risk.{q.id}": q.id in yes_ids for q in policy.risk_questions}
    score = risk_score(answers, policy)
    level = risk_level(score, policy, danger_now=danger_now)
    before = {"score": case.risk_score, "level": case.risk_level, "danger_now": case.danger_now}
    case.risk_score, case.risk_level, case.danger_now = score, level, danger_now
    record(session, case, "risk_reassessed", actor, now, before=before,
           after={"score": score, "level": level.value, "danger_now": danger_now},
           answers=sorted(q for q in yes_ids if f"risk.{q}" in answers), note=(note or "").strip()[:1000])


def add_action(session: Session, case: Case, actor: Actor, action: str, owner: str, target: str, now: datetime) -> None:
    """One agreed action of the plan (9.13): what, who does it, and by when."""
    _require_open(case)
    item = ActionItem(case_id=case.id, action=required_text(action, "the agreed action", 1000),
                      owner=required_text(owner, "who will do it", 200),
                      target_date=parse_date(target, "the target date"), created_by=actor.id, created_at=now)
    session.add(item)
    record(session, case, "action_agreed", actor, now, after={
        "action": item.action, "owner": item.owner, "target_date": item.target_date.isoformat()})


def set_contact_frequency(
    session: Session, policy: Policy, case: Case, actor: Actor, every_days: str, next_due: str, now: datetime,
) -> None:
    """How often we keep in touch, agreed with the complainant (9.16), and when the next contact is due."""
    _require_open(case)
    try:
        days = int(every_days)
    except ValueError:
        raise BadInputError("Enter how often to keep in touch, in days, as a whole number.") from None
    if not 1 <= days <= 90:
        raise BadInputError("Keep in touch at least every 90 days.")
    work = work_of(session, case)
    nxt = parse_date(next_due, "the next contact date") if next_due else local_date(now, policy.landlord) + timedelta(days=days)
    before = {"every_days": work.contact_every_days,
              "next_contact_due": work.next_contact_due.isoformat() if work.next_contact_due else None}
    work.contact_every_days, work.next_contact_due = days, nxt
    record(session, case, "contact_frequency_agreed", actor, now, before=before,
           after={"every_days": days, "next_contact_due": nxt.isoformat()})


def log_contact(
    session: Session, policy: Policy, case: Case, actor: Actor, method: str, outcome: str, note: str, now: datetime,
) -> ContactAttempt:
    """A contact attempt; one that reaches the resident meets the first response and moves the next contact on."""
    try:
        method, outcome = AttemptMethod(method), AttemptOutcome(outcome)
    except ValueError:
        raise BadInputError("Choose how you tried to make contact and what happened.") from None
    attempt = ContactAttempt(case_id=case.id, officer_id=actor.id, method=method, outcome=outcome,
                             note=(note or "").strip()[:1000] or None, created_at=now)
    session.add(attempt)
    work = work_of(session, case)
    detail: dict[str, Any] = {"method": method.value, "outcome": outcome.value}
    if not is_failed(outcome):
        if work.first_response_at is None:
            work.first_response_at = now
            detail["first_response"] = True
        if work.contact_every_days:
            work.next_contact_due = local_date(now, policy.landlord) + timedelta(days=work.contact_every_days)
            detail["next_contact_due"] = work.next_contact_due.isoformat()
    record(session, case, "contact_logged", actor, now, **detail)
    return attempt


def add_note(session: Session, case: Case, actor: Actor, text: str, now: datetime) -> None:
    record(session, case, "note", actor, now, text=required_text(text, "the note"))


def send_message(
    session: Session, policy: Policy, case: Case, actor: Actor, text: str, now: datetime,
    links: LinkSettings = LinkSettings(),
) -> None:
    """A message to the resident on the channel they reported on, in their language and format.

    The officer's own words go out as written inside a translated template; it is logged as a written contact.
    """
    body = required_text(text, "the message", 1500)
    resident = session.get(Resident, case.resident_id) if case.resident_id else None
    if resident is None or case.anonymous or resident.anonymous:
        raise BadInputError("This resident chose to stay anonymous, so we do not message them.")
    if resident.opted_out:
        raise BadInputError("This resident has opted out of messages on this channel.")
    message = officer_message(MessageKind.UPDATE, body, reference=case.reference, language=resident.language,
                              policy=policy)
    send_in_their_format(session, case, resident, message, links, now)
    record(session, case, "message_sent", actor, now, text=body)
    log_contact(session, policy, case, actor, AttemptMethod.MESSAGE, AttemptOutcome.WRITTEN, "", now)


def send_in_their_format(
    session: Session, case: Case, resident: Resident, message: ResidentMessage, links: LinkSettings, now: datetime,
    conversation_id: int | None = None,
) -> None:
    """Enqueue a message on the resident's channel in the format they chose (large print, audio, email...)."""
    conversation_id = conversation_id or latest_conversation_id(session, resident)
    for reply in render_for_resident(session, needs_of(resident), message, links=links, now=now,
                                     resident_id=resident.id, case_id=case.id, conversation_id=conversation_id):
        outbox.enqueue(session, channel=case.channel, recipient=resident.address, reply=reply,
                       language=resident.language, conversation_id=conversation_id, case_id=case.id, now=now)


def latest_conversation_id(session: Session, resident: Resident) -> int | None:
    return session.scalar(select(Conversation.id).where(
        Conversation.channel == resident.channel, Conversation.address == resident.address,
    ).order_by(Conversation.id.desc()).limit(1))
