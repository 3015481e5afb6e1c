"""The rules for closing a case (policy 17) and for contacts, as pure functions."""

from __future__ import annotations

from enum import StrEnum


class ClosureReason(StrEnum):
    RESOLVED = "resolved"
    INSUFFICIENT_EVIDENCE = "insufficient_evidence"
    NO_CONTACT = "no_contact"
    NO_RESPONSE = "no_response"
    WITHOUT_AGREEMENT = "without_agreement"


CLOSURE_LABELS = {
    ClosureReason.RESOLVED: "Resolved, with the complainant's agreement (17.1)",
    ClosureReason.INSUFFICIENT_EVIDENCE: "Insufficient evidence for action (17.1)",
    ClosureReason.NO_CONTACT: "No contact after repeated attempts (17.2)",
    ClosureReason.NO_RESPONSE: "No response to our request for information (17.4)",
    ClosureReason.WITHOUT_AGREEMENT: "Closed without the complainant's agreement (17.3)",
}


class AttemptMethod(StrEnum):
    PHONE = "phone"
    MESSAGE = "message"
    SMS = "sms"
    EMAIL = "email"
    LETTER = "letter"
    VISIT = "visit"


class AttemptOutcome(StrEnum):
    SPOKE = "spoke"
    MESSAGE_LEFT = "message_left"
    WRITTEN = "written"
    NO_ANSWER = "no_answer"
    UNREACHABLE = "unreachable"


OUTCOME_LABELS = {
    AttemptOutcome.SPOKE: "Spoke to the resident",
    AttemptOutcome.MESSAGE_LEFT: "Left a message",
    AttemptOutcome.WRITTEN: "Sent a letter, email or message",
    AttemptOutcome.NO_ANSWER: "No answer",
    AttemptOutcome.UNREACHABLE: "Could not reach (wrong number, returned post)",
}
FAILED_OUTCOMES = frozenset({AttemptOutcome.NO_ANSWER, AttemptOutcome.UNREACHABLE})


def is_failed(outcome: str) -> bool:
    return outcome in FAILED_OUTCOMES


def closure_problems(reason: str, explanation: str, failed_contacts: int, min_failed_contacts: int) -> tuple[str, ...]:
    """Why this closure is not allowed yet; empty means it may go ahead.

    'No contact' needs the policy's number of logged failed attempts first (17.2: we do not assume things
    improved); closing without agreement needs the reasons written down (17.3).
    """
    try:
        chosen = ClosureReason(reason)
    except ValueError:
        return ("Choose a reason for closing the case.",)
    problems: list[str] = []
    if chosen is ClosureReason.NO_CONTACT and failed_contacts < min_failed_contacts:
        problems.append(
            f"'No contact' needs at least {min_failed_contacts} logged failed contact attempts; "
            f"this case has {failed_contacts}.")
    if chosen is ClosureReason.WITHOUT_AGREEMENT and not explanation.strip():
        problems.append("Explain why the case is being closed without the complainant's agreement.")
    return tuple(problems)
