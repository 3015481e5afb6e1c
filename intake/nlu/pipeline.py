"""How the spaCy pipeline is put together: a blank English tokenizer, two trained classifiers and
the rule components.

`types` scores the policy's ASB types plus `not_asb`; `flags` scores `danger_now` and
`safeguarding` (which the rules also raise) and `any_cat1`.
Only the classifiers are trained and saved; the rules are added when a model is loaded, so a lexicon
fix for the rules needs no retraining.

Both classifiers are hashed linear layers (`intake.nlu.features`). A second, different model beside
them helps, and speed decides which one. `bench/nlu_blend.py` averages a second model's dev scores
with these classifiers' at weight 0.3 and tunes both sides on dev. At CAT1 recall 0.99 this model
alone has category accuracy 0.857 and macro-F1 0.860. With a second model:
- spaCy's CNN, width 64: 0.897 and 0.882, but 1,185 reports/s by itself on one core;
- the CNN at width 32, depth 1: 0.885 and 0.878, at 2,025 reports/s;
- spaCy's bag of words (exact-case words and pairs): 0.880 and 0.868, at 4,389 reports/s;
- this same model trained with another seed: no gain.
Either CNN would break the service's bar of 1,000 reports/s. The bag of words is the candidate:
trained in batches of 64 it takes 16 s an epoch, not 55, and gives 0.887 and 0.870. Its time
would fall on the 5,000-line bar, which is already tight on a slow machine.
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
