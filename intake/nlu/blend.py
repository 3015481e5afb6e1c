"""Averaging the bag-of-words model's scores into the linear classifiers' scores.

Two linear models that see the text differently make different mistakes, and their average ranks
reports better than either (`bench/nlu_blend.py` measured it; the same model trained twice gains
nothing). The bag-of-words component writes its scores under prefixed labels so that it cannot
overwrite the other classifiers'; this component folds them in and removes them, so everything
downstream (rules, thresholds, the decision) sees one score per label, as before.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class Blend:
    def __init__(self, prefix: str, weight: float) -> None:
        if not 0.0 <= weight <= 1.0:
            raise ValueError(f"blend weight must be between 0 and 1, not {weight}")
        self.prefix = prefix
        self.weight = weight

    def __call__(self, doc: Doc) -> Doc:
        cats = doc.cats
        for key in [key for key in cats if key.startswith(self.prefix)]:
            second = cats.pop(key)
            label = key[len(self.prefix):]
            if label in cats:
                cats[label] = (1.0 - self.weight) * cats[label] + self.weight * second
        return doc


@Language.factory("intake_blend")
def make_blend(nlp: Language, name: str, prefix: str, weight: float) -> Blend:
    """No defaults: `pipeline.add_words_model` names the prefix and training the weight, and a saved
    model's config carries both."""
    return Blend(prefix, weight)
