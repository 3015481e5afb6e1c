"""How urgent an open case is: the queue's order, time left to its deadline, and the first response.

Pure functions of a case's facts and a clock, so the queue, the CSV export and the JSON API agree and
each rule is table-tested.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from intake.enums import Category, RiskLevel
from intake.policy import Landlord
from intake.triage.deadlines import local_date, working_days_between


@dataclass(frozen=True)
class CaseFacts:
    """What ordering needs to know about a case; built from the `cases` and `case_work` rows."""

    danger_now: bool
    safeguarding: bool
    category: str
    risk_level: str
    due_date: date
    reported_at: datetime
    first_response_at: datetime | None = None
    next_contact_due: date | None = None


def deadline(facts: CaseFacts) -> date | None:
    """Until the first response the deadline is the policy's; afterwards, the agreed next contact."""
    if facts.first_response_at is None:
        return facts.due_date
    return facts.next_contact_due


def urgency_key(facts: CaseFacts) -> tuple[int, int, int, date, datetime]:
    """Sort key, most urgent first: danger or safeguarding, CAT1, high risk, then the earliest deadline."""
    return (
        0 if facts.danger_now or facts.safeguarding else 1,
        0 if facts.category == Category.CAT1 else 1,
        0 if facts.risk_level == RiskLevel.HIGH else 1,
        deadline(facts) or date.max,
        facts.reported_at,
    )


@dataclass(frozen=True)
class TimeLeft:
    overdue: bool
    due_today: bool
    working_days: int
    hours: int
    text: str


def time_left(due: date, now: datetime, landlord: Landlord) -> TimeLeft:
    """Working days (or, on the day, hours) until the end of the due date in the landlord's time zone."""
    today = local_date(now, landlord)
    if today < due:
        days = working_days_between(today, due, landlord)
        return TimeLeft(False, False, days, 0, f"{days} working day{'s' if days != 1 else ''} left")
    if today == due:
        zone = ZoneInfo(landlord.timezone)
        end = datetime.combine(due + timedelta(days=1), time(0), zone)
        hours = max(0, int((end - now.astimezone(zone)).total_seconds() // 3600))
        return TimeLeft(False, True, 0, hours, f"Due today, {hours} hour{'s' if hours != 1 else ''} left")
    late = working_days_between(due, today, landlord)
    text = f"Overdue by {late} working day{'s' if late != 1 else ''}" if late else "Overdue"
    return TimeLeft(True, False, -late, 0, text)


class FirstResponse(StrEnum):
    MET = "met"
    MET_LATE = "met_late"
    PENDING = "pending"
    MISSED = "missed"


FIRST_RESPONSE_LABELS = {
    FirstResponse.MET: "Met",
    FirstResponse.MET_LATE: "Made late",
    FirstResponse.PENDING: "Not yet",
    FirstResponse.MISSED: "Missed",
}


def first_response(due: date, responded_at: datetime | None, now: datetime, landlord: Landlord) -> FirstResponse:
    """Policy 9.5, 9.12: a logged contact that reached the resident by the end of the due date."""
    if responded_at is not None:
        return FirstResponse.MET if local_date(responded_at, landlord) <= due else FirstResponse.MET_LATE
    return FirstResponse.PENDING if local_date(now, landlord) <= due else FirstResponse.MISSED


def postcode_district(postcode: str | None) -> str | None:
    """The outward code ("DE1" of "DE1 2AB"): precise enough to group a patch, not a home."""
    if not postcode:
        return None
    compact = postcode.replace(" ", "").upper()
    return compact[:-3] if len(compact) > 3 else compact
