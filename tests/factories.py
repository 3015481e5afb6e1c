"""Keyword-default factories and small test doubles shared by tests."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from intake.errors import SendError
from intake.nlu.classification import Classification
from intake.outbox import Outgoing
from intake.policy import load_policy

POLICY = load_policy()


# Words the test double recognises; enough for the dialogues below to get predictable proposals.
DEFAULT_RULES: dict[str, tuple[str, ...]] = {
    "noise": ("music", "loud", "noise"),
    "drugs": ("drugs", "weed", "skunk"),
    "harassment": ("threat", "kill", "burn the flat"),
    "violence": ("punched", "hit me"),
}


def fixed_classifier(
    rules: dict[str, Iterable[str]] | None = None, danger_words: Iterable[str] = ("knife",),
    confidence: float = 0.9,
) -> Callable[[str], Classification]:
    """A transparent stand-in for the trained model in dialogue tests: word -> type rules, nothing else.

    Tests of the real model live in tests/nlu; dialogue tests need proposals they can predict.
    """
    rules = DEFAULT_RULES if rules is None else rules

    def classify(text: str) -> Classification:
        lowered = text.lower()
        found = [t for t, words in rules.items() if any(w in lowered for w in words)]
        types = tuple(t for t in POLICY.seriousness if t in found)
        danger = any(w in lowered for w in danger_words)
        return Classification(types=types, category=POLICY.category_for(types),
                              group=POLICY.types[types[0]].group if types else None,
                              danger_now=danger, confidence=confidence if types else 0.0)

    return classify


class RecordingSender:
    """Records what it is asked to send; can be told to fail a number of times first."""

    def __init__(self) -> None:
        self.sent: list[Outgoing] = []
        self.failures: list[SendError] = []

    def fail_with(self, *errors: SendError) -> None:
        self.failures.extend(errors)

    def send(self, message: Outgoing) -> str:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append(message)
        return f"recorded-{message.id}"


# The answers a resident gives for a complete named report of noise and drugs, question by question.
# Used by several channels' tests; each pair is (resident says, words expected in the service's reply).
NOISE_AND_DRUGS_REPORT: list[tuple[str, str]] = [
    ("hello", "Is anyone in danger right now?"),
    ("no", "Please tell us what is happening"),
    ("loud music every night and people dealing drugs on the landing", "It sounds like drugs"),
    ("yes", "When did it happen"),
    ("since last month, most nights", "Is it still happening?"),
    ("yes", "Where is it happening?"),
    ("Flat 4, 12 Example Road, DE1 2AB", "Do you know who is responsible?"),
    ("skip", "Do you feel unsafe"),
    ("no", "physical or mental health"),
    ("yes", "disability"),
    ("no", "children"),
    ("no", "targeted"),
    ("no", "moving home"),
    ("no", "reported this to us before"),
    ("1", "name and contact details"),
    ("Give my details", "What is your name?"),
    ("Sam Taylor", "How would you like us to contact you?"),
    ("text", "What phone number"),
    ("07700 900123", "When is it safe to contact you?"),
    ("any time", "leave you a message"),
    ("yes", "receive our letters and updates"),
    ("standard", "Which language"),
    ("English", "share your report"),
    ("yes", "Here is your report"),
    ("send", "Your reference is ASB-"),
]
