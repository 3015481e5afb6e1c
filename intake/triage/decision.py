"""Triage as a pure function: from a confirmed report's answers to category, risk and deadlines."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from intake.enums import ActGroup, Category, RiskLevel
from intake.errors import BadInputError
from intake.policy import Policy
from intake.triage.deadlines import due_date
from intake.triage.risk import risk_level, risk_score


@dataclass(frozen=True)
class TriageDecision:
    types: tuple[str, ...]
    primary_type: str
    category: Category
    group: ActGroup
    risk_score: int
    risk_level: RiskLevel
    due_date: date
    first_contact_due: date
    danger_now: bool
    safeguarding: bool
    hate: bool


def decide(answers: Mapping[str, Any], policy: Policy, reported_at: datetime) -> TriageDecision:
    """The most serious type decides the category (5.12); the due date counts working days (5.16, 6.1)."""
    types = tuple(t for t in policy.seriousness if t in answers.get("types", ()))
    if not types:
        raise BadInputError("a report needs at least one ASB type")
    primary = types[0]
    category = policy.types[primary].category
    danger = bool(answers.get("danger_now") or answers.get("in_danger"))
    score = risk_score(answers, policy)
    days = policy.response_days(category)
    first_contact_days = min(days, policy.timescales["first_contact"])
    return TriageDecision(
        types=types,
        primary_type=primary,
        category=category,
        group=policy.types[primary].group,
        risk_score=score,
        risk_level=risk_level(score, policy, danger_now=danger),
        due_date=due_date(reported_at, days, policy.landlord),
        first_contact_due=due_date(reported_at, first_contact_days, policy.landlord),
        danger_now=danger,
        safeguarding=bool(answers.get("safeguarding")),
        hate=bool(answers.get("hate")) or "hate" in types,
    )
