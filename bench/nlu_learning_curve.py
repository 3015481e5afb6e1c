"""Does the model still gain from more training data? Dev figures for models trained on part of
the train split.

Why this exists: it decides whether writing more corpus is worth it, and it is why the saved model
is trained on train and dev together (`intake.nlu.training.refit_reports`). For each fraction, a
model is trained on that share of the train split (the same reports every run) for the epochs the
committed model kept, and measured on dev, which none of these models saw:
- mean average precision over the type labels (threshold-free, so fair to every fraction);
- average precision of `any_cat1`, the score behind the CAT1 guard;
- category accuracy with the guard set, on dev, as high as CAT1 recall 0.99 allows
  (`tuning.tune_cat1_any`), and with the
  guard off. Both use the committed model's type thresholds, tuned for a model trained on more
  data, so they favour the larger fractions a little; read the average precisions first.

Run from the repository root: `python bench/nlu_learning_curve.py [fractions]` (0.8 and 1.0 by
default, as `make bench` runs it; about four minutes per fraction on this machine).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from spacy.tokens import Doc  # noqa: E402
from spacy.util import fix_random_seed  # noqa: E402

from intake.enums import Category  # noqa: E402
from intake.nlu.corpus import labels_of, load_corpus, split_corpus  # noqa: E402
from intake.nlu.decision import decide  # noqa: E402
from intake.nlu.model import MODEL_DIR  # noqa: E402
from intake.nlu.pipeline import ANY_CAT1  # noqa: E402
from intake.nlu.thresholds import Thresholds  # noqa: E402
from intake.nlu.training import TrainingSettings, fit_for_epochs  # noqa: E402
from intake.nlu.tuning import CAT1_RECALL_TARGET, run_with_rules, tune_cat1_any  # noqa: E402
from intake.policy import Policy, load_policy  # noqa: E402


def average_precision(gold: list[bool], scores: list[float]) -> float:
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    found, total = 0, 0.0
    for rank, i in enumerate(order, 1):
        if gold[i]:
            found += 1
            total += found / rank
    return total / max(1, sum(gold))


def with_guard(thresholds: Thresholds, guard: float) -> Thresholds:
    return replace(thresholds, flags={**thresholds.flags, "cat1_any": guard})


def accuracy(docs: list[Doc], gold: list[Category | None], thresholds: Thresholds,
             policy: Policy) -> float:
    return sum(decide(d, thresholds, policy).category == g for d, g in zip(docs, gold)) / len(gold)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fractions", nargs="*", type=float, default=[0.8, 1.0],
                        help="shares of the train split (default: 0.8 1.0)")
    args = parser.parse_args()
    policy = load_policy()
    splits = split_corpus(load_corpus())
    dev = splits["dev"]
    thresholds = Thresholds.load(MODEL_DIR)
    epochs, words_epochs = int(thresholds.notes["epoch"]), int(thresholds.notes["words_epoch"])
    gold = [policy.category_for(r.types) if r.types else None for r in dev]
    print(f"dev: {len(dev)} reports; {epochs} linear and {words_epochs} bag-of-words epochs")
    for fraction in args.fractions:
        started = time.perf_counter()
        settings = TrainingSettings()
        train = [r for i, r in enumerate(splits["train"]) if random.Random(i).random() < fraction]
        fix_random_seed(settings.seed)
        docs = run_with_rules(fit_for_epochs(train, policy, settings, epochs, words_epochs),
                              [r.text for r in dev])
        types_ap = statistics.mean(
            average_precision([label in labels_of(r) for r in dev], [d.cats[label] for d in docs])
            for label in thresholds.types)
        any_ap = average_precision([g == Category.CAT1 for g in gold], [d.cats[ANY_CAT1] for d in docs])
        guard = tune_cat1_any(docs, dev, thresholds, policy)
        at_target = accuracy(docs, gold, with_guard(thresholds, guard), policy)
        guard_off = accuracy(docs, gold, with_guard(thresholds, 1.01), policy)
        print(f"train share {fraction:.2f} ({len(train)} reports): mean AP over types {types_ap:.4f}, "
              f"AP any_cat1 {any_ap:.4f}, category accuracy at CAT1 recall {CAT1_RECALL_TARGET} "
              f"{at_target:.4f} (guard {guard:.2f}), guard off {guard_off:.4f} "
              f"({time.perf_counter() - started:.0f} s)",
              flush=True)


if __name__ == "__main__":
    main()
