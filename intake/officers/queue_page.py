"""The queue page `/officers/cases` and its CSV export `/officers/cases.csv`."""

from __future__ import annotations

import csv
import io
from typing import Any

from flask import Response, render_template, request
from flask_login import current_user
from sqlalchemy import select

from intake.enums import CaseStatus, Category, RiskLevel
from intake.models import Officer
from intake.officers.blueprint import blueprint
from intake.officers.queue import Filters, QueueRow, areas, count_open, list_queue
from intake.services import services
from intake.triage.urgency import FIRST_RESPONSE_LABELS

# Enough for a morning's work on one screen; the order is by urgency, so page one is what matters.
PAGE_SIZE = 50
CSV_COLUMNS = ("reference", "status", "types", "category", "risk", "flags", "area", "reported_at", "age",
               "deadline_kind", "deadline", "time_left", "overdue", "first_response", "owner")


@blueprint.get("/cases")
def queue() -> Any:
    svc = services()
    filters = Filters.from_args(request.args)
    now = svc.clock()
    with svc.db.transaction() as session:
        rows = list_queue(session, svc.policy, filters, current_user.id, now)
        counts = count_open(list_queue(session, svc.policy, Filters(), current_user.id, now))
        officers = list(session.scalars(select(Officer).where(Officer.active.is_(True)).order_by(Officer.name)))
        area_options = areas(session)
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    page = _page_number(request.args.get("page"), pages)
    return render_template(
        "officers/queue.html", rows=rows[(page - 1) * PAGE_SIZE:page * PAGE_SIZE], total=len(rows), page=page,
        pages=pages, first_shown=(page - 1) * PAGE_SIZE + 1, counts=counts, filters=filters, officers=officers,
        areas=area_options,
        statuses=[s.value for s in CaseStatus], categories=[c.value for c in Category],
        risks=[r.value for r in RiskLevel], types=svc.policy.types, first_response_labels=FIRST_RESPONSE_LABELS,
        csv_query=request.query_string.decode(),
    )


@blueprint.get("/cases.csv")
def queue_csv() -> Response:
    svc = services()
    filters = Filters.from_args(request.args)
    with svc.db.transaction() as session:
        rows = list_queue(session, svc.policy, filters, current_user.id, svc.clock())
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([_cell(v) for v in csv_values(row)])
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=asb-queue.csv",
                             "Cache-Control": "private, no-store"})


def _page_number(raw: str | None, pages: int) -> int:
    """A page number from the query string, kept within 1..pages: a stale or edited link shows the
    nearest page rather than an error or an empty table."""
    try:
        page = int(raw or 1)
    except ValueError:
        page = 1
    return min(max(page, 1), pages)


def csv_values(row: QueueRow) -> list[Any]:
    flags = [name for name, on in (("danger", row.danger_now), ("safeguarding", row.safeguarding),
                                   ("hate", row.hate)) if on]
    return [row.reference, row.status, " ".join(row.types), row.category, row.risk_level, " ".join(flags),
            row.area or "", row.reported_at.isoformat(), row.age, row.deadline_kind,
            row.deadline.isoformat() if row.deadline else "", row.time_left.text if row.time_left else "",
            "yes" if row.time_left and row.time_left.overdue else "no", row.first_response.value,
            row.owner_name or ""]


def _cell(value: Any) -> str:
    """Spreadsheet formula injection: a cell starting with = + - @ is shown as text."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
