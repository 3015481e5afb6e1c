"""The queue's order, time left to a deadline and the first-response measure, as tables."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from intake.triage.urgency import CaseFacts, FirstResponse, deadline, first_response, postcode_district, time_left, urgency_key
from tests.factories import POLICY

LANDLORD = POLICY.landlord
REPORTED = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def facts(name: str, **overrides: object) -> tuple[str, CaseFacts]:
    base = dict(danger_now=False, safeguarding=False, category="CAT2", risk_level="low", due_date=date(2026, 12, 8),
                reported_at=REPORTED)
    return name, CaseFacts(**{**base, **overrides})


def test_the_queue_puts_danger_then_cat1_then_high_risk_then_the_earliest_deadline_first():
    cases = dict([
        facts("cat2 late", due_date=date(2026, 12, 10)),
        facts("cat2 soon", due_date=date(2026, 12, 3)),
        facts("cat2 high risk", risk_level="high", due_date=date(2026, 12, 10)),
        facts("cat1", category="CAT1", due_date=date(2026, 12, 2)),
        facts("cat1 high", category="CAT1", risk_level="high", due_date=date(2026, 12, 9)),
        facts("safeguarding cat2", safeguarding=True, due_date=date(2026, 12, 12)),
        facts("danger cat2", danger_now=True, due_date=date(2026, 12, 12)),
    ])
    order = sorted(cases, key=lambda name: urgency_key(cases[name]))
    assert order == ["safeguarding cat2", "danger cat2", "cat1 high", "cat1", "cat2 high risk", "cat2 soon",
                     "cat2 late"]


def test_equal_urgency_is_ordered_by_who_reported_first():
    _, early = facts("early", reported_at=datetime(2026, 12, 1, 8, tzinfo=UTC))
    _, late = facts("late", reported_at=datetime(2026, 12, 1, 10, tzinfo=UTC))
    assert sorted([late, early], key=urgency_key) == [early, late]


@pytest.mark.parametrize("responded, next_contact, expected", [
    (None, None, date(2026, 12, 8)),  # before the first response: the policy's due date
    (REPORTED, date(2026, 12, 20), date(2026, 12, 20)),  # afterwards: the agreed next contact
    (REPORTED, None, None),  # responded, no contact frequency agreed yet: no deadline
])
def test_the_deadline_is_the_due_date_until_the_first_response_then_the_next_contact(responded, next_contact, expected):
    _, case = facts("x", first_response_at=responded, next_contact_due=next_contact)
    assert deadline(case) == expected


@pytest.mark.parametrize("now, due, overdue, due_today, text", [
    (datetime(2026, 12, 1, 10, tzinfo=UTC), date(2026, 12, 8), False, False, "5 working days left"),  # Tue -> Tue
    (datetime(2026, 12, 4, 10, tzinfo=UTC), date(2026, 12, 7), False, False, "1 working day left"),  # Fri -> Mon
    (datetime(2026, 12, 7, 10, tzinfo=UTC), date(2026, 12, 7), False, True, "Due today, 14 hours left"),
    (datetime(2026, 6, 1, 10, tzinfo=UTC), date(2026, 6, 1), False, True, "Due today, 13 hours left"),  # 11:00 BST
    (datetime(2026, 12, 9, 10, tzinfo=UTC), date(2026, 12, 7), True, False, "Overdue by 2 working days"),
    (datetime(2026, 12, 5, 10, tzinfo=UTC), date(2026, 12, 4), True, False, "Overdue"),  # Saturday after a Friday
    (datetime(2026, 12, 29, 10, tzinfo=UTC), date(2026, 12, 24), True, False, "Overdue by 1 working day"),  # Christmas
])
def test_time_left_counts_working_days_and_hours_on_the_day(now, due, overdue, due_today, text):
    left = time_left(due, now, LANDLORD)
    assert (left.overdue, left.due_today, left.text) == (overdue, due_today, text)


@pytest.mark.parametrize("responded_at, now, expected", [
    (datetime(2026, 12, 2, 16, tzinfo=UTC), datetime(2026, 12, 3, 9, tzinfo=UTC), FirstResponse.MET),
    (datetime(2026, 12, 2, 23, 30, tzinfo=UTC), datetime(2026, 12, 3, 9, tzinfo=UTC), FirstResponse.MET),
    (datetime(2026, 12, 3, 9, tzinfo=UTC), datetime(2026, 12, 3, 9, tzinfo=UTC), FirstResponse.MET_LATE),
    (None, datetime(2026, 12, 2, 22, tzinfo=UTC), FirstResponse.PENDING),
    (None, datetime(2026, 12, 3, 0, 30, tzinfo=UTC), FirstResponse.MISSED),
])
def test_the_first_response_is_met_by_a_contact_by_the_end_of_the_due_day(responded_at, now, expected):
    assert first_response(date(2026, 12, 2), responded_at, now, LANDLORD) is expected


@pytest.mark.parametrize("postcode, district", [
    ("DE1 2AB", "DE1"), ("de22 1ab", "DE22"), ("SW1A 1AA", "SW1A"), ("DE221AB", "DE22"), (None, None), ("", None),
])
def test_the_area_is_the_postcode_district(postcode, district):
    assert postcode_district(postcode) == district
