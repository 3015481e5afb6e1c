"""The case page `/officers/cases/<reference>`, the actions posted from it, and evidence files.

A failed action re-shows the page with the officer's input kept and the error announced; a successful
one redirects back (post/redirect/get) with a short confirmation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from sqlalchemy.orm import Session
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.security import safe_join

from intake.enums import CaseStatus, Category
from intake.errors import BadInputError
from intake.formats import needs_summary
from intake.models import Evidence
from intake.officers import actions, closing
from intake.officers.actions import Actor
from intake.officers.audit import record_view
from intake.officers.blueprint import blueprint, current_actor
from intake.officers.case_record import load_record
from intake.policy import Policy
from intake.services import services
from intake.triage.closure import CLOSURE_LABELS, OUTCOME_LABELS, AttemptMethod
from intake.triage.urgency import FIRST_RESPONSE_LABELS, first_response, postcode_district, time_left, deadline
from intake.officers.queue import facts_of


@dataclass(frozen=True)
class Posted:
    session: Session
    policy: Policy
    case: Any
    actor: Actor
    form: ImmutableMultiDict[str, str]
    now: datetime


def _assign(p: Posted) -> str:
    target = p.form.get("officer_id", "")
    officer_id = int(target) if target.isdigit() else p.actor.id
    actions.assign(p.session, p.case, p.actor, officer_id, p.now)
    return "The case has been assigned."


def _types(p: Posted) -> str:
    actions.correct_types(p.session, p.policy, p.case, p.actor, p.form.getlist("types"), p.form.get("category", ""),
                          p.form.get("reason", ""), p.now)
    return "The type and category have been corrected."


def _risk(p: Posted) -> str:
    actions.reassess_risk(p.session, p.policy, p.case, p.actor, p.form.getlist("yes"),
                          p.form.get("danger_now") == "yes", p.form.get("note", ""), p.now)
    return "The risk has been reassessed."


def _plan(p: Posted) -> str:
    actions.add_action(p.session, p.case, p.actor, p.form.get("action", ""), p.form.get("owner", ""),
                       p.form.get("target_date", ""), p.now)
    return "The action has been added to the plan."


def _frequency(p: Posted) -> str:
    actions.set_contact_frequency(p.session, p.policy, p.case, p.actor, p.form.get("every_days", ""),
                                  p.form.get("next_contact_due", ""), p.now)
    return "The contact frequency has been recorded."


def _contact(p: Posted) -> str:
    actions.log_contact(p.session, p.policy, p.case, p.actor, p.form.get("method", ""), p.form.get("outcome", ""),
                        p.form.get("note", ""), p.now)
    return "The contact attempt has been logged."


def _note(p: Posted) -> str:
    actions.add_note(p.session, p.case, p.actor, p.form.get("text", ""), p.now)
    return "The note has been added."


def _message(p: Posted) -> str:
    actions.send_message(p.session, p.policy, p.case, p.actor, p.form.get("text", ""), p.now,
                         services().conversations.links)
    return "The message is on its way to the resident."


def _status(p: Posted) -> str:
    actions.change_status(p.session, p.case, p.actor, p.form.get("status", ""), p.now)
    return "The status has been changed."


def _close(p: Posted) -> str:
    survey = closing.close_case(p.session, p.policy, p.case, p.actor, p.form.get("reason", ""),
                                p.form.get("explanation", ""), p.now, services().conversations.links)
    if survey is None:
        return "The case is closed. The resident is anonymous or cannot be messaged, so nothing was sent."
    return "The case is closed. The resident has been sent the reason, the Case Review details and the survey."


def _reopen(p: Posted) -> str:
    closing.reopen_case(p.session, p.case, p.actor, p.form.get("reason", ""), p.now)
    return "The case has been reopened."


ACTIONS: dict[str, Callable[[Posted], str]] = {
    "assign": _assign, "types": _types, "risk": _risk, "plan": _plan, "frequency": _frequency,
    "contacts": _contact, "notes": _note, "messages": _message, "status": _status, "close": _close,
    "reopen": _reopen,
}


@blueprint.get("/cases/<reference>")
def case_page(reference: str) -> Any:
    return _render(reference)


@blueprint.post("/cases/<reference>/<action>")
def case_action(reference: str, action: str) -> Any:
    handler = ACTIONS.get(action)
    if handler is None:
        abort(404)
    svc = services()
    try:
        with svc.db.transaction() as session:
            case = actions.load_case(session, reference, for_update=True)
            message = handler(Posted(session, svc.policy, case, current_actor(), request.form, svc.clock()))
    except BadInputError as error:
        return _render(reference, errors={action: str(error)}, submitted=(action, request.form)), 400
    flash(message)
    return redirect(url_for("officers.case_page", reference=reference) + f"#{action}")


def _render(reference: str, errors: dict[str, str] | None = None,
            submitted: tuple[str, ImmutableMultiDict[str, str]] | None = None) -> str:
    svc = services()
    now = svc.clock()
    with svc.db.transaction() as session:
        case = actions.load_case(session, reference)
        record = load_record(session, svc.policy, case, now)
        record_view(session, "view_case", now, officer_id=current_actor().id, case_id=case.id)
    facts = facts_of(case, record.work)
    due = deadline(facts)
    return render_template(
        "officers/case.html", r=record, case=case, policy=svc.policy, errors=errors or {},
        submitted=submitted, area=postcode_district(case.postcode),
        time_left=time_left(due, now, svc.policy.landlord) if due and case.status != CaseStatus.CLOSED else None,
        deadline=due, first_response=first_response(case.first_contact_due, facts.first_response_at, now,
                                                    svc.policy.landlord),
        first_response_labels=FIRST_RESPONSE_LABELS, closure_labels=CLOSURE_LABELS, outcome_labels=OUTCOME_LABELS,
        methods=[m.value for m in AttemptMethod], statuses=[s.value for s in CaseStatus if s != CaseStatus.CLOSED],
        categories=[c.value for c in Category], now=now,
        needs=needs_summary(record.resident) if record.resident and not case.anonymous else None,
    )


@blueprint.get("/evidence/<int:evidence_id>")
def evidence_file(evidence_id: int) -> Any:
    """Evidence is served only here, to signed-in officers, and every download is audited."""
    svc = services()
    with svc.db.transaction() as session:
        item = session.get(Evidence, evidence_id)
        if item is None:
            abort(404)
        record_view(session, "view_evidence", svc.clock(), officer_id=current_actor().id, case_id=item.case_id,
                    detail=f"evidence {item.id}")
    path = safe_join(str(svc.settings.evidence_dir), item.stored_path)
    if path is None or not Path(path).is_file():
        abort(404)
    inline = item.content_type.startswith(("image/", "audio/", "video/"))
    response = send_file(path, mimetype=item.content_type, as_attachment=not inline,
                         download_name=f"evidence-{item.id}{Path(item.stored_path).suffix}")
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; media-src 'self'"
    return response
