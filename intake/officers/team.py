"""Managers' pages: the officers and their open cases, and the audit log."""

from __future__ import annotations

from typing import Any

from flask import render_template, request
from sqlalchemy import func, select

from intake.models import Case, CaseWork, Officer
from intake.officers.audit import list_audit
from intake.officers.blueprint import blueprint, manager_required
from intake.officers.queue import OPEN_STATUSES
from intake.services import services

AUDIT_PAGE = 100


@blueprint.get("/team")
@manager_required
def team() -> Any:
    with services().db.transaction() as session:
        open_counts = dict(session.execute(
            select(CaseWork.owner_id, func.count()).join(Case, Case.id == CaseWork.case_id)
            .where(Case.status.in_(OPEN_STATUSES), CaseWork.owner_id.is_not(None)).group_by(CaseWork.owner_id)).all())
        officers = list(session.scalars(select(Officer).order_by(Officer.name)))
    return render_template("officers/team.html", officers=officers, open_counts=open_counts)


@blueprint.get("/audit")
@manager_required
def audit() -> Any:
    page = max(1, request.args.get("page", 1, type=int) or 1)
    with services().db.transaction() as session:
        lines = list_audit(session, AUDIT_PAGE + 1, (page - 1) * AUDIT_PAGE)
    return render_template("officers/audit.html", lines=lines[:AUDIT_PAGE], page=page,
                           more=len(lines) > AUDIT_PAGE)
