"""The JSON API for the landlord's other systems (`/api/cases`), authenticated by per-integration tokens.

Tokens are created with `intake tokens create`; every read is written to the audit log against the token.
Residents' names and contact details are not exposed here: integrations get the case, not the person.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Blueprint, g, jsonify, request
from sqlalchemy import select

from intake.enums import CaseStatus, RiskLevel
from intake.models import Case, CaseEvent, CaseWork, Officer, Resident
from intake.officers.actions import load_case
from intake.officers.audit import record_view
from intake.officers.queue import Filters, QueueRow, facts_of, list_queue
from intake.officers.tokens import verify_token
from intake.services import services
from intake.triage.risk import may_share
from intake.triage.urgency import deadline, first_response, postcode_district
from intake.web_errors import error_response

blueprint = Blueprint("officers_api", __name__, url_prefix="/api/cases")
MAX_LIMIT = 500


@blueprint.before_request
def require_token() -> Any:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    token_id = None
    if scheme.lower() == "bearer" and token.strip():
        with services().db.transaction() as session:
            row = verify_token(session, token.strip(), services().clock())
            token_id = row.id if row else None
    if token_id is None:
        response, status = error_response(401, "Send a valid API token: Authorization: Bearer <token>.")
        response.headers["WWW-Authenticate"] = 'Bearer realm="intake"'  # type: ignore[union-attr]
        return response, status
    g.api_token_id = token_id
    return None


@blueprint.get("")
def list_cases() -> Any:
    svc = services()
    filters = Filters.from_args(request.args)
    limit = min(max(request.args.get("limit", 100, type=int) or 100, 1), MAX_LIMIT)
    offset = max(request.args.get("offset", 0, type=int) or 0, 0)
    now = svc.clock()
    with svc.db.transaction() as session:
        rows = list_queue(session, svc.policy, filters, None, now)
        record_view(session, "api_list_cases", now, token_id=g.api_token_id,
                    detail=" ".join(f"{k}={v}" for k, v in filters.active().items())[:300] or None)
    page = rows[offset:offset + limit]
    return jsonify(cases=[row_json(r) for r in page], total=len(rows), limit=limit, offset=offset)


@blueprint.get("/<reference>")
def one_case(reference: str) -> Any:
    svc = services()
    now = svc.clock()
    with svc.db.transaction() as session:
        case = load_case(session, reference)
        work = session.get(CaseWork, case.id)
        owner = session.get(Officer, work.owner_id) if work and work.owner_id else None
        resident = session.get(Resident, case.resident_id) if case.resident_id else None
        record_view(session, "api_view_case", now, token_id=g.api_token_id, case_id=case.id)
        body = case_json(case, work, owner, resident, now)
    return jsonify(body)


@blueprint.get("/<reference>/events")
def case_events(reference: str) -> Any:
    svc = services()
    with svc.db.transaction() as session:
        case = load_case(session, reference)
        events = session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)
                                 .order_by(CaseEvent.created_at, CaseEvent.id)).all()
        record_view(session, "api_case_events", svc.clock(), token_id=g.api_token_id, case_id=case.id)
        body = [{"id": e.id, "kind": e.kind, "actor": e.actor, "at": _iso(e.created_at), "detail": e.detail}
                for e in events]
    return jsonify(reference=reference, events=body)


def row_json(row: QueueRow) -> dict[str, Any]:
    return {
        "reference": row.reference, "status": row.status, "types": list(row.types), "category": row.category,
        "risk_level": row.risk_level, "danger_now": row.danger_now, "safeguarding": row.safeguarding,
        "hate": row.hate, "area": row.area, "reported_at": _iso(row.reported_at),
        "deadline": row.deadline.isoformat() if row.deadline else None, "deadline_kind": row.deadline_kind,
        "overdue": bool(row.time_left and row.time_left.overdue), "first_response": row.first_response.value,
        "owner": row.owner_name,
    }


def case_json(case: Case, work: CaseWork | None, owner: Officer | None, resident: Resident | None,
              now: datetime) -> dict[str, Any]:
    policy = services().policy
    facts = facts_of(case, work)
    due = deadline(facts)
    return {
        "reference": case.reference, "status": case.status, "channel": case.channel, "types": list(case.types),
        "primary_type": case.primary_type, "category": case.category, "act_group": case.act_group,
        "risk_score": case.risk_score, "risk_level": case.risk_level, "danger_now": case.danger_now,
        "safeguarding": case.safeguarding, "hate": case.hate, "anonymous": case.anonymous,
        "area": postcode_district(case.postcode), "reported_at": _iso(case.reported_at),
        "due_date": case.due_date.isoformat(), "first_contact_due": case.first_contact_due.isoformat(),
        "deadline": due.isoformat() if due else None,
        "first_response": first_response(case.first_contact_due, facts.first_response_at, now,
                                         policy.landlord).value,
        "first_response_at": _iso(facts.first_response_at), "owner": owner.name if owner else None,
        "next_contact_due": work.next_contact_due.isoformat() if work and work.next_contact_due else None,
        "closed": case.status == CaseStatus.CLOSED, "closed_at": _iso(work.closed_at if work else None),
        "closure_reason": work.closure_reason if work else None,
        "may_share_with_partners": may_share(RiskLevel(case.risk_level),
                                             resident.consent_to_share if resident else None, policy),
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
