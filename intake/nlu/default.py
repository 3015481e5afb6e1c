"""The classifier the conversation uses by default."""

from __future__ import annotations

from intake.conversation.turn import Classifier
from intake.nlu.classification import Classification
from intake.policy import Policy


def no_proposal(text: str) -> Classification:
    """Proposes nothing, so the resident picks the types from the policy's list."""
    return Classification(types=(), category=None, group=None)


def default_classifier(policy: Policy) -> Classifier:
    return no_proposal
