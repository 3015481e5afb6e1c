"""Working-day due dates, table-tested across weekends and England and Wales bank holidays."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from intake.triage.deadlines import add_working_days, due_date, is_working_day, working_days_between
from tests.factories import POLICY

LANDLORD = POLICY.landlord


@pytest.mark.parametrize(
    ("reported", "days", "expected"),
    [
        (date(2026, 12, 2), 1, date(2026, 12, 3)),    # Wednesday -> Thursday
        (date(2026, 12, 4), 1, date(2026, 12, 7)),    # Friday -> Monday
        (date(2026, 12, 5), 1, date(2026, 12, 7)),    # Saturday -> Monday
        (date(2026, 12, 2), 5, date(2026, 12, 9)),    # Wednesday -> next Wednesday
        # Thursday 24 December 2026: Christmas Friday, weekend, Boxing Day substitute Monday 28th.
        (date(2026, 12, 24), 1, date(2026, 12, 29)),
        (date(2026, 12, 24), 5, date(2027, 1, 5)),    # ...and New Year's Day Friday 1 January
        (date(2027, 3, 25), 1, date(2027, 3, 30)),    # Good Friday 26 March, Easter Monday 29 March 2027
        (date(2027, 3, 26), 1, date(2027, 3, 30)),    # reported on Good Friday; Easter Monday 29th
    ],
)
def test_due_date_skips_weekends_and_bank_holidays(reported: date, days: int, expected: date) -> None:
    assert add_working_days(reported, days, LANDLORD) == expected


def test_a_report_late_on_a_uk_evening_counts_from_that_uk_day() -> None:
    # 23:30 UTC on 31 May 2027 is 00:30 on 1 June in British Summer Time.
    moment = datetime(2027, 5, 31, 23, 30, tzinfo=UTC)
    assert due_date(moment, 1, LANDLORD) == date(2027, 6, 2)


def test_bank_holidays_are_not_working_days() -> None:
    assert not is_working_day(date(2026, 12, 28), LANDLORD)
    assert is_working_day(date(2026, 12, 29), LANDLORD)


def test_working_days_between_counts_forward_and_backward() -> None:
    assert working_days_between(date(2026, 12, 24), date(2027, 1, 5), LANDLORD) == 5
    assert working_days_between(date(2027, 1, 5), date(2026, 12, 24), LANDLORD) == -5
