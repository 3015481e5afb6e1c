"""Would a second spaCy model beside the hashed linear model pay its way? Accuracy against speed.

Why this exists: the committed classifiers are hashed sparse linear layers (`intake.nlu.features`).
A hidden layer over the same features gained nothing, and neither does the same model trained
with another seed, so this measures models that see the text differently, trained with Adam on
the train split, their epoch chosen on dev (this is how the bag of words now in the committed
model was chosen; the base is the committed linear classifiers with it switched off, or with
`--base full` the whole committed model, to measure a third model on top):
- `--model cnn`: spaCy's own `TextCatEnsemble.v2`, a CNN over hashed word embeddings (by default
  width 64 and depth 2; `--width 32 --depth 1` is smaller) plus its bag of words;
- `--model bow`: spaCy's `TextCatBOW.v3` alone, exact-case words and word pairs, in `--length`
  hash rows.
Its dev scores are averaged with the base's dev scores at a few weights, and every
threshold is tuned on dev for each blend alike (the same optimism for all, so the rows compare
fairly, but they are not test figures). Then the second model alone is timed, pinned to one core,
as the service would run it.

Run from the repository root: `python bench/nlu_blend.py --model cnn` (about 15 minutes on this
machine; `bow` about 8, or 3 with `--batch-size 64`).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

import numpy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.training import Example  # noqa: E402
from spacy.util import fix_random_seed  # noqa: E402
from thinc.api import Adam  # noqa: E402

from intake.enums import Category  # noqa: E402
from intake.nlu import tuning  # noqa: E402
from intake.nlu.corpus import NOT_ASB, LabelledReport, load_corpus, split_corpus  # noqa: E402
from intake.nlu.decision import decide  # noqa: E402
from intake.nlu.evaluation import measure  # noqa: E402
from intake.nlu.model import load_model  # noqa: E402
from intake.nlu.pipeline import (ANY_CAT1, BLEND_COMPONENT, FLAG_LABELS,  # noqa: E402
                                 TYPES_COMPONENT, WORDS_COMPONENT)
from intake.nlu.training import (TrainingStage, make_example, score_reports,  # noqa: E402
                                 train_epochs)
from intake.policy import Policy, load_policy  # noqa: E402
from nlu_bench import pin_to_one_core  # noqa: E402  (bench/ is on the path when run as a script)

SEED = 20240601
EPOCHS = 8
BLEND_WEIGHTS = (0.0, 0.3, 0.5)
RECALL_TARGETS = (0.98, 0.99)
TIMED_TEXTS = 3000


def all_labels(policy: Policy) -> list[str]:
    return [*policy.seriousness, NOT_ASB, *FLAG_LABELS, ANY_CAT1]


def bow_architecture(length: int) -> dict:
    """`length` hash rows: spaCy's default 2**18 is 21 MB of weights for these 20 labels."""
    return {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "ngram_size": 2,
            "no_output_layer": False, "length": length}


def cnn_architecture(width: int, depth: int) -> dict:
    """spaCy's default `textcat_multilabel` model, at the given CNN width and depth."""
    return {
        "@architectures": "spacy.TextCatEnsemble.v2",
        "tok2vec": {
            "@architectures": "spacy.Tok2Vec.v2",
            "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": width,
                      "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
                      "rows": [5000, 1000, 2500, 2500], "include_static_vectors": False},
            "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": width,
                       "window_size": 1, "maxout_pieces": 3, "depth": depth},
        },
        "linear_model": {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False,
                         "ngram_size": 1, "no_output_layer": False},
    }


def build_second(labels: list[str], architecture: dict) -> Language:
    """Named like the committed model's `types` component, so `training`'s helpers apply."""
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat_multilabel", name=TYPES_COMPONENT,
                           config={"model": architecture})
    for label in labels:
        textcat.add_label(label)
    return nlp


def train_second(train: list[LabelledReport], dev: list[LabelledReport], policy: Policy,
                 architecture: dict, batch_size: int) -> list[dict[str, float]]:
    """The second model's dev scores at its best epoch (dev macro-F1 over the types at 0.5),
    trained by the same epoch loop as the committed model's bag of words."""
    fix_random_seed(SEED)
    nlp = build_second(all_labels(policy), architecture)
    examples = [make_example(nlp, r, policy) for r in train]
    nlp.initialize(lambda: examples)
    stage = TrainingStage("second", Adam(0.001), batch_size, dropout=0.1, trained=nlp)
    started = time.perf_counter()

    def report(_: str, epoch: int, loss: float, f1: float) -> None:
        nonlocal started
        print(f"  epoch {epoch}: dev macro-F1 at 0.5 {f1:.3f}, "
              f"{time.perf_counter() - started:.0f} s", flush=True)
        started = time.perf_counter()

    train_epochs(nlp, examples, stage, EPOCHS, SEED, dev, report)
    return score_reports(nlp, dev)


def auc(scores: list[float], gold: list[bool]) -> float:
    """Area under the ROC curve: the chance a random positive outscores a random negative."""
    values, positive = numpy.asarray(scores), numpy.asarray(gold, dtype=bool)
    ranks = numpy.empty(len(values))
    ranks[numpy.argsort(values, kind="stable")] = numpy.arange(1, len(values) + 1)
    n_pos, n_neg = positive.sum(), len(positive) - positive.sum()
    return float((ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def compare_blends(second_scores: list[dict[str, float]], dev: list[LabelledReport],
                   policy: Policy, base: str) -> None:
    """`base` "linear": the committed linear classifiers alone (how the bag of words was chosen);
    "full": the committed model's blended scores, for a third model on top."""
    loaded = load_model()
    disabled = [WORDS_COMPONENT, BLEND_COMPONENT] if base == "linear" else []
    docs = list(loaded.nlp.pipe((r.text for r in dev), disable=disabled))
    linear = [dict(doc.cats) for doc in docs]
    type_labels = list(loaded.nlp.get_pipe(TYPES_COMPONENT).labels)
    any_cat1_gold = [policy.category_for(r.types) == Category.CAT1 for r in dev]
    print("\nsecond model's weight | any_cat1 AUC | tuned to CAT1 recall | macro-F1 | "
          "category accuracy | CAT1 recall | danger_now recall")
    for weight in BLEND_WEIGHTS:
        for doc, lin, second in zip(docs, linear, second_scores):
            for label, score in lin.items():
                doc.cats[label] = (1 - weight) * score + weight * second.get(label, score)
        area = auc([doc.cats[ANY_CAT1] for doc in docs], any_cat1_gold)
        for target in RECALL_TARGETS:
            with mock.patch.object(tuning, "CAT1_RECALL_TARGET", target):
                thresholds = tuning.tune_thresholds(docs, dev, type_labels, policy, {})
            m = measure(dev, [decide(doc, thresholds, policy) for doc in docs], policy)
            print(f"{weight:.1f} | {area:.4f} | {target:.2f} | {m.macro_f1:.3f} | "
                  f"{m.category_accuracy:.3f} | {m.cat1_recall:.3f} | {m.danger_now_recall:.3f}")


def time_second(texts: list[str], policy: Policy, architecture: dict) -> None:
    """Speed does not depend on the weights, so an untrained model of the same shape is timed."""
    pin_to_one_core()
    nlp = build_second(all_labels(policy), architecture)
    nlp.initialize(lambda: [Example.from_dict(nlp.make_doc(t), {"cats": {}}) for t in texts[:50]])
    started = time.perf_counter()
    list(nlp.pipe(texts[:TIMED_TEXTS], batch_size=256))
    rate = TIMED_TEXTS / (time.perf_counter() - started)
    latencies = []
    for text in texts[:500]:
        started = time.perf_counter()
        nlp(text)
        latencies.append(time.perf_counter() - started)
    print(f"\nthe second model alone, one core: nlp.pipe {rate:,.0f} reports/s; one report median "
          f"{statistics.median(latencies) * 1000:.3f} ms, p99 "
          f"{sorted(latencies)[int(len(latencies) * 0.99)] * 1000:.3f} ms "
          "(added to the committed model's own time, not instead of it)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=["cnn", "bow"], default="cnn")
    parser.add_argument("--width", type=int, default=64)
    parser.add_argument("--depth", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--length", type=int, default=2**18, help="bag-of-words hash rows")
    parser.add_argument("--base", choices=["linear", "full"], default="linear",
                        help="blend with the linear classifiers alone, or with the whole model")
    args = parser.parse_args()
    architecture = (cnn_architecture(args.width, args.depth) if args.model == "cnn"
                    else bow_architecture(args.length))
    policy = load_policy()
    splits = split_corpus(load_corpus())
    shape = (f"a CNN of width {args.width}, depth {args.depth}" if args.model == "cnn"
             else f"a BOW of {args.length:,} rows")
    print(f"Training {shape} on "
          f"{len(splits['train']):,} reports, choosing the epoch on "
          f"{len(splits['dev']):,} dev reports", flush=True)
    second_scores = train_second(splits["train"], splits["dev"], policy, architecture,
                                 args.batch_size)
    compare_blends(second_scores, splits["dev"], policy, args.base)
    time_second([r.text for r in splits["dev"]], policy, architecture)


if __name__ == "__main__":
    main()
