"""How the spaCy pipeline is put together: a blank English tokenizer, three trained classifiers,
a blend, and the rule components.

`types` scores the policy's ASB types plus `not_asb`; `flags` scores `danger_now` and
`safeguarding` (which the rules also raise) and `any_cat1`. Both are hashed linear layers over
our own features (`intake.nlu.features`). `words` is spaCy's bag of words (exact-case words and
word pairs) scoring all of those labels again, and `blend` averages its scores into theirs at a
fixed weight (`intake.nlu.blend`).
Only the classifiers are trained and saved (with the blend's weight in the config); the rules are
added when a model is loaded, so a lexicon fix for the rules needs no retraining.

Why a second model, and why this one: `bench/nlu_blend.py` averages a second model's dev scores
with the linear classifiers' at weight 0.3 and tunes both sides on dev. At CAT1 recall 0.99 the
linear classifiers alone have category accuracy 0.857 and macro-F1 0.860. With a second model:
- spaCy's CNN, width 64: 0.897 and 0.882, but 1,185 reports/s by itself on one core;
- the CNN at width 32, depth 1: 0.885 and 0.878, at 2,025 reports/s;
- spaCy's bag of words with 2**18 hash rows: 0.880 and 0.868 (0.887 and 0.870 in batches of 64),
  at 4,389 reports/s; with 2**17 rows 0.882 and 0.869, with 2**16 only 0.869 and 0.865;
- the linear model trained again with another seed: no gain.
Either CNN would break the service's bar of 1,000 reports/s, so the bag of words joined, at 2**17
rows (10.5 MB of weights; 2**18 would double that). Trained in full (`intake nlu train`, dev plus
cross-fitted train), at the same held-out CAT1 recall (0.990) it raised held-out category accuracy
from 0.857 to 0.867 and macro-F1 from 0.850 to 0.856; at 2**16 rows the category gain was gone
(0.858). It costs about 0.1 ms a report: `bench/nlu_bench.py`, run twice each way in turn, gave
a classify median of 0.566-0.579 ms against 0.457-0.500, and `intake classify` over 5,000 lines
1,674-1,714 reports/s against 1,786-1,852.
A CNN on top of this blend (`bench/nlu_blend.py --base full`, weight 0.3, batches of 64) adds
little at CAT1 recall 0.99: category accuracy 0.880 becomes 0.876 (width 32, depth 1; 4,874
reports/s alone) or 0.886 (width 64, depth 2; 1,959 reports/s), macro-F1 0.868 becomes 0.875 or
0.878. Not worth its time.
"""

from __future__ import annotations

from collections.abc import Iterable

import spacy
from spacy.language import Language

import intake.nlu.blend  # noqa: F401  (registers the intake_blend factory)
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
WORDS_COMPONENT = "words"
BLEND_COMPONENT = "blend"
WORDS_PREFIX = "words|"
WORDS_HASH_ROWS = 2**17


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


def add_words_model(nlp: Language, weight: float) -> Language:
    """The untrained bag of words over every label the linear classifiers score (prefixed, see
    `intake.nlu.blend`), and the blend that folds its scores in at `weight`."""
    words = nlp.add_pipe("textcat_multilabel", name=WORDS_COMPONENT, config={"model": {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "ngram_size": 2,
        "no_output_layer": False, "length": WORDS_HASH_ROWS}})
    for label in blended_labels(nlp):
        words.add_label(WORDS_PREFIX + label)
    nlp.add_pipe("intake_blend", name=BLEND_COMPONENT,
                 config={"prefix": WORDS_PREFIX, "weight": weight})
    return nlp


def blended_labels(nlp: Language) -> list[str]:
    return [*nlp.get_pipe(TYPES_COMPONENT).labels, *nlp.get_pipe(FLAGS_COMPONENT).labels]


def add_rule_components(nlp: Language) -> Language:
    for name in RULE_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp
