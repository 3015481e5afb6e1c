"""The classifier the conversation uses: the trained model, loaded once per process on first use."""

from __future__ import annotations

from intake.conversation.turn import Classifier
from intake.nlu.classification import Classification
from intake.policy import Policy


def default_classifier(policy: Policy) -> Classifier:
    """`intake.nlu.classify` bound to the landlord's policy (which decides seriousness and category)."""
    from intake.nlu import classify

    def classify_with_policy(text: str) -> Classification:
        return classify(text, policy)

    return classify_with_policy


def warm_up(classifier: Classifier) -> None:
    """Load the model before the first resident waits for it (spaCy's import and the model take ~2 s)."""
    classifier("warm up")
