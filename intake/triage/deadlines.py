"""Working-day deadlines: weekends and the landlord's bank holidays do not count.

A report counts from the day it arrives, in the landlord's time zone; "within 1 working day" means by
the end of the next working day after that.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from intake.policy import Landlord


@lru_cache(maxsize=8)
def _bank_holidays(country: str, subdivision: str) -> holidays.HolidayBase:
    return holidays.country_holidays(country, subdiv=subdivision or None)


def is_working_day(day: date, landlord: Landlord) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(landlord.holiday_country, landlord.holiday_subdivision)


def add_working_days(start: date, days: int, landlord: Landlord) -> date:
    """The date `days` working days after `start` (start itself never counts)."""
    day = start
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day, landlord):
            remaining -= 1
    return day


def local_date(moment: datetime, landlord: Landlord) -> date:
    return moment.astimezone(ZoneInfo(landlord.timezone)).date()


def due_date(reported_at: datetime, days: int, landlord: Landlord) -> date:
    return add_working_days(local_date(reported_at, landlord), days, landlord)


def working_days_between(start: date, end: date, landlord: Landlord) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is earlier."""
    if end < start:
        return -working_days_between(end, start, landlord)
    return sum(1 for n in range(1, (end - start).days + 1) if is_working_day(start + timedelta(days=n), landlord))
