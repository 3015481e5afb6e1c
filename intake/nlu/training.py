"""Training the classifiers: deterministic from the corpus and a seed; the test split is unused.

Two runs with the same corpus and seed give the same weights: the split is hash-based, the shuffle
uses its own seeded generator, and spaCy/thinc/numpy are seeded (the bag of words' dropout too; the
linear classifiers have none). On one machine, byte for byte: the 24,951-report corpus trained
twice gave identical files. Across machines, within a few millionths (float summation order; the
linear weights retrained here differed from ones trained on another machine by at most 4e-6),
which changes no threshold.
The linear classifiers are trained first; then the bag of words (`pipeline.add_words_model`) is
trained beside them, with its own optimiser, and its epoch is chosen by the blended scores. Each
epoch kept is the one with the best dev macro-F1 of a model trained on train alone (at tuned
thresholds would be better, but at 0.5 is cheap and ranks epochs the same way); thresholds are
tuned on cross-fitted scores of train and dev; the saved model is then trained on train and dev
for those epochs (`refit_reports`). The test split is never looked at here. Those held-out scores
are saved beside the model, so that a rule fix can be re-tuned without training again
(`retune_thresholds`).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch
from thinc.api import SGD, Adam, Optimizer

from intake.nlu.corpus import LabelledReport, labels_of, split_corpus
from intake.enums import Category
from intake.nlu.held_out import load_scores, save_scores
from intake.nlu.pipeline import (ANY_CAT1, FLAG_LABELS, FLAGS_COMPONENT, TYPES_COMPONENT,
                                 WORDS_COMPONENT, WORDS_PREFIX, add_words_model,
                                 build_trainable_pipeline)
from intake.nlu.thresholds import Thresholds, f_beta
from intake.nlu.decision import decide
from intake.nlu.evaluation import measure
from intake.nlu.tuning import run_with_rules, tune_thresholds
from intake.policy import Policy

Progress = Callable[[str, int, float, float], None]
FOLDS = 5


@dataclass(frozen=True)
class TrainingSettings:
    seed: int = 20240601
    epochs: int = 10
    batch_size: int = 8
    learn_rate: float = 0.3
    # The bag of words, as `bench/nlu_blend.py` measured it: Adam, dropout 0.1, batches of 64
    # (three times faster than 16 for the same gain), its scores weighted 0.3 in the blend.
    words_epochs: int = 8
    words_batch_size: int = 64
    words_learn_rate: float = 0.001
    words_dropout: float = 0.1
    words_weight: float = 0.3


@dataclass(frozen=True)
class TrainedModel:
    nlp: Language
    thresholds: Thresholds
    best_epoch: int
    words_epoch: int
    dev_macro_f1: float
    # The reports the thresholds were tuned on and their scores (see `intake.nlu.held_out`).
    held_out: list[LabelledReport]
    held_out_scores: list[dict[str, float]]


def train_model(
    reports: Sequence[LabelledReport],
    policy: Policy,
    settings: TrainingSettings = TrainingSettings(),
    progress: Progress | None = None,
) -> TrainedModel:
    """Choose the epochs on dev with a model trained on train alone; tune the thresholds on
    cross-fitted scores of train and dev (see `cross_fitted`); then train the model that is saved
    on train and dev together, for the chosen epochs (see `refit_reports`). `progress(stage,
    epoch, loss, f1)`, where stage is "linear" or "words"."""
    fix_random_seed(settings.seed)
    splits = split_corpus(reports)
    probe, best_epoch, _ = _fit(splits["train"], policy, settings, settings.epochs, splits["dev"],
                                progress)
    words_epoch, best_f1 = _fit_words(probe, splits["train"], policy, settings,
                                      settings.words_epochs, splits["dev"], progress)
    refit = refit_reports(splits)
    scored = cross_fitted(refit, policy, settings, best_epoch, words_epoch)
    docs = [doc for doc, _ in scored]
    held_out = [report for _, report in scored]
    fix_random_seed(settings.seed)
    nlp = fit_for_epochs(refit, policy, settings, best_epoch, words_epoch)
    notes = {"seed": settings.seed, "epoch": best_epoch, "words_epoch": words_epoch,
             "words_weight": settings.words_weight, "dev_reports": len(splits["dev"]),
             "train_reports": len(splits["train"]), "cross_fitted_folds": FOLDS,
             "trained_on": "train and dev"}
    thresholds = tune_thresholds(docs, held_out, nlp.get_pipe(TYPES_COMPONENT).labels, policy, notes)
    thresholds.notes["held_out"] = held_out_figures(docs, held_out, thresholds, policy)
    return TrainedModel(nlp, thresholds, best_epoch=best_epoch, words_epoch=words_epoch,
                        dev_macro_f1=best_f1, held_out=held_out,
                        held_out_scores=[dict(doc.cats) for doc in docs])


def refit_reports(splits: dict[str, list[LabelledReport]]) -> list[LabelledReport]:
    """What the saved model is trained on: train and dev, every report but the test split's.

    Dev has done its work once the epochs are chosen, and the model's accuracy still grows with
    its data: trained on 80% and on all of train (14,059 and 17,394 reports), dev's mean average
    precision over the types went from 0.932 to 0.939, that of `any_cat1` from 0.975 to 0.977,
    and category accuracy at CAT1 recall 0.99 from 0.887 to 0.903 (with thresholds tuned for the
    larger model; `python bench/nlu_learning_curve.py 0.8 1.0`). Dev's 3,820 reports add
    another fifth, so they join the training, and the thresholds are tuned on scores that no
    model saw the report for (`cross_fitted` over train and dev). The price: `intake nlu
    evaluate --split dev` now measures reports the model was trained on; the held-out figures in
    the thresholds' notes and the test split are the honest ones.
    """
    return list(splits["train"]) + list(splits["dev"])


def retune_thresholds(directory: Path, reports: Sequence[LabelledReport],
                      policy: Policy) -> Thresholds:
    """The thresholds `intake nlu train` would choose with today's rules, from the held-out
    scores saved with the model in `directory` (no retraining: see `intake.nlu.held_out`)."""
    held_out = held_out_reports(split_corpus(reports))
    scores = load_scores(directory, held_out)
    docs = run_with_rules(spacy.blank("en"), [r.text for r in held_out])
    for doc, cats in zip(docs, scores):
        doc.cats = cats
    previous = Thresholds.load(directory)
    notes = {key: value for key, value in previous.notes.items() if key != "held_out"}
    thresholds = tune_thresholds(docs, held_out, list(previous.types), policy, notes)
    thresholds.notes["held_out"] = held_out_figures(docs, held_out, thresholds, policy)
    return thresholds


def held_out_reports(splits: dict[str, list[LabelledReport]]) -> list[LabelledReport]:
    """The reports the thresholds are tuned on, in the order their scores are made and saved:
    the cross-fitted folds of train and dev."""
    return [report for _, held, _ in folds(refit_reports(splits)) for report in held]


def folds(train: Sequence[LabelledReport]) -> Iterator[tuple[int, list[LabelledReport],
                                                             list[LabelledReport]]]:
    """(fold, held out, trained on) for each of the `FOLDS` folds that has both."""
    for fold in range(FOLDS):
        held = [r for i, r in enumerate(train) if i % FOLDS == fold]
        rest = [r for i, r in enumerate(train) if i % FOLDS != fold]
        if held and rest:
            yield fold, held, rest


def cross_fitted(train: Sequence[LabelledReport], policy: Policy, settings: TrainingSettings,
                 epochs: int, words_epochs: int) -> list[tuple[Doc, LabelledReport]]:
    """Every report scored by a model that did not see it (`FOLDS` folds, each trained for the
    chosen numbers of epochs on the others, bag of words and blend included).

    Before dev joined the saved model's training (`refit_reports`), dev was scored by the saved
    model and only train was cross-fitted.

    The dev split alone was too small to place the CAT1 guard (when it had 317 reports, ~98 CAT1,
    its last missed report or two decided the threshold, and guards tuned there to 97% dev recall
    reached only 95-96% on unseen text). Held-out scores for the train reports as well give the
    tuning about 5x the evidence (now ~7,100 CAT1 reports) without touching the test split.
    """
    scored: list[tuple[Doc, LabelledReport]] = []
    for fold, held, rest in folds(train):
        fold_settings = replace(settings, seed=settings.seed + fold + 1)
        fix_random_seed(fold_settings.seed)
        nlp = fit_for_epochs(rest, policy, fold_settings, epochs, words_epochs)
        scored.extend(zip(run_with_rules(nlp, [r.text for r in held]), held))
    return scored


def fit_for_epochs(reports: Sequence[LabelledReport], policy: Policy, settings: TrainingSettings,
                   epochs: int, words_epochs: int) -> Language:
    """The whole pipeline trained on these reports for epochs already chosen (no dev)."""
    nlp, _, _ = _fit(reports, policy, settings, epochs, None, None)
    _fit_words(nlp, reports, policy, settings, words_epochs, None, None)
    return nlp


def held_out_figures(docs: Sequence[Doc], reports: Sequence[LabelledReport],
                         thresholds: Thresholds, policy: Policy) -> dict[str, float | None]:
    """The decision's figures on the scores the thresholds were tuned on (train and dev, each
    cross-fitted): honest for the weights, a little optimistic for the thresholds."""
    metrics = measure(reports, [decide(doc, thresholds, policy) for doc in docs], policy)
    return {"macro_f1": round(metrics.macro_f1, 3),
            "category_accuracy": round(metrics.category_accuracy, 3),
            "cat1_recall": metrics.cat1_recall, "danger_now_recall": metrics.danger_now_recall}


def _fit(train_reports: Sequence[LabelledReport], policy: Policy, settings: TrainingSettings,
         epochs: int, dev: Sequence[LabelledReport] | None,
         progress: Progress | None) -> tuple[Language, int, float]:
    """A pipeline trained on these reports: the epoch with the best dev macro-F1 when `dev` is
    given, else the last one."""
    nlp = build_trainable_pipeline(list(policy.seriousness))
    nlp.config["initialize"]["components"] = {
        TYPES_COMPONENT: {"labels": nlp.get_pipe(TYPES_COMPONENT).labels},
        FLAGS_COMPONENT: {"labels": [*FLAG_LABELS, ANY_CAT1]},
    }
    train = [make_example(nlp, r, policy) for r in train_reports]
    nlp.initialize(lambda: train)
    # Plain SGD, not Adam: Adam gives one-off words as large a step as common ones, and this
    # sparse model then memorises the training reports (dev macro-F1 0.60 against 0.79).
    optimizer = SGD(settings.learn_rate, L2=0.0, grad_clip=10.0)
    stage = TrainingStage("linear", optimizer, settings.batch_size, dropout=0.0, trained=nlp)
    best_epoch, best_f1 = train_epochs(nlp, train, stage, epochs, settings.seed, dev, progress)
    return nlp, best_epoch, best_f1


def _fit_words(nlp: Language, train_reports: Sequence[LabelledReport], policy: Policy,
               settings: TrainingSettings, epochs: int, dev: Sequence[LabelledReport] | None,
               progress: Progress | None) -> tuple[int, float]:
    """Add the bag of words and the blend to a trained linear pipeline and train the bag of words
    alone; keep the epoch whose blended scores give the best dev macro-F1 when `dev` is given, else
    the last. Returns (epoch kept, its dev macro-F1).

    Adam suits this dense-ish exact-word model, unlike the linear classifiers (see `_fit`), and
    the linear classifiers stay frozen: each is trained by the optimiser that suits it."""
    add_words_model(nlp, settings.words_weight)
    words = nlp.get_pipe(WORDS_COMPONENT)
    train = [make_example(nlp, r, policy) for r in train_reports]
    fix_random_seed(settings.seed)
    # Its own labels only: the examples carry the linear classifiers' labels as well.
    words.initialize(lambda: train, nlp=nlp, labels=words.labels)
    frozen = tuple(name for name in nlp.pipe_names if name != WORDS_COMPONENT)
    stage = TrainingStage("words", Adam(settings.words_learn_rate), settings.words_batch_size,
                          dropout=settings.words_dropout, trained=words, frozen=frozen)
    return train_epochs(nlp, train, stage, epochs, settings.seed, dev, progress)


@dataclass(frozen=True)
class TrainingStage:
    """How one part of the pipeline is trained; `trained` is what is saved at the best epoch (the
    whole pipeline, or one component) and `frozen` the components left as they are."""
    name: str
    optimizer: Optimizer
    batch_size: int
    dropout: float
    trained: Language | TrainablePipe
    frozen: tuple[str, ...] = ()


def train_epochs(nlp: Language, train: list[Example], stage: TrainingStage, epochs: int, seed: int,
                 dev: Sequence[LabelledReport] | None, progress: Progress | None) -> tuple[int, float]:
    """Train for `epochs` and keep the epoch with the best dev macro-F1 when `dev` is given, else
    the last. Returns (epoch kept, its dev macro-F1; 0.0 without dev)."""
    shuffler = random.Random(seed)
    best = (-1.0, 0, b"")
    for epoch in range(1, epochs + 1):
        shuffler.shuffle(train)
        losses: dict[str, float] = {}
        for batch in minibatch(train, size=stage.batch_size):
            nlp.update(batch, sgd=stage.optimizer, losses=losses, drop=stage.dropout,
                       exclude=stage.frozen)
        if dev is None:
            continue
        dev_f1 = dev_macro_f1(nlp, dev)
        if progress:
            progress(stage.name, epoch, sum(losses.values()), dev_f1)
        if dev_f1 > best[0]:
            best = (dev_f1, epoch, stage.trained.to_bytes())
    if dev is None:
        return epochs, 0.0
    stage.trained.from_bytes(best[2])
    return best[1], best[0]


def make_example(nlp: Language, report: LabelledReport, policy: Policy) -> Example:
    labels = set(labels_of(report))
    cats = {label: float(label in labels) for label in nlp.get_pipe(TYPES_COMPONENT).labels}
    cats.update({flag: float(bool(getattr(report, flag))) for flag in FLAG_LABELS})
    cats[ANY_CAT1] = float(policy.category_for(report.types) == Category.CAT1)
    if WORDS_COMPONENT in nlp.pipe_names:
        cats.update({WORDS_PREFIX + label: value for label, value in list(cats.items())})
    return Example.from_dict(nlp.make_doc(report.text), {"cats": cats})


def score_reports(nlp: Language, reports: Sequence[LabelledReport]) -> list[dict[str, float]]:
    return [dict(doc.cats) for doc in nlp.pipe(r.text for r in reports)]


def dev_macro_f1(nlp: Language, reports: Sequence[LabelledReport]) -> float:
    """Macro-F1 over the type labels at 0.5: only used to choose the epoch."""
    scored = score_reports(nlp, reports)
    f1s = []
    for label in nlp.get_pipe(TYPES_COMPONENT).labels:
        gold = [label in labels_of(r) for r in reports]
        predicted = [cats[label] >= 0.5 for cats in scored]
        if any(gold):
            tp = sum(g and p for g, p in zip(gold, predicted))
            fp = sum(p and not g for g, p in zip(gold, predicted))
            fn = sum(g and not p for g, p in zip(gold, predicted))
            f1s.append(f_beta(tp, fp, fn, 1.0))
    return sum(f1s) / len(f1s) if f1s else 0.0


def save_model(trained: TrainedModel, directory: Path) -> None:
    """The model, its thresholds and the held-out scores they were tuned on."""
    directory.mkdir(parents=True, exist_ok=True)
    trained.nlp.to_disk(directory)
    trained.thresholds.save(directory)
    save_scores(directory, trained.held_out_scores, trained.held_out)
