"""The complainant Risk Assessment Matrix: a score from the answers, and a level from the policy's thresholds."""

from __future__ import annotations

from collections.abc import Mapping

from intake.enums import RiskLevel
from intake.policy import Policy


def risk_score(answers: Mapping[str, object], policy: Policy) -> int:
    """Sum of the scores of questions answered yes; a skipped question adds nothing."""
    return sum(q.score for q in policy.risk_questions if answers.get(f"risk.{q.id}") is True)


def risk_level(score: int, policy: Policy, *, danger_now: bool = False) -> RiskLevel:
    """Someone in danger now is high risk whatever else they answered."""
    if danger_now or score >= policy.risk_high:
        return RiskLevel.HIGH
    if score >= policy.risk_medium:
        return RiskLevel.MEDIUM
    return RiskLevel.LOW


LEVEL_ORDER = {RiskLevel.LOW: 0, RiskLevel.MEDIUM: 1, RiskLevel.HIGH: 2}


def may_share(level: RiskLevel, consent: bool | None, policy: Policy) -> bool:
    """Policy 16.0: medium or high risk is shared with partners, and only with consent."""
    return bool(consent) and LEVEL_ORDER[level] >= LEVEL_ORDER[policy.share_from_risk]
