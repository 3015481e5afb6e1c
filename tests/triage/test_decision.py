"""Triage decisions as a table: the most serious type decides (5.12), risk from the matrix."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from intake.enums import Category, RiskLevel
from intake.errors import BadInputError
from intake.triage.decision import decide
from intake.triage.risk import may_share, risk_level
from tests.factories import POLICY

WEDNESDAY = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


def answers(*types: str, **extra: object) -> dict[str, object]:
    return {"types": list(types), **extra}


@pytest.mark.parametrize(
    ("types", "category", "primary", "due"),
    [
        (("noise",), Category.CAT2, "noise", date(2026, 12, 9)),
        (("noise", "drugs"), Category.CAT2, "drugs", date(2026, 12, 9)),
        (("noise", "harassment"), Category.CAT1, "harassment", date(2026, 12, 3)),
        (("litter_fly_tipping", "garden", "hate"), Category.CAT1, "hate", date(2026, 12, 3)),
        (("domestic_abuse", "violence"), Category.CAT1, "violence", date(2026, 12, 3)),
    ],
)
def test_the_most_serious_type_decides_category_and_due_date(types, category, primary, due) -> None:
    decision = decide(answers(*types), POLICY, WEDNESDAY)
    assert (decision.category, decision.primary_type, decision.due_date) == (category, primary, due)


def test_types_come_out_most_serious_first() -> None:
    assert decide(answers("noise", "violence", "drugs"), POLICY, WEDNESDAY).types == ("violence", "drugs", "noise")


def test_a_report_with_no_type_cannot_be_triaged() -> None:
    with pytest.raises(BadInputError):
        decide(answers(), POLICY, WEDNESDAY)


@pytest.mark.parametrize(
    ("yes_answers", "level"),
    [
        ((), RiskLevel.LOW),
        (("children",), RiskLevel.LOW),
        (("feel_unsafe", "children"), RiskLevel.MEDIUM),
        (("feel_unsafe", "health", "vulnerable"), RiskLevel.HIGH),
    ],
)
def test_risk_level_comes_from_the_matrix_scores(yes_answers, level) -> None:
    given = answers("noise", **{f"risk.{q}": True for q in yes_answers})
    assert decide(given, POLICY, WEDNESDAY).risk_level is level


def test_someone_in_danger_now_is_high_risk_whatever_they_answered() -> None:
    assert risk_level(0, POLICY, danger_now=True) is RiskLevel.HIGH
    assert decide(answers("noise", in_danger=True), POLICY, WEDNESDAY).risk_level is RiskLevel.HIGH


@pytest.mark.parametrize(
    ("level", "consent", "shared"),
    [(RiskLevel.HIGH, True, True), (RiskLevel.MEDIUM, True, True), (RiskLevel.HIGH, False, False),
     (RiskLevel.LOW, True, False), (RiskLevel.MEDIUM, None, False)],
)
def test_risk_is_shared_with_partners_only_from_medium_and_only_with_consent(level, consent, shared) -> None:
    assert may_share(level, consent, POLICY) is shared
