"""Opening a case from a confirmed report, in the caller's transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from intake.enums import CaseStatus
from intake.models import Case, CaseEvent, Conversation, Evidence, Report, Resident, TypeCorrection
from intake.policy import Policy
from intake.triage.decision import TriageDecision, decide
from intake.triage.references import allocate_reference

PRIVATE_KEYS = ("_",)


def public_answers(answers: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in answers.items() if not k.startswith(PRIVATE_KEYS)}


def open_case(
    session: Session, policy: Policy, conversation: Conversation, resident: Resident, now: datetime
) -> tuple[Case, TriageDecision]:
    """Report, case, first history event and any type correction, all or nothing with the caller's commit."""
    answers = conversation.answers
    decision = decide(answers, policy, now)
    report = Report(
        conversation_id=conversation.id,
        resident_id=resident.id,
        status="submitted",
        description=answers.get("description"),
        answers=public_answers(answers),
    )
    session.add(report)
    session.flush()
    case = Case(
        reference=allocate_reference(session, policy.landlord.reference_prefix, now.year),
        report_id=report.id,
        resident_id=resident.id,
        channel=conversation.channel,
        status=CaseStatus.NEW,
        types=list(decision.types),
        primary_type=decision.primary_type,
        category=decision.category,
        act_group=decision.group,
        risk_score=decision.risk_score,
        risk_level=decision.risk_level,
        danger_now=decision.danger_now,
        safeguarding=decision.safeguarding,
        hate=decision.hate,
        anonymous=bool(answers.get("anonymous")),
        postcode=answers.get("postcode"),
        reported_at=now,
        due_date=decision.due_date,
        first_contact_due=decision.first_contact_due,
    )
    session.add(case)
    session.flush()
    session.add(CaseEvent(case_id=case.id, kind="opened", actor="resident", detail=_opened_detail(decision)))
    session.execute(update(Evidence).where(Evidence.conversation_id == conversation.id).values(case_id=case.id))
    _record_correction(session, case, answers)
    return case, decision


def _opened_detail(decision: TriageDecision) -> dict[str, Any]:
    return {
        "category": decision.category.value,
        "types": list(decision.types),
        "risk_level": decision.risk_level.value,
        "due_date": decision.due_date.isoformat(),
    }


def _record_correction(session: Session, case: Case, answers: dict[str, Any]) -> None:
    """A resident who said the proposal was wrong taught us something: keep it for retraining."""
    proposed = answers.get("proposed_types") or []
    if proposed and sorted(proposed) != sorted(answers["types"]):
        session.add(TypeCorrection(
            case_id=case.id, text=answers["description"], proposed=list(proposed),
            corrected=list(answers["types"]), source="resident",
        ))


def add_incident(session: Session, case: Case, text: str, channel: str) -> CaseEvent:
    """More from the resident about an open case: a new incident on its history."""
    event = CaseEvent(case_id=case.id, kind="incident_added", actor="resident", detail={"text": text, "channel": channel})
    session.add(event)
    return event


def apply_to_resident(resident: Resident, answers: dict[str, Any]) -> None:
    """Contact details and needs from the conversation, kept on the resident for every later message."""
    resident.anonymous = bool(answers.get("anonymous"))
    if not resident.anonymous:
        resident.name = answers.get("name")
        resident.phone = answers.get("phone") or resident.phone
        resident.email = answers.get("email") or resident.email
        resident.postal_address = answers.get("postal_address") or resident.postal_address
        resident.contact_method = answers.get("contact_method")
        resident.safe_times = answers.get("safe_times")
        resident.leave_messages = answers.get("leave_messages")
    resident.format = answers.get("format", "standard")
    resident.language = answers.get("language", resident.language)
    resident.consent_to_share = answers.get("consent_to_share")
