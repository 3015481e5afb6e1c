"""What one step of the conversation can see and return."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from gettext import NullTranslations
from typing import Any

from intake.conversation.answers import normalise
from intake.messages import Inbound, Reply
from intake.nlu.classification import Classification
from intake.policy import Policy

Classifier = Callable[[str], Classification]


@dataclass
class Turn:
    policy: Policy
    tr: NullTranslations
    classify: Classifier
    inbound: Inbound
    answers: dict[str, Any]

    def _(self, message: str) -> str:
        return self.tr.gettext(message)

    def said(self, text: str, english: str) -> bool:
        """Whether the resident typed (or tapped) this word, in English or in their language."""
        return normalise(text) in {normalise(english), normalise(self._(english))}


@dataclass(frozen=True)
class Taken:
    """An accepted answer: the keys to store, and anything to say before the next question."""

    updates: dict[str, Any]
    say: tuple[Reply, ...] = field(default=())
