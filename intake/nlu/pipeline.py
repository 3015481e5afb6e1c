"""How the spaCy pipeline is put together: a blank English tokenizer, two trained classifiers and
the rule components.

`types` scores the policy's ASB types plus `not_asb`; `flags` scores `danger_now` and
`safeguarding` (which the rules also raise) and `any_cat1`.
Only the classifiers are trained and saved; the rules are added when a model is loaded, so a lexicon
fix for the rules needs no retraining.

Both classifiers are hashed linear layers (`intake.nlu.features`), not spaCy's CNN. The CNN is
more accurate beside them, but it is too slow. `bench/nlu_cnn_blend.py` averages its dev scores
with these classifiers' scores at weight 0.3 and tunes both sides on dev. At CAT1 recall 0.99:
- width 64: category accuracy 0.857 -> 0.897, macro-F1 0.860 -> 0.882;
- width 32, depth 1: 0.885 and 0.878.
On one core, though, the CNN by itself runs at 1,185 and 2,025 reports/s. Added to this model's
time, either would break the service's bar of 1,000 reports/s.
"""

from __future__ import annotations

from collections.abc import Iterable

import spacy
from spacy.language import Language

import intake.nlu.features  # noqa: F401  (registers intake.HashedFeatureClassifier.v1)
import intake.nlu.rules  # noqa: F401  (registers the rule factories)
from intake.nlu.corpus import NOT_ASB
from intake.nlu.rules import RULE_COMPONENTS

TYPES_COMPONENT = "types"
FLAGS_COMPONENT = "flags"
FLAG_LABELS = ("danger_now", "safeguarding")
# Not a flag the service sees: "is any CAT1 type present", learned from all CAT1 reports at once,
# which guards the category better than the best of four separate CAT1 type scores.
ANY_CAT1 = "any_cat1"
HASH_BUCKETS = 2**17
CHAR_WEIGHT = 0.4


def build_trainable_pipeline(type_ids: Iterable[str]) -> Language:
    """A blank pipeline with untrained classifiers for these types (plus `not_asb`) and the flags."""
    nlp = spacy.blank("en")
    model = {
        "@architectures": "intake.HashedFeatureClassifier.v1",
        "length": HASH_BUCKETS,
        "char_weight": CHAR_WEIGHT,
    }
    types = nlp.add_pipe("textcat_multilabel", name=TYPES_COMPONENT, config={"model": model})
    for label in [*type_ids, NOT_ASB]:
        types.add_label(label)
    flags = nlp.add_pipe("textcat_multilabel", name=FLAGS_COMPONENT, config={"model": model})
    for label in (*FLAG_LABELS, ANY_CAT1):
        flags.add_label(label)
    return nlp


def add_rule_components(nlp: Language) -> Language:
    for name in RULE_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp
