"""Decision thresholds, saved beside the model, and the one-label tuning step.

`types` holds a threshold per type label (and `not_asb`); `flags` holds `danger_now`,
`danger_now_with_rule`, `safeguarding`, `safeguarding_with_rule` and `cat1_any` (see
`intake.nlu.tuning`, which chooses them all on held-out scores: cross-fitted train and dev). When a
range of thresholds ties, the middle of the range is taken: the middle is least likely to be an
accident of the held-out reports.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

THRESHOLDS_FILE = "thresholds.json"
MIN_POSITIVES = 3


@dataclass(frozen=True)
class Band:
    """How one label is tuned: F-beta's beta and the allowed threshold range."""

    beta: float
    low: float
    high: float
    default: float


@dataclass(frozen=True)
class Thresholds:
    types: dict[str, float]
    flags: dict[str, float]
    notes: dict[str, object] = field(default_factory=dict)

    def save(self, directory: Path) -> None:
        data = {"types": self.types, "flags": self.flags, "notes": self.notes}
        (directory / THRESHOLDS_FILE).write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")

    @classmethod
    def load(cls, directory: Path) -> Thresholds:
        data = json.loads((directory / THRESHOLDS_FILE).read_text())
        return cls(types=data["types"], flags=data["flags"], notes=data.get("notes", {}))


def f_beta(true_pos: int, false_pos: int, false_neg: int, beta: float) -> float:
    b2 = beta * beta
    denominator = (1 + b2) * true_pos + b2 * false_neg + false_pos
    return (1 + b2) * true_pos / denominator if denominator else 0.0


def tune_threshold(scores: Sequence[float], gold: Sequence[bool], band: Band,
                   by_rule: Sequence[bool] | None = None) -> float:
    """The threshold in the band with the best F-beta on these dev scores (middle of any tie).

    `by_rule` marks reports a rule labels whatever the score (the hate rule adds `hate`): the
    threshold is chosen for the label as the service decides it, score or rule, so the model is
    not pushed to find again what the rule already catches."""
    if sum(gold) < MIN_POSITIVES:
        return band.default
    steps = int(round((band.high - band.low) * 100))
    grid = [round(band.low + i / 100, 2) for i in range(steps + 1)]
    ruled = list(by_rule) if by_rule is not None else [False] * len(scores)
    results = [(_score_at(scores, gold, t, band.beta, ruled), t) for t in grid]
    best = max(value for value, _ in results)
    tied = [t for value, t in results if value >= best - 1e-9]
    return tied[len(tied) // 2]


def _score_at(scores: Sequence[float], gold: Sequence[bool], threshold: float, beta: float,
              by_rule: Sequence[bool]) -> float:
    tp = fp = fn = 0
    for score, positive, ruled in zip(scores, gold, by_rule):
        predicted = score >= threshold or ruled
        tp += predicted and positive
        fp += predicted and not positive
        fn += positive and not predicted
    return f_beta(tp, fp, fn, beta)
