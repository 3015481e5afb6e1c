"""Policy 17's closing rules as a table."""

from __future__ import annotations

import pytest

from intake.triage.closure import closure_problems, is_failed


@pytest.mark.parametrize("reason, explanation, failed, allowed", [
    ("resolved", "", 0, True),
    ("insufficient_evidence", "", 0, True),
    ("no_response", "", 0, True),
    ("no_contact", "", 2, False),
    ("no_contact", "", 3, True),
    ("no_contact", "", 4, True),
    ("without_agreement", "", 5, False),
    ("without_agreement", "   ", 5, False),
    ("without_agreement", "Mediation offered twice; no further action possible.", 0, True),
    ("", "", 9, False),
    ("because", "", 9, False),
])
def test_a_case_closes_only_for_a_reason_the_policy_allows(reason, explanation, failed, allowed):
    problems = closure_problems(reason, explanation, failed, min_failed_contacts=3)
    assert (not problems) is allowed, problems


def test_the_no_contact_refusal_says_how_many_attempts_are_needed_and_made():
    (problem,) = closure_problems("no_contact", "", 1, min_failed_contacts=3)
    assert "at least 3" in problem and "has 1" in problem


@pytest.mark.parametrize("outcome, failed", [
    ("no_answer", True), ("unreachable", True), ("spoke", False), ("message_left", False), ("written", False),
])
def test_only_unanswered_and_unreachable_contacts_count_as_failed(outcome, failed):
    assert is_failed(outcome) is failed
