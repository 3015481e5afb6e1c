"""Steps about the impact (the Risk Assessment Matrix) and earlier reports (Case Review eligibility)."""

from __future__ import annotations

from intake.conversation import answers as parse
from intake.conversation.turn import Taken, Turn
from intake.messages import Choice, Reply
from intake.policy import RiskQuestion


def risk_key(question: RiskQuestion) -> str:
    return f"risk.{question.id}"


def ask_risk(question: RiskQuestion):  # type: ignore[no-untyped-def]
    def ask(t: Turn) -> Reply:
        return Reply(
            t._(question.text),
            (Choice("yes", t._("Yes")), Choice("no", t._("No")), Choice("skip", t._("Skip"))),
        )

    return ask


def take_risk(question: RiskQuestion):  # type: ignore[no-untyped-def]
    def take(t: Turn, text: str) -> Taken:
        choices = ask_risk(question)(t).choices
        value = parse.parse_choice(text, choices, {"yes": parse.YES, "no": parse.NO, "skip": parse.SKIP})
        return Taken({risk_key(question): None if value == "skip" else value == "yes"})

    return take


REPORTED_BEFORE = {"none": 0, "some": 1, "many": 3}


def ask_reported_before(t: Turn) -> Reply:
    return Reply(
        t._("Have you reported this to us before in the last {months} months?").format(
            months=t.policy.case_review.months
        ),
        (
            Choice("none", t._("No, this is the first time")),
            Choice("some", t._("Yes, once or twice")),
            Choice("many", t._("Yes, three times or more")),
        ),
    )


def take_reported_before(t: Turn, text: str) -> Taken:
    synonyms = {"none": parse.NO | {"first time"}, "some": {"once", "twice"}, "many": {"lots", "loads", "many"}}
    value = parse.parse_choice(text, ask_reported_before(t).choices, synonyms)
    return Taken({"reported_before": REPORTED_BEFORE[value]})
