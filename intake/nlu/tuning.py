"""Choosing every threshold on the dev split: types, flags (with and without a rule) and CAT1.

Types are tuned one by one (F1, CAT1 types a little towards recall). Missing CAT1 is then guarded
at the level that matters, the category: if no CAT1 type passed its threshold but the `any_cat1`
score reaches `cat1_any`, the report gets its likeliest CAT1 type. Tuning this one number towards
CAT1 recall keeps the recall bias from spraying extra CAT1 labels over every report.

A flag fires when its classifier's score passes `<flag>`, or when its rule fired and the score
passes the lower `<flag>_with_rule`: the rule and the model vouch for each other.
"""

from __future__ import annotations

from collections.abc import Sequence

import spacy
from spacy.language import Language

from intake.enums import Category
from intake.nlu.corpus import NOT_ASB, LabelledReport, labels_of
from intake.nlu.pipeline import ANY_CAT1, FLAG_LABELS, TYPES_COMPONENT, add_rule_components
from intake.nlu.thresholds import Band, Thresholds, f_beta, tune_threshold
from intake.policy import Policy

CAT1_TYPE = Band(beta=1.5, low=0.1, high=0.6, default=0.4)
BALANCED = Band(beta=1.0, low=0.15, high=0.7, default=0.5)
CAT1_ANY = Band(beta=2.0, low=0.1, high=0.6, default=0.3)
FLAG_BETA = {"danger_now": 3.0, "safeguarding": 2.0}
_GRID = [round(i / 20, 2) for i in range(1, 20)]


def tune_thresholds(nlp: Language, dev: Sequence[LabelledReport], policy: Policy,
                    notes: dict[str, object]) -> Thresholds:
    texts = [r.text for r in dev]
    scored = [dict(doc.cats) for doc in nlp.pipe(texts)]
    rules = [doc for doc in add_rule_components(spacy.blank("en")).pipe(texts)]
    types = {}
    for label in nlp.get_pipe(TYPES_COMPONENT).labels:
        band = CAT1_TYPE if label in policy.types and _is_cat1(label, policy) else BALANCED
        types[label] = tune_threshold([c[label] for c in scored],
                                      [label in labels_of(r) for r in dev], band)
    flags: dict[str, float] = {}
    for flag in FLAG_LABELS:
        fired = [bool(getattr(doc._, f"rule_{flag}")) for doc in rules]
        vetoed = [flag == "danger_now" and bool(doc._.rule_past_only) for doc in rules]
        gold = [bool(getattr(r, flag)) for r in dev]
        flags[flag], flags[f"{flag}_with_rule"] = tune_flag(
            [c[flag] for c in scored], fired, vetoed, gold, FLAG_BETA[flag])
    flags["cat1_any"] = tune_cat1_any(scored, dev, types, policy)
    return Thresholds(types=types, flags=flags, notes=notes)


def tune_flag(scores: Sequence[float], fired: Sequence[bool], vetoed: Sequence[bool],
              gold: Sequence[bool], beta: float) -> tuple[float, float]:
    """(alone, with rule) thresholds with the best F-beta; ties prefer trusting the model less."""
    best: tuple[float, float, float] = (-1.0, 0.5, 0.5)
    for alone in _GRID:
        for with_rule in [0.0, *[t for t in _GRID if t <= alone]]:
            predicted = [(s >= alone and not v) or (f and s >= with_rule)
                         for s, f, v in zip(scores, fired, vetoed)]
            value = _f(predicted, gold, beta)
            if value > best[0] + 1e-9:
                best = (value, alone, with_rule)
    return best[1], best[2]


def tune_cat1_any(scored: Sequence[dict[str, float]], dev: Sequence[LabelledReport],
                  types: dict[str, float], policy: Policy) -> float:
    cat1 = [t for t in policy.seriousness if _is_cat1(t, policy)]
    gold = [policy.category_for(r.types) == Category.CAT1 for r in dev]
    by_type = [any(c[t] >= types[t] for t in cat1) for c in scored]
    best_cat1 = [c[ANY_CAT1] for c in scored]
    results = []
    for threshold in _GRID:
        if CAT1_ANY.low <= threshold <= CAT1_ANY.high:
            predicted = [t or s >= threshold for t, s in zip(by_type, best_cat1)]
            results.append((_f(predicted, gold, CAT1_ANY.beta), threshold))
    top = max(value for value, _ in results)
    return max(t for value, t in results if value >= top - 1e-9)


def _f(predicted: Sequence[bool], gold: Sequence[bool], beta: float) -> float:
    tp = sum(p and g for p, g in zip(predicted, gold))
    fp = sum(p and not g for p, g in zip(predicted, gold))
    fn = sum(g and not p for p, g in zip(predicted, gold))
    return f_beta(tp, fp, fn, beta)


def _is_cat1(type_id: str, policy: Policy) -> bool:
    return type_id != NOT_ASB and policy.types[type_id].category == Category.CAT1
